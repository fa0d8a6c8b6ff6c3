/**
 * The port of the optional LLM layer (journal-ai.md §6): one interface, three providers (none: the
 * default, extractive only; openai: any OpenAI-compatible HTTP endpoint; gguf: an in-process
 * node-llama-cpp model). A provider turns a prompt and a JSON schema into JSON text; it never
 * decides what is shown (generate-answer.ts validates and verifies every sentence).
 */

export const LlmProvider = { none: 'none', openai: 'openai', gguf: 'gguf' } as const;
export type LlmProvider = (typeof LlmProvider)[keyof typeof LlmProvider];

/** What the audit and the answer name: provider, model id, and the GGUF file's SHA-256 (local models). */
export interface ModelInfo {
  readonly provider: Exclude<LlmProvider, 'none'>;
  readonly id: string;
  readonly sha256?: string;
}

export interface GenerationRequest {
  readonly system: string;
  readonly prompt: string;
  /** The JSON schema the output must satisfy (citation ids as an enum of the passages given). */
  readonly schema: Record<string, unknown>;
  readonly seed: number;
  readonly temperature: number;
  readonly maxTokens: number;
  readonly signal?: AbortSignal;
}

export interface LanguageModel {
  readonly provider: Exclude<LlmProvider, 'none'>;
  /** Loads what is needed (once) and names the model. */
  info(): Promise<ModelInfo>;
  /** The raw output text (JSON expected); throws LlmError on any failure. */
  generate(request: GenerationRequest): Promise<string>;
  /** Characters of prompt the model can take (a local model's small context). */
  readonly promptBudget: number;
  close(): Promise<void>;
}

/** Why a model gave no usable output: the answer falls back to extractive with this reason. */
export class LlmError extends Error {
  constructor(
    readonly reason: 'timeout' | 'rate-limited' | 'server-error' | 'http-error' | 'invalid-json' | 'schema-mismatch' | 'unavailable',
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'LlmError';
  }
}
