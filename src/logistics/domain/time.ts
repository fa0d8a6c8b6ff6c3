/** Time helpers for the logistics domain: instants from FHIR dateTime strings and the Danish calendar day. */

export const DANISH_TIME_ZONE = 'Europe/Copenhagen';

const MINUTE = 60_000;

/** Milliseconds since the epoch of a FHIR instant/dateTime/date, or undefined when absent or unreadable. */
export function toMillis(dateTime: string | undefined): number | undefined {
  if (!dateTime) return undefined;
  const ms = Date.parse(dateTime);
  return Number.isNaN(ms) ? undefined : ms;
}

export const addMinutes = (ms: number, minutes: number): number => ms + minutes * MINUTE;

export const isoAt = (ms: number): string => new Date(ms).toISOString();

const dayFormat = new Intl.DateTimeFormat('en-CA', { timeZone: DANISH_TIME_ZONE, year: 'numeric', month: '2-digit', day: '2-digit' });

/** The calendar day ('YYYY-MM-DD') an instant falls on in Denmark. */
export function danishDay(instant: Date | number): string {
  const parts = dayFormat.formatToParts(instant);
  const get = (type: string): string => parts.find((p) => p.type === type)?.value ?? '';
  return `${get('year')}-${get('month')}-${get('day')}`;
}
