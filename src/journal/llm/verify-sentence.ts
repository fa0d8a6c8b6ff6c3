/**
 * Sentence-level grounding verification of generated text (journal-ai.md §6), pure: (1) every
 * citation is a passage given; (2) numbers, doses with units, dates and drug names appear in the
 * cited passages (decimal commas and Danish dates normalised); (3) negation agrees (asserting X
 * while every cited passage negates it fails, and the other way round); (4) enough of the
 * sentence's content words appear in the cited passages. A failing sentence is dropped.
 */
import { findCues } from '../text/index.ts';
import lexicon from '../qa/question-lexicon.json' with { type: 'json' };

export type VerificationCheck = 'citations' | 'numbers' | 'dates' | 'drugs' | 'negation' | 'overlap';

export interface SentenceVerification {
  readonly text: string;
  readonly citations: readonly string[];
  readonly ok: boolean;
  /** The checks failed, with a detail each. */
  readonly failed: readonly { readonly check: VerificationCheck; readonly detail: string }[];
}

/** Content words of the sentence that must appear in its passages (share of them). */
export const MIN_CONTENT_OVERLAP = 0.5;

const MONTHS: Readonly<Record<string, number>> = {
  januar: 1, jan: 1, februar: 2, feb: 2, marts: 3, mar: 3, april: 4, apr: 4, maj: 5, juni: 6, jun: 6, juli: 7, jul: 7,
  august: 8, aug: 8, september: 9, sep: 9, sept: 9, oktober: 10, okt: 10, november: 11, nov: 11, december: 12, dec: 12,
};
const pad = (n: number) => String(n).padStart(2, '0');
const fullYear = (y: string) => (y.length === 2 ? (Number(y) > 50 ? `19${y}` : `20${y}`) : y);

/** Dates as YYYY-MM-DD (or MM-DD without a year): 12.03.2024, 12/3-24, 12. marts 2024, 2024-03-12. */
export function datesIn(text: string): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(/\b(\d{4})-(\d{2})-(\d{2})\b/g)) out.push(`${m[1]}-${m[2]}-${m[3]}`);
  for (const m of text.matchAll(/\b(\d{1,2})[./](\d{1,2})(?:[.\-/](\d{2}|\d{4}))?\b/g)) {
    const [d, mo] = [Number(m[1]), Number(m[2])];
    if (d < 1 || d > 31 || mo < 1 || mo > 12 || (!m[3] && /[,]/.test(text.slice(m.index - 1, m.index)))) continue;
    out.push(m[3] ? `${fullYear(m[3])}-${pad(mo)}-${pad(d)}` : `${pad(mo)}-${pad(d)}`);
  }
  for (const m of text.matchAll(/\b(\d{1,2})\.?\s+(januar|februar|marts|april|maj|juni|juli|august|september|oktober|november|december|jan|feb|mar|apr|jun|jul|aug|sept?|okt|nov|dec)\.?(?:\s+(\d{4}))?/giu)) {
    const mo = MONTHS[m[2]!.toLowerCase()]!;
    out.push(m[3] ? `${m[3]}-${pad(mo)}-${pad(Number(m[1]))}` : `${pad(mo)}-${pad(Number(m[1]))}`);
  }
  return out;
}

const stripDates = (text: string) =>
  text
    .replace(/\b\d{4}-\d{2}-\d{2}\b/g, ' ')
    .replace(/\b\d{1,2}[./]\d{1,2}(?:[.\-/](?:\d{4}|\d{2}))?\b/g, ' ')
    .replace(/\b\d{1,2}\.?\s+(?:januar|februar|marts|april|maj|juni|juli|august|september|oktober|november|december)(?:\s+\d{4})?/giu, ' ');

/** Numbers with decimal commas as points: "39,2" → "39.2"; thousands dots dropped ("1.000" → "1000"). */
export function numbersIn(text: string): string[] {
  return [...stripDates(text).matchAll(/\d+(?:[.,]\d+)*/g)].map((m) => {
    const raw = m[0];
    if (/^\d{1,3}(\.\d{3})+$/.test(raw)) return raw.replace(/\./g, '');
    return raw.replace(',', '.').replace(/^0+(?=\d)/, '');
  });
}

const UNITS = 'mg|g|mikrog|µg|mcg|ug|ml|l|mmol\\/l|mmol|µmol\\/l|mg\\/l|ie|iu|e|%|mmhg|°c|x|gange';
/** Number-and-unit pairs, normalised: "5 mg", "1 g x 4" → ["5 mg"], ["1 g", "4"]. */
export function dosesIn(text: string): string[] {
  const re = new RegExp(`(\\d+(?:[.,]\\d+)?)\\s*(${UNITS})(?![\\p{L}])`, 'giu');
  return [...text.matchAll(re)].map((m) => `${m[1]!.replace(',', '.')} ${m[2]!.toLowerCase()}`);
}

