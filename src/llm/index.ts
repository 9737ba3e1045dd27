// The one place that decides whether discussion questions come from a language model: only when
// LLM_BASE_URL is set is anything constructed, so an unconfigured bot sends nothing anywhere.
import type { PromptWriter } from '../bot/prompt-writer.js';
import type { Config } from '../config.js';
import { log } from '../core/log.js';
import { ChatPromptWriter, chatCompletionsUrl } from './client.js';

/** An API key is set for a server reached over plain http on another machine: anyone on the way can read it. */
export const LLM_KEY_UNENCRYPTED = 'llm_key_unencrypted';

const LOOPBACK = /^(localhost|127(?:\.\d{1,3}){3}|\[::1\])$/i;

export { ChatPromptWriter, chatCompletionsUrl, LLM_PROMPTS_FAILED, LLM_PROMPTS_WRITTEN, PromptWriterError, type LlmFailure, type LlmSettings } from './client.js';

type LlmConfig = Pick<Config, 'LLM_BASE_URL' | 'LLM_MODEL' | 'LLM_API_KEY' | 'LLM_TIMEOUT_MS'>;

/** The model's prompt writer, or undefined when no model is configured. */
export function createPromptWriter(config: LlmConfig): PromptWriter | undefined {
  if (!config.LLM_BASE_URL || !config.LLM_MODEL) return undefined;
  const url = chatCompletionsUrl(config.LLM_BASE_URL);
  // Warned, not refused: a server on the local network or in the same container host is a fair setup.
  if (config.LLM_API_KEY && url.protocol === 'http:' && !LOOPBACK.test(url.hostname)) {
    log.warn(LLM_KEY_UNENCRYPTED, { host: url.host, fix: 'use an https:// LLM_BASE_URL, or a server on this machine' });
  }
  return new ChatPromptWriter({
    baseUrl: config.LLM_BASE_URL,
    model: config.LLM_MODEL,
    apiKey: config.LLM_API_KEY,
    timeoutMs: config.LLM_TIMEOUT_MS,
  });
}
