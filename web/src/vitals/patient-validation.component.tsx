/**
 * One patient's device readings waiting for a nurse (on /app/vitaler/:wardId): a compact table
 * with a tick (all ticked at first) and a "Ret" field per reading, ACVPU and oxygen pre-filled
 * from the last recorded, and "Godkend valgte" / "Afvis valgte" (POST /api/vitals/validate). The
 * outcome (counts and the new score) stays in the card's status line.
 */
import { useId, useState } from 'react';
import type { Acvpu, PatientPending, ReadingView, Validation, ValidationResult } from '../../../src/vitals/api-types.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { ErrorMessage } from '../ui/error-message.tsx';
import { formatTime } from '../ui/format.ts';
import { StackTable } from '../ui/stack-table.tsx';
import { validateReadings } from './vitals.api.ts';
import { AcvpuFieldset, OxygenFieldset, ScoreBadge, ScoreSummary } from './vitals.components.tsx';
import { buildValidation, formatValue, parameterLabel, selectedReadings } from './vitals.helpers.ts';

export function PatientValidationCard({ entry, onValidated }: { entry: PatientPending; onValidated(): void }) {
  const { t: all, lang } = useI18n();
  const t = all.vitals.ward;
  const ids = { heading: useId(), base: useId() };
  const [unchecked, setUnchecked] = useState<ReadonlySet<string>>(new Set());
  const [corrections, setCorrections] = useState<Record<string, string>>({});
  const [consciousness, setConsciousness] = useState<Acvpu | undefined>(entry.lastConsciousness);
  const [oxygen, setOxygen] = useState<boolean | undefined>(entry.lastSupplementalOxygen);
  const [invalid, setInvalid] = useState<ReadonlySet<string>>(new Set());
  const [problem, setProblem] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(undefined);
  const [result, setResult] = useState<ValidationResult | undefined>(undefined);
  const { patient, readings } = entry;
  const selected = selectedReadings(readings, { unchecked });

  const toggle = (id: string, checked: boolean) =>
    setUnchecked((prev) => {
      const next = new Set(prev);
      if (checked) next.delete(id);
      else next.add(id);
      return next;
    });

  const submit = async (action: 'accept' | 'reject') => {
    setProblem('');
    setError(undefined);
    const built = buildValidation(readings, { unchecked, corrections, consciousness, supplementalOxygen: oxygen }, action);
    setInvalid(new Set(built.invalid));
    if (built.invalid.length > 0) return setProblem(t.correctionsInvalid);
    if (!built.body) return setProblem(t.noneSelected);
    await send(built.body);
  };

  const send = async (body: Validation) => {
    setBusy(true);
    try {
      const r = await validateReadings(body);
      setResult(r);
      setCorrections({});
      setUnchecked(new Set());
      onValidated();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  const newScore = result?.scores[0];
  return (
    <article className="vitals-card" aria-labelledby={ids.heading} data-patient={patient.id}>
      <header className="vitals-card-header">
        <h3 id={ids.heading}>
          {patient.name}
          <span className="vitals-bed">{patient.bed ? t.bed(patient.bed) : t.noBed}</span>
        </h3>
        {entry.latestScore ? (
          <p className="vitals-latest">
            <span className="visually-hidden">{t.latest}: </span>
            <ScoreBadge score={entry.latestScore} />
          </p>
        ) : null}
      </header>
      {entry.autoFinalise && <p className="muted">{t.autoFinalise}</p>}
      {readings.length === 0 ? (
        <p className="muted">{t.patientNone}</p>
      ) : (
        <form
          className="validation-form"
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            void submit('accept');
          }}
        >
          <ReadingTable
            readings={readings}
            caption={t.caption(patient.name)}
            idBase={ids.base}
            unchecked={unchecked}
            corrections={corrections}
            invalid={invalid}
            onToggle={toggle}
            onCorrect={(id, text) => setCorrections((c) => ({ ...c, [id]: text }))}
            lang={lang}
          />
          <div className="validation-context">
            <AcvpuFieldset name={`${ids.base}-acvpu`} value={consciousness} onChange={setConsciousness} />
            <OxygenFieldset name={`${ids.base}-oxygen`} value={oxygen} onChange={setOxygen} />
          </div>
          {problem && (
            <p className="field-error" role="alert">
              {problem}
            </p>
          )}
          <div className="actions validation-actions">
            <button type="submit" disabled={busy || selected.length === 0} data-action="accept">
              {busy ? t.working : t.accept}
              <span className="visually-hidden"> – {patient.name}</span>
            </button>
            <button type="button" className="button-secondary" disabled={busy || selected.length === 0} onClick={() => void submit('reject')} data-action="reject">
              {t.reject}
              <span className="visually-hidden"> – {patient.name}</span>
            </button>
          </div>
        </form>
      )}
      {error !== undefined && <ErrorMessage error={error} />}
      <div role="status" className="validation-result" data-testid={`validation-result-${patient.id}`}>
        {result && (
          <>
            <p>{t.result(result.accepted, result.corrected, result.rejected)}</p>
            {newScore ? (
              <div>
                <p className="result-label">{t.newScore}</p>
                <ScoreSummary score={newScore} />
              </div>
            ) : (
              result.accepted > 0 && <p>{t.noScore}</p>
            )}
          </>
        )}
      </div>
    </article>
  );
}

