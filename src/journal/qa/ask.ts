/**
 * Asking the journal as a caller: the extractive answer (answer-question.ts), worded by the
 * configured model when there is one and the record answers the question (a 'not-found' is never
 * sent to a model), and every answer audited (src/journal/ai-audit; extractive ones as provider
 * 'none'). @see ../../../../shared/reference/journal-ai.md §6, §7
 */
import type { Db } from '../../db/index.ts';
import type { Caller } from '../../logistics/index.ts';
import { hashQuery, recordAiAnswer, type AiUser } from '../ai-audit/index.ts';
import type { JournalAnswer } from '../api-types.ts';
import { generateAnswer, type GenerationOutcome, type LanguageModel } from '../llm/index.ts';
import { answerQuestion } from './answer-question.ts';

export interface AskOptions {
  readonly db: Db;
  readonly model?: LanguageModel;
}

export const aiUserOf = (caller: Caller): AiUser => ({
  ref: caller.principal.fhirUser ?? caller.principal.subject,
  display: caller.principal.display,
  roles: [...new Set(caller.principal.memberships.map((m) => m.role))],
});

export async function ask(caller: Caller, patientId: string, question: string, options: AskOptions): Promise<JournalAnswer> {
  const started = performance.now();
  const { answer: extractive } = await answerQuestion(caller.repo, patientId, question);
  let answer: JournalAnswer = extractive;
  let generation: GenerationOutcome | undefined;
  if (options.model && extractive.verdict !== 'not-found' && extractive.passages.length > 0) {
    generation = await generateAnswer(options.model, question, extractive.passages);
    answer = {
      ...extractive,
      ...(generation.sentences.length ? { sentences: generation.sentences, mode: 'generated' as const } : {}),
      ...(generation.model ? { model: { provider: generation.model.provider, id: generation.model.id, ...(generation.model.sha256 ? { sha256: generation.model.sha256 } : {}) } } : {}),
      droppedSentences: generation.droppedSentences,
      ...(generation.fallbackReason ? { fallbackReason: generation.fallbackReason } : {}),
    };
  }
  const aiEventId = await recordAiAnswer(options.db, {
    feature: 'journal-ask',
    user: aiUserOf(caller),
    patientId,
    queryHash: hashQuery(question),
    passages: answer.passages.map((p) => ({ id: p.id, source: `${p.citation.resourceType}/${p.citation.id}`, version: p.citation.versionId, start: p.citation.start, end: p.citation.end })),
    facts: (answer.facts ?? []).map((f) => ({ id: f.id, source: `${f.citation.resourceType}/${f.citation.id}`, version: f.citation.versionId })),
    verdict: answer.verdict,
    mode: answer.mode,
    provider: generation?.model?.provider ?? (options.model ? options.model.provider : 'none'),
    ...(generation?.model ? { modelId: generation.model.id } : {}),
    ...(generation?.model?.sha256 ? { modelSha256: generation.model.sha256 } : {}),
    ...(generation ? { promptTemplateVersion: generation.promptTemplateVersion, seed: generation.seed, temperature: generation.temperature } : {}),
    ...(generation?.schemaHash ? { schemaHash: generation.schemaHash } : {}),
    ...(generation?.outputHash ? { outputHash: generation.outputHash } : {}),
    verification: (generation?.verification ?? []).map((v) => ({ ok: v.ok, citations: v.citations, failed: v.failed.map((f) => `${f.check}: ${f.detail}`) })),
    droppedSentences: answer.droppedSentences,
    ...(answer.fallbackReason ? { fallbackReason: answer.fallbackReason } : {}),
    latencyMs: Math.round(performance.now() - started),
  });
  return { ...answer, aiEventId };
}
