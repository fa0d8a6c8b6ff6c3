/** Splits a Danish clinical note into sections by header, then sentences, with code-point offsets: journal-ai.md §3 "Split notes by Danish headers … then sentences". */
import { NON_TERMINAL_ABBREVIATIONS, TERMINAL_ABBREVIATIONS } from './abbreviations.ts';
import { BARE_INLINE_HEADERS, SECTION_HEADERS, type SectionName } from './section-headers.ts';
import { buildOffsetMap, isValidSpan, type OffsetMap, type Span } from './spans.ts';

/** A sentence (or line) of a note: `text` is exactly the original text in `[start, end)` code points. */
export interface Passage {
  readonly section?: SectionName;
  readonly start: number;
  readonly end: number;
  readonly text: string;
}

/** A section's body `[start, end)` in code points (after its header), with the header as written. */
export interface Section {
  readonly name?: SectionName;
  readonly heading?: Passage;
  readonly start: number;
  readonly end: number;
}

const escapeRegExp = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

const HEADER_TO_NAME: ReadonlyMap<string, SectionName> = new Map(
  (Object.entries(SECTION_HEADERS) as [SectionName, readonly string[]][]).flatMap(([name, spellings]) => spellings.map((s) => [s, name] as const)),
);

const HEADER_LINE = new RegExp(
  `^([ \\t]*)(${[...HEADER_TO_NAME.keys()].sort((a, b) => b.length - a.length).map(escapeRegExp).join('|')})[ \\t]*(:?)[ \\t]*(.*?)[ \\t\\r]*$`,
  'diu',
);

const BARE_INLINE: ReadonlySet<string> = new Set(BARE_INLINE_HEADERS);
const NON_TERMINAL: ReadonlySet<string> = new Set(NON_TERMINAL_ABBREVIATIONS);
const TERMINAL: ReadonlySet<string> = new Set(TERMINAL_ABBREVIATIONS);

interface RawSection {
  name?: SectionName;
  heading?: [number, number];
  start: number;
  end: number;
}

/** The header on a line, in UTF-16 indices relative to the line: alone, before a colon, or (CAVE) before text. */
function headerOf(line: string): { name?: SectionName; heading: [number, number]; body: number } | undefined {
  const m = HEADER_LINE.exec(line);
  const header = m?.indices?.[2], rest = m?.indices?.[4];
  if (!m || !header || !rest) return undefined;
  const spelling = (m[2] ?? '').toLowerCase();
  const bare = BARE_INLINE.has(spelling) && /^\s/u.test(line.slice(header[1]));
  if (m[3] !== ':' && m[4] !== '' && !bare) return undefined;
  const name = HEADER_TO_NAME.get(spelling);
  return { ...(name ? { name } : {}), heading: [header[0], header[1]], body: m[4] === '' ? line.length : rest[0] };
}

/** Sections in UTF-16 indices; text before the first header is a section without a name. */
function findSections(text: string): RawSection[] {
  const sections: RawSection[] = [{ start: 0, end: text.length }];
  for (let lineStart = 0; lineStart <= text.length; ) {
    const nl = text.indexOf('\n', lineStart);
    const lineEnd = nl === -1 ? text.length : nl;
    const h = headerOf(text.slice(lineStart, lineEnd));
    if (h) {
      const previous = sections[sections.length - 1];
      if (previous) previous.end = lineStart;
      sections.push({ ...(h.name ? { name: h.name } : {}), heading: [lineStart + h.heading[0], lineStart + h.heading[1]], start: lineStart + h.body, end: text.length });
    }
    if (nl === -1) break;
    lineStart = nl + 1;
  }
  const [preamble, ...rest] = sections;
  return preamble && preamble.end > 0 && text.slice(preamble.start, preamble.end).trim() !== '' ? [preamble, ...rest] : rest;
}

