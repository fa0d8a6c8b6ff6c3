/**
 * Pure helpers of the journal search (the chart's Journal module): the query checked as the server
 * checks it (2–200 characters after trimming), the kinds of passage in words, the hits best first,
 * and a snippet's `[[…]]` marks read as segments of plain and marked text, so the screen builds
 * React elements from them (never HTML: a snippet is untrusted text).
 */
import type { JournalHit } from '../../../src/journal/api-types.ts';
import type { Lang } from '../i18n/lang.ts';

export const MIN_QUERY = 2;
export const MAX_QUERY = 200;
/** How many hits the screen asks for (the server gives at most 50). */
export const SEARCH_LIMIT = 20;

export type QueryProblem = 'empty' | 'too-short' | 'too-long';
export type QueryCheck = { readonly ok: true; readonly query: string } | { readonly ok: false; readonly problem: QueryProblem };

/** How long a query may be, after trimming. */
export interface QueryLimits {
  readonly min: number;
  readonly max: number;
}

/** The query as the server reads it: trimmed, 2 to 200 characters for a search (counted as the server counts them), or within `limits`. */
export function checkQuery(text: string, limits: QueryLimits = { min: MIN_QUERY, max: MAX_QUERY }): QueryCheck {
  const query = text.trim();
  if (query.length === 0) return { ok: false, problem: 'empty' };
  if (query.length < limits.min) return { ok: false, problem: 'too-short' };
  if (query.length > limits.max) return { ok: false, problem: 'too-long' };
  return { ok: true, query };
}

/** A piece of a passage: plain text, or words the search matched. */
export interface Segment {
  readonly text: string;
  readonly marked: boolean;
}

const OPEN = '[[';
const CLOSE = ']]';

/** Joins neighbours of the same kind and drops empty pieces. */
function tidy(segments: readonly Segment[]): Segment[] {
  const out: Segment[] = [];
  for (const s of segments) {
    if (!s.text) continue;
    const last = out.at(-1);
    if (last && last.marked === s.marked) out[out.length - 1] = { text: last.text + s.text, marked: s.marked };
    else out.push(s);
  }
  return out;
}

/**
 * The snippet's text as segments: what stands between `[[` and `]]` is marked. A `[[` without its
 * `]]` is shown as it is (plain text), and so is a stray `]]`.
 */
export function snippetSegments(snippet: string): Segment[] {
  const segments: Segment[] = [];
  let at = 0;
  while (at < snippet.length) {
    const open = snippet.indexOf(OPEN, at);
    if (open < 0) break;
    const close = snippet.indexOf(CLOSE, open + OPEN.length);
    if (close < 0) break;
    segments.push({ text: snippet.slice(at, open), marked: false });
    segments.push({ text: snippet.slice(open + OPEN.length, close), marked: true });
    at = close + CLOSE.length;
  }
  segments.push({ text: snippet.slice(at), marked: false });
  return tidy(segments);
}

/** The snippet without its marks. */
export const snippetText = (snippet: string): string =>
  snippetSegments(snippet)
    .map((s) => s.text)
    .join('');

/** The words the snippet marks, lower-case, each once, longest first. */
export function markedWords(snippet: string): string[] {
  const words = new Set(
    snippetSegments(snippet)
      .filter((s) => s.marked)
      .map((s) => s.text.trim().toLocaleLowerCase('da'))
      .filter(Boolean),
  );
  return [...words].sort((a, b) => b.length - a.length || a.localeCompare(b, 'da'));
}

const LETTER = /[\p{L}\p{N}]/u;

/**
 * The passage's text with the words the snippet marks marked: the snippet's own segments when it
 * is the whole passage (as the server sends it), else every whole-word occurrence of a marked word.
 */
export function passageSegments(text: string, snippet: string): Segment[] {
  if (snippetText(snippet) === text) return snippetSegments(snippet);
  const words = markedWords(snippet);
  if (words.length === 0) return tidy([{ text, marked: false }]);
  const lower = text.toLocaleLowerCase('da');
  // toLocaleLowerCase may change the length of some characters: then offsets do not line up.
  if (lower.length !== text.length) return tidy([{ text, marked: false }]);
  const segments: Segment[] = [];
  let plainFrom = 0;
  let at = 0;
  while (at < text.length) {
    const word = words.find((w) => lower.startsWith(w, at) && !LETTER.test(text[at - 1] ?? '') && !LETTER.test(text[at + w.length] ?? ''));
    if (word) {
      segments.push({ text: text.slice(plainFrom, at), marked: false }, { text: text.slice(at, at + word.length), marked: true });
      at += word.length;
      plainFrom = at;
    } else {
      at++;
    }
  }
  segments.push({ text: text.slice(plainFrom), marked: false });
  return tidy(segments);
}

const KINDS: Readonly<Record<string, { readonly da: string; readonly en: string }>> = {
  epikrise: { da: 'Epikrise', en: 'Discharge summary' },
  indlaeggelsesnotat: { da: 'Indlæggelsesnotat', en: 'Admission note' },
  laegenotat: { da: 'Lægenotat', en: 'Physician’s note' },
  sygeplejenotat: { da: 'Sygeplejenotat', en: 'Nursing note' },
  dokument: { da: 'Dokument', en: 'Document' },
  resultat: { da: 'Resultat', en: 'Result' },
  korrespondance: { da: 'Korrespondance', en: 'Correspondence' },
};

/** The kind of passage in the language; a kind Kerne does not know as its code. */
export function kindLabel(kind: string, lang: Lang): string {
  return Object.hasOwn(KINDS, kind) ? KINDS[kind]![lang] : kind;
}

/** The hits best first (highest score); hits of equal score keep the server's order. */
export function bestFirst(hits: readonly JournalHit[]): JournalHit[] {
  return [...hits].sort((a, b) => b.score - a.score);
}

/** A key for a hit: its source, version and passage offsets. */
export const hitKey = (hit: JournalHit): string => `${hit.source.type}/${hit.source.id}/_history/${hit.source.version}#${hit.start}-${hit.end}`;

/** The path of the search (q and limit encoded). */
export const journalSearchPath = (patientId: string, query: string, limit = SEARCH_LIMIT): string =>
  `/api/journal/patients/${encodeURIComponent(patientId)}/search?${new URLSearchParams({ q: query, limit: String(limit) }).toString()}`;
