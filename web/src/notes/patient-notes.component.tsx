/**
 * Notater in the chart's Journal module: the patient's notes newest first (title, date, status,
 * author, versions), "Nyt notat" (choose a template the user's role may write → a draft at once),
 * a draft opened in its form (./note-editor.component.tsx), a signed note read with its versions
 * (each version's text on request) and "Ret notat" for its author or a doctor.
 */
import { useId, useState, type FormEvent } from 'react';
import type { NoteList, NoteTemplateId, NoteTemplateList, NoteTemplateView, NoteView } from '../../../src/notes/api-types.ts';
import { useMe } from '../auth/session.tsx';
import { useI18n } from '../i18n/i18n.tsx';
import { ErrorMessage } from '../ui/error-message.tsx';
import { formatDate, formatDateTime } from '../ui/format.ts';
import { useResource } from '../ui/use-resource.ts';
import { NoteEditor } from './note-editor.component.tsx';
import { NoteDetails } from './note-details.component.tsx';
import { createNote, getNote, getNotes, getTemplates } from './notes.api.ts';
import { isAuthor, writableTemplates } from './notes.helpers.ts';
import './notes.css';

type Open = { readonly kind: 'draft' | 'view' | 'amend'; readonly note: NoteView } | undefined;

export function PatientNotes({ patientId }: { patientId: string }) {
  const { t: all, lang } = useI18n();
  const t = all.notes;
  const me = useMe();
  const headingId = useId();
  const templateId = useId();
  const data = useResource<[NoteTemplateList, NoteList]>(() => Promise.all([getTemplates(), getNotes(patientId)]), [patientId]);
  const [choosing, setChoosing] = useState(false);
  const [chosen, setChosen] = useState<NoteTemplateId | ''>('');
  const [open, setOpen] = useState<Open>(undefined);
  const [failure, setFailure] = useState<unknown>(undefined);
  const [message, setMessage] = useState('');

  const templates = data.status === 'ok' ? data.data[0].templates : [];
  const templateOf = (id: string | undefined): NoteTemplateView | undefined => templates.find((x) => x.id === id);
  const writable = writableTemplates(me, templates);

  const show = async (id: string) => {
    setFailure(undefined);
    setMessage('');
    try {
      const note = await getNote(id);
      setOpen({ kind: note.status === 'preliminary' && isAuthor(me, note) && templateOf(note.templateId) ? 'draft' : 'view', note });
    } catch (err) {
      setFailure(err);
    }
  };

  const create = async (e: FormEvent) => {
    e.preventDefault();
    const id = chosen || writable[0]?.id;
    if (!id) return;
    setFailure(undefined);
    setMessage('');
    try {
      const note = await createNote(patientId, id);
      setChoosing(false);
      setOpen({ kind: 'draft', note });
      data.reload();
    } catch (err) {
      setFailure(err);
    }
  };

  const done = (note: NoteView, text: string) => {
    setOpen({ kind: 'view', note });
    setMessage(text);
    data.reload();
  };

  return (
    <section aria-labelledby={headingId} className="notes" data-testid="notes">
      <h2 id={headingId}>{t.title}</h2>
      {data.status === 'error' && <ErrorMessage error={data.error} onRetry={data.reload} />}
      {data.status === 'loading' && <p className="muted">{all.loading}</p>}
      {writable.length > 0 && !choosing && (
        <button type="button" className="button-secondary" onClick={() => setChoosing(true)}>
          {t.newNote}
        </button>
      )}
      {choosing && (
        <form className="search-row" onSubmit={(e) => void create(e)} data-testid="new-note">
          <div className="field">
            <label htmlFor={templateId}>{t.template}</label>
            <select id={templateId} value={chosen || writable[0]?.id} onChange={(e) => setChosen(e.target.value as NoteTemplateId)}>
              {writable.map((x) => (
                <option key={x.id} value={x.id}>
                  {x.title[lang]}
                </option>
              ))}
            </select>
          </div>
          <button type="submit" className="button-big">
            {t.create}
          </button>
          <button type="button" className="button-secondary" onClick={() => setChoosing(false)}>
            {t.cancel}
          </button>
        </form>
      )}
      {failure !== undefined && <ErrorMessage error={failure} />}
      <p role="status" data-testid="notes-message">
        {message}
      </p>
      {data.status === 'ok' &&
        (data.data[1].notes.length === 0 ? (
          <p>{t.none}</p>
        ) : (
          <ul className="stack-list" aria-label={t.listLabel} data-testid="notes-list">
            {data.data[1].notes.map((n) => (
              <li key={n.id}>
                <button type="button" className="button-secondary" aria-current={open?.note.id === n.id ? true : undefined} onClick={() => void show(n.id)}>
                  {n.title}
                </button>{' '}
                <span className="muted">
                  {formatDate(n.date, lang)} · {t.status[n.status] ?? n.status} · {t.by(n.author.display)}
                  {n.signedVersions > 1 ? ` · ${t.versionsCount(n.signedVersions)}` : ''}
                </span>
              </li>
            ))}
          </ul>
        ))}
      {open && (open.kind === 'draft' || open.kind === 'amend') && templateOf(open.note.templateId) && (
        <NoteEditor
          key={`${open.note.id}-${open.kind}-${open.note.versionId}`}
          template={templateOf(open.note.templateId)!}
          note={open.note}
          mode={open.kind}
          onDone={(note) => done(note, open.kind === 'draft' ? t.signed : t.amended)}
          onCancel={() => {
            setOpen(open.kind === 'amend' ? { kind: 'view', note: open.note } : undefined);
            data.reload();
          }}
          onReload={() => void show(open.note.id)}
        />
      )}
      {open?.kind === 'view' && (
        <NoteDetails
          key={`${open.note.id}-${open.note.versionId}`}
          note={open.note}
          template={templateOf(open.note.templateId)}
          dateText={formatDateTime(open.note.date, lang)}
          onAmend={() => setOpen({ kind: 'amend', note: open.note })}
          onClose={() => setOpen(undefined)}
        />
      )}
    </section>
  );
}
