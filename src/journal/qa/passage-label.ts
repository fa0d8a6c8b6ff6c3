/**
 * What one passage says about a question's concepts (pure): which concepts it mentions (whole words,
 * Danish endings, or as the head of a compound: "penicillinallergi" mentions allergi), their ConText
 * assertion (src/journal/text, with other persons such as "ægtefællen" counted like relatives), a
 * stopped drug ("seponeret") and the side (højre/venstre). @see ../../../../shared/reference/journal-ai.md §3
 */
import type { JournalAssertion } from '../api-types.ts';
import { assessContext, DANISH_CONTEXT_RULES, indexToCodePoint, type ContextAssessment, type ContextRuleSet, type CueRule } from '../text/index.ts';
import { OTHER_PERSONS, SIDE_WORDS, STOP_CUES, type Concept, type Side } from './question-plan.ts';

/** The Danish rules plus other persons as a forward "family" cue (not the patient's finding). */
export const QA_CONTEXT_RULES: ContextRuleSet = {
  id: `${DANISH_CONTEXT_RULES.id}+qa`,
  version: DANISH_CONTEXT_RULES.version,
  // "Ægtefællen er selv i behandling med Marevan": a bare "selv" does not end another person's scope here.
  rules: [
    ...DANISH_CONTEXT_RULES.rules.filter((r) => !(r.kind === 'terminator' && r.phrase === 'selv')),
    ...OTHER_PERSONS.map((phrase): CueRule => ({ phrase, kind: 'family', direction: 'forward' })),
    // "Lungeemboli vurderes mindre sandsynlig, men kan ikke udelukkes": a graded doubt on either side.
    ...['mindre sandsynlig', 'mindre sandsynligt', 'lidet sandsynlig', 'lidet sandsynligt', 'usandsynlig', 'usandsynligt', 'uafklaret', 'uafklarede']
      .map((phrase): CueRule => ({ phrase, kind: 'uncertain', direction: 'both' })),
  ],
};

export interface ConceptMention {
  readonly conceptId: string;
  readonly term: string;
  /** Code points within the labelled text (the section header and the passage). */
  readonly start: number;
  readonly end: number;
  readonly assertion: JournalAssertion;
}

export interface PassageLabel {
  readonly mentions: readonly ConceptMention[];
  /** Ids of the concepts mentioned. */
  readonly covered: ReadonlySet<string>;
  /** The passage's assertion about the concepts mentioned ('present' when none is qualified). */
  readonly assertion: JournalAssertion;
  /** A drug is said to be stopped ("Marevan seponeret pga. blødning"). */
  readonly stopped: boolean;
  /** The terms (lower case) said to be stopped: those in a clause with a stop cue. */
  readonly stoppedTerms: readonly string[];
  readonly sides: ReadonlySet<Side>;
}

const INFLECTION = '(?:erne|ernes|ene|en|et|ens|ets|er|ne|rne|r|n|t|e|s)?';
const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const patternCache = new Map<string, RegExp>();

/** An abbreviation in capitals ("LE", "KOL", "PPI"): matched as written, so "LE" is not the word "let". */
const ACRONYM = /^\p{Lu}[\p{Lu}\p{N}]{1,4}$/u;

/** A term as a whole word with Danish endings; terms of 5+ letters also as the head of a compound; abbreviations in capitals case-sensitively ("KOL'en"). */
function termPattern(term: string): RegExp {
  let re = patternCache.get(term);
  if (!re) {
    const body = term.trim().split(/\s+/u).map(escape).join('\\s+');
    const acronym = ACRONYM.test(term.trim());
    const compound = /^\p{L}{5,}$/u.test(term.trim()) ? '\\p{L}*' : '';
    const suffix = acronym ? "(?:['’]\\p{L}{1,4})?" : /\p{L}$/u.test(term.trim()) ? INFLECTION : '';
    re = new RegExp(`(?<![\\p{L}\\p{N}])${compound}${body}${suffix}(?![\\p{L}\\p{N}])`, acronym ? 'gu' : 'giu');
    patternCache.set(term, re);
  }
  re.lastIndex = 0;
  return re;
}

