/**
 * The generated answer (journal-ai.md §6): the extractive answer's passages go to the model with a
 * per-request schema (citation ids: an enum of the passages given); the output is re-validated
 * (ajv) and every sentence verified against its passages; unverified sentences are dropped and
 * counted. Any failure (timeout, 429, 5xx, invalid JSON, nothing verified) keeps the extractive
 * sentences and says why. The verdict is always the extractive one: the model only words it.
 */
import { createHash } from 'node:crypto';
import type { AnswerSentence, RetrievedPassage } from '../api-types.ts';
import { buildAnswerSchema, parseOutput, schemaHash } from './answer-schema.ts';
import { LlmError, type LanguageModel, type ModelInfo } from './language-model.ts';
import { buildPrompt, PROMPT_TEMPLATE_VERSION, SYSTEM_PROMPT } from './prompt.ts';
import { verifySentence, type SentenceVerification } from './verify-sentence.ts';

export const GENERATION_SEED = 42;
export const GENERATION_TEMPERATURE = 0;
const MAX_TOKENS = 512;
const GGUF_MAX_SENTENCE = 160;

/** What happened, for the answer and the audit. */
export interface GenerationOutcome {
  readonly model?: ModelInfo;
  readonly promptTemplateVersion: string;
  readonly schemaHash?: string;
  readonly seed: number;
  readonly temperature: number;
  /** sha256 of the raw output text. */
  readonly outputHash?: string;
  /** The passages given to the model. */
  readonly given: readonly string[];
  readonly verification: readonly SentenceVerification[];
  /** The verified sentences (empty: show the extractive ones). */
  readonly sentences: readonly AnswerSentence[];
  readonly droppedSentences: number;
  readonly fallbackReason?: string;
}

export async function generateAnswer(model: LanguageModel, question: string, passages: readonly RetrievedPassage[], signal?: AbortSignal): Promise<GenerationOutcome> {
  const base = { promptTemplateVersion: PROMPT_TEMPLATE_VERSION, seed: GENERATION_SEED, temperature: GENERATION_TEMPERATURE };
  let info: ModelInfo | undefined;
  try {
    info = await model.info();
  } catch (err) {
    return { ...base, given: [], verification: [], sentences: [], droppedSentences: 0, fallbackReason: reasonOf(err) };
  }
  const { prompt, given } = buildPrompt(question, passages, model.promptBudget);
  if (given.length === 0) return { ...base, model: info, given: [], verification: [], sentences: [], droppedSentences: 0, fallbackReason: 'no passage fits the model context' };
  const ids = given.map((p) => p.id);
  // A small local model needs bounded strings; its grammar counts length in its own units (bytes of
  // partial UTF-8 included), so the re-validation allows up to four JS characters per unit.
  const schema = buildAnswerSchema(ids, model.provider === 'gguf' ? { maxSentenceLength: GGUF_MAX_SENTENCE, maxSentences: 2 } : {});
  const validation = model.provider === 'gguf' ? buildAnswerSchema(ids, { maxSentenceLength: 4 * GGUF_MAX_SENTENCE, maxSentences: 2 }) : schema;
  const withSchema = { ...base, model: info, schemaHash: schemaHash(schema), given: given.map((p) => p.id) };
  let raw: string;
  try {
    raw = await model.generate({ system: SYSTEM_PROMPT, prompt, schema, seed: GENERATION_SEED, temperature: GENERATION_TEMPERATURE, maxTokens: MAX_TOKENS, ...(signal ? { signal } : {}) });
  } catch (err) {
    return { ...withSchema, verification: [], sentences: [], droppedSentences: 0, fallbackReason: reasonOf(err) };
  }
  const outputHash = `sha256:${createHash('sha256').update(raw).digest('hex')}`;
  const parsed = parseOutput(validation, raw);
  if ('error' in parsed) return { ...withSchema, outputHash, verification: [], sentences: [], droppedSentences: 0, fallbackReason: `${parsed.error}: ${parsed.detail.slice(0, 200)}` };
  const texts = new Map(given.map((p) => [p.id, p.text] as const));
  const verification = parsed.output.sentences.map((s) => verifySentence(s, texts));
  const sentences = verification.filter((v) => v.ok).map((v) => ({ text: v.text, citations: [...new Set(v.citations)] }));
  const droppedSentences = verification.length - sentences.length;
  return {
    ...withSchema,
    outputHash,
    verification,
    sentences,
    droppedSentences,
    ...(sentences.length === 0 ? { fallbackReason: 'no generated sentence could be verified' } : {}),
  };
}

const reasonOf = (err: unknown) => (err instanceof LlmError ? `${err.reason}: ${err.message}` : `error: ${(err as Error).message}`);
