/**
 * A note's form from its template: a text area per section (Danish headers) and the structured
 * fields with labels and units. A draft saves itself (PUT /api/notes/:id, debounced, If-Match the
 * version last saved) and says "Kladde gemt hh:mm"; "Underskriv" saves once more and signs. In
 * amend mode ("Ret notat") nothing saves itself: the reason is asked for and "Underskriv rettelse"
 * makes the new version. A 400's OperationOutcome is shown field by field; a 409 asks for a reload.
 */
import { useEffect, useId, useRef, useState, type ReactNode } from 'react';
import type { NoteFieldDefinition, NoteTemplateView, NoteView } from '../../../src/notes/api-types.ts';
import { ApiError } from '../api/api-client.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { ErrorMessage } from '../ui/error-message.tsx';
import { formatTime } from '../ui/format.ts';
import { amendNote, saveDraft, signNote } from './notes.api.ts';
import { AUTOSAVE_DELAY_MS, contentFromForm, formFromContent, inputsOf, MIN_REASON_LENGTH, problemsByKey, type FieldInput, type NoteForm } from './notes.helpers.ts';

type SaveState = { readonly kind: 'idle' } | { readonly kind: 'saving' } | { readonly kind: 'saved'; readonly at: Date } | { readonly kind: 'invalid' } | { readonly kind: 'conflict' };

export interface NoteEditorProps {
  readonly template: NoteTemplateView;
  readonly note: NoteView;
  readonly mode: 'draft' | 'amend';
  /** The note signed (or amended). */
  onDone(note: NoteView): void;
  onCancel(): void;
  /** After a 409: load the note as it is now. */
  onReload(): void;
}