const WHITESPACE = /\s/u;
const CLOSERS = new Set([')', ']', '"', "'", '»', '”']);
const startsUpper = (s: string): boolean => /^[("'«]*\p{Lu}/u.test(s);
const startsLower = (s: string): boolean => /^[("'«]*\p{Ll}/u.test(s);

/** True if the period at `dot` (followed by whitespace) ends a sentence. */
function periodEndsSentence(line: string, dot: number, next: string): boolean {
  let from = dot;
  while (from > 0 && !WHITESPACE.test(line[from - 1] ?? ' ')) from--;
  const token = line.slice(from, dot + 1).replace(/^[([{"'«]+/u, '').toLowerCase();
  if (TERMINAL.has(token)) return startsUpper(next);
  if (NON_TERMINAL.has(token) || /^(?:\p{L}\.){2,}$/u.test(token)) return false;
  if (/^\d[\d.,/:-]*\.$/u.test(token)) return !startsLower(next);
  return true;
}

/** Sentence spans `[start, end)` (UTF-16, relative to `line`) of one line, trimmed, bullets removed. */
function sentencesOfLine(line: string): [number, number][] {
  const cuts: number[] = [0];
  for (let i = 0; i < line.length; i++) {
    const ch = line[i] ?? '';
    if (ch !== '.' && ch !== '!' && ch !== '?') continue;
    let j = i + 1;
    while (j < line.length && /[.!?]/u.test(line[j] ?? '')) j++;
    while (j < line.length && CLOSERS.has(line[j] ?? '')) j++;
    if (j < line.length && !WHITESPACE.test(line[j] ?? '')) { i = j - 1; continue; }
    const next = line.slice(j).trimStart();
    const detachedQuestion = ch === '?' && (i === 0 || WHITESPACE.test(line[i - 1] ?? ''));
    const ends = detachedQuestion ? false : ch === '.' && j === i + 1 ? periodEndsSentence(line, i, next) : true;
    if (ends) cuts.push(j);
    i = j - 1;
  }
  cuts.push(line.length);
  const out: [number, number][] = [];
  for (let k = 0; k + 1 < cuts.length; k++) {
    let s = cuts[k] ?? 0, e = cuts[k + 1] ?? 0;
    while (s < e && WHITESPACE.test(line[s] ?? '')) s++;
    const bullet = /^(?:[-•*–·]|\d{1,2}\))\s+/u.exec(line.slice(s, e));
    if (bullet) s += bullet[0].length;
    while (e > s && WHITESPACE.test(line[e - 1] ?? '')) e--;
    if (/[\p{L}\p{N}]/u.test(line.slice(s, e))) out.push([s, e]);
  }
  return out;
}

function sentencesIn(text: string, map: OffsetMap, from: number, to: number, section?: SectionName): Passage[] {
  const out: Passage[] = [];
  let lineStart = from;
  while (lineStart < to) {
    const nl = text.indexOf('\n', lineStart);
    const lineEnd = nl === -1 || nl > to ? to : nl;
    for (const [s, e] of sentencesOfLine(text.slice(lineStart, lineEnd))) {
      const start = lineStart + s, end = lineStart + e;
      out.push({ ...(section ? { section } : {}), start: map.toCodePoint(start), end: map.toCodePoint(end), text: text.slice(start, end) });
    }
    lineStart = lineEnd + 1;
  }
  return out;
}

/** The note's sections in order; text before the first recognised header forms a section without `name`. */
export function segmentSections(text: string): Section[] {
  const map = buildOffsetMap(text);
  return findSections(text).map((s) => ({
    ...(s.name ? { name: s.name } : {}),
    ...(s.heading ? { heading: { start: map.toCodePoint(s.heading[0]), end: map.toCodePoint(s.heading[1]), text: text.slice(s.heading[0], s.heading[1]) } } : {}),
    start: map.toCodePoint(s.start),
    end: map.toCodePoint(s.end),
  }));
}

/** Sentences of `text` (or of `span` within it, in code points); a line break always ends a sentence. */
export function splitSentences(text: string, span?: Span): Passage[] {
  const map = buildOffsetMap(text);
  const { start, end } = span ?? { start: 0, end: map.codePointLength };
  if (!isValidSpan(map.codePointLength, start, end)) throw new RangeError(`span [${start}, ${end}) is not within [0, ${map.codePointLength}]`);
  return sentencesIn(text, map, map.toIndex(start), map.toIndex(end));
}

/** Sections, then sentences: every sentence of the note labelled with its section (headers themselves are not passages). */
export function segmentNote(text: string): Passage[] {
  const map = buildOffsetMap(text);
  return findSections(text).flatMap((s) => sentencesIn(text, map, s.start, s.end, s.name));
}
