/** A statement's citations as numbered buttons [1], [2]… that open the source viewer (journal-ai.md §5 "shown as [n]"). */
import type { JournalCitation } from '../../../src/journal/api-types.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { citationKey } from './overview.helpers.ts';

export interface NumberedCitation {
  readonly n: number;
  readonly citation: JournalCitation;
}

export interface CitationLinksProps {
  readonly citations: readonly NumberedCitation[];
  /** The key of the citation open in the viewer (marked aria-current). */
  readonly openKey: string | undefined;
  /** The viewer's id while it is open. */
  readonly viewerId: string | undefined;
  onOpen(citation: JournalCitation, opener: HTMLButtonElement): void;
}

export function CitationLinks({ citations, openKey, viewerId, onOpen }: CitationLinksProps) {
  const { t } = useI18n();
  if (citations.length === 0) return null;
  return (
    <span className="citation-links">
      {citations.map(({ n, citation }) => {
        const key = citationKey(citation);
        return (
          <button
            key={`${n}-${key}`}
            type="button"
            className="citation-link"
            data-citation={n}
            aria-label={t.overview.citation(n)}
            aria-current={key === openKey ? 'true' : undefined}
            aria-controls={viewerId}
            onClick={(e) => onOpen(citation, e.currentTarget)}
          >
            [{n}]
          </button>
        );
      })}
    </span>
  );
}
