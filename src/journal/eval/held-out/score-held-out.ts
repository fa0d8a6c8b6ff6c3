/**
 * @module Scores the answerer on the held-out questions (journal-ai.md §8): verdict accuracy, retrieval
 * top-5 (a gold evidence note among the first 5 passages, for questions with evidence) and
 * abstention (not-found questions answered 'not-found'); per question set, with the misses.
 */
import type { JournalAnswer } from '../../api-types.ts';
import type { HeldOutQuestion } from './held-out-questions.ts';

export interface Ratio { hits: number; total: number }

export interface HeldOutScore {
  readonly answers: Ratio;
  readonly retrievalTop5: Ratio;
  readonly abstention: Ratio;
  /** Wrong 'yes' where the gold is 'no' or 'not-found' (the dangerous error). */
  readonly falseYes: number;
  readonly misses: readonly string[];
}

export async function scoreHeldOut(input: {
  questions: readonly HeldOutQuestion[];
  ask: (patientKey: HeldOutQuestion['patient'], question: string) => Promise<JournalAnswer>;
  /** The held-out note id a passage's source is, if any. */
  noteIdOf: (resourceType: string, id: string) => string | undefined;
}): Promise<HeldOutScore> {
  const answers = { hits: 0, total: 0 }, retrievalTop5 = { hits: 0, total: 0 }, abstention = { hits: 0, total: 0 };
  let falseYes = 0;
  const misses: string[] = [];
  for (const q of input.questions) {
    const answer = await input.ask(q.patient, q.question);
    answers.total++;
    if (answer.verdict === q.answer) answers.hits++;
    else misses.push(`${q.patient} [${q.set}] "${q.question}": ${answer.verdict}, gold ${q.answer}`);
    if (answer.verdict === 'yes' && q.answer !== 'yes') falseYes++;
    if (q.answer === 'not-found') {
      abstention.total++;
      if (answer.verdict === 'not-found') abstention.hits++;
      continue;
    }
    if (q.evidence.length === 0) continue;
    retrievalTop5.total++;
    const top = answer.passages.slice(0, 5).map((p) => input.noteIdOf(p.citation.resourceType, p.citation.id));
    if (top.some((id) => id !== undefined && q.evidence.includes(id))) retrievalTop5.hits++;
    else misses.push(`${q.patient} [${q.set}] "${q.question}": evidence ${q.evidence.join('/')} not in top 5 (${top.join(', ') || 'no passages'})`);
  }
  return { answers, retrievalTop5, abstention, falseYes, misses };
}
