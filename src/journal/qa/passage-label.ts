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
  rules: [...DANISH_CONTEXT_RULES.rules.filter((r) => !(r.kind === 'terminator' && r.phrase === 'selv')), ...OTHER_PERSONS.map((phrase): CueRule => ({ phrase, kind: 'family', direction: 'forward' }))],
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
  readonly sides: ReadonlySet<Side>;
}

const INFLECTION = '(?:erne|ernes|ene|en|et|ens|ets|er|ne|rne|r|n|t|e|s)?';
const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const patternCache = new Map<string, RegExp>();

/** A term as a whole word with Danish endings; terms of 5+ letters also as the head of a compound. */
function termPattern(term: string): RegExp {
  let re = patternCache.get(term);
  if (!re) {
    const body = term.trim().split(/\s+/u).map(escape).join('\\s+');
    const compound = /^\p{L}{5,}$/u.test(term.trim()) ? '\\p{L}*' : '';
    const suffix = /\p{L}$/u.test(term.trim()) ? INFLECTION : '';
    re = new RegExp(`(?<![\\p{L}\\p{N}])${compound}${body}${suffix}(?![\\p{L}\\p{N}])`, 'giu');
    patternCache.set(term, re);
  }
  re.lastIndex = 0;
  return re;
}

const hasWord = (text: string, word: string) => termPattern(word).test(text);

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
  const assertion = mentions.reduce<JournalAssertion>((best, m) => (RANK[m.assertion] > RANK[best] ? m.assertion : best), 'present');
  const sides = new Set<Side>((Object.keys(SIDE_WORDS) as Side[]).filter((side) => SIDE_WORDS[side].some((w) => hasWord(text, w))));
  return {
    mentions,
    covered: new Set(mentions.map((m) => m.conceptId)),
    assertion,
    stopped: STOP_CUES.some((w) => hasWord(text, w)),
    sides,
  };
}
