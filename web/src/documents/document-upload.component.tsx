/**
 * The upload form of the document archive: a file (PDF, JPEG, PNG, text; at most 20 MB), a title, a
 * category and optionally the document's own date. Problems the browser can see are shown on their
 * field before anything is sent; the server's refusal (an OperationOutcome) is shown on the field it
 * names, or above the button when it names none.
 */
import { useId, useRef, useState, type FormEvent } from 'react';
import { DOCUMENT_CATEGORIES, type DocumentCategory } from '../../../src/documents/api-types.ts';
import { ApiError } from '../api/api-client.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { ErrorMessage } from '../ui/error-message.tsx';
import { uploadDocument } from './documents.api.ts';
import { bytesToBase64, checkDraft, fileContentType, outcomeField, type UploadField, type UploadProblem } from './documents.helpers.ts';

type FieldErrors = Partial<Record<UploadField, { readonly problem?: UploadProblem; readonly server?: string }>>;

export function DocumentUploadForm({ patientId, headingId, onUploaded }: { patientId: string; headingId: string; onUploaded(): void }) {
  const { t: all } = useI18n();
  const t = all.documents.upload;
  const [file, setFile] = useState<File | null>(null);
  const [title, setTitle] = useState('');
  const [category, setCategory] = useState<DocumentCategory | ''>('');
  const [date, setDate] = useState('');
  const [errors, setErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<unknown>(null);
  const [sending, setSending] = useState(false);
  const [saved, setSaved] = useState<string | null>(null);
  const fileRef = useRef<HTMLInputElement>(null);
  const formRef = useRef<HTMLFormElement>(null);
  const ids = { file: useId(), fileHint: useId(), title: useId(), category: useId(), date: useId() };
  const errorId = (field: UploadField) => `${ids[field]}-error`;

  const fieldProps = (field: UploadField, hint?: string) => ({
    id: ids[field],
    'aria-invalid': errors[field] ? true : undefined,
    'aria-describedby': [errors[field] ? errorId(field) : '', hint ?? ''].filter(Boolean).join(' ') || undefined,
  });
  const fieldError = (field: UploadField) => {
    const e = errors[field];
    if (!e) return null;
    return (
      <p id={errorId(field)} className="field-error" data-field-error={field}>
        {e.problem ? t.problems[e.problem] : `${t.serverProblem} ${e.server ?? ''}`}
      </p>
    );
  };
  const focusFirst = (found: FieldErrors) => {
    const first = (['file', 'title', 'category', 'date'] as const).find((f) => found[f]);
    if (first) document.getElementById(ids[first])?.focus();
  };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setSaved(null);
    setFormError(null);
    const problems = checkDraft({ file, title, category });
    const found: FieldErrors = Object.fromEntries(Object.entries(problems).map(([field, problem]) => [field, { problem }]));
    setErrors(found);
    if (Object.keys(found).length > 0 || !file || !category) return focusFirst(found);
    setSending(true);
    try {
      const data = bytesToBase64(new Uint8Array(await file.arrayBuffer()));
      const result = await uploadDocument(patientId, { title: title.trim(), category, contentType: fileContentType(file)!, data, ...(date ? { date } : {}) });
      setSaved(result.title);
      setFile(null);
      setTitle('');
      setCategory('');
      setDate('');
      formRef.current?.reset();
      onUploaded();
    } catch (error) {
      const field = error instanceof ApiError && error.status === 400 ? outcomeField(error.outcome) : null;
      if (field) {
        const server = { [field]: { server: error instanceof Error ? error.message : String(error) } } as FieldErrors;
        setErrors(server);
        focusFirst(server);
      } else setFormError(error);
    } finally {
      setSending(false);
    }
  };

  return (
    <section className="document-upload" aria-labelledby={headingId}>
      <h3 id={headingId}>{t.title}</h3>
      <form ref={formRef} onSubmit={(e) => void submit(e)} noValidate data-testid="document-upload">
        <div className="form-field">
          <label htmlFor={ids.file}>{t.file}</label>
          <p id={ids.fileHint} className="hint">
            {t.fileHint}
          </p>
          {fieldError('file')}
          <input ref={fileRef} type="file" accept="application/pdf,image/jpeg,image/png,text/plain,.pdf,.jpg,.jpeg,.png,.txt" onChange={(e) => setFile(e.target.files?.[0] ?? null)} {...fieldProps('file', ids.fileHint)} />
        </div>
        <div className="form-field">
          <label htmlFor={ids.title}>{t.docTitle}</label>
          {fieldError('title')}
          <input type="text" value={title} maxLength={250} onChange={(e) => setTitle(e.target.value)} {...fieldProps('title')} />
        </div>
        <div className="form-field">
          <label htmlFor={ids.category}>{t.category}</label>
          {fieldError('category')}
          <select value={category} onChange={(e) => setCategory(e.target.value as DocumentCategory | '')} {...fieldProps('category')}>
            <option value="">{t.chooseCategory}</option>
            {DOCUMENT_CATEGORIES.map((c) => (
              <option key={c} value={c}>
                {all.documents.categories[c]}
              </option>
            ))}
          </select>
        </div>
        <div className="form-field">
          <label htmlFor={ids.date}>{t.date}</label>
          {fieldError('date')}
          <input type="date" value={date} onChange={(e) => setDate(e.target.value)} {...fieldProps('date')} />
        </div>
        {formError !== null && <ErrorMessage error={formError} />}
        <button type="submit" disabled={sending}>
          {sending ? t.sending : t.submit}
        </button>
        <p role="status" className="document-saved">
          {saved ? t.saved(saved) : ''}
        </p>
      </form>
    </section>
  );
}
