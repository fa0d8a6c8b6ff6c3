/**
 * The in-process provider: a GGUF model through node-llama-cpp 3.21.1 (CPU, no build, one thread,
 * context 2048), loaded lazily once; output constrained by a grammar made from the JSON schema,
 * LlamaCompletion with a fixed seed. The model file's SHA-256 is computed once (audited with every
 * call). @see ../../../../shared/reference/journal-ai.md §10
 */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { basename } from 'node:path';
import { LlmError, type GenerationRequest, type LanguageModel, type ModelInfo } from './language-model.ts';

export interface GgufModelOptions {
  readonly path: string;
  readonly timeoutMs: number;
  readonly contextSize?: number;
  readonly threads?: number;
}

async function fileSha256(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

type Loaded = {
  llama: import('node-llama-cpp').Llama;
  model: import('node-llama-cpp').LlamaModel;
  context: import('node-llama-cpp').LlamaContext;
  info: ModelInfo;
};

export function createGgufModel(options: GgufModelOptions): LanguageModel {
  const contextSize = options.contextSize ?? 2048;
  let loading: Promise<Loaded> | undefined;
  let queue: Promise<unknown> = Promise.resolve(); // one generation at a time on the one sequence
  const load = () =>
    (loading ??= (async () => {
      const { getLlama } = await import('node-llama-cpp');
      const [sha256, llama] = await Promise.all([fileSha256(options.path), getLlama({ gpu: false, build: 'never' })]);
      const model = await llama.loadModel({ modelPath: options.path });
      const context = await model.createContext({ threads: options.threads ?? 1, contextSize });
      const info: ModelInfo = { provider: 'gguf', id: basename(options.path), sha256 };
      return { llama, model, context, info };
    })().catch((err: unknown) => {
      loading = undefined;
      throw new LlmError('unavailable', `the GGUF model ${options.path} could not be loaded: ${(err as Error).message}`, { cause: err });
    }));
  return {
    provider: 'gguf',
    // Byte-level vocabularies spend a token per byte: keep half the context for the prompt.
    promptBudget: Math.floor(contextSize / 2),
    info: async () => (await load()).info,
    async generate(request: GenerationRequest): Promise<string> {
      const { llama, context } = await load();
      const run = async () => {
        const { LlamaCompletion } = await import('node-llama-cpp');
        const grammar = await llama.createGrammarForJsonSchema(request.schema as never);
        const sequence = context.getSequence();
        const completion = new LlamaCompletion({ contextSequence: sequence });
        const timeout = AbortSignal.timeout(options.timeoutMs);
        const signal = request.signal ? AbortSignal.any([request.signal, timeout]) : timeout;
        try {
          return await completion.generateCompletion(`${request.system}\n\n${request.prompt}`, {
            grammar, maxTokens: request.maxTokens, seed: request.seed, temperature: request.temperature, signal,
          });
        } catch (err) {
          if (timeout.aborted) throw new LlmError('timeout', `the GGUF model gave no answer within ${options.timeoutMs} ms`, { cause: err });
          throw new LlmError('unavailable', `the GGUF model failed: ${(err as Error).message}`, { cause: err });
        } finally {
          completion.dispose();
          sequence.dispose();
        }
      };
      const result = queue.then(run, run);
      queue = result.catch(() => {});
      return result;
    },
    async close() {
      if (!loading) return;
      const loaded = await loading.catch(() => undefined);
      await loaded?.context.dispose();
      await loaded?.model.dispose();
      await loaded?.llama.dispose();
    },
  };
}
