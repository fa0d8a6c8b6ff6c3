/**
 * @module Scores question answering on a synthetic record's gold questions (journal-ai.md §8):
 * retrieval top-5 (an evidence note among the first 5 passages, or an evidence resource among the
 * first 5 structured facts, for questions with evidence), abstention (not-found questions answered
 * 'not-found') and verdicts (all questions).
 */
import type { JournalAnswer } from '../api-types.ts';
import type { RecordTruth } from './record-truth.ts';

export interface QuestionScores {
  readonly retrievalTop5: { hits: number; total: number };
  readonly notFound: { correct: number; total: number };
  readonly answers: { correct: number; total: number };
}

export async function scoreQuestions(input: {
  ask: (patientId: string, question: string) => Promise<JournalAnswer>;
  patientId: string;
  truth: RecordTruth;
  resolveRef: (fullUrl: string) => { type: string; id: string } | undefined;
  resolveDoc: (docId: string) => { type: string; id: string } | undefined;
}): Promise<QuestionScores> {
  const retrievalTop5 = { hits: 0, total: 0 };
  const notFound = { correct: 0, total: 0 };
  const answers = { correct: 0, total: 0 };
  const key = (r: { type: string; id: string } | undefined) => (r ? `${r.type}/${r.id}` : undefined);
  for (const q of input.truth.questions) {
    const answer = await input.ask(input.patientId, q.question);
    answers.total++;
    if (answer.verdict === q.answer) answers.correct++;
    if (q.answer === 'not-found') {
      notFound.total++;
      if (answer.verdict === 'not-found') notFound.correct++;
      continue;
    }
    const evidence = new Set([...q.evidenceDocIds.map((d) => key(input.resolveDoc(d))), ...q.evidenceResourceRefs.map((r) => key(input.resolveRef(r)))].filter((k): k is string => k !== undefined));
    if (evidence.size === 0) continue;
    retrievalTop5.total++;
    const top = [
      ...answer.passages.slice(0, 5).map((p) => `${p.citation.resourceType}/${p.citation.id}`),
      ...(answer.facts ?? []).slice(0, 5).map((f) => `${f.citation.resourceType}/${f.citation.id}`),
    ];
    if (top.some((k) => evidence.has(k))) retrievalTop5.hits++;
  }
  return { retrievalTop5, notFound, answers };
}
