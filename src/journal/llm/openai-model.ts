/**
 * The OpenAI-compatible provider (vLLM, Ollama, llama.cpp server, Azure OpenAI): POST
 * {url}/chat/completions with `response_format: json_schema` (strict), temperature 0 and a seed,
 * time-boxed. 429, 5xx, other HTTP errors, timeouts and missing content become LlmError.
 * @see https://platform.openai.com/docs/api-reference/chat/create
 */
import { LlmError, type GenerationRequest, type LanguageModel, type ModelInfo } from './language-model.ts';

export interface OpenAiModelOptions {
  /** Base URL (…/v1) or the full …/chat/completions URL. */
  readonly url: string;
  readonly model: string;
  readonly apiKey?: string;
  readonly timeoutMs: number;
  /** Prompt characters allowed (default 24,000). */
  readonly promptBudget?: number;
}

export function createOpenAiModel(options: OpenAiModelOptions): LanguageModel {
  const endpoint = /\/chat\/completions\/?$/.test(options.url) ? options.url : `${options.url.replace(/\/+$/, '')}/chat/completions`;
  const info: ModelInfo = { provider: 'openai', id: options.model };
  return {
    provider: 'openai',
    promptBudget: options.promptBudget ?? 24_000,
    info: async () => info,
    async generate(request: GenerationRequest): Promise<string> {
      const timeout = AbortSignal.timeout(options.timeoutMs);
      const signal = request.signal ? AbortSignal.any([request.signal, timeout]) : timeout;
      let res: Response;
      try {
        res = await fetch(endpoint, {
          method: 'POST',
          headers: { 'content-type': 'application/json', ...(options.apiKey ? { authorization: `Bearer ${options.apiKey}` } : {}) },
          body: JSON.stringify({
            model: options.model,
            messages: [
              { role: 'system', content: request.system },
              { role: 'user', content: request.prompt },
            ],
            temperature: request.temperature,
            seed: request.seed,
            max_tokens: request.maxTokens,
            response_format: { type: 'json_schema', json_schema: { name: 'journal_answer', strict: true, schema: request.schema } },
          }),
          signal,
        });
      } catch (err) {
        if (timeout.aborted) throw new LlmError('timeout', `no answer from ${endpoint} within ${options.timeoutMs} ms`, { cause: err });
        throw new LlmError('unavailable', `${endpoint} could not be reached: ${(err as Error).message}`, { cause: err });
      }
      if (res.status === 429) throw new LlmError('rate-limited', `${endpoint} answered 429 (rate limited)`);
      if (res.status >= 500) throw new LlmError('server-error', `${endpoint} answered ${res.status}`);
      if (!res.ok) throw new LlmError('http-error', `${endpoint} answered ${res.status}`);
      let body: { choices?: { message?: { content?: unknown } }[] };
      try {
        body = (await res.json()) as typeof body;
      } catch (err) {
        if (timeout.aborted) throw new LlmError('timeout', `no complete answer from ${endpoint} within ${options.timeoutMs} ms`, { cause: err });
        throw new LlmError('invalid-json', `${endpoint} sent a body that is not JSON`, { cause: err });
      }
      const content = body.choices?.[0]?.message?.content;
      if (typeof content !== 'string') throw new LlmError('invalid-json', `${endpoint} sent no message content`);
      return content;
    },
    close: async () => {},
  };
}