export function NoteEditor({ template, note, mode, onDone, onCancel, onReload }: NoteEditorProps) {
  const { t: all, lang } = useI18n();
  const t = all.notes;
  const base = useId();
  const [form, setForm] = useState<NoteForm>(() => formFromContent(note.content));
  const [changes, setChanges] = useState(0);
  const [state, setState] = useState<SaveState>({ kind: 'idle' });
  const [errors, setErrors] = useState<Partial<Record<string, string>>>({});
  const [general, setGeneral] = useState<readonly string[]>([]);
  const [failure, setFailure] = useState<unknown>(undefined);
  const [busy, setBusy] = useState(false);
  const [reason, setReason] = useState('');
  const formRef = useRef(form);
  const version = useRef(note.versionId);
  const inFlight = useRef<Promise<unknown>>(Promise.resolve());
  /** Changes typed since the last save began. */
  const dirty = useRef(false);
  formRef.current = form;

  const showProblems = (err: unknown): void => {
    if (err instanceof ApiError && err.status === 409) return setState({ kind: 'conflict' });
    if (err instanceof ApiError && err.status === 400 && err.outcome) {
      const mapped = problemsByKey(err.outcome, template);
      // A number out of range in the user's language (the server's words for everything else).
      const fields = { ...mapped.fields };
      for (const f of template.fields) if (f.kind === 'quantity' && fields[f.key] && f.min !== undefined && f.max !== undefined) fields[f.key] = t.outOfRange(f.min, f.max, f.unit?.display ?? '');
      setErrors(fields);
      setGeneral(mapped.general);
      setState({ kind: 'invalid' });
      return;
    }
    setFailure(err);
  };

  /** Checks the numbers locally; undefined when some are not numbers (shown by their fields). */
  const build = (complete: boolean) => {
    const built = contentFromForm(template, formRef.current, complete);
    const local: Partial<Record<string, string>> = {};
    for (const input of built.notNumbers) local[input] = t.notNumber;
    setErrors(local);
    setGeneral([]);
    setFailure(undefined);
    return built.notNumbers.length ? undefined : built.content;
  };

  /** Saves the draft as it is now (one save at a time); true when saved. */
  const save = async (complete = false): Promise<boolean> => {
    await inFlight.current;
    dirty.current = false;
    const content = build(complete);
    if (!content) {
      setState({ kind: 'invalid' });
      return false;
    }
    setState({ kind: 'saving' });
    const attempt = saveDraft(note.id, version.current, content).then(
      (saved) => {
        version.current = saved.versionId;
        setState({ kind: 'saved', at: new Date() });
        return true;
      },
      (err: unknown) => {
        showProblems(err);
        return false;
      },
    );
    inFlight.current = attempt;
    return attempt;
  };

  useEffect(() => {
    if (mode !== 'draft' || changes === 0) return;
    const timer = window.setTimeout(() => void save(), AUTOSAVE_DELAY_MS);
    return () => window.clearTimeout(timer);
    // Each change restarts the wait; save reads the latest form from its ref.
  }, [changes]);

  const setSection = (key: string, value: string) => {
    setForm((f) => ({ ...f, sections: { ...f.sections, [key]: value } }));
    dirty.current = true;
    setChanges((n) => n + 1);
  };
  const setInput = (input: FieldInput, value: string) => {
    setForm((f) => ({ ...f, fields: { ...f.fields, [input]: value } }));
    dirty.current = true;
    setChanges((n) => n + 1);
  };

  const sign = async () => {
    setBusy(true);
    try {
      if (!(await save(true))) return;
      onDone(await signNote(note.id, version.current));
    } catch (err) {
      showProblems(err);
    } finally {
      setBusy(false);
    }
  };

  const amend = async () => {
    const content = build(true);
    if (reason.trim().length < MIN_REASON_LENGTH) setErrors((e) => ({ ...e, reason: t.reasonMissing }));
    if (!content || reason.trim().length < MIN_REASON_LENGTH) return;
    setBusy(true);
    try {
      onDone(await amendNote(note.id, note.versionId, content, reason.trim()));
    } catch (err) {
      showProblems(err);
    } finally {
      setBusy(false);
    }
  };

  /** Closing a draft saves what was typed since the last save first (an amendment is simply left). */
  const close = async () => {
    if (mode === 'draft' && dirty.current && !(await save())) return;
    onCancel();
  };

  const errorOf = (...keys: string[]) => keys.map((k) => errors[k]).filter(Boolean).join(' ') || undefined;
  const headingId = `${base}-heading`;
  const title = template.title[lang];

  return (
    <section aria-labelledby={headingId} className="note-editor" data-testid="note-editor">
      <h3 id={headingId} tabIndex={-1}>
        {mode === 'draft' ? t.draftTitle(title) : t.amendTitle(title)}
      </h3>
      <form noValidate onSubmit={(e) => e.preventDefault()} className="manual-form">
        <fieldset>
          <legend>{t.sectionsLegend}</legend>
          {template.sections.map((s) => {
            const id = `${base}-section-${s.key}`;
            const error = errorOf(s.key);
            return (
              <div className="field" key={s.key} data-section={s.key}>
                <label htmlFor={id}>{s.title[lang]}</label>
                <textarea
                  id={id}
                  name={s.key}
                  rows={3}
                  value={form.sections[s.key] ?? ''}
                  aria-invalid={error ? true : undefined}
                  aria-describedby={error ? `${id}-error` : undefined}
                  onChange={(e) => setSection(s.key, e.target.value)}
                />
                {error && (
                  <p id={`${id}-error`} className="field-error">
                    {error}
                  </p>
                )}
              </div>
            );
          })}
        </fieldset>
        <fieldset>
          <legend>{t.fieldsLegend}</legend>
          <p className="hint">{t.fieldsHint}</p>
          <div className="manual-grid">
            {template.fields.map((definition) => (
              <StructuredField key={definition.key} base={base} definition={definition} form={form} onInput={setInput} error={errorOf(definition.key, ...inputsOf(definition))} />
            ))}
          </div>
        </fieldset>
        {mode === 'amend' && (
          <div className="field">
            <label htmlFor={`${base}-reason`}>{t.reason}</label>
            <p id={`${base}-reason-hint`} className="hint">
              {t.reasonHint}
            </p>
            <textarea
              id={`${base}-reason`}
              rows={2}
              value={reason}
              aria-invalid={errors.reason ? true : undefined}
              aria-describedby={`${base}-reason-hint${errors.reason ? ` ${base}-reason-error` : ''}`}
              onChange={(e) => setReason(e.target.value)}
            />
            {errors.reason && (
              <p id={`${base}-reason-error`} className="field-error">
                {errors.reason}
              </p>
            )}
          </div>
        )}
        {general.length > 0 && (
          <div className="message message-error" role="alert">
            {general.map((g) => (
              <p key={g}>{g}</p>
            ))}
          </div>
        )}
        {state.kind === 'conflict' && (
          <div className="message message-error" role="alert">
            <p>{t.conflict}</p>
            <button type="button" className="button-secondary" onClick={onReload}>
              {t.reload}
            </button>
          </div>
        )}
        {failure !== undefined && <ErrorMessage error={failure} />}
        <p role="status" className="muted" data-testid="note-save-status">
          {mode === 'draft' && state.kind === 'saving' && t.saving}
          {mode === 'draft' && state.kind === 'saved' && t.saved(formatTime(state.at))}
          {state.kind === 'invalid' && t.notSaved}
        </p>
        <div className="actions">
          {mode === 'draft' ? (
            <button type="button" className="button-big" disabled={busy} onClick={() => void sign()}>
              {busy ? t.signing : t.sign}
            </button>
          ) : (
            <button type="button" className="button-big" disabled={busy} onClick={() => void amend()}>
              {busy ? t.signing : t.signAmendment}
            </button>
          )}
          <button type="button" className="button-secondary" onClick={() => void close()}>
            {mode === 'draft' ? t.close : t.cancel}
          </button>
        </div>
      </form>
    </section>
  );
}