const hasWord = (text: string, word: string) => termPattern(word).test(text);

/**
 * The mentions said to be stopped: a stop cue in the same clause as the mention (clauses split
 * at , and ;), so "Opstartet AK-behandling med Eliquis, Hjertemagnyl seponeret" does not stop Eliquis;
 * a leading "Seponeret:" covers the whole passage.
 */
function stoppedMentions(text: string, mentions: readonly ConceptMention[]): ConceptMention[] {
  const cues = STOP_CUES.flatMap((w) => [...text.matchAll(termPattern(w))].map((m) => ({ start: indexToCodePoint(text, m.index), end: indexToCodePoint(text, m.index + m[0].length) })));
  if (cues.length === 0) return [];
  if (cues.some((c) => /^\s*:/u.test([...text].slice(c.end).join('')))) return [...mentions];
  const chars = [...text];
  const clauseOf = (cp: number) => {
    let from = cp, to = cp;
    while (from > 0 && !/[,;]/u.test(chars[from - 1]!)) from--;
    while (to < chars.length && !/[,;]/u.test(chars[to]!)) to++;
    return [from, to] as const;
  };
  return mentions.filter((m) => {
    const [from, to] = clauseOf(m.start);
    return cues.some((c) => c.start >= from && c.end <= to);
  });
}

/** The assertion of one finding's context; relatives and other persons first, then hypothetical, negation, doubt, history. */
export function assertionOf(a: ContextAssessment): JournalAssertion {
  if (a.family) return 'family';
  if (a.hypothetical) return 'hypothetical';
  if (a.uncertain) return 'uncertain';
  if (a.negated) return 'negated';
  if (a.historical) return 'historical';
  return 'present';
}

const RANK: Readonly<Record<JournalAssertion, number>> = { family: 6, hypothetical: 5, negated: 4, uncertain: 3, historical: 2, present: 1 };

/** Labels a passage (one sentence; its section header read as its first words: "CAVE: jodholdigt kontrastmiddel") for the concepts of a question. */
export function labelPassage(passage: string, concepts: readonly Concept[], section?: string): PassageLabel {
  const text = section ? `${section}: ${passage}` : passage;
  const mentions: ConceptMention[] = [];
  for (const concept of concepts) {
    for (const term of concept.terms) {
      for (const m of text.matchAll(termPattern(term))) {
        const word = m[0];
        const index = m.index;
        // "CAVE-feltet" is not an allergy; a compound's own word may be excluded by the lexicon.
        const tail = text.slice(index).match(/^[\p{L}\p{N}-]+/u)?.[0] ?? word;
        if (concept.exclude.some((x) => tail.toLowerCase().startsWith(x.toLowerCase()))) continue;
        const start = indexToCodePoint(text, index);
        const end = indexToCodePoint(text, index + word.length);
        if (mentions.some((k) => k.conceptId === concept.id && k.start < end && start < k.end)) continue;
        mentions.push({ conceptId: concept.id, term, start, end, assertion: assertionOf(assessContext(text, { start, end }, QA_CONTEXT_RULES)) });
      }
    }
  }
  const stopped = stoppedMentions(text, mentions);
  const assertion = mentions.reduce<JournalAssertion>((best, m) => (RANK[m.assertion] > RANK[best] ? m.assertion : best), 'present');
  const sides = new Set<Side>((Object.keys(SIDE_WORDS) as Side[]).filter((side) => SIDE_WORDS[side].some((w) => hasWord(text, w))));
  return {
    mentions,
    covered: new Set(mentions.map((m) => m.conceptId)),
    assertion,
    stopped: stopped.length > 0,
    stoppedTerms: [...new Set(stopped.map((m) => m.term.toLowerCase()))],
    sides,
  };
}
