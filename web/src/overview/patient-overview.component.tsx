/**
 * Overblik, the chart's first module (/app/patient/:id/overview): the patient's summary sections in
 * the server's order (GET /api/journal/patients/:id/overview, journal-ai.md §4), each item with its
 * citations [1], [2]…, and "Spørg journalen". A citation opens the source viewer beside the overview
 * (below it on a phone) with the cited passage marked, scrolled into view and focused; closing it
 * puts focus back on the citation. Opening a citation of an AI answer is recorded against the
 * answer's AI event (fire and forget).
 */
import { useId, useMemo, useRef, useState } from 'react';
import type { JournalAnswer, JournalCitation } from '../../../src/journal/api-types.ts';
import { ApiError } from '../api/api-client.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { SourceViewer } from '../journal/source-viewer.component.tsx';
import { ErrorMessage } from '../ui/error-message.tsx';
import { formatDateTime } from '../ui/format.ts';
import { useResource } from '../ui/use-resource.ts';
import { AskJournal } from './ask-journal.component.tsx';
import { fetchOverview, recordOpenedCitation } from './overview.api.ts';
import { citationKey, numberCitations, sourceRefOf } from './overview.helpers.ts';
import { OverviewSectionView } from './overview-section.component.tsx';
import './overview.css';

interface OpenCitation {
  readonly key: string;
  readonly citation: JournalCitation;
}

export function PatientOverview({ patientId, headingId }: { patientId: string; headingId: string }) {
  const { t: all, lang } = useI18n();
  const t = all.overview;
  const overview = useResource(() => fetchOverview(patientId), [patientId]);
  const [open, setOpen] = useState<OpenCitation | null>(null);
  const opener = useRef<HTMLElement | null>(null);
  const ids = { viewer: useId(), viewerHeading: useId() };
  const data = overview.status === 'ok' ? overview.data : undefined;
  const numbers = useMemo(() => (data ? numberCitations(data) : new Map<string, number>()), [data]);
  // Ages are told from the time of this render (the overview was just built).
  const now = new Date();

  const openCitation = (citation: JournalCitation, from: HTMLButtonElement, answer?: JournalAnswer) => {
    opener.current = from;
    setOpen({ key: citationKey(citation), citation });
    if (answer?.aiEventId) recordOpenedCitation(answer.aiEventId, citation);
  };
  const close = () => {
    setOpen(null);
    const back = opener.current;
    window.requestAnimationFrame(() => back?.focus());
  };
  const opening = { openKey: open?.key, viewerId: open ? ids.viewer : undefined };

  return (
    <>
      <h2 id={headingId} tabIndex={-1}>
        {all.chart.modules.overview}
      </h2>
      <div className={open ? 'overview-layout overview-layout-open' : 'overview-layout'}>
        <div className="overview-main">
          {overview.status === 'loading' && <p className="muted">{t.loading}</p>}
          {overview.status === 'error' && (
            <ErrorMessage error={overview.error} onRetry={!(overview.error instanceof ApiError) || overview.error.status >= 500 ? overview.reload : undefined} />
          )}
          {overview.status === 'ok' && (
            <>
              <p className="hint">{t.intro}</p>
              <p className="muted" data-testid="overview-last-opened">
                {overview.data.lastOpened ? t.lastOpened(formatDateTime(overview.data.lastOpened, lang)) : t.firstVisit}
              </p>
              <div className="overview-sections" data-testid="overview-sections">
                {overview.data.sections.map((section) => (
                  <OverviewSectionView key={section.id} section={section} numbers={numbers} now={now} opening={{ ...opening, onOpen: (c, from) => openCitation(c, from) }} />
                ))}
              </div>
            </>
          )}
          <AskJournal patientId={patientId} {...opening} onOpen={openCitation} />
        </div>
        {open && (
          <section id={ids.viewer} className="overview-source journal-source" aria-labelledby={ids.viewerHeading} data-testid="overview-source">
            <SourceViewer key={open.key} source={sourceRefOf(open.citation)} headingId={ids.viewerHeading} variant="panel" onClose={close} closeLabel={t.viewerClose} />
          </section>
        )}
      </div>
    </>
  );
}
