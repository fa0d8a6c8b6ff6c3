/**
 * Value normalisation shared by index extraction and search parsing: folded strings, the
 * implicit ranges of dates and decimals. @see https://hl7.org/fhir/R4/search.html#string
 * @see https://hl7.org/fhir/R4/search.html#date @see https://hl7.org/fhir/R4/search.html#number
 */

/** Lower-case and strip diacritics, keeping the Danish letters æ, ø and å distinct. */
export function normalizeString(s: string): string {
  const lower = s.toLowerCase();
  // Fast path: plain ASCII needs nothing more.
  if (/^[\x00-\x7f]*$/.test(lower)) return lower;
  return lower.normalize('NFD').replace(/a\u030a/g, 'å').replace(/[\u0300-\u036f]/g, '').normalize('NFC');
}

/** Escapes LIKE wildcards so a client value is matched literally (backslash is PostgreSQL's default escape). */
export function escapeLike(s: string): string {
  return s.replace(/[\\%_]/g, '\\$&');
}

export interface DecimalRange {
  /** The value as a canonical decimal string. */
  readonly value: string;
  /** value - half a unit of the last given digit. */
  readonly lo: string;
  /** value + half a unit of the last given digit. */
  readonly hi: string;
}

const DECIMAL = /^([+-]?)(\d+)(?:\.(\d+))?(?:[eE]([+-]?\d+))?$/;

/** The implicit precision range of a decimal as written (`100` → [99.5, 100.5]); undefined when not a decimal. */
export function decimalRange(text: string): DecimalRange | undefined {
  const m = DECIMAL.exec(text.trim());
  if (!m) return undefined;
  const [, sign = '', int = '0', frac = '', expText] = m;
  const exp = expText ? Number(expText) : 0;
  if (!Number.isFinite(exp) || Math.abs(exp) > 300) return undefined;
  // value = sign * digits * 10^(exp - frac.length); precision unit = 10^(exp - frac.length)
  const digits = BigInt(int + frac) * (sign === '-' ? -1n : 1n);
  const scale = frac.length - exp; // value = digits / 10^scale
  // lo/hi = (digits*10 ∓ 5) / 10^(scale+1)
  return {
    value: fromScaled(digits, scale),
    lo: fromScaled(digits * 10n - 5n, scale + 1),
    hi: fromScaled(digits * 10n + 5n, scale + 1),
  };
}

function fromScaled(n: bigint, scale: number): string {
  if (scale <= 0) return (n * 10n ** BigInt(-scale)).toString();
  const neg = n < 0n;
  const abs = (neg ? -n : n).toString().padStart(scale + 1, '0');
  const int = abs.slice(0, abs.length - scale);
  const frac = abs.slice(abs.length - scale).replace(/0+$/, '');
  return (neg ? '-' : '') + int + (frac ? '.' + frac : '');
}

/** A JSON number as a decimal string without exponent (as exact as JavaScript kept it). */
export function numberText(n: number): string {
  const s = String(n);
  if (!/e/i.test(s)) return s;
  return decimalRange(s)?.value ?? s;
}

export interface DateRange {
  /** First instant covered, ISO-8601 UTC (or '-infinity'). */
  readonly lo: string;
  /** Last instant covered (inclusive, millisecond precision), ISO-8601 UTC (or 'infinity'). */
  readonly hi: string;
}

const DATE =
  /^(\d{4})(?:-(\d{2})(?:-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|[+-]\d{2}:\d{2})?)?)?)?$/;

/**
 * The instant range a FHIR date, dateTime or instant covers at its precision: `2021` is the whole
 * year, `2021-03` the month, a date the day, a time to the second the whole second. Values
 * without a zone are taken as UTC. Undefined when the text is not a valid date.
 */
export function dateRange(text: string): DateRange | undefined {
  const m = DATE.exec(text);
  if (!m) return undefined;
  const [, y, mo, d, h, mi, s, frac, zone] = m;
  const year = Number(y);
  const month = mo ? Number(mo) : undefined;
  const day = d ? Number(d) : undefined;
  if (month !== undefined && (month < 1 || month > 12)) return undefined;
  if (day !== undefined && (day < 1 || day > daysIn(year, month ?? 1))) return undefined;
  if (h !== undefined && (Number(h) > 23 || Number(mi) > 59 || (s !== undefined && Number(s) > 59))) return undefined;
  let offsetMs = 0;
  if (zone && zone !== 'Z') {
    const sign = zone.startsWith('-') ? -1 : 1;
    offsetMs = sign * (Number(zone.slice(1, 3)) * 60 + Number(zone.slice(4, 6))) * 60_000;
  }
  const ms = frac ? Number(frac.slice(0, 3).padEnd(3, '0')) : 0;
  const start = Date.UTC(year, (month ?? 1) - 1, day ?? 1, h ? Number(h) : 0, mi ? Number(mi) : 0, s ? Number(s) : 0, ms) - offsetMs;
  let end: number;
  if (month === undefined) end = Date.UTC(year + 1, 0, 1);
  else if (day === undefined) end = Date.UTC(year, month, 1);
  else if (h === undefined) end = Date.UTC(year, month - 1, day + 1);
  else if (s === undefined) end = start + 60_000;
  else if (!frac) end = start + 1000;
  else end = start + 1;
  if (year < 1) return undefined;
  return { lo: iso(start), hi: iso(end - 1) };
}

function daysIn(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function iso(ms: number): string {
  return new Date(ms).toISOString();
}