function StructuredField({ base, definition, form, onInput, error }: { base: string; definition: NoteFieldDefinition; form: NoteForm; onInput(input: FieldInput, value: string): void; error: string | undefined }) {
  const { t: all, lang } = useI18n();
  const t = all.notes;
  const id = `${base}-field-${definition.key}`;
  const errorId = `${id}-error`;
  const unit = definition.unit ? ` (${definition.unit.display})` : '';
  const input = (name: FieldInput, label: string, decimal: boolean) => (
    <div className="field" key={name}>
      <label htmlFor={`${id}-${name}`}>{label}</label>
      <input
        id={`${id}-${name}`}
        name={name}
        type="text"
        inputMode={decimal ? 'decimal' : 'text'}
        autoComplete="off"
        value={form.fields[name] ?? ''}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? errorId : undefined}
        onChange={(e) => onInput(name, e.target.value)}
      />
    </div>
  );
  const errorText = error && (
    <p id={errorId} className="field-error">
      {error}
    </p>
  );
  const group = (children: ReactNode) => (
    <fieldset data-field={definition.key}>
      <legend>
        {definition.label[lang]}
        {unit}
      </legend>
      {children}
      {errorText}
    </fieldset>
  );
  switch (definition.kind) {
    case 'quantity':
      return (
        <div className="field" data-field={definition.key}>
          <label htmlFor={`${id}-${definition.key}`}>
            {definition.label[lang]}
            {unit}
          </label>
          <input
            id={`${id}-${definition.key}`}
            name={definition.key}
            type="text"
            inputMode="decimal"
            autoComplete="off"
            value={form.fields[definition.key as FieldInput] ?? ''}
            aria-invalid={error ? true : undefined}
            aria-describedby={error ? errorId : undefined}
            onChange={(e) => onInput(definition.key as FieldInput, e.target.value)}
          />
          {errorText}
        </div>
      );
    case 'bloodPressure':
      return group([input('systolic', t.systolic, true), input('diastolic', t.diastolic, true)]);
    case 'diagnosis':
      return group([input('diagnosisCode', t.diagnosisCode, false), input('diagnosisText', t.diagnosisText, false)]);
    case 'allergy':
      return group([input('allergySubstance', t.allergySubstance, false), input('allergyReaction', t.allergyReaction, false)]);
    case 'smoking':
      return (
        <div className="field" data-field={definition.key}>
          <label htmlFor={`${id}-smoking`}>{definition.label[lang]}</label>
          <select id={`${id}-smoking`} value={form.fields.smoking ?? ''} aria-invalid={error ? true : undefined} aria-describedby={error ? errorId : undefined} onChange={(e) => onInput('smoking', e.target.value)}>
            {['', 'current', 'former', 'never'].map((v) => (
              <option key={v} value={v}>
                {t.smoking[v]}
              </option>
            ))}
          </select>
          {errorText}
        </div>
      );
  }
}
