/** Builds the configured LanguageModel (undefined for 'none', the default) and checks its settings at start. */
import { existsSync, statSync } from 'node:fs';
import { createGgufModel } from './gguf-model.ts';
import type { LanguageModel, LlmProvider } from './language-model.ts';
import { createOpenAiModel } from './openai-model.ts';

export interface LlmSettings {
  readonly provider: LlmProvider;
  readonly url?: string;
  readonly model?: string;
  readonly apiKey?: string;
  readonly ggufPath?: string;
  readonly timeoutMs: number;
}

/** Throws an Error with a clear message when the settings cannot work. */
export function createLanguageModel(settings: LlmSettings): LanguageModel | undefined {
  switch (settings.provider) {
    case 'none':
      return undefined;
    case 'openai': {
      if (!settings.url) throw new Error('KERNE_LLM_PROVIDER=openai needs KERNE_LLM_URL (the OpenAI-compatible endpoint, e.g. http://localhost:11434/v1)');
      if (!/^https?:\/\//.test(settings.url) || !URL.canParse(settings.url)) throw new Error(`KERNE_LLM_URL must be an http(s) URL, not '${settings.url}'`);
      if (!settings.model) throw new Error('KERNE_LLM_PROVIDER=openai needs KERNE_LLM_MODEL (the model name the endpoint serves)');
      return createOpenAiModel({ url: settings.url, model: settings.model, ...(settings.apiKey ? { apiKey: settings.apiKey } : {}), timeoutMs: settings.timeoutMs });
    }
    case 'gguf': {
      if (!settings.ggufPath) throw new Error('KERNE_LLM_PROVIDER=gguf needs KERNE_LLM_GGUF_PATH (a .gguf model file)');
      if (!existsSync(settings.ggufPath) || !statSync(settings.ggufPath).isFile()) throw new Error(`KERNE_LLM_GGUF_PATH: no model file at '${settings.ggufPath}'`);
      return createGgufModel({ path: settings.ggufPath, timeoutMs: settings.timeoutMs });
    }
  }
}
