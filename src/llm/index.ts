// The one place that decides whether discussion questions come from a language model: only when
// LLM_BASE_URL is set is anything constructed, so an unconfigured bot sends nothing anywhere.
import type { PromptWriter } from '../bot/prompt-writer.js';
import type { Config } from '../config.js';
import { ChatPromptWriter } from './client.js';

export { ChatPromptWriter, chatCompletionsUrl, LLM_PROMPTS_FAILED, LLM_PROMPTS_WRITTEN, PromptWriterError, type LlmFailure, type LlmSettings } from './client.js';

type LlmConfig = Pick<Config, 'LLM_BASE_URL' | 'LLM_MODEL' | 'LLM_API_KEY' | 'LLM_TIMEOUT_MS'>;

/** The model's prompt writer, or undefined when no model is configured. */
export function createPromptWriter(config: LlmConfig): PromptWriter | undefined {
  if (!config.LLM_BASE_URL || !config.LLM_MODEL) return undefined;
  return new ChatPromptWriter({
    baseUrl: config.LLM_BASE_URL,
    model: config.LLM_MODEL,
    apiKey: config.LLM_API_KEY,
    timeoutMs: config.LLM_TIMEOUT_MS,
  });
}