/** The card's readings, one row each: a tick, the reading, and a "Ret" field for a corrected value. */
function ReadingTable({
  readings,
  caption,
  idBase,
  unchecked,
  corrections,
  invalid,
  onToggle,
  onCorrect,
  lang,
}: {
  readings: readonly ReadingView[];
  caption: string;
  idBase: string;
  unchecked: ReadonlySet<string>;
  corrections: Readonly<Record<string, string>>;
  invalid: ReadonlySet<string>;
  onToggle(id: string, checked: boolean): void;
  onCorrect(id: string, text: string): void;
  lang: 'da' | 'en';
}) {
  const { t: all } = useI18n();
  const t = all.vitals.ward;
  const rows = readings.map((r) => ({ r, id: `${idBase}-${r.id}`, label: parameterLabel(r.parameter, lang, r.label), value: formatValue(r.value, r.unit, lang), checked: !unchecked.has(r.id), invalid: invalid.has(r.id) }));
  return (
    <StackTable
      caption={caption}
      className="reading-table"
      rows={rows}
      rowKey={({ r }) => r.id}
      rowProps={({ r, checked }) => ({ 'data-reading': r.id, className: checked ? undefined : 'row-unchecked' })}
      columns={[
        {
          key: 'select',
          header: t.columns.select,
          cell: ({ r, id, label, value, checked }) => (
            <>
              <input type="checkbox" id={`${id}-check`} checked={checked} onChange={(e) => onToggle(r.id, e.target.checked)} />
              <label htmlFor={`${id}-check`} className="visually-hidden">
                {t.selectReading(label, value)}
              </label>
            </>
          ),
        },
        { key: 'parameter', header: t.columns.parameter, rowHeader: true, cell: ({ label }) => label },
        { key: 'value', header: t.columns.value, className: 'nowrap', cell: ({ value }) => value },
        { key: 'at', header: t.columns.at, cell: ({ r }) => formatTime(r.at) },
        { key: 'device', header: t.columns.device, cell: ({ r }) => r.device?.name ?? r.device?.id ?? '–' },
        { key: 'flags', header: t.columns.flags, cell: ({ r }) => (r.flags.length > 0 ? r.flags.map((f) => t.flags[f] ?? f).join(', ') : '–') },
        {
          key: 'correct',
          header: t.columns.correct,
          cell: ({ r, id, label, checked, invalid }) => (
            <>
              <input
                type="text"
                inputMode="decimal"
                className="correct-input"
                size={6}
                aria-label={t.correctReading(label)}
                value={corrections[r.id] ?? ''}
                disabled={!checked}
                aria-invalid={invalid || undefined}
                aria-describedby={invalid ? `${id}-error` : undefined}
                onChange={(e) => onCorrect(r.id, e.target.value)}
              />
              {invalid && (
                <span id={`${id}-error`} className="field-error">
                  {t.correctInvalid}
                </span>
              )}
            </>
          ),
        },
      ]}
    />
  );
}
