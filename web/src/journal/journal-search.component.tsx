/**
 * Søg i journalen, the chart's Journal module (/app/patient/:id/journal): a search field (2–200
 * characters, checked before anything is sent) → GET /api/journal/patients/:id/search → the hits best
 * first, each with its kind, date, section and the snippet with the matched words marked. A hit
 * opens the source panel: the passage with the matched words marked, the source (type/id, version),
 * its date, and the whole source with the passage highlighted (source-viewer.component.tsx). Snippets are
 * untrusted text: they become React text and <mark> elements, never HTML. A 403 shows the server's
 * message, and offers the chart's break-the-glass dialog when the server says it is possible.
 */
import { useId, useRef, useState } from 'react';
import type { JournalHit, JournalSearchResult } from '../../../src/journal/api-types.ts';
import { ApiError } from '../api/api-client.ts';
import { outcomeHasCode } from '../api/operation-outcome.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { BreakTheGlassDialog } from '../patient-chart/break-the-glass.dialog.tsx';
import { rememberGrant } from '../patient-chart/break-the-glass.store.ts';
import { ACCESS_SYSTEM, BREAK_THE_GLASS_POSSIBLE } from '../patient/patient.helpers.ts';
import { ErrorMessage } from '../ui/error-message.tsx';
import { formatDate } from '../ui/format.ts';
import { searchJournal } from './journal.api.ts';
import { SourceViewer } from './source-viewer.component.tsx';
import { bestFirst, hitKey, kindLabel, passageSegments, SEARCH_LIMIT, snippetSegments, type Segment } from './journal.helpers.ts';
import { QueryForm } from './query-form.component.tsx';

type SearchState =
  | { readonly status: 'idle' }
  | { readonly status: 'searching'; readonly query: string }
  | { readonly status: 'done'; readonly result: JournalSearchResult; readonly hits: readonly JournalHit[] }
  | { readonly status: 'error'; readonly query: string; readonly error: unknown };

/** Plain and marked text as React elements (never HTML). */
export function MarkedText({ segments }: { segments: readonly Segment[] }) {
  return (
    <>
      {segments.map((s, i) =>
        s.marked ? (
          <mark key={i}>{s.text}</mark>
        ) : (
          <span key={i}>{s.text}</span>
        ),
      )}
    </>
  );
}

