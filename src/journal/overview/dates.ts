/** Dates in the overview: ISO instants of FHIR dateTimes, Danish calendar dates for flags ("12.03.2026"), newest-first ordering. */
import { danishDay } from '../../logistics/domain/index.ts';

/** Milliseconds of a FHIR dateTime, or -Infinity when absent or unreadable (sorts last when newest first). */
export function millis(dateTime: string | undefined): number {
  const ms = dateTime ? Date.parse(dateTime) : NaN;
  return Number.isNaN(ms) ? -Infinity : ms;
}

/** The latest of some FHIR dateTimes, ISO; undefined when none is readable. */
export function latest(...dateTimes: (string | undefined)[]): string | undefined {
  const ms = Math.max(...dateTimes.map(millis));
  return Number.isFinite(ms) ? new Date(ms).toISOString() : undefined;
}

/** "DD.MM.YYYY" in Danish time. */
export function danishDate(dateTime: string): string {
  const [y, m, d] = danishDay(new Date(dateTime)).split('-');
  return `${d}.${m}.${y}`;
}

/** Newest first by `dateOf`. */
export const newestFirst = <T>(items: readonly T[], dateOf: (item: T) => string | undefined): T[] => [...items].sort((a, b) => millis(dateOf(b)) - millis(dateOf(a)));
