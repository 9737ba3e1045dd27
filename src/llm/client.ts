// The PromptWriter that asks a language model, over any OpenAI-compatible chat-completions
// endpoint (Ollama, llama.cpp, vLLM, hosted ones) with Node's own fetch. /discuss must never wait
// long or break because of it: every call is bounded by a timeout, every failure becomes one
// rejected promise with a sentence for people, and one log line per call says how it went.
import { z } from 'zod';
import type { PromptRequest, PromptWriter, WrittenPrompts } from '../bot/prompt-writer.js';
import { errorMessage } from '../core/errors.js';
import { log } from '../core/log.js';
import { stripControls } from '../core/untrusted.js';
import { parseQuestions } from './answer.js';
import { checkQuestions } from './checks.js';
import { promptMessages } from './prompt.js';

/** A model's questions were accepted. */
export const LLM_PROMPTS_WRITTEN = 'llm_prompts_written';
/** A call failed or its answer was refused; /discuss falls back to its offline questions. */
export const LLM_PROMPTS_FAILED = 'llm_prompts_failed';

export interface LlmSettings {
  /** LLM_BASE_URL as written: with or without /v1, or the whole …/chat/completions address. */
  baseUrl: string;
  model: string;
  apiKey?: string;
  timeoutMs: number;
}

/** Low, so the model stays close to the text it is quoting. */
export const TEMPERATURE = 0.3;
/** A reply bigger than this is not three questions; reading stops there. */
const MAX_RESPONSE_BYTES = 256 * 1024;

export type LlmFailure = 'network' | 'timeout' | 'status' | 'bad_response' | 'empty' | 'refused';

/** Why the model's questions are not available; `message` is for people, `reason` for logs and tests. */
export class PromptWriterError extends Error {
  constructor(
    message: string,
    readonly reason: LlmFailure,
    readonly status?: number,
    /** What the server said, for the log only (never shown in a channel). */
    readonly detail?: string,
  ) {
    super(message);
    this.name = 'PromptWriterError';
  }
}

/**
 * Where chat completions are posted. A bare server address gets the /v1 every OpenAI-compatible
 * server serves under (Ollama's http://127.0.0.1:11434, llama.cpp's http://127.0.0.1:8080); an
 * address with a path is used as given (…/v1, or a provider's own such as …/openai).
 */
export function chatCompletionsUrl(baseUrl: string): URL {
  const url = new URL(baseUrl.trim());
  let path = url.pathname.replace(/\/+$/, '').replace(/\/chat\/completions$/, '');
  if (!path) path = '/v1';
  url.pathname = `${path}/chat/completions`;
  url.search = '';
  url.hash = '';
  return url;
}

const RESPONSE = z.object({
  choices: z
    .array(z.object({ message: z.object({ content: z.string().nullish() }).nullish() }))
    .min(1),
});

/** The first words of what a server said about an error (its JSON `error` field when it has one). */
function serverDetail(body: string): string | undefined {
  let text = body;
  try {
    const parsed = JSON.parse(body) as { error?: unknown; message?: unknown };
    const e = parsed.error;
    text = typeof e === 'string' ? e : e && typeof e === 'object' && 'message' in e ? String((e as { message: unknown }).message) : typeof parsed.message === 'string' ? parsed.message : body;
  } catch {
    // plain text
  }
  const clean = stripControls(text).replace(/\s+/g, ' ').trim();
  return clean ? clean.slice(0, 200) : undefined;
}

