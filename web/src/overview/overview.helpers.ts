/**
 * Pure helpers of the Overblik (src/journal/api-types.ts JournalOverview, journal-ai.md §4–5): an
 * item's age in words ("for 3 dage siden"), the citations numbered [1], [2]… in the order they first
 * appear (the same source cited twice keeps its number), what the source viewer asks for a citation,
 * an answer's sentence citations (S1… passages, R1… facts) resolved and numbered, and the answer as
 * copied to the clipboard.
 */
import type { AnswerSentence, JournalAnswer, JournalCitation, JournalOverview } from '../../../src/journal/api-types.ts';
import type { AgeUnit } from '../i18n/overview.da.ts';
import type { SourceRef } from '../journal/source-viewer.helpers.ts';

/** An age: just now, today (a bare date of today), or a count of a unit in the past or the future. */
export type Age = { readonly kind: 'now' } | { readonly kind: 'today' } | { readonly kind: 'past' | 'future'; readonly count: number; readonly unit: AgeUnit };

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const BARE_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Whole calendar days from a to b (local time), whatever the hour and daylight saving. */
const calendarDays = (a: Date, b: Date): number => Math.round((Date.UTC(b.getFullYear(), b.getMonth(), b.getDate()) - Date.UTC(a.getFullYear(), a.getMonth(), a.getDate())) / DAY);

/** Days as days (under a month), months (under a year) or years. */
function inLargeUnits(days: number): { count: number; unit: AgeUnit } {
  if (days < 31) return { count: days, unit: 'days' };
  if (days < 365) return { count: Math.max(1, Math.floor(days / 30.4375)), unit: 'months' };
  return { count: Math.max(1, Math.floor(days / 365.25)), unit: 'years' };
}

/**
 * How long ago `date` (ISO instant, or a bare FHIR date: a calendar day) was at `now`: minutes and
 * hours within a day, then calendar days, months and years. Undefined for a date that cannot be read.
 */
export function ageOf(date: string, now: Date): Age | undefined {
  const bare = BARE_DATE.exec(date);
  const then = bare ? new Date(Number(bare[1]), Number(bare[2]) - 1, Number(bare[3])) : new Date(date);
  if (Number.isNaN(then.getTime())) return undefined;
  if (bare) {
    const days = calendarDays(then, now);
    if (days === 0) return { kind: 'today' };
    return { kind: days > 0 ? 'past' : 'future', ...inLargeUnits(Math.abs(days)) };
  }
  const ms = now.getTime() - then.getTime();
  const kind = ms >= 0 ? 'past' : 'future';
  const abs = Math.abs(ms);
  if (abs < MINUTE) return { kind: 'now' };
  if (abs < HOUR) return { kind, count: Math.floor(abs / MINUTE), unit: 'minutes' };
  if (abs < DAY) return { kind, count: Math.floor(abs / HOUR), unit: 'hours' };
  return { kind, ...inLargeUnits(Math.abs(ms >= 0 ? calendarDays(then, now) : calendarDays(now, then)) || 1) };
}

/** The words of an age, from the language's overview texts. */
export interface AgeWords {
  readonly now: string;
  readonly today: string;
  past(n: number, unit: AgeUnit): string;
  future(n: number, unit: AgeUnit): string;
}

/** "for 3 dage siden", "om 2 timer", "lige nu"; undefined for a date that cannot be read. */
export function ageText(date: string, now: Date, words: AgeWords): string | undefined {
  const age = ageOf(date, now);
  if (!age) return undefined;
  if (age.kind === 'now') return words.now;
  if (age.kind === 'today') return words.today;
  return age.kind === 'past' ? words.past(age.count, age.unit) : words.future(age.count, age.unit);
}

/** A citation's identity: the same resource version, and for a span the same span. */
export function citationKey(c: JournalCitation): string {
  const base = `${c.resourceType}/${c.id}/_history/${c.versionId}`;
  return c.kind === 'span' ? `${base}#${c.start}-${c.end}` : base;
}

/** Each distinct citation of the overview numbered 1, 2, … in the order it first appears (sections, then items). */
export function numberCitations(overview: JournalOverview): ReadonlyMap<string, number> {
  const numbers = new Map<string, number>();
  for (const section of overview.sections) {
    for (const item of section.items) {
      for (const c of item.citations) {
        const key = citationKey(c);
        if (!numbers.has(key)) numbers.set(key, numbers.size + 1);
      }
    }
  }
  return numbers;
}

/** What the source viewer asks for a citation: the resource at its version, and for a span its code-point span. */
export function sourceRefOf(c: JournalCitation): SourceRef {
  const ref = { type: c.resourceType, id: c.id, version: c.versionId };
  return c.kind === 'span' ? { ...ref, start: c.start, end: c.end } : ref;
}

/**
 * The answer's citations numbered 1, 2, … in the order the sentences first cite them: an id S… is
 * a retrieved passage (a span), R… a structured fact (a resource). Ids the answer does not hold are left out.
 */
export function numberAnswerCitations(answer: JournalAnswer): ReadonlyMap<string, { readonly n: number; readonly citation: JournalCitation }> {
  const byId = new Map<string, JournalCitation>([...answer.passages, ...(answer.facts ?? [])].map((p) => [p.id, p.citation]));
  const numbered = new Map<string, { n: number; citation: JournalCitation }>();
  for (const sentence of answer.sentences) {
    for (const id of sentence.citations) {
      const citation = byId.get(id);
      if (citation && !numbered.has(id)) numbered.set(id, { n: numbered.size + 1, citation });
    }
  }
  return numbered;
}

/** A sentence's citations with their numbers in the answer (each once, in the sentence's order). */
export function sentenceCitations(numbered: ReturnType<typeof numberAnswerCitations>, sentence: AnswerSentence): { readonly n: number; readonly citation: JournalCitation }[] {
  const ids = [...new Set(sentence.citations)];
  return ids.flatMap((id) => numbered.get(id) ?? []);
}

/** An answer as text for the clipboard: each sentence with its citation numbers as shown ("… [1] [2]"), one a line. */
export function answerClipboardText(answer: JournalAnswer): string {
  const numbered = numberAnswerCitations(answer);
  return answer.sentences.map((sentence) => [sentence.text, ...sentenceCitations(numbered, sentence).map(({ n }) => `[${n}]`)].join(' ')).join('\n');
}

/** A question's length as the server accepts it (POST …/ask: 3 to 300 characters after trimming). */
export const QUESTION_LIMITS = { min: 3, max: 300 } as const;

/** The ask path of a patient. */
export const askPath = (patientId: string): string => `/api/journal/patients/${encodeURIComponent(patientId)}/ask`;
/** The overview path of a patient. */
export const overviewPath = (patientId: string): string => `/api/journal/patients/${encodeURIComponent(patientId)}/overview`;
/** Where what the user did with an AI answer is recorded. */
export const aiActionPath = (eventId: string): string => `/api/journal/ai-events/${encodeURIComponent(eventId)}/actions`;
