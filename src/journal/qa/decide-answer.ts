/**
 * The extractive answer (pure): from labelled passages and structured facts, the verdict (yes when
 * an asserted passage or fact says so, no when only negated, stopped, resolved or other-side ones
 * do, not-found when nothing mentions every concept: "Ikke fundet i journalen"), which items decide
 * it, and the order in which items are shown (deciding first). @see ../../../../shared/reference/journal-ai.md §3, §6
 */
import type { JournalAssertion } from '../api-types.ts';
import type { PassageLabel } from './passage-label.ts';
import type { QuestionPlan } from './question-plan.ts';

/** A passage or structured fact with its label. */
export interface LabelledItem {
  /** S1… for passages, R1… for structured facts. */
  readonly id: string;
  readonly label: PassageLabel;
  readonly recorded: string;
  /** Search relevance (0 for structured facts). */
  readonly score: number;
  /** A structured fact: its status decides "now" questions. */
  readonly structured?: { readonly active: boolean };
}

export type Vote = 'yes' | 'no' | 'none';

export interface Decision {
  readonly verdict: 'yes' | 'no' | 'not-found';
  /** Ids of the items that decide the verdict, best first. */
  readonly deciding: readonly string[];
  /** Every item's vote. */
  readonly votes: ReadonlyMap<string, Vote>;
}

const complete = (plan: QuestionPlan, item: LabelledItem) => plan.concepts.length > 0 && plan.concepts.every((c) => item.label.covered.has(c.id));

/** How one item answers the question, ignoring time. */
export function voteOf(plan: QuestionPlan, item: LabelledItem): Vote {
  const { label } = item;
  if (!complete(plan, item)) {
    // "Ingen kendte allergier" answers no for penicillin too.
    const classNegated = plan.concepts.some((c) => c.isClass && label.mentions.some((m) => m.conceptId === c.id && m.assertion === 'negated'));
    return classNegated && plan.concepts.some((c) => c.isClass) && !plan.family ? 'no' : 'none';
  }
  if (plan.side && label.sides.size > 0 && !label.sides.has(plan.side)) return label.assertion === 'present' || label.assertion === 'historical' ? 'no' : 'none';
  const byAssertion: Record<JournalAssertion, Vote> = {
    present: plan.family ? 'none' : 'yes',
    historical: plan.family || plan.current ? (plan.current ? 'no' : 'none') : 'yes',
    uncertain: plan.suspicion ? 'yes' : 'none',
    family: plan.family && !plan.selfOnly ? 'yes' : 'none',
    hypothetical: 'none',
    negated: plan.family ? 'none' : 'no',
  };
  if (item.structured && plan.current && !plan.family) return item.structured.active ? byAssertion[label.assertion] : 'no';
  if (plan.current && label.stopped && (label.assertion === 'present' || label.assertion === 'historical')) return 'no';
  return byAssertion[label.assertion];
}

/** The terms that tie statements about the same thing over time (a drug's name). */
const termsOf = (item: LabelledItem) => [...new Set(item.label.mentions.map((m) => m.term.toLowerCase()))];

export function decideAnswer(plan: QuestionPlan, items: readonly LabelledItem[]): Decision {
  const votes = new Map(items.map((i) => [i.id, voteOf(plan, i)] as const));
  // "Ingen kendte allergier" answers no for penicillin only when no passage or fact asserts a member of the class
  // (an allergy to something else): the record contradicts itself and does not say.
  const classIds = new Set(plan.concepts.filter((c) => c.isClass).map((c) => c.id));
  const classAsserted = items.some((i) => {
    const own = i.label.mentions.filter((m) => classIds.has(m.conceptId));
    return own.length > 0 && own.every((m) => m.assertion === 'present') && (!i.structured || i.structured.active); // not "CAVE: Ingen kendte allergier"
  });
  if (classAsserted) for (const i of items) if (!complete(plan, i) && votes.get(i.id) === 'no') votes.set(i.id, 'none');
  let yes = items.filter((i) => votes.get(i.id) === 'yes');
  const no = items.filter((i) => votes.get(i.id) === 'no');
  if (plan.current) {
    // "Now": a drug stopped (in a note or the structured list) at or after a statement that it is given is not given now;
    // a note's stop names its drug ("Insulin seponeret" stops "opstartes insulin: Inj. NovoRapid"), a structured stop all its terms.
    const stops = no.filter((i) => i.label.stopped || i.structured);
    const stoppedTermsOf = (s: LabelledItem) => (s.structured ? termsOf(s) : s.label.stoppedTerms);
    yes = yes.filter((i) => {
      const terms = termsOf(i);
      if (terms.length === 0) return true;
      const stoppedFrom = (t: string) => stops.some((s) => s.recorded >= i.recorded && stoppedTermsOf(s).includes(t));
      const noteStopsLater = (t: string) => stops.some((s) => !s.structured && s.recorded > i.recorded && s.label.stoppedTerms.includes(t));
      return !(terms.every(stoppedFrom) || (!i.structured && terms.some(noteStopsLater)));
    });
  }
  const rank = (a: LabelledItem, b: LabelledItem) => b.score - a.score || (b.recorded > a.recorded ? 1 : b.recorded < a.recorded ? -1 : 0);
  if (yes.length) return { verdict: 'yes', deciding: [...yes].sort(rank).map((i) => i.id), votes };
  if (no.length) return { verdict: 'no', deciding: [...no].sort(rank).map((i) => i.id), votes };
  return { verdict: 'not-found', deciding: [], votes };
}

/** Items in the order shown: deciding first, then complete mentions, then by concepts covered, relevance and recency. */
export function orderItems(plan: QuestionPlan, items: readonly LabelledItem[], decision: Decision): LabelledItem[] {
  const decidingRank = new Map(decision.deciding.map((id, n) => [id, n] as const));
  const key = (i: LabelledItem) => [decidingRank.get(i.id) ?? Number.MAX_SAFE_INTEGER, complete(plan, i) ? 0 : 1, -i.label.covered.size, -i.score] as const;
  return [...items].sort((a, b) => {
    const [ka, kb] = [key(a), key(b)];
    for (let n = 0; n < ka.length; n++) if (ka[n] !== kb[n]) return ka[n]! - kb[n]!;
    return b.recorded > a.recorded ? 1 : b.recorded < a.recorded ? -1 : 0;
  });
}
