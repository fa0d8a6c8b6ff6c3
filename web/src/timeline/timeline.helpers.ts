/**
 * Pure helpers of the patient timeline: the zoom levels (år, måned, uge, dag, timer) and the calendar
 * window each shows around an anchor in the browser's time zone, moving and zooming, the groups the
 * entries fall into (months, days, hours), an entry's place on the overview strip, the chip filters,
 * and the API path of a window.
 */
import type { TimelineEntry, TimelineKind, TimelineSector } from '../../../src/timeline/api-types.ts';

export const ZOOMS = ['year', 'month', 'week', 'day', 'hours'] as const;
export type Zoom = (typeof ZOOMS)[number];
/** The hours zoom shows this many hours. */
export const HOURS_SPAN = 6;

/** [start, end): local calendar boundaries. */
export interface TimeWindow {
  readonly start: Date;
  readonly end: Date;
}

/** The calendar window of `zoom` that holds `anchor`: its year, month, ISO week (Monday first), day, or six-hour block. */
export function windowAt(zoom: Zoom, anchor: Date): TimeWindow {
  const y = anchor.getFullYear();
  const m = anchor.getMonth();
  const d = anchor.getDate();
  switch (zoom) {
    case 'year':
      return { start: new Date(y, 0, 1), end: new Date(y + 1, 0, 1) };
    case 'month':
      return { start: new Date(y, m, 1), end: new Date(y, m + 1, 1) };
    case 'week': {
      const monday = d - ((anchor.getDay() + 6) % 7);
      return { start: new Date(y, m, monday), end: new Date(y, m, monday + 7) };
    }
    case 'day':
      return { start: new Date(y, m, d), end: new Date(y, m, d + 1) };
    case 'hours': {
      const h = Math.floor(anchor.getHours() / HOURS_SPAN) * HOURS_SPAN;
      return { start: new Date(y, m, d, h), end: new Date(y, m, d, h + HOURS_SPAN) };
    }
  }
}

/** The anchor `steps` windows later (or earlier, negative), calendar-aware. */
export function shiftAnchor(zoom: Zoom, anchor: Date, steps: number): Date {
  const w = windowAt(zoom, anchor);
  const s = w.start;
  switch (zoom) {
    case 'year':
      return new Date(s.getFullYear() + steps, 0, 1);
    case 'month':
      return new Date(s.getFullYear(), s.getMonth() + steps, 1);
    case 'week':
      return new Date(s.getFullYear(), s.getMonth(), s.getDate() + 7 * steps);
    case 'day':
      return new Date(s.getFullYear(), s.getMonth(), s.getDate() + steps);
    case 'hours':
      return new Date(s.getFullYear(), s.getMonth(), s.getDate(), s.getHours() + HOURS_SPAN * steps);
  }
}

/** One level in (towards hours) or out (towards years); stays at the ends. */
export function zoomBy(zoom: Zoom, step: 1 | -1): Zoom {
  const i = ZOOMS.indexOf(zoom) + step;
  return ZOOMS[Math.min(ZOOMS.length - 1, Math.max(0, i))]!;
}

/**
 * Where to anchor when zooming: the anchor if it lies in the current window (e.g. today), else the
 * window's start, so zooming in on a past year shows its first month.
 */
export function anchorForZoom(current: TimeWindow, anchor: Date): Date {
  return anchor >= current.start && anchor < current.end ? anchor : current.start;
}

export type GroupUnit = 'month' | 'day' | 'hour';
export const groupUnitOf = (zoom: Zoom): GroupUnit => (zoom === 'year' ? 'month' : zoom === 'month' || zoom === 'week' ? 'day' : 'hour');

function groupStart(date: Date, unit: GroupUnit): Date {
  if (unit === 'month') return new Date(date.getFullYear(), date.getMonth(), 1);
  if (unit === 'day') return new Date(date.getFullYear(), date.getMonth(), date.getDate());
  return new Date(date.getFullYear(), date.getMonth(), date.getDate(), date.getHours());
}

/** A FHIR date (a calendar day: local midnight) or dateTime as a Date. */
export function entryDate(value: string): Date {
  const bare = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  return bare ? new Date(Number(bare[1]), Number(bare[2]) - 1, Number(bare[3])) : new Date(value);
}

export interface EntryGroup {
  readonly start: Date;
  readonly entries: readonly TimelineEntry[];
}

/** Entries by month, day or hour, in order; an entry begun before the window is put at the window's start. */
export function groupEntries(entries: readonly TimelineEntry[], window: TimeWindow, unit: GroupUnit): EntryGroup[] {
  const groups = new Map<number, TimelineEntry[]>();
  for (const e of entries) {
    const start = entryDate(e.start);
    const at = groupStart(start < window.start ? window.start : start, unit).getTime();
    groups.set(at, [...(groups.get(at) ?? []), e]);
  }
  return [...groups.entries()].sort((a, b) => a[0] - b[0]).map(([at, list]) => ({ start: new Date(at), entries: list }));
}

/** An entry's place on the strip as percentages of the window (clamped); an open contact runs to `now`. */
export function stripPosition(entry: TimelineEntry, window: TimeWindow, now: Date): { left: number; width: number } {
  const span = window.end.getTime() - window.start.getTime();
  const start = entryDate(entry.start).getTime();
  const ongoing = !entry.end && (entry.kind === 'contact' || entry.kind === 'episode');
  const end = entry.end ? entryDate(entry.end).getTime() : ongoing ? Math.max(start, now.getTime()) : start;
  const clamp = (t: number) => Math.min(100, Math.max(0, ((t - window.start.getTime()) / span) * 100));
  const left = clamp(start);
  return { left, width: Math.max(0, clamp(end) - left) };
}

/** ISO 8601 week number and its year. */
export function isoWeek(date: Date): { week: number; year: number } {
  const d = new Date(Date.UTC(date.getFullYear(), date.getMonth(), date.getDate()));
  const day = d.getUTCDay() || 7;
  d.setUTCDate(d.getUTCDate() + 4 - day);
  const yearStart = new Date(Date.UTC(d.getUTCFullYear(), 0, 1));
  return { week: Math.ceil(((d.getTime() - yearStart.getTime()) / 86_400_000 + 1) / 7), year: d.getUTCFullYear() };
}

/** The entries the chips let through. */
export function visibleEntries(entries: readonly TimelineEntry[], hiddenKinds: ReadonlySet<TimelineKind>, hiddenSectors: ReadonlySet<TimelineSector>): TimelineEntry[] {
  return entries.filter((e) => !hiddenKinds.has(e.kind) && !hiddenSectors.has(e.sector));
}

/** The API path of a window (the server's window is inclusive: it ends a millisecond before the next). */
export const timelinePath = (patientId: string, window: TimeWindow): string =>
  `/api/timeline/patients/${encodeURIComponent(patientId)}?${new URLSearchParams({ from: window.start.toISOString(), to: new Date(window.end.getTime() - 1).toISOString() }).toString()}`;
