/**
 * The source viewer: a cited source's whole text (GET /api/journal/sources/:type/:id?version=&start=&end=,
 * src/journal/api-types.ts JournalSource) with the cited span in <mark data-testid="cited-passage">,
 * its title, kind, date, author, status and version, and "Kilden er ændret siden – henvisningen er
 * forældet" when the source changed after it was cited (journal-ai.md §5: never silently re-anchored).
 * The text is untrusted: it becomes React text, never HTML. Used by the Overblik (a panel: focus
 * moves to the cited passage, scrolled into view) and by the journal search's source panel
 * (embedded: the passage scrolled into view inside the text, focus left where it is).
 */
import { useEffect, useRef } from 'react';
import type { JournalSource } from '../../../src/journal/api-types.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { ErrorMessage } from '../ui/error-message.tsx';
import { formatDate } from '../ui/format.ts';
import { useResource } from '../ui/use-resource.ts';
import { fetchSource } from './journal.api.ts';
import { kindLabel } from './journal.helpers.ts';
import { citedSplit, isStale, type SourceRef } from './source-viewer.helpers.ts';
import './source-viewer.css';

export interface SourceViewerProps {
  readonly source: SourceRef;
  readonly headingId: string;
  /**
   * panel: the viewer on its own (heading level 3, the source's facts; focus moves to the cited
   * passage, or the heading, when it has loaded). embedded: inside another panel that shows the
   * facts (heading level 4, the text only; focus stays).
   */
  readonly variant: 'panel' | 'embedded';
  /** panel: a close button after the text. */
  readonly onClose?: () => void;
  readonly closeLabel?: string;
}

export function SourceViewer({ source, headingId, variant, onClose, closeLabel }: SourceViewerProps) {
  const { t: all } = useI18n();
  const t = all.journal.viewer;
  const loaded = useResource(() => fetchSource(source), [source.type, source.id, source.version, source.start, source.end]);
  const Heading = variant === 'panel' ? 'h3' : 'h4';
  const title = variant === 'embedded' ? t.fullText : loaded.status === 'ok' ? t.title(loaded.data.title) : all.journal.sourceTitle;
  return (
    <div className={`source-viewer source-viewer-${variant}`} data-testid="source-viewer">
      <Heading id={headingId} tabIndex={-1}>
        {title}
      </Heading>
      {loaded.status === 'loading' && <p className="muted">{t.loading}</p>}
      {loaded.status === 'error' && <ErrorMessage error={loaded.error} onRetry={loaded.reload} />}
      {loaded.status === 'ok' && <SourceBody data={loaded.data} cited={source} headingId={headingId} variant={variant} />}
      {onClose && (
        <button type="button" className="button-secondary" onClick={onClose}>
          {closeLabel ?? all.journal.close}
        </button>
      )}
    </div>
  );
}

function SourceBody({ data, cited, headingId, variant }: { data: JournalSource; cited: SourceRef; headingId: string; variant: SourceViewerProps['variant'] }) {
  const { t: all, lang } = useI18n();
  const t = all.journal.viewer;
  const textRef = useRef<HTMLDivElement>(null);
  const markRef = useRef<HTMLElement>(null);
  const split = citedSplit(data, cited.version);
  const stale = isStale(data);
  const invalid = data.highlight?.status === 'invalid';

  // Bring the cited passage into view once the text is there; in a panel, move focus to it (or the heading).
  useEffect(() => {
    const mark = markRef.current;
    const box = textRef.current;
    if (variant === 'embedded') {
      if (mark && box) box.scrollTop = Math.max(0, mark.offsetTop - box.clientHeight / 3);
      return;
    }
    if (mark) {
      mark.focus({ preventScroll: true });
      mark.scrollIntoView({ block: 'center' });
    } else {
      document.getElementById(headingId)?.focus();
    }
  }, [data, variant, headingId]);

  const facts: [string, string][] = [
    [t.fields.kind, kindLabel(data.kind, lang)],
    ...(data.date ? [[t.fields.date, formatDate(data.date, lang)] as [string, string]] : []),
    ...(data.author ? [[t.fields.author, data.author] as [string, string]] : []),
    ...(data.status ? [[t.fields.status, data.status] as [string, string]] : []),
    [t.fields.reference, `${data.resourceType}/${data.id}`],
    [t.fields.version, data.versionId === data.currentVersionId ? data.versionId : t.versionNow(data.versionId, data.currentVersionId)],
  ];

  return (
    <>
      {stale && (
        <p className="source-stale" data-testid="source-stale">
          {t.stale}
        </p>
      )}
      {invalid && <p className="source-stale">{t.invalid}</p>}
      {variant === 'panel' && (
        <dl className="journal-source-facts" data-testid="source-facts">
          {facts.map(([term, value]) => (
            <div key={term}>
              <dt>{term}</dt>
              <dd>{value}</dd>
            </div>
          ))}
        </dl>
      )}
      {split && <p className="hint">{t.fullTextHint}</p>}
      {data.text ? (
        // A scrolling region: focusable so keyboard users can scroll it (axe: scrollable-region-focusable).
        <div ref={textRef} className="source-text" role="region" aria-label={t.fullText} tabIndex={0} data-testid="source-text">
          {split ? (
            <>
              {split.before}
              <mark ref={markRef} className="cited-passage" data-testid="cited-passage" tabIndex={-1}>
                {split.cited}
              </mark>
              {split.after}
            </>
          ) : (
            data.text
          )}
        </div>
      ) : (
        <p className="muted">{t.noText}</p>
      )}
    </>
  );
}
