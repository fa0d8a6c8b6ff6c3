/**
 * Forløb/tidslinje, the chart's Timeline module (/app/patient/:id/timeline): the patient's course in a
 * calendar window (år, måned, uge, dag, timer) from GET /api/timeline/patients/:id?from&to. Zoom and
 * move with the buttons or the keyboard (+/− and the arrows); filter chips per kind and sector with
 * the server's counts hide entries at once; an overview strip shows where in the window things
 * happened (decoration: the list below says the same in words); the list is grouped by month, day or
 * hour with a heading each; an entry opens its detail panel (the whole text of a note, a document's
 * text or its link). Entries are untrusted text: React text only, links only to http(s).
 */
import { useId, useLayoutEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { type TimelineEntry, type TimelineKind, type TimelineResult, type TimelineSector } from '../../../src/timeline/api-types.ts';
import { getJson } from '../api/api-client.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { ErrorMessage } from '../ui/error-message.tsx';
import { formatDate, formatDateTime, formatTime } from '../ui/format.ts';
import { useResource } from '../ui/use-resource.ts';
import {
  anchorForZoom, groupEntries, groupUnitOf, isoWeek, shiftAnchor, stripPosition, timelinePath, visibleEntries, windowAt, zoomBy, ZOOMS, type GroupUnit, type TimeWindow, type Zoom,
} from './timeline.helpers.ts';
import './timeline.css';

type Texts = ReturnType<typeof useI18n>['t']['timeline'];
type Lang = ReturnType<typeof useI18n>['lang'];

const isBareDate = (v: string) => /^\d{4}-\d{2}-\d{2}$/.test(v);
const when = (v: string, lang: Lang) => (isBareDate(v) ? formatDate(v, lang) : formatDateTime(v, lang));

function windowTitle(zoom: Zoom, w: TimeWindow, t: Texts, lang: Lang): string {
  const s = w.start;
  switch (zoom) {
    case 'year':
      return String(s.getFullYear());
    case 'month':
      return `${t.months[s.getMonth()]} ${s.getFullYear()}`;
    case 'week': {
      const { week, year } = isoWeek(s);
      return `${t.week(week, year)} (${formatDate(s, lang)}–${formatDate(new Date(w.end.getTime() - 1), lang)})`;
    }
    case 'day':
      return formatDate(s, lang);
    case 'hours':
      return `${formatDate(s, lang)}${lang === 'da' ? ' kl. ' : ', '}${formatTime(s)}–${formatTime(w.end)}`;
  }
}

function groupTitle(start: Date, unit: GroupUnit, t: Texts, lang: Lang): string {
  if (unit === 'month') return `${t.months[start.getMonth()]} ${start.getFullYear()}`;
  if (unit === 'day') return formatDate(start, lang);
  return `${formatDate(start, lang)}${lang === 'da' ? ' kl. ' : ', '}${formatTime(start)}`;
}

function entryTime(e: TimelineEntry, t: Texts, lang: Lang): string {
  const ongoing = !e.end && (e.kind === 'contact' || e.kind === 'episode');
  if (e.end) return `${when(e.start, lang)} – ${when(e.end, lang)}`;
  return ongoing ? `${when(e.start, lang)} – ${t.ongoing}` : when(e.start, lang);
}

const toggled = <T,>(set: ReadonlySet<T>, value: T): Set<T> => {
  const next = new Set(set);
  if (!next.delete(value)) next.add(value);
  return next;
};

export function PatientTimeline({ patientId, headingId }: { patientId: string; headingId: string }) {
  const { t: all, lang } = useI18n();
  const t = all.timeline;
  const [zoom, setZoom] = useState<Zoom>('year');
  const [anchor, setAnchor] = useState<Date>(() => new Date());
  const [hiddenKinds, setHiddenKinds] = useState<ReadonlySet<TimelineKind>>(new Set());
  const [hiddenSectors, setHiddenSectors] = useState<ReadonlySet<TimelineSector>>(new Set());
  const [selected, setSelected] = useState<string | null>(null);
  const ids = { window: useId(), hint: useId(), panel: useId(), panelHeading: useId(), kinds: useId(), sectors: useId() };

  const window_ = useMemo(() => windowAt(zoom, anchor), [zoom, anchor]);
  const data = useResource<TimelineResult>(() => getJson<TimelineResult>(timelinePath(patientId, window_)), [patientId, window_.start.getTime(), window_.end.getTime()]);
  const entries = data.status === 'ok' ? data.data.entries : [];
  const shown = visibleEntries(entries, hiddenKinds, hiddenSectors);
  const groups = groupEntries(shown, window_, groupUnitOf(zoom));
  const current = shown.find((e) => e.id === selected);

  const changeZoom = (next: Zoom) => {
    if (next === zoom) return;
    setAnchor(anchorForZoom(window_, anchor));
    setZoom(next);
    setSelected(null);
  };
  const move = (steps: number) => {
    setAnchor(shiftAnchor(zoom, anchor, steps));
    setSelected(null);
  };
  const onKeyDown = (e: KeyboardEvent) => {
    const target = e.target as HTMLElement;
    if (target.closest('input, textarea, select, [data-timeline-detail]')) return;
    if (e.key === '+' || e.key === '=') changeZoom(zoomBy(zoom, 1));
    else if (e.key === '-' || e.key === '−') changeZoom(zoomBy(zoom, -1));
    else if (e.key === 'ArrowLeft') move(-1);
    else if (e.key === 'ArrowRight') move(1);
    else return;
    e.preventDefault();
  };

  // Focus moves in the same commit as the panel opens or closes (the panel focuses its own heading).
  const focusBackTo = useRef<string | null>(null);
  useLayoutEffect(() => {
    if (selected !== null || !focusBackTo.current) return;
    document.querySelector<HTMLElement>(`[data-entry="${CSS.escape(focusBackTo.current)}"]`)?.focus();
    focusBackTo.current = null;
  }, [selected]);
  const open = (id: string) => setSelected(id);
  const close = () => {
    focusBackTo.current = selected;
    setSelected(null);
  };

  const status =
    data.status === 'loading'
      ? t.loading
      : data.status === 'ok'
        ? [t.shown(shown.length), entries.length > shown.length ? t.hidden(entries.length - shown.length) : ''].filter(Boolean).join(' · ')
        : '';

  return (
    <div className="timeline" onKeyDown={onKeyDown}>
      <h2 id={headingId} tabIndex={-1}>
        {all.chart.modules.timeline}
      </h2>
      <div className="timeline-toolbar">
        <div role="group" aria-label={t.zoomLabel} className="timeline-zoom" aria-describedby={ids.hint}>
          {ZOOMS.map((z) => (
            <button key={z} type="button" aria-pressed={z === zoom} onClick={() => changeZoom(z)}>
              {t.zoom[z]}
            </button>
          ))}
        </div>
        <div role="group" aria-label={t.navLabel} className="timeline-nav">
          <button type="button" onClick={() => move(-1)}>
            <span aria-hidden="true">‹ </span>
            {t.previous}
          </button>
          <button type="button" onClick={() => { setAnchor(new Date()); setSelected(null); }}>
            {t.today}
          </button>
          <button type="button" onClick={() => move(1)}>
            {t.next}
            <span aria-hidden="true"> ›</span>
          </button>
        </div>
      </div>
      <p id={ids.hint} className="hint">
        {t.keyboardHint}
      </p>
      <p className="timeline-window" aria-live="polite" data-testid="timeline-window">
        <span className="visually-hidden">{t.windowLabel}: </span>
        <strong>{windowTitle(zoom, window_, t, lang)}</strong>
      </p>

      {data.status === 'ok' && (
        <div className="timeline-filters" role="group" aria-label={t.filtersLabel}>
          <ChipGroup id={ids.kinds} label={t.kindFilter} labels={t.kinds} hidden={hiddenKinds} counts={data.data.counts.kind} onToggle={(k) => setHiddenKinds((h) => toggled(h, k))} />
          <ChipGroup id={ids.sectors} label={t.sectorFilter} labels={t.sectors} hidden={hiddenSectors} counts={data.data.counts.sector} onToggle={(v) => setHiddenSectors((h) => toggled(h, v))} />
        </div>
      )}

      <p role="status" className="timeline-status" data-testid="timeline-status">
        {status}
      </p>
      {data.status === 'error' && <ErrorMessage error={data.error} onRetry={data.reload} />}
      {data.status === 'ok' && data.data.truncated && <p className="muted">{t.truncated(data.data.limit)}</p>}

      {data.status === 'ok' && (
        <div className="timeline-strip" aria-hidden="true" data-testid="timeline-strip">
          {shown.map((e) => {
            const p = stripPosition(e, window_, new Date());
            return <span key={e.id} className={`timeline-mark timeline-kind-${e.kind}${p.width > 0 ? ' timeline-bar' : ''}`} style={{ left: `${p.left}%`, width: p.width > 0 ? `${p.width}%` : undefined }} title={e.title} />;
          })}
        </div>
      )}

      {groups.length > 0 && (
        <div className={current ? 'journal-results journal-results-open' : 'journal-results'}>
          <div className="timeline-groups" aria-label={t.entriesLabel} role="region" data-testid="timeline-entries">
            {groups.map((g) => (
              <section key={g.start.getTime()} className="timeline-group">
                <h3>{groupTitle(g.start, groupUnitOf(zoom), t, lang)}</h3>
                <ol className="journal-hits">
                  {g.entries.map((e) => (
                    <li key={e.id} data-kind={e.kind} data-sector={e.sector}>
                      <button
                        type="button"
                        className={`journal-hit timeline-entry timeline-kind-${e.kind}`}
                        data-entry={e.id}
                        aria-current={e.id === selected ? 'true' : undefined}
                        aria-controls={current ? ids.panel : undefined}
                        onClick={() => open(e.id)}
                      >
                        <span className="timeline-entry-meta">
                          <span className="timeline-entry-kind">{t.kind[e.kind]}</span>
                          <span className={`timeline-sector timeline-sector-${e.sector}`}>{t.sectors[e.sector]}</span>
                          <span>{entryTime(e, t, lang)}</span>
                          {e.direction && <span>{e.direction === 'in' ? t.incoming : t.outgoing}</span>}
                        </span>
                        <span className="timeline-entry-title">{e.title}</span>
                        {e.detail && <span className="timeline-entry-detail">{e.detail}</span>}
                      </button>
                    </li>
                  ))}
                </ol>
              </section>
            ))}
          </div>
          {current && <EntryDetail entry={current} id={ids.panel} headingId={ids.panelHeading} onClose={close} />}
        </div>
      )}
    </div>
  );
}

/** Toggle chips, one per value in `labels`' order, each with its count; pressed = shown. */
function ChipGroup<T extends string>(props: {
  id: string;
  label: string;
  labels: Readonly<Record<T, string>>;
  hidden: ReadonlySet<T>;
  counts: Readonly<Record<T, number>>;
  onToggle: (value: T) => void;
}) {
  const { t } = useI18n();
  return (
    <div className="timeline-chips" role="group" aria-labelledby={props.id}>
      <span id={props.id} className="timeline-chips-label">
        {props.label}
      </span>
      {(Object.keys(props.labels) as T[]).map((v) => (
        <button key={v} type="button" className="timeline-chip" data-chip={v} aria-pressed={!props.hidden.has(v)} onClick={() => props.onToggle(v)}>
          {!props.hidden.has(v) && <span aria-hidden="true">✓ </span>}
          {t.timeline.chip(props.labels[v], props.counts[v] ?? 0)}
        </button>
      ))}
    </div>
  );
}

const SAFE_LINK = /^https?:\/\//i;

function EntryDetail({ entry, id, headingId, onClose }: { entry: TimelineEntry; id: string; headingId: string; onClose(): void }) {
  const { t: all, lang } = useI18n();
  const t = all.timeline;
  const headingRef = useRef<HTMLHeadingElement>(null);
  useLayoutEffect(() => headingRef.current?.focus(), [entry.id]);
  const facts: [string, string | undefined][] = [
    [t.fields.kind, t.kind[entry.kind]],
    [t.fields.sector, t.sectors[entry.sector]],
    [t.fields.time, entryTime(entry, t, lang)],
    [t.fields.organization, entry.organization],
    [t.fields.direction, entry.direction ? (entry.direction === 'in' ? t.incoming : t.outgoing) : undefined],
    // A note's status in the words of the notes (Underskrevet, Rettet); the rest in the timeline's.
    [t.fields.status, entry.status && ((entry.kind === 'note' ? all.notes.status[entry.status] : undefined) ?? t.statuses[entry.status] ?? entry.status)],
    [t.fields.source, `${entry.source.type}/${entry.source.id}`],
    [t.fields.version, entry.source.versionId],
  ];
  return (
    <section id={id} className="journal-source timeline-detail" aria-labelledby={headingId} data-testid="timeline-detail" data-timeline-detail="">
      <h3 id={headingId} ref={headingRef} tabIndex={-1}>
        {entry.title}
      </h3>
      {entry.detail && <p className="timeline-detail-line">{entry.detail}</p>}
      <dl className="journal-source-facts">
        {facts
          .filter((f): f is [string, string] => !!f[1])
          .map(([label, value]) => (
            <div key={label}>
              <dt>{label}</dt>
              <dd>{value}</dd>
            </div>
          ))}
      </dl>
      {entry.text && (
        <>
          <h4>{t.text}</h4>
          <div className="timeline-text">{entry.text}</div>
        </>
      )}
      {entry.link && SAFE_LINK.test(entry.link.url) && (
        <p>
          <a href={entry.link.url} target="_blank" rel="noopener noreferrer">
            {t.openDocument}
            {entry.link.title ? `: ${entry.link.title}` : ''} <span className="visually-hidden">{t.newWindow}</span>
          </a>
        </p>
      )}
      <button type="button" className="button-secondary" onClick={onClose}>
        {t.close}
      </button>
    </section>
  );
}