export function JournalSearch({ patientId, headingId }: { patientId: string; headingId: string }) {
  const { t: all, lang } = useI18n();
  const t = all.journal;
  const [state, setState] = useState<SearchState>({ status: 'idle' });
  const [selected, setSelected] = useState<string | null>(null);
  const [glassOpen, setGlassOpen] = useState(false);
  const generation = useRef(0);
  const ids = { panel: useId(), panelHeading: useId() };

  const run = (query: string) => {
    const mine = ++generation.current;
    setSelected(null);
    setState({ status: 'searching', query });
    searchJournal(patientId, query).then(
      (result) => {
        if (mine === generation.current) setState({ status: 'done', result, hits: bestFirst(result.hits) });
      },
      (error: unknown) => {
        if (mine === generation.current) setState({ status: 'error', query, error });
      },
    );
  };

  const open = (key: string) => {
    setSelected(key);
    // The panel renders on this update: then move focus to its heading.
    window.requestAnimationFrame(() => document.getElementById(ids.panelHeading)?.focus());
  };
  const close = () => {
    const key = selected;
    setSelected(null);
    window.requestAnimationFrame(() => document.querySelector<HTMLElement>(`[data-hit="${CSS.escape(key ?? '')}"]`)?.focus());
  };

  const hits = state.status === 'done' ? state.hits : [];
  const current = hits.find((h) => hitKey(h) === selected);
  const canBreakGlass =
    state.status === 'error' && state.error instanceof ApiError && state.error.status === 403 && outcomeHasCode(state.error.outcome, ACCESS_SYSTEM, BREAK_THE_GLASS_POSSIBLE);

  const status =
    state.status === 'searching'
      ? t.searching
      : state.status === 'done'
        ? state.hits.length === 0
          ? t.notFound
          : t.found(state.hits.length, state.result.query)
        : '';

  return (
    <>
      <h2 id={headingId} tabIndex={-1}>
        {all.chart.modules.journal}
      </h2>
      <QueryForm label={t.label} hint={t.hint} submitLabel={t.submit} problems={t.problems} className="search-form journal-search-form" variant="search" onQuery={run} />
      <p role="status" className="search-status" data-testid="journal-status">
        {status}
      </p>
      {state.status === 'error' && (
        <>
          <ErrorMessage error={state.error} onRetry={!(state.error instanceof ApiError) || state.error.status >= 500 ? () => run(state.query) : undefined} />
          {canBreakGlass && (
            <p>
              <button type="button" className="button-danger" onClick={() => setGlassOpen(true)}>
                {t.breakTheGlass}
              </button>
            </p>
          )}
        </>
      )}
      {hits.length > 0 && (
        <div className={current ? 'journal-results journal-results-open' : 'journal-results'}>
          <div>
            <ol className="journal-hits" aria-label={t.resultsLabel} data-testid="journal-hits">
              {hits.map((hit) => {
                const key = hitKey(hit);
                return (
                  <li key={key}>
                    <button
                      type="button"
                      className="journal-hit"
                      data-hit={key}
                      aria-controls={current ? ids.panel : undefined}
                      aria-current={key === selected ? 'true' : undefined}
                      onClick={() => open(key)}
                    >
                      <span className="journal-hit-meta">
                        <span className="journal-kind">{kindLabel(hit.kind, lang)}</span>
                        <time dateTime={hit.recorded}>{formatDate(hit.recorded, lang)}</time>
                        {hit.section && <span className="journal-section">{hit.section}</span>}
                        {hit.phrase && <span className="journal-phrase">{t.phrase}</span>}
                      </span>
                      <span className="journal-snippet">
                        <MarkedText segments={snippetSegments(hit.snippet)} />
                      </span>
                      <span className="journal-open">{t.open}</span>
                    </button>
                  </li>
                );
              })}
            </ol>
            {state.status === 'done' && state.hits.length >= SEARCH_LIMIT && <p className="muted">{t.limited(SEARCH_LIMIT)}</p>}
          </div>
          {current && <SourcePanel hit={current} id={ids.panel} headingId={ids.panelHeading} onClose={close} />}
        </div>
      )}
      {glassOpen && (
        <BreakTheGlassDialog
          patientId={patientId}
          onCancel={() => setGlassOpen(false)}
          onGranted={(grant) => {
            rememberGrant(grant);
            setGlassOpen(false);
            if (state.status === 'error') run(state.query);
          }}
        />
      )}
    </>
  );
}

/** The source of a hit: its passage with the matched words marked, the reference, the date and the whole source with the passage marked. */
function SourcePanel({ hit, id, headingId, onClose }: { hit: JournalHit; id: string; headingId: string; onClose(): void }) {
  const { t: all, lang } = useI18n();
  const fullTextHeadingId = useId();
  const t = all.journal;
  const kind = kindLabel(hit.kind, lang);
  const date = formatDate(hit.recorded, lang);
  return (
    <section id={id} className="journal-source" aria-labelledby={headingId} data-testid="journal-source">
      <h3 id={headingId} tabIndex={-1}>
        {t.sourceTitle}: {kind}, {date}
      </h3>
      <p className="hint">{t.sourceIntro}</p>
      <blockquote className="journal-passage" data-start={hit.start} data-end={hit.end}>
        <p>
          <MarkedText segments={passageSegments(hit.text, hit.snippet)} />
        </p>
      </blockquote>
      <dl className="journal-source-facts">
        <div>
          <dt>{t.sourceFields.kind}</dt>
          <dd>{kind}</dd>
        </div>
        <div>
          <dt>{t.sourceFields.section}</dt>
          <dd>{hit.section ?? t.noSection}</dd>
        </div>
        <div>
          <dt>{t.sourceFields.date}</dt>
          <dd>
            <time dateTime={hit.recorded}>{date}</time>
          </dd>
        </div>
        <div>
          <dt>{t.sourceFields.reference}</dt>
          <dd className="journal-reference">
            {hit.source.type}/{hit.source.id}
          </dd>
        </div>
        <div>
          <dt>{t.sourceFields.version}</dt>
          <dd>{hit.source.version}</dd>
        </div>
      </dl>
      <SourceViewer
        key={hitKey(hit)}
        source={{ type: hit.source.type, id: hit.source.id, version: String(hit.source.version), start: hit.start, end: hit.end }}
        headingId={fullTextHeadingId}
        variant="embedded"
      />
      <button type="button" className="button-secondary" onClick={onClose}>
        {t.close}
      </button>
    </section>
  );
}
