// Tolerant HL7 v2 DTM parsing (HL7 v2.6 §2A.22 DTM, plus Mindray's 17-digit form) with IANA-zone fallback and clock checks; devices.md §5.
export type Hl7TimePrecision = 'year' | 'month' | 'day' | 'hour' | 'minute' | 'second' | 'millisecond';
export type DstAmbiguity = 'dst-gap' | 'dst-overlap';

export interface Hl7Time {
  /** ISO-8601 in UTC with milliseconds, e.g. `2026-01-24T05:15:40.000Z`. */
  readonly instant: string;
  /** False when the text had no UTC offset and `senderTimeZone` was applied. */
  readonly hadOffset: boolean;
  readonly precision: Hl7TimePrecision;
  /** A local time in the spring-forward gap (shifted forward by the gap) or in the autumn overlap (earlier instant). */
  readonly ambiguous?: DstAmbiguity;
}

// YYYY[MM[DD[HH[MM[SS[.S+]]]]]][+/-ZZZZ], and YYYYMMDDHHMMSSmmm (no decimal point) with an optional offset.
const DTM = /^(\d{4})(?:(\d{2})(?:(\d{2})(?:(\d{2})(?:(\d{2})(?:(\d{2})(?:\.(\d+)|(\d{3}))?)?)?)?)?)?([+-]\d{4})?$/;

const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;

const formatters = new Map<string, Intl.DateTimeFormat>();
function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/** True when `timeZone` is an IANA zone this runtime knows. */
export function isValidTimeZone(timeZone: string): boolean {
  try {
    formatterFor(timeZone);
    return true;
  } catch {
    return false;
  }
}

/** The zone's UTC offset in minutes at the instant `utcMs` (Copenhagen: 60 in winter, 120 in summer). */
export function zoneOffsetMinutes(utcMs: number, timeZone: string): number {
  const parts = formatterFor(timeZone).formatToParts(new Date(utcMs));
  const get = (type: Intl.DateTimeFormatPartTypes): number => Number(parts.find((p) => p.type === type)?.value ?? 0);
  const asUtc = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second'));
  const wholeSecond = utcMs - (((utcMs % 1000) + 1000) % 1000);
  return Math.round((asUtc - wholeSecond) / MINUTE_MS);
}

/** Local wall-clock milliseconds (as if UTC) → the instant in `timeZone`, resolving DST gaps and overlaps. */
function localToUtc(localMs: number, timeZone: string): { utcMs: number; ambiguous?: DstAmbiguity } {
  const before = zoneOffsetMinutes(localMs - DAY_MS, timeZone);
  const after = zoneOffsetMinutes(localMs + DAY_MS, timeZone);
  const fits = (offset: number): boolean => zoneOffsetMinutes(localMs - offset * MINUTE_MS, timeZone) === offset;
  const candidates = [...new Set([before, after])].filter(fits).map((offset) => localMs - offset * MINUTE_MS);
  if (candidates.length === 1) return { utcMs: candidates[0] as number };
  if (candidates.length > 1) return { utcMs: Math.min(...candidates), ambiguous: 'dst-overlap' };
  // Gap: read the wall time with the offset in force before the jump, which moves it forward by the gap.
  return { utcMs: localMs - before * MINUTE_MS, ambiguous: 'dst-gap' };
}

const daysInMonth = (year: number, month: number): number => new Date(Date.UTC(year, month, 0)).getUTCDate();

/**
 * Parses an HL7 DTM/TS tolerantly. Text without an offset is read as wall time in `senderTimeZone` (IANA).
 * Returns undefined for anything that is not a valid date-time (trailing junk, month 13, offset +2500 …).
 * Throws a RangeError only when `senderTimeZone` is not a known zone (a configuration error).
 */
export function parseHl7Time(text: string, senderTimeZone: string): Hl7Time | undefined {
  const m = DTM.exec(text.trim());
  if (!m) return undefined;
  const [, y, mo, d, h, mi, s, fraction, mindrayMs, offset] = m;
  const year = Number(y);
  const month = mo === undefined ? 1 : Number(mo);
  const day = d === undefined ? 1 : Number(d);
  const hour = h === undefined ? 0 : Number(h);
  const minute = mi === undefined ? 0 : Number(mi);
  const second = s === undefined ? 0 : Number(s);
  const msText = fraction ?? mindrayMs;
  const ms = msText === undefined ? 0 : Math.floor(Number(`0.${msText}`) * 1000);
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month) || hour > 23 || minute > 59 || second > 59) return undefined;

  const precision: Hl7TimePrecision =
    msText !== undefined ? 'millisecond' : s !== undefined ? 'second' : mi !== undefined ? 'minute' : h !== undefined ? 'hour' : d !== undefined ? 'day' : mo !== undefined ? 'month' : 'year';
  const localMs = Date.UTC(year, month - 1, day, hour, minute, second, ms);
  // Date.UTC maps years 0–99 to 1900+; HL7 years that small are junk anyway.
  if (year < 1000) return undefined;

  if (offset !== undefined) {
    const sign = offset.startsWith('-') ? -1 : 1;
    const oh = Number(offset.slice(1, 3));
    const om = Number(offset.slice(3, 5));
    if (oh > 14 || om > 59) return undefined;
    const utcMs = localMs - sign * (oh * 60 + om) * MINUTE_MS;
    return { instant: new Date(utcMs).toISOString(), hadOffset: true, precision };
  }
  formatterFor(senderTimeZone); // throws RangeError for an unknown zone
  const { utcMs, ambiguous } = localToUtc(localMs, senderTimeZone);
  return { instant: new Date(utcMs).toISOString(), hadOffset: false, precision, ...(ambiguous ? { ambiguous } : {}) };
}

export interface ClockLimits {
  /** How far ahead of receipt an observation may lie before it counts as 'future'. */
  readonly futureSeconds: number;
  /** How far behind receipt an observation may lie before it counts as 'stale'. */
  readonly pastHours: number;
}
export const DEFAULT_CLOCK_LIMITS: ClockLimits = Object.freeze({ futureSeconds: 120, pastHours: 24 });

/** 'future' or 'stale' when an observation time is suspicious against the receipt time; undefined when it is fine. */
export function clockCheck(observedAt: string, receivedAt: Date, limits: ClockLimits = DEFAULT_CLOCK_LIMITS): undefined | 'future' | 'stale' {
  const observed = Date.parse(observedAt);
  if (Number.isNaN(observed)) return undefined;
  const ahead = observed - receivedAt.getTime();
  if (ahead > limits.futureSeconds * 1000) return 'future';
  if (-ahead > limits.pastHours * 3_600_000) return 'stale';
  return undefined;
}

/** A Date as HL7 DTM in UTC with an explicit offset, e.g. `20260124051540+0000` (for outbound MSH-7). */
export function formatHl7Time(date: Date): string {
  return `${date.toISOString().slice(0, 19).replace(/[-:T]/g, '')}+0000`;
}
