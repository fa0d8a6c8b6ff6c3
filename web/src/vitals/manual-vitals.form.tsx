/**
 * Manual vital signs, phone-friendly (in the chart's Målinger): numbers typed with a decimal
 * keyboard and hinted when implausible, ACVPU and oxygen as radio buttons, "Bekymret for
 * patienten"; POST /api/vitals/patients/:id (ManualVitals) → the score, or what is missing for one.
 * A 400's OperationOutcome is shown field by field.
 */
import { useId, useState, type FormEvent } from 'react';
import type { Acvpu, ManualVitalsResult } from '../../../src/vitals/api-types.ts';
import { ApiError } from '../api/api-client.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { ErrorMessage } from '../ui/error-message.tsx';
import { postManualVitals } from './vitals.api.ts';
import { AcvpuFieldset, OxygenFieldset, ScoreSummary } from './vitals.components.tsx';
import { buildManualVitals, MANUAL_FIELDS, outcomeByField, rangeHint, type ManualField } from './vitals.helpers.ts';

type OutcomeField = ManualField | 'consciousness' | 'supplementalOxygen' | 'concern';
const OUTCOME_FIELDS: readonly OutcomeField[] = [...MANUAL_FIELDS, 'consciousness', 'supplementalOxygen', 'concern'];

export function ManualVitalsForm({ patientId, onSaved }: { patientId: string; onSaved(): void }) {
  const { t: all } = useI18n();
  const t = all.vitals.chart;
  const base = useId();
  const headingId = `${base}-heading`;
  const [values, setValues] = useState<Partial<Record<ManualField, string>>>({});
  const [consciousness, setConsciousness] = useState<Acvpu | undefined>(undefined);
  const [oxygen, setOxygen] = useState<boolean | undefined>(undefined);
  const [concern, setConcern] = useState(false);
  const [errors, setErrors] = useState<Partial<Record<OutcomeField, string>>>({});
  const [general, setGeneral] = useState<readonly string[]>([]);
  const [failure, setFailure] = useState<unknown>(undefined);
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<ManualVitalsResult | undefined>(undefined);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setFailure(undefined);
    setGeneral([]);
    setResult(undefined);
    const built = buildManualVitals({ values, consciousness, supplementalOxygen: oxygen, concern });
    const local: Partial<Record<OutcomeField, string>> = {};
    for (const f of built.invalid) local[f] = t.notNumber;
    setErrors(local);
    if (built.empty && built.invalid.length === 0) return setGeneral([t.nothingEntered]);
    if (!built.body) return focusFirstError(base, built.invalid[0]);
    setBusy(true);
    try {
      const r = await postManualVitals(patientId, built.body);
      setResult(r);
      setValues({});
      setConsciousness(undefined);
      setOxygen(undefined);
      setConcern(false);
      onSaved();
    } catch (err) {
      if (err instanceof ApiError && err.status === 400 && err.outcome) {
        const mapped = outcomeByField(err.outcome, OUTCOME_FIELDS);
        setErrors(mapped.fields);
        setGeneral(mapped.general);
        const first = OUTCOME_FIELDS.find((f) => mapped.fields[f] !== undefined);
        if (first) focusFirstError(base, first);
      } else setFailure(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section aria-labelledby={headingId} className="manual-vitals">
      <h3 id={headingId}>{t.formTitle}</h3>
      <p className="muted">{t.formIntro}</p>
      <form noValidate onSubmit={(e) => void submit(e)} className="manual-form" data-testid="manual-vitals-form">
        <div className="manual-grid">
          {MANUAL_FIELDS.map((field) => {
            const id = `${base}-${field}`;
            const text = values[field] ?? '';
            const hint = rangeHint(field, text);
            const error = errors[field];
            const describedBy = [error ? `${id}-error` : undefined, hint ? `${id}-hint` : undefined].filter(Boolean).join(' ') || undefined;
            return (
              <div className="field" key={field} data-field={field}>
                <label htmlFor={id}>{t.fields[field]}</label>
                <input
                  id={id}
                  name={field}
                  type="text"
                  inputMode="decimal"
                  autoComplete="off"
                  value={text}
                  aria-invalid={error ? true : undefined}
                  aria-describedby={describedBy}
                  onChange={(e) => setValues((v) => ({ ...v, [field]: e.target.value }))}
                />
                {hint && (
                  <p id={`${id}-hint`} className="hint range-hint">
                    {hint === 'low' ? t.hintLow : t.hintHigh}
                  </p>
                )}
                {error && (
                  <p id={`${id}-error`} className="field-error">
                    {error}
                  </p>
                )}
              </div>
            );
          })}
        </div>
        <AcvpuFieldset name={`${base}-acvpu`} value={consciousness} onChange={setConsciousness} />
        {errors.consciousness && <p className="field-error">{errors.consciousness}</p>}
        <OxygenFieldset name={`${base}-oxygen`} value={oxygen} onChange={setOxygen} />
        {errors.supplementalOxygen && <p className="field-error">{errors.supplementalOxygen}</p>}
        <label className="choice">
          <input type="checkbox" checked={concern} onChange={(e) => setConcern(e.target.checked)} />
          {t.concernCheckbox}
        </label>
        {general.length > 0 && (
          <div className="message message-error" role="alert">
            {general.map((g) => (
              <p key={g}>{g}</p>
            ))}
          </div>
        )}
        {failure !== undefined && <ErrorMessage error={failure} />}
        <button type="submit" className="button-big" disabled={busy}>
          {busy ? t.submitting : t.submit}
        </button>
      </form>
      <div role="status" className="manual-result" data-testid="manual-result">
        {result && (
          <>
            <p>{t.saved(result.observationIds.length)}</p>
            {result.score && <ScoreSummary score={result.score} />}
            {result.incomplete && result.incomplete.length > 0 && (
              <>
                <p>{t.incomplete}</p>
                <ul>
                  {result.incomplete.map((s) => (
                    <li key={s}>{s}</li>
                  ))}
                </ul>
              </>
            )}
          </>
        )}
      </div>
    </section>
  );
}

function focusFirstError(base: string, field: OutcomeField | undefined): void {
  if (!field) return;
  window.setTimeout(() => {
    const el = document.getElementById(`${base}-${field}`) ?? document.getElementsByName(`${base}-${field === 'consciousness' ? 'acvpu' : 'oxygen'}`)[0];
    el?.focus();
  }, 0);
}
