/**
 * CPR numbers typed into the search field: DDMMÅÅ-XXXX or DDMMÅÅXXXX. The format and the birth
 * date are checked, the modulus-11 check digit is NOT: many numbers issued since 2007 fail it (and
 * all demo numbers do). Pure; also used by the unit tests.
 * @see https://cpr.dk/cpr-systemet/personnumre-uden-kontrolciffer-modulus-11-kontrol
 */

export const CPR_SYSTEM = 'urn:oid:1.2.208.176.1.2';

export type CprCheck = { readonly ok: true; readonly cpr: string } | { readonly ok: false; readonly problem: 'format' | 'date' };

/** The full birth year of a CPR number from its YY and 7th digit (CPR-kontoret's century rule). */
export function birthYearOf(yy: number, seventh: number): number {
  if (seventh <= 3) return 1900 + yy;
  if (seventh === 4 || seventh === 9) return yy <= 36 ? 2000 + yy : 1900 + yy;
  return yy <= 57 ? 2000 + yy : 1800 + yy;
}

/** Checks a typed CPR number; on success `cpr` is the 10 digits without the hyphen. */
export function checkCpr(input: string): CprCheck {
  const match = /^(\d{2})(\d{2})(\d{2})-?(\d{4})$/.exec(input.trim());
  if (!match) return { ok: false, problem: 'format' };
  const [, dd, mm, yy, serial] = match as unknown as [string, string, string, string, string];
  const year = birthYearOf(Number(yy), Number(serial[0]));
  if (!isRealDate(year, Number(mm), Number(dd))) return { ok: false, problem: 'date' };
  return { ok: true, cpr: `${dd}${mm}${yy}${serial}` };
}

function isRealDate(year: number, month: number, day: number): boolean {
  if (month < 1 || month > 12 || day < 1) return false;
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return day <= daysInMonth;
}

/** DDMMYY-SSSS from 10 digits (other values are returned unchanged). */
export function formatCpr(value: string): string {
  return /^\d{10}$/.test(value) ? `${value.slice(0, 6)}-${value.slice(6)}` : value;
}

/** What the search field holds: a name, a CPR number, or something to correct. */
export type PatientQuery =
  | { readonly kind: 'name'; readonly name: string }
  | { readonly kind: 'cpr'; readonly cpr: string }
  | { readonly kind: 'invalid'; readonly problem: 'empty' | 'too-short' | 'cpr-format' | 'cpr-date' };

/** Decides by pattern: only digits, spaces and hyphens is a CPR number; anything with a letter is a name. */
export function classifyPatientQuery(input: string): PatientQuery {
  const text = input.trim().replace(/\s+/g, ' ');
  if (!text) return { kind: 'invalid', problem: 'empty' };
  if (/^[\d\s-]+$/.test(text)) {
    const checked = checkCpr(text.replace(/\s/g, ''));
    if (checked.ok) return { kind: 'cpr', cpr: checked.cpr };
    return { kind: 'invalid', problem: checked.problem === 'format' ? 'cpr-format' : 'cpr-date' };
  }
  if (text.length < 2) return { kind: 'invalid', problem: 'too-short' };
  return { kind: 'name', name: text };
}

/** The form body of POST /fhir/Patient/_search (never a URL: a CPR number must not end up in access logs). */
export function patientSearchBody(query: { kind: 'name'; name: string } | { kind: 'cpr'; cpr: string }, count = 50): URLSearchParams {
  const body = new URLSearchParams();
  if (query.kind === 'cpr') body.set('identifier', `${CPR_SYSTEM}|${query.cpr}`);
  else body.set('name', query.name);
  body.set('_count', String(count));
  return body;
}
