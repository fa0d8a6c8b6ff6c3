/** The optional LLM layer of the journal (journal-ai.md §6): one port, providers none/openai/gguf, per-request schemas, verification. */
export { LlmError, LlmProvider, type GenerationRequest, type LanguageModel, type ModelInfo } from './language-model.ts';
export { createLanguageModel, type LlmSettings } from './create-language-model.ts';
export { buildAnswerSchema, parseOutput, schemaHash, type GeneratedOutput } from './answer-schema.ts';
export { buildPrompt, PROMPT_TEMPLATE_VERSION, SYSTEM_PROMPT } from './prompt.ts';
export { verifySentence, datesIn, numbersIn, dosesIn, drugsIn, MIN_CONTENT_OVERLAP, type SentenceVerification, type VerificationCheck } from './verify-sentence.ts';
export { generateAnswer, GENERATION_SEED, GENERATION_TEMPERATURE, type GenerationOutcome } from './generate-answer.ts';