/** Reads at most MAX_RESPONSE_BYTES of a body, so a runaway server cannot fill memory. */
async function readCapped(response: Response): Promise<string> {
  if (!response.body) return '';
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > MAX_RESPONSE_BYTES) {
      await reader.cancel().catch(() => undefined);
      throw new PromptWriterError(`The language model's reply was larger than ${MAX_RESPONSE_BYTES / 1024} KB, so it was not read.`, 'bad_response');
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function statusError(status: number, settings: LlmSettings, url: URL, detail: string | undefined): PromptWriterError {
  const where = `${url.origin}${url.pathname}`;
  const say = (message: string) => new PromptWriterError(message, 'status', status, detail);
  if (status === 401 || status === 403) {
    return say(
      settings.apiKey
        ? `The language model server refused the API key (HTTP ${status}); check LLM_API_KEY.`
        : `The language model server wants an API key (HTTP ${status}); set LLM_API_KEY.`,
    );
  }
  if (status === 404) return say(`The language model server answered 404: check LLM_MODEL (is "${settings.model}" installed there?) and LLM_BASE_URL (requests go to ${where}).`);
  if (status === 429) return say('The language model server is busy or over its quota (HTTP 429).');
  if (status >= 300 && status < 400) return say(`The language model server redirected the request (HTTP ${status}); set LLM_BASE_URL to the address it redirects to.`);
  if (status >= 500) return say(`The language model server failed (HTTP ${status}).`);
  return say(`The language model server refused the request (HTTP ${status}).`);
}

/** The cause of a fetch failure as people know it ("ECONNREFUSED", "ENOTFOUND"). */
function networkCause(e: unknown): string {
  const cause = (e as { cause?: { code?: unknown; message?: unknown } })?.cause;
  if (cause && typeof cause.code === 'string') return cause.code;
  if (cause && typeof cause.message === 'string') return cause.message;
  return errorMessage(e);
}

export class ChatPromptWriter implements PromptWriter {
  private readonly url: URL;

  constructor(private readonly settings: LlmSettings) {
    this.url = chatCompletionsUrl(settings.baseUrl);
  }

  async write(request: PromptRequest): Promise<WrittenPrompts> {
    const started = performance.now();
    // Only where requests go, for the log: never a key, never credentials in the address.
    const fields = { model: this.settings.model, host: this.url.host };
    try {
      const questions = await this.ask(request);
      log.info(LLM_PROMPTS_WRITTEN, { ...fields, questions: questions.length, ms: Math.round(performance.now() - started) });
      return { questions, model: this.settings.model };
    } catch (e) {
      const error =
        e instanceof PromptWriterError ? e : new PromptWriterError(`The language model could not be asked (${errorMessage(e)}).`, 'network');
      log.warn(LLM_PROMPTS_FAILED, {
        ...fields,
        reason: error.reason,
        ...(error.status !== undefined ? { status: error.status } : {}),
        error: error.message,
        ...(error.detail ? { detail: error.detail } : {}),
        ms: Math.round(performance.now() - started),
      });
      throw error;
    }
  }

  private async ask(request: PromptRequest): Promise<string[]> {
    const { messages, texts } = promptMessages(request);
    const headers: Record<string, string> = { 'content-type': 'application/json', accept: 'application/json' };
    if (this.settings.apiKey) headers.authorization = `Bearer ${this.settings.apiKey}`;
    const controller = new AbortController();
    const seconds = Math.round(this.settings.timeoutMs / 100) / 10;
    const timeout = () => new PromptWriterError(`The language model did not answer within ${seconds} s.`, 'timeout');
    const timer = setTimeout(() => controller.abort(), this.settings.timeoutMs);
    let status: number;
    let body: string;
    try {
      let response: Response;
      try {
        response = await fetch(this.url, {
          method: 'POST',
          headers,
          body: JSON.stringify({ model: this.settings.model, messages, temperature: TEMPERATURE }),
          signal: controller.signal,
          // A redirect is reported, never followed: the key is not to travel to another address.
          redirect: 'manual',
        });
      } catch (e) {
        if (controller.signal.aborted) throw timeout();
        throw new PromptWriterError(`The language model at ${this.url.host} could not be reached (${networkCause(e)}).`, 'network');
      }
      status = response.status;
      try {
        body = await readCapped(response);
      } catch (e) {
        if (e instanceof PromptWriterError) throw e;
        if (controller.signal.aborted) throw timeout();
        throw new PromptWriterError(`The language model's reply was cut off (${networkCause(e)}).`, 'network');
      }
    } finally {
      clearTimeout(timer);
    }
    if (status < 200 || status >= 300) throw statusError(status, this.settings, this.url, serverDetail(body));

    let parsed: z.infer<typeof RESPONSE>;
    try {
      parsed = RESPONSE.parse(JSON.parse(body));
    } catch {
      throw new PromptWriterError('The language model server sent a reply that is not a chat completion in JSON.', 'bad_response', status, serverDetail(body));
    }
    const content = parsed.choices[0]!.message?.content?.trim();
    if (!content) throw new PromptWriterError('The language model gave an empty answer.', 'empty', status);
    const questions = parseQuestions(content);
    // The answer itself stays out of the log (it may echo the document); its size is enough to tell a cut-off reply.
    if (!questions) throw new PromptWriterError('The language model did not answer with a list of questions.', 'bad_response', status, `${content.length} characters`);
    const checked = checkQuestions(questions, texts);
    if (!checked.ok) throw new PromptWriterError(`The model's questions were refused: ${checked.reason}.`, 'refused', status);
    return checked.questions;
  }
}
