/**
 * `answerQuestion`: a Danish yes/no question about one patient answered extractively from the
 * record: passages numbered S1…S40 with their ConText assertion, structured facts R1…, the verdict,
 * and sentences that are the deciding passages verbatim with their citations. No model is involved;
 * the optional LLM layer (src/journal/llm) only rephrases what this finds.
 * @see ../../../../shared/reference/journal-ai.md §1, §3, §6
 */
import type { FhirRepository } from '../../fhir/repository/index.ts';
import type { AnswerFact, AnswerSentence, JournalAnswer, RetrievedPassage } from '../api-types.ts';
import { decideAnswer, orderItems, type LabelledItem } from './decide-answer.ts';
import { planQuestion, type QuestionPlan } from './question-plan.ts';
import { retrieveFacts, retrievePassages } from './retrieve.ts';

/** Passages given (and numbered S1…Sn) at most. */
export const MAX_PASSAGES = 40;
const MAX_FACTS = 20;
/** Deciding passages quoted as the answer's sentences. */
const MAX_SENTENCES = 3;

/** The Danish text shown when the record does not answer the question. */
export const NOT_FOUND_TEXT = 'Ikke fundet i journalen';

export interface ExtractiveAnswer {
  readonly answer: JournalAnswer;
  readonly plan: QuestionPlan;
}

export async function answerQuestion(repo: FhirRepository, patientId: string, question: string): Promise<ExtractiveAnswer> {
  const plan = planQuestion(question);
  const [candidates, factCandidates] = plan.concepts.length ? await Promise.all([retrievePassages(repo, patientId, plan), retrieveFacts(repo, patientId, plan)]) : [[], []];
  const items: LabelledItem[] = [
    ...candidates.map((c, n): LabelledItem => ({ id: `p${n}`, label: c.label, recorded: c.passage.recorded, score: c.score })),
    ...factCandidates.map((f, n): LabelledItem => ({ id: `f${n}`, label: f.label, recorded: f.fact.recorded ?? '', score: 0, structured: { active: f.active } })),
  ];
  const decision = decideAnswer(plan, items);
  const ordered = orderItems(plan, items, decision);
  const passages: RetrievedPassage[] = [];
  const facts: AnswerFact[] = [];
  const idOf = new Map<string, string>();
  for (const item of ordered) {
    const n = Number(item.id.slice(1));
    if (item.id.startsWith('p') && passages.length < MAX_PASSAGES) {
      const c = candidates[n]!;
      const id = `S${passages.length + 1}`;
      idOf.set(item.id, id);
      passages.push({ id, ...c.passage, assertion: c.label.assertion });
    } else if (item.id.startsWith('f') && facts.length < MAX_FACTS) {
      const f = factCandidates[n]!;
      const id = `R${facts.length + 1}`;
      idOf.set(item.id, id);
      facts.push({ id, ...f.fact, assertion: f.label.assertion });
    }
  }
  const sentences: AnswerSentence[] = [];
  const quoted = new Set<string>();
  for (const itemId of decision.deciding) {
    const id = idOf.get(itemId);
    if (!id || sentences.length >= MAX_SENTENCES) continue;
    const text = id.startsWith('S') ? passages.find((p) => p.id === id)!.text : facts.find((f) => f.id === id)!.text;
    if (quoted.has(text)) continue; // the same line in many notes: quote it once
    quoted.add(text);
    sentences.push({ text, citations: [id] });
  }
  return {
    plan,
    answer: { question, verdict: decision.verdict, sentences, passages, mode: 'extractive', droppedSentences: 0, ...(facts.length ? { facts } : {}) },
  };
}
