/**
 * What a Danish yes/no question to the journal asks (pure): its concepts (each with the terms to
 * search and match, from the versioned lexicon question-lexicon.json; unknown words are their own
 * concept), and its modality: now or ever, the patient or the family, whether a suspicion counts,
 * a side (højre/venstre), a pending result. @see ../../../../shared/reference/journal-ai.md §3
 */
import lexicon from './question-lexicon.json' with { type: 'json' };

export interface Concept {
  readonly id: string;
  readonly terms: readonly string[];
  readonly exclude: readonly string[];
  /** A negated mention ("ingen kendte allergier") answers no for every member. */
  readonly isClass: boolean;
  /** ATC prefixes of structured medication that belong to the concept. */
  readonly atc: readonly string[];
  readonly allergy: boolean;
  /** Note sections (e.g. CAVE) whose passages are about the concept. */
  readonly sections: readonly string[];
  /** The concept came from the question's own word, not from the lexicon. */
  readonly literal: boolean;
}

export type Side = 'højre' | 'venstre';

export interface QuestionPlan {
  readonly question: string;
  readonly concepts: readonly Concept[];
  /** "Får patienten …", "aktuelt": the latest statement decides (a stopped drug is no). */
  readonly current: boolean;
  /** "… i familien": a relative's finding answers yes. */
  readonly family: boolean;
  /** "selv": a relative's finding does not count. */
  readonly selfOnly: boolean;
  /** "mistanke": a suspected finding answers yes. */
  readonly suspicion: boolean;
  /** "afventer … svar": a pending result. */
  readonly pending: boolean;
  readonly side?: Side;
}

interface LexiconConcept {
  readonly id: string;
  readonly triggers: readonly string[];
  readonly terms: readonly string[];
  readonly exclude?: readonly string[];
  readonly class?: boolean;
  readonly atc?: readonly string[];
  readonly allergy?: boolean;
  readonly sections?: readonly string[];
  readonly modal?: string;
}

export const QUESTION_LEXICON_VERSION = lexicon.version;
const CONCEPTS = lexicon.concepts as readonly LexiconConcept[];
const STOPWORDS: ReadonlySet<string> = new Set(lexicon.stopwords);
/** Words naming another person than the patient (their findings are not the patient's). */
export const OTHER_PERSONS: readonly string[] = lexicon.otherPersons;
/** Words saying a drug was stopped. */
export const STOP_CUES: readonly string[] = lexicon.stopCues;
export const SIDE_WORDS: Readonly<Record<Side, readonly string[]>> = lexicon.sides as Record<Side, readonly string[]>;

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const wordPattern = (phrase: string) => new RegExp(`(?<![\\p{L}\\p{N}])${phrase.split(/\s+/u).map(escape).join('\\s+')}(?![\\p{L}\\p{N}])`, 'iu');

const toConcept = (c: LexiconConcept): Concept => ({
  id: c.id,
  terms: c.terms,
  exclude: c.exclude ?? [],
  isClass: c.class ?? false,
  atc: c.atc ?? [],
  allergy: c.allergy ?? false,
  sections: c.sections ?? [],
  literal: false,
});

const literal = (word: string): Concept => ({ id: `word:${word}`, terms: [word], exclude: [], isClass: false, atc: [], allergy: false, sections: [], literal: true });

/** The lexicon concepts whose trigger occurs in `text` (longest trigger first), and the text without them. */
function takeConcepts(text: string): { concepts: Concept[]; modal: Set<string>; rest: string } {
  const triggers = CONCEPTS.flatMap((c) => c.triggers.map((t) => ({ c, t }))).sort((a, b) => b.t.length - a.t.length);
  const concepts: Concept[] = [];
  const modal = new Set<string>();
  let rest = text;
  for (const { c, t } of triggers) {
    const re = wordPattern(t);
    if (!re.test(rest)) continue;
    rest = rest.replace(new RegExp(re.source, 'giu'), ' ');
    if (c.modal) modal.add(c.modal);
    if (!concepts.some((k) => k.id === c.id)) concepts.push(toConcept(c));
  }
  return { concepts, modal, rest };
}

/** Plans a question; throws nothing (a question of stopwords only has no concepts and is never answered yes). */
export function planQuestion(question: string): QuestionPlan {
  const text = question.normalize('NFC').replace(/[?!]/g, ' ').trim();
  const lower = text.toLowerCase();
  const has = (word: string) => wordPattern(word).test(lower);
  const side: Side | undefined = has('højre') ? 'højre' : has('venstre') ? 'venstre' : undefined;
  let { concepts, modal, rest } = takeConcepts(lower);
  // "X (Y)": Y names the same thing as the words before it; merge them into one concept.
  const paren = /\(([^)]+)\)/u.exec(text);
  rest = rest.replace(/\([^)]*\)/gu, ' ');
  const words = rest
    .split(/[^\p{L}\p{N}-]+/u)
    .map((w) => w.replace(/^-+|-+$/g, ''))
    .filter((w) => w.length > 1 && !STOPWORDS.has(w) && w !== 'højre' && w !== 'venstre');
  for (const w of words) if (!concepts.some((c) => c.terms.some((t) => t.toLowerCase() === w))) concepts.push(literal(w));
  if (paren && concepts.length > 1) {
    const inside = takeConcepts(paren[1]!.toLowerCase()).concepts.map((c) => c.id);
    const merged = concepts.filter((c) => inside.includes(c.id) || c.literal);
    if (merged.length > 1) {
      const one: Concept = { ...merged[0]!, terms: [...new Set(merged.flatMap((c) => c.terms))], literal: false };
      concepts = [one, ...concepts.filter((c) => !merged.includes(c))];
    }
  }
  return {
    question,
    concepts,
    current: has('aktuelt') || has('aktuel') || has('aktuelle') || /^(?:får|tager|bruger)\b/u.test(lower) || has('nu') || has('stadig') || has('fortsat') || has('i behandling med'),
    family: has('familien') || has('familie') || has('slægten'),
    selfOnly: has('selv'),
    suspicion: has('mistanke') || has('mistænkt'),
    pending: modal.has('pending') || has('afventer') || has('afventes'),
    ...(side ? { side } : {}),
  };
}
