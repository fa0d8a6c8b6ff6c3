/**
 * A note read in the chart: its sections as text (React text, never HTML), status, author and date,
 * the signed versions (each one's text fetched on request: GET /api/notes/:id/versions/:versionId)
 * and "Ret notat" for those who may amend (its author or a doctor).
 */
import { useId, useState } from 'react';
import type { NoteSectionText, NoteTemplateView, NoteVersionView, NoteView } from '../../../src/notes/api-types.ts';
import { useMe } from '../auth/session.tsx';
import { useI18n } from '../i18n/i18n.tsx';
import { ErrorMessage } from '../ui/error-message.tsx';
import { formatDateTime } from '../ui/format.ts';
import { getNoteVersion } from './notes.api.ts';
import { mayAmend } from './notes.helpers.ts';

export function SectionsText({ sections, level }: { sections: readonly NoteSectionText[]; level: 4 | 5 }) {
  const Heading = level === 4 ? 'h4' : 'h5';
  return (
    <>
      {sections.map((s, i) => (
        <div key={`${s.key ?? s.title}-${i}`} className="note-section">
          <Heading>{s.title}</Heading>
          {s.text.split('\n').map((line, j) => (
            <p key={j}>{line}</p>
          ))}
        </div>
      ))}
    </>
  );
}

export function NoteDetails({ note, template, dateText, onAmend, onClose }: { note: NoteView; template: NoteTemplateView | undefined; dateText: string; onAmend(): void; onClose(): void }) {
  const { t: all, lang } = useI18n();
  const t = all.notes;
  const me = useMe();
  const headingId = useId();
  const versionsId = useId();
  const [shown, setShown] = useState<{ number: number; version: NoteVersionView } | undefined>(undefined);
  const [failure, setFailure] = useState<unknown>(undefined);

  const showVersion = async (number: number, versionId: number) => {
    setFailure(undefined);
    try {
      setShown({ number, version: await getNoteVersion(note.id, versionId) });
    } catch (err) {
      setFailure(err);
    }
  };

  return (
    <section aria-labelledby={headingId} className="note-details" data-testid="note-details">
      <h3 id={headingId} tabIndex={-1}>
        {note.title}
      </h3>
      <p className="muted">
        {t.status[note.status] ?? note.status} · {dateText} · {t.by(note.author.display)}
      </p>
      {!template && <p className="hint">{t.readOnly}</p>}
      <SectionsText sections={note.sections} level={4} />
      {note.versions.length > 0 && (
        <section aria-labelledby={versionsId}>
          <h4 id={versionsId}>{t.versions}</h4>
          <ol data-testid="note-versions">
            {note.versions.map((v) => (
              <li key={v.versionId}>
                {t.versionLabel(v.number)} · {t.status[v.status] ?? v.status} · {formatDateTime(v.date, lang)} · {t.by(v.author.display)}
                {v.reason ? ` · ${t.versionReason(v.reason)}` : ''}{' '}
                <button type="button" className="button-small" onClick={() => void showVersion(v.number, v.versionId)}>
                  {t.showVersion(v.number)}
                </button>
              </li>
            ))}
          </ol>
        </section>
      )}
      {failure !== undefined && <ErrorMessage error={failure} />}
      {shown && (
        <section aria-label={t.versionText(shown.number)} className="note-version" data-testid="note-version">
          <h4>{t.versionText(shown.number)}</h4>
          <SectionsText sections={shown.version.sections} level={5} />
        </section>
      )}
      <div className="actions">
        {mayAmend(me, note, template) && (
          <button type="button" className="button-big" onClick={onAmend}>
            {t.amend}
          </button>
        )}
        <button type="button" className="button-secondary" onClick={onClose}>
          {t.close}
        </button>
      </div>
    </section>
  );
}
