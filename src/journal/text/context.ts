/** ConText/NegEx-style context of a finding in one Danish sentence (negated, uncertain, historical, family, hypothetical): journal-ai.md §3 "Negation and context". */
import { DANISH_CONTEXT_RULES, type ContextKind, type ContextRuleSet, type CueDirection, type CueKind } from './context-rules.ts';
import { inScope, scanCues, type CueHit } from './cue-scan.ts';
import type { Passage } from './segment.ts';
import { buildOffsetMap, isValidSpan, type OffsetMap, type Span } from './spans.ts';

/** affirmed: present as far as the text says; uncertain wins over negated (a doubtful finding is never dropped). */
export const Polarity = { Affirmed: 'affirmed', Negated: 'negated', Uncertain: 'uncertain' } as const;
export type Polarity = (typeof Polarity)[keyof typeof Polarity];

/** A cue found in a sentence; `phrase` is the rule that matched, `text` the words as written, offsets in code points. */
export interface ContextCue {
  readonly kind: CueKind;
  readonly direction?: CueDirection;
  readonly phrase: string;
  readonly text: string;
  readonly start: number;
  readonly end: number;
}

/** The context of one span: a flag per kind, the polarity summary and the cues that apply to it. */
export interface ContextAssessment {
  readonly negated: boolean;
  readonly uncertain: boolean;
  readonly historical: boolean;
  readonly family: boolean;
  readonly hypothetical: boolean;
  readonly polarity: Polarity;
  readonly cues: readonly ContextCue[];
}

/** A lexicon term found in a sentence, with its context. */
export interface Finding extends ContextAssessment {
  readonly term: string;
  readonly concept?: string;
  readonly start: number;
  readonly end: number;
  readonly text: string;
}

/** A lexicon entry: one concept and its spellings; a bare string is its own concept. */
export interface LexiconEntry {
  readonly concept: string;
  readonly terms: readonly string[];
}

/** A sentence as text (offsets relative to it) or as a Passage (offsets relative to its document). */
export type Sentence = string | Passage;

const INFLECTION = '(?:erne|ernes|ene|en|et|ens|ets|er|ne|rne|r|n|t|e|s)?';

const CONTEXT_KINDS: ReadonlySet<CueKind> = new Set<CueKind>(['negated', 'uncertain', 'historical', 'family', 'hypothetical']);

function toCue(hit: CueHit, text: string, map: OffsetMap, base: number): ContextCue {
  return {
    kind: hit.rule.kind,
    ...(hit.rule.direction ? { direction: hit.rule.direction } : {}),
    phrase: hit.rule.phrase,
    text: text.slice(hit.start, hit.end),
    start: base + map.toCodePoint(hit.start),
    end: base + map.toCodePoint(hit.end),
  };
}

function assess(text: string, map: OffsetMap, base: number, hits: readonly CueHit[], start: number, end: number): ContextAssessment {
  const applying = hits.filter((h) => CONTEXT_KINDS.has(h.rule.kind) && (h.end <= start || h.start >= end) && inScope(h, hits, h.rule.kind as ContextKind, text.length, start, end));
  const has = (kind: ContextKind): boolean => applying.some((h) => h.rule.kind === kind);
  const negated = has('negated'), uncertain = has('uncertain');
  return {
    negated, uncertain, historical: has('historical'), family: has('family'), hypothetical: has('hypothetical'),
    polarity: polarityOf({ negated, uncertain }),
    cues: applying.map((h) => toCue(h, text, map, base)),
  };
}

const unpack = (sentence: Sentence): { text: string; base: number } =>
  typeof sentence === 'string' ? { text: sentence, base: 0 } : { text: sentence.text, base: sentence.start };

/** The polarity summary of a pair of flags: uncertain > negated > affirmed. */
export function polarityOf(flags: { readonly negated: boolean; readonly uncertain: boolean }): Polarity {
  return flags.uncertain ? 'uncertain' : flags.negated ? 'negated' : 'affirmed';
}

/** True for a finding to show as the patient's current problem: affirmed, not historical, family or hypothetical (journal-ai.md §4 "Aktive problemer"). */
export function isAssertedForPatient(a: ContextAssessment): boolean {
  return a.polarity === 'affirmed' && !a.historical && !a.family && !a.hypothetical;
}

/** Every cue in the sentence, pseudo-cues and terminators included, in order. */
export function findCues(sentence: Sentence, ruleSet: ContextRuleSet = DANISH_CONTEXT_RULES): ContextCue[] {
  const { text, base } = unpack(sentence);
  const map = buildOffsetMap(text);
  return scanCues(text, ruleSet.rules).map((h) => toCue(h, text, map, base));
}

/** The context of `span` (code points; relative to a Passage's document when one is given) in the sentence. */
export function assessContext(sentence: Sentence, span: Span, ruleSet: ContextRuleSet = DANISH_CONTEXT_RULES): ContextAssessment {
  const { text, base } = unpack(sentence);
  const map = buildOffsetMap(text);
  const start = span.start - base, end = span.end - base;
  if (!isValidSpan(map.codePointLength, start, end)) throw new RangeError(`span [${span.start}, ${span.end}) is outside the sentence`);
  return assess(text, map, base, scanCues(text, ruleSet.rules), map.toIndex(start), map.toIndex(end));
}

function termPattern(term: string): RegExp {
  const body = term.trim().split(/\s+/u).map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('\\s+');
  const suffix = /\p{L}$/u.test(term.trim()) ? INFLECTION : '';
  return new RegExp(`(?<![\\p{L}\\p{N}])${body}${suffix}(?![\\p{L}\\p{N}])`, 'giu');
}

/** Every occurrence of the lexicon's terms (case-insensitive, whole words, common Danish endings), longest first where they overlap. */
export function findingsIn(sentence: Sentence, lexicon: readonly (string | LexiconEntry)[], ruleSet: ContextRuleSet = DANISH_CONTEXT_RULES): Finding[] {
  const { text, base } = unpack(sentence);
  const map = buildOffsetMap(text);
  const hits = scanCues(text, ruleSet.rules);
  const found: { term: string; concept?: string; start: number; end: number }[] = [];
  for (const entry of lexicon) {
    const terms = typeof entry === 'string' ? [entry] : entry.terms;
    const concept = typeof entry === 'string' ? {} : { concept: entry.concept };
    for (const term of terms) {
      if (term.trim() === '') continue;
      for (const m of text.matchAll(termPattern(term))) found.push({ term, ...concept, start: m.index, end: m.index + m[0].length });
    }
  }
  found.sort((a, b) => a.start - b.start || b.end - a.end);
  const kept: typeof found = [];
  for (const f of found) if (!kept.some((k) => f.start < k.end && k.start < f.end)) kept.push(f);
  return kept.map((f) => ({
    term: f.term,
    ...(f.concept !== undefined ? { concept: f.concept } : {}),
    start: base + map.toCodePoint(f.start),
    end: base + map.toCodePoint(f.end),
    text: text.slice(f.start, f.end),
    ...assess(text, map, base, hits, f.start, f.end),
  }));
}

/** The first occurrence of `term` in the sentence with its context, or undefined if the term is absent. */
export function analyseFinding(sentence: Sentence, term: string, ruleSet: ContextRuleSet = DANISH_CONTEXT_RULES): Finding | undefined {
  return findingsIn(sentence, [term], ruleSet)[0];
}
