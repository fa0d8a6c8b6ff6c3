/**
 * CPR numbers (Danish personal identification numbers: DDMMYY-SSSS) kept out of logs and URLs, pure.
 * @see https://cpr.dk/cpr-systemet/opbygning-af-cpr-nummeret
 */

/**
 * Anything CPR-like in free text: 6 digits, an optional '-' (or its URL encoding %2D), 4 digits, not
 * inside a longer run of digits. Deliberately broad (no date check: replacement numbers and
 * typos count too); a false positive costs a few masked digits in a log line.
 */
const CPR_IN_TEXT = /(?<!\d)\d{6}(?:-|%2[dD])?\d{4}(?!\d)/g;

/** Replaces every CPR-like sequence with `[CPR]`. */
export function redactCpr(text: string): string {
  return text.replace(CPR_IN_TEXT, '[CPR]');
}

/**
 * A CPR-like value in a (decoded) parameter value. Stricter than CPR_IN_TEXT at its edges, so that
 * ids and UUIDs never match: it must not touch letters or digits (e.g. `urn:…|0101011234`,
 * `010101-1234`, but not `ab123456-7890-…`).
 */
const CPR_VALUE = /(?<![0-9A-Za-z])\d{6}-?\d{4}(?![0-9A-Za-z])/;

/** True when some parameter (name or value) of the query string holds a CPR-like value. */
export function queryHasCpr(query: string): boolean {
  if (!query) return false;
  let params: URLSearchParams;
  try {
    params = new URLSearchParams(query);
  } catch {
    return CPR_VALUE.test(query);
  }
  for (const [name, value] of params) if (CPR_VALUE.test(name) || CPR_VALUE.test(value)) return true;
  return false;
}
