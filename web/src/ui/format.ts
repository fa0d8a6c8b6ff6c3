/** Dates and times for people: Danish (15.01.2025 kl. 14:05) or English (15 Jan 2025, 14:05), in the browser's time zone. Pure. */
import type { Lang } from '../i18n/lang.ts';

const pad = (n: number) => String(n).padStart(2, '0');

/** HH:MM (24-hour clock). */
export function formatTime(value: string | Date): string {
  const d = new Date(value);
  return Number.isNaN(d.getTime()) ? '' : `${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

export function formatDate(value: string | Date, lang: Lang): string {
  // A bare FHIR date (YYYY-MM-DD) is a calendar date, not an instant: do not shift it by the time zone.
  const bare = typeof value === 'string' ? /^(\d{4})-(\d{2})-(\d{2})$/.exec(value) : null;
  const d = bare ? new Date(Number(bare[1]), Number(bare[2]) - 1, Number(bare[3])) : new Date(value);
  if (Number.isNaN(d.getTime())) return typeof value === 'string' ? value : '';
  if (lang === 'da') return `${pad(d.getDate())}.${pad(d.getMonth() + 1)}.${d.getFullYear()}`;
  return new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric' }).format(d);
}

export function formatDateTime(value: string | Date, lang: Lang): string {
  const d = new Date(value);
  if (Number.isNaN(d.getTime())) return typeof value === 'string' ? value : '';
  return lang === 'da' ? `${formatDate(d, lang)} kl. ${formatTime(d)}` : `${formatDate(d, lang)}, ${formatTime(d)}`;
}
