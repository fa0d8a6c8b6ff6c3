/** Date arithmetic for the demo: FHIR dateTime strings relative to a reference instant. */
const HOUR = 3_600_000;

/** A FHIR dateTime (UTC, whole seconds) `hours` before `now`. */
export function hoursBefore(now: Date, hours: number): string {
  return new Date(Math.floor((now.getTime() - hours * HOUR) / 1000) * 1000).toISOString().replace('.000Z', 'Z');
}

export function daysBefore(now: Date, days: number): string {
  return hoursBefore(now, days * 24);
}

/** A FHIR date (YYYY-MM-DD) `years` before `now`. */
export function dateYearsBefore(now: Date, years: number): string {
  return `${now.getUTCFullYear() - years}-${String(now.getUTCMonth() + 1).padStart(2, '0')}-${String(Math.min(now.getUTCDate(), 28)).padStart(2, '0')}`;
}

export function minutesBefore(now: Date, minutes: number): string {
  return hoursBefore(now, minutes / 60);
}

const DANISH_DATE = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Copenhagen', year: 'numeric', month: '2-digit', day: '2-digit' });

/** The date (YYYY-MM-DD) in Denmark `days` after `now`. */
export function danishDateAfter(now: Date, days: number): string {
  return DANISH_DATE.format(new Date(now.getTime() + days * 24 * HOUR));
}
