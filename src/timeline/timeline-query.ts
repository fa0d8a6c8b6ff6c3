/**
 * The timeline's query (pure): the request's from, to, kind, sector and limit read and checked (a
 * client's mistake is a 400 naming the parameter), and the entries put through it: the time window
 * (overlap), counts per kind and sector for the filter chips, the kind and sector filters, oldest
 * first, and the newest `limit` kept.
 */
import { badRequest } from '../errors/index.ts';
import { TIMELINE_KINDS, TIMELINE_SECTORS, type TimelineCounts, type TimelineEntry, type TimelineKind, type TimelineSector } from './api-types.ts';

export const DEFAULT_LIMIT = 500;
export const MAX_LIMIT = 1000;

export interface TimelineQuery {
  /** ISO instants (UTC). */
  readonly from?: string;
  readonly to?: string;
  readonly kinds?: ReadonlySet<TimelineKind>;
  readonly sectors?: ReadonlySet<TimelineSector>;
  readonly limit: number;
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;

/** A date (a whole UTC day: its first or last moment) or an instant with a time zone, as an ISO instant; undefined if it is neither. */
export function readInstant(value: string, edge: 'start' | 'end'): string | undefined {
  const date = DATE.exec(value);
  if (date) {
    const d = new Date(Date.UTC(Number(date[1]), Number(date[2]) - 1, Number(date[3])));
    if (d.toISOString().slice(0, 10) !== value) return undefined; // 2025-02-30 and the like
    return edge === 'start' ? d.toISOString() : new Date(d.getTime() + 86_400_000 - 1).toISOString();
  }
  if (!DATE_TIME.test(value)) return undefined;
  const t = Date.parse(value);
  return Number.isNaN(t) ? undefined : new Date(t).toISOString();
}

function readList<T extends string>(raw: unknown, allowed: readonly T[], name: string): ReadonlySet<T> | undefined {
  if (raw === undefined || raw === '') return undefined;
  if (typeof raw !== 'string') throw badRequest(`Give ${name} once, comma-separated: ${allowed.join(', ')}`, name);
  const values = raw.split(',').map((v) => v.trim());
  const unknown = values.filter((v) => !(allowed as readonly string[]).includes(v));
  if (unknown.length > 0) throw badRequest(`Unknown ${name} '${unknown[0]!.slice(0, 40)}': one of ${allowed.join(', ')}`, name);
  return new Set(values as T[]);
}

function readTime(raw: unknown, name: 'from' | 'to'): string | undefined {
  if (raw === undefined || raw === '') return undefined;
  const instant = typeof raw === 'string' ? readInstant(raw, name === 'from' ? 'start' : 'end') : undefined;
  if (!instant) throw badRequest(`${name} must be a date (2025-01-15) or a time with time zone (2025-01-15T08:00:00+01:00)`, name);
  return instant;
}

/** The query of GET /api/timeline/patients/:patientId, checked. */
export function parseTimelineQuery(query: Readonly<Record<string, unknown>>): TimelineQuery {
  const from = readTime(query.from, 'from');
  const to = readTime(query.to, 'to');
  if (from && to && from > to) throw badRequest('from must not be after to', 'from');
  const kinds = readList(query.kind, TIMELINE_KINDS, 'kind');
  const sectors = readList(query.sector, TIMELINE_SECTORS, 'sector');
  let limit = DEFAULT_LIMIT;
  if (query.limit !== undefined) {
    limit = typeof query.limit === 'string' && /^\d{1,4}$/.test(query.limit) ? Number(query.limit) : NaN;
    if (!(limit >= 1 && limit <= MAX_LIMIT)) throw badRequest(`limit must be a whole number from 1 to ${MAX_LIMIT}`, 'limit');
  }
  return { ...(from ? { from } : {}), ...(to ? { to } : {}), ...(kinds ? { kinds } : {}), ...(sectors ? { sectors } : {}), limit };
}

/** A FHIR date or dateTime as milliseconds (a partial date: its first moment, UTC). */
const time = (value: string) => Date.parse(value.length === 4 ? `${value}-01-01` : value.length === 7 ? `${value}-01` : value);

/** A contact or course without an end is ongoing (a FHIR Period without end); anything else without an end is a moment. */
export const isOngoing = (entry: TimelineEntry): boolean => !entry.end && (entry.kind === 'contact' || entry.kind === 'episode');

/** Does the entry overlap [from, to]? */
export function inWindow(entry: TimelineEntry, from: string | undefined, to: string | undefined): boolean {
  const start = time(entry.start);
  const end = entry.end ? time(entry.end) : isOngoing(entry) ? Infinity : start;
  if (to && start > Date.parse(to)) return false;
  if (from && end < Date.parse(from)) return false;
  return true;
}

export function emptyCounts(): { kind: Record<TimelineKind, number>; sector: Record<TimelineSector, number> } {
  return {
    kind: Object.fromEntries(TIMELINE_KINDS.map((k) => [k, 0])) as Record<TimelineKind, number>,
    sector: Object.fromEntries(TIMELINE_SECTORS.map((s) => [s, 0])) as Record<TimelineSector, number>,
  };
}

export function countEntries(entries: readonly TimelineEntry[]): TimelineCounts {
  const counts = emptyCounts();
  for (const e of entries) {
    counts.kind[e.kind]++;
    counts.sector[e.sector]++;
  }
  return counts;
}

/** Oldest first; equal starts by id, so the order is stable. */
export const byTime = (a: TimelineEntry, b: TimelineEntry): number => time(a.start) - time(b.start) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

export interface SelectedEntries {
  readonly entries: TimelineEntry[];
  readonly counts: TimelineCounts;
  readonly total: number;
  readonly truncated: boolean;
}

/** The window, the counts (before the kind and sector filters), the filters, the order and the limit (the newest kept). */
export function selectEntries(all: readonly TimelineEntry[], query: TimelineQuery): SelectedEntries {
  const windowed = all.filter((e) => inWindow(e, query.from, query.to));
  const counts = countEntries(windowed);
  const matching = windowed.filter((e) => (!query.kinds || query.kinds.has(e.kind)) && (!query.sectors || query.sectors.has(e.sector))).sort(byTime);
  const truncated = matching.length > query.limit;
  return { entries: truncated ? matching.slice(matching.length - query.limit) : matching, counts, total: matching.length, truncated };
}