const DRUG_TERMS: readonly string[] = lexicon.concepts.filter((c) => 'atc' in c || 'allergen' in c).flatMap((c) => c.terms).filter((t) => /^\p{L}{4,}$/u.test(t));
const DRUG_SUFFIX = /\p{L}{2,}(?:pril|sartan|olol|statin|mycin|cillin|prazol|parin|xaban|gatran|formin|dipin|oxacin|cyclin|azepam|oxetin|pram|mab|nib|semid)\b/giu;

/** Drug names: known names and words with a drug's ending. */
export function drugsIn(text: string): string[] {
  const lower = text.toLowerCase();
  const known = DRUG_TERMS.filter((t) => new RegExp(`(?<![\\p{L}])${t.toLowerCase()}`, 'u').test(lower)).map((t) => t.toLowerCase());
  const bySuffix = [...lower.matchAll(DRUG_SUFFIX)].map((m) => m[0]);
  return [...new Set([...known, ...bySuffix])];
}

const STOP: ReadonlySet<string> = new Set([...lexicon.stopwords, 'patienten', 'ifølge', 'journalen', 'journal', 'notat', 'notatet', 'blev', 'være', 'ikke', 'ingen', 'intet', 'uden', 'også', 'denne', 'dette', 'disse', 'som', 'at', 'kan', 'skal', 'ville', 'efter', 'under', 'ved', 'the']);
const contentWords = (text: string) => [...new Set(text.toLowerCase().match(/\p{L}{4,}/gu) ?? [])].filter((w) => !STOP.has(w));
/** A word's first five letters stand for its lemma (Danish endings vary). */
const stem = (w: string) => w.slice(0, Math.max(4, Math.min(w.length, 5)));

const negates = (text: string) => findCues(text).some((c) => c.kind === 'negated');

/** Verifies one generated sentence against the passages it cites. */
export function verifySentence(sentence: { text: string; citations: readonly string[] }, passages: ReadonlyMap<string, string>): SentenceVerification {
  const failed: { check: VerificationCheck; detail: string }[] = [];
  const cited = sentence.citations.map((id) => passages.get(id));
  if (sentence.citations.length === 0 || cited.some((t) => t === undefined)) {
    failed.push({ check: 'citations', detail: `cites ${sentence.citations.filter((id) => !passages.has(id)).join(', ') || 'nothing'} (not given)` });
    return { ...sentence, ok: false, failed };
  }
  const source = (cited as string[]).join('\n');
  const missing = <T>(mine: readonly T[], theirs: readonly T[]) => mine.filter((x) => !theirs.includes(x));
  const numbers = missing(numbersIn(sentence.text), numbersIn(source));
  if (numbers.length) failed.push({ check: 'numbers', detail: `not in the passages: ${numbers.join(', ')}` });
  const doses = missing(dosesIn(sentence.text), dosesIn(source));
  if (doses.length && !numbers.length) failed.push({ check: 'numbers', detail: `dose not in the passages: ${doses.join(', ')}` });
  const sourceDates = datesIn(source);
  const dates = datesIn(sentence.text).filter((d) => !sourceDates.some((s) => s === d || s.endsWith(d)));
  if (dates.length) failed.push({ check: 'dates', detail: `not in the passages: ${dates.join(', ')}` });
  const drugs = missing(drugsIn(sentence.text), drugsIn(source));
  if (drugs.length) failed.push({ check: 'drugs', detail: `not in the passages: ${drugs.join(', ')}` });
  const sentenceNegates = negates(sentence.text);
  const passagesNegate = (cited as string[]).map(negates);
  if (!sentenceNegates && passagesNegate.every(Boolean)) failed.push({ check: 'negation', detail: 'asserts what every cited passage negates' });
  if (sentenceNegates && !passagesNegate.some(Boolean)) failed.push({ check: 'negation', detail: 'negates what the cited passages assert' });
  const words = contentWords(sentence.text);
  const sourceStems = new Set(contentWords(source).map(stem));
  const overlap = words.length ? words.filter((w) => sourceStems.has(stem(w))).length / words.length : 0;
  if (overlap < MIN_CONTENT_OVERLAP) failed.push({ check: 'overlap', detail: `${Math.round(overlap * 100)} % of its content words are in the passages (at least ${MIN_CONTENT_OVERLAP * 100} %)` });
  return { ...sentence, ok: failed.length === 0, failed };
}
