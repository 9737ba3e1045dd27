// The real client against a fake OpenAI-compatible server on 127.0.0.1: what it sends, what it
// accepts, and that every failure (key, path, server, body, silence, misquote) ends in a sentence
// a person can act on, one log line, and no hanging connection.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { PromptRequest } from '../../src/bot/prompt-writer.js';
import { loadConfig } from '../../src/config.js';
import { configureLog } from '../../src/core/log.js';
import { ChatPromptWriter, chatCompletionsUrl, createPromptWriter, LLM_PROMPTS_FAILED, LLM_PROMPTS_WRITTEN, PromptWriterError, type LlmSettings } from '../../src/llm/index.js';
import { DEFAULT_QUESTIONS, startFakeLlm, type FakeLlm } from '../../tools/fakes/llm/index.js';

const PASSAGE =
  'We kept the team small on purpose. A small team argues less about process and more about the product, but it also has fewer people to notice when a design is wrong.';
const REQUEST: PromptRequest = {
  passage: { text: PASSAGE, title: 'Notes on a Launch', speaker: 'Dana Ortiz', section: 'Year one' },
  neighbours: ['The second year was about hiring.', 'Nobody wanted to be the one who slowed the launch down.'],
};
const MODEL = 'fake-model:7b';
const KEY = 'sk-test-0123456789abcdef';

let fake: FakeLlm;
let logs: Array<Record<string, unknown>>;

beforeAll(async () => {
  fake = await startFakeLlm();
});
afterAll(async () => {
  await fake.close();
});
beforeEach(() => {
  logs = [];
  fake.requests.length = 0;
  configureLog({ level: 'info', sink: (line) => logs.push(JSON.parse(line) as Record<string, unknown>) });
});
afterEach(() => configureLog({ level: 'info', sink: (line) => process.stderr.write(line + '\n') }));

const writer = (over: Partial<LlmSettings> = {}) => new ChatPromptWriter({ baseUrl: fake.baseUrl, model: MODEL, timeoutMs: 10_000, ...over });

/** The rejection of a write, for assertions on its message and reason. */
async function failure(w: ChatPromptWriter): Promise<PromptWriterError> {
  const error = await w.write(REQUEST).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(PromptWriterError);
  return error as PromptWriterError;
}

describe('chatCompletionsUrl', () => {
  it('adds /v1 to a bare server address and keeps a path that is given', () => {
    expect(chatCompletionsUrl('http://127.0.0.1:11434').href).toBe('http://127.0.0.1:11434/v1/chat/completions');
    expect(chatCompletionsUrl('http://127.0.0.1:11434/').href).toBe('http://127.0.0.1:11434/v1/chat/completions');
    expect(chatCompletionsUrl('http://127.0.0.1:8080/v1').href).toBe('http://127.0.0.1:8080/v1/chat/completions');
    expect(chatCompletionsUrl('http://127.0.0.1:8080/v1/').href).toBe('http://127.0.0.1:8080/v1/chat/completions');
    expect(chatCompletionsUrl('https://api.example.org/v1/chat/completions').href).toBe('https://api.example.org/v1/chat/completions');
    expect(chatCompletionsUrl('https://example.org/v1beta/openai').href).toBe('https://example.org/v1beta/openai/chat/completions');
  });
});

describe('ChatPromptWriter against the fake server', () => {
  it('posts the model, the messages and a temperature as JSON, with the key as a bearer token only when one is set', async () => {
    fake.answerWith({ kind: 'questions', questions: DEFAULT_QUESTIONS });
    await writer({ apiKey: KEY }).write(REQUEST);
    await writer().write(REQUEST);
    const [withKey, without] = fake.requests;
    expect(withKey!.method).toBe('POST');
    expect(withKey!.path).toBe('/v1/chat/completions');
    expect(withKey!.headers['content-type']).toMatch(/application\/json/);
    expect(withKey!.headers.authorization).toBe(`Bearer ${KEY}`);
    expect(without!.headers.authorization).toBeUndefined();
    const body = withKey!.body!;
    expect(Object.keys(body).sort()).toEqual(['messages', 'model', 'temperature']);
    expect(body.model).toBe(MODEL);
    expect(typeof body.temperature).toBe('number');
    expect(body.messages!.map((m) => m.role)).toEqual(['system', 'user']);
    // The model sees the passage, where it comes from, and its neighbours.
    const user = body.messages![1]!.content;
    for (const part of [PASSAGE, 'Notes on a Launch', 'Dana Ortiz', 'Year one', ...REQUEST.neighbours]) expect(user).toContain(part);
    expect(body.messages![0]!.content).toMatch(/JSON array/);
    // The key goes in the header and nowhere else: not in the body, not in the log.
    expect(withKey!.raw).not.toContain(KEY);
    expect(JSON.stringify(logs)).not.toContain(KEY);
  });

  it('reaches a server given without /v1, as Ollama\'s address is often written', async () => {
    fake.answerWith({ kind: 'questions', questions: DEFAULT_QUESTIONS });
    await writer({ baseUrl: fake.origin }).write(REQUEST);
    expect(fake.requests[0]!.path).toBe('/v1/chat/completions');
  });

  it('returns good questions with the model\'s name, and logs one line with the duration', async () => {
    fake.answerWith({ kind: 'quote-passage' });
    const written = await writer().write(REQUEST);
    expect(written.model).toBe(MODEL);
    expect(written.questions).toHaveLength(2);
    expect(written.questions[0]).toMatch(/“[^”]+”/);
    expect(logs.map((l) => l.event)).toEqual([LLM_PROMPTS_WRITTEN]);
    expect(logs[0]).toMatchObject({ model: MODEL, questions: 2 });
    expect(typeof logs[0]!.ms).toBe('number');
  });

  it('accepts an answer in a fenced ```json block', async () => {
    const questions = ['Why does “a small team argues less about process” matter here?', 'Who pays for fewer people noticing a wrong design?'];
    fake.answerWith({ kind: 'questions', questions, fenced: true });
    expect((await writer().write(REQUEST)).questions).toEqual(questions);
  });

  it('refuses an answer that misquotes the passage, quoting the misquote', async () => {
    fake.answerWith({ kind: 'quote-passage', misquote: true });
    const e = await failure(writer());
    expect(e.reason).toBe('refused');
    expect(e.message).toMatch(/^The model's questions were refused: quoted text not in the passage: “.+”\.$/);
    expect(logs.map((l) => l.event)).toEqual([LLM_PROMPTS_FAILED]);
    expect(logs[0]).toMatchObject({ reason: 'refused', model: MODEL });
  });

  it('says the key is wrong on a 401, and asks for one when none was set', async () => {
    fake.answerWith({ kind: 'status', status: 401 });
    const e = await failure(writer({ apiKey: KEY }));
    expect(e.message).toMatch(/refused the API key \(HTTP 401\); check LLM_API_KEY/);
    expect(e.message).not.toContain(KEY);
    expect((await failure(writer())).message).toMatch(/set LLM_API_KEY/);
    expect(logs.every((l) => l.event === LLM_PROMPTS_FAILED && l.status === 401)).toBe(true);
    expect(JSON.stringify(logs)).not.toContain(KEY);
  });

  it('says the model or the path is wrong on a 404', async () => {
    const e = await failure(writer({ baseUrl: `${fake.origin}/api` }));
    expect(e.message).toMatch(/404: check LLM_MODEL .*fake-model:7b.* and LLM_BASE_URL \(requests go to http:\/\/127\.0\.0\.1:\d+\/api\/chat\/completions\)/);
  });

  it('reports a server failure, a body that is not JSON, a wrong shape, a redirect and an empty answer, each in its own words', async () => {
    fake.answerWith({ kind: 'status', status: 500 });
    expect((await failure(writer())).message).toBe('The language model server failed (HTTP 500).');
    fake.answerWith({ kind: 'raw', body: '{"choices": [{"message": ' });
    const bad = await failure(writer());
    expect(bad.reason).toBe('bad_response');
    expect(bad.message).toMatch(/not a chat completion in JSON/);
    fake.answerWith({ kind: 'raw', body: JSON.stringify({ result: 'questions' }) });
    expect((await failure(writer())).reason).toBe('bad_response');
    fake.answerWith({ kind: 'status', status: 307, body: '' });
    expect((await failure(writer())).message).toMatch(/redirected the request \(HTTP 307\); set LLM_BASE_URL/);
    fake.answerWith({ kind: 'content', content: '   ' });
    expect((await failure(writer())).message).toBe('The language model gave an empty answer.');
    fake.answerWith({ kind: 'content', content: 'I would rather not.' });
    expect((await failure(writer())).message).toMatch(/did not answer with a list of questions/);
    expect(logs.map((l) => l.event)).toEqual(Array(6).fill(LLM_PROMPTS_FAILED));
  });

  it('says when nothing listens at the address', async () => {
    const gone = await startFakeLlm();
    const url = gone.baseUrl;
    await gone.close();
    const e = await failure(writer({ baseUrl: url }));
    expect(e.reason).toBe('network');
    expect(e.message).toMatch(/could not be reached \(ECONNREFUSED\)/);
  });

  it('gives up on a server that never answers at the timeout, and closes the connection', async () => {
    fake.answerWith({ kind: 'hang' });
    const timeoutMs = 600;
    const e = await failure(writer({ timeoutMs }));
    expect(e.reason).toBe('timeout');
    expect(e.message).toBe('The language model did not answer within 0.6 s.');
    expect(fake.requests).toHaveLength(1);
    // The socket is closed by the client, not left for the server to time out.
    await fake.waitFor(() => fake.requests[0]!.connectionClosed, 'the abandoned connection to close');
    expect(logs[0]).toMatchObject({ event: LLM_PROMPTS_FAILED, reason: 'timeout' });
    expect(logs[0]!.ms as number).toBeGreaterThanOrEqual(timeoutMs - 50);
  });
});

describe('createPromptWriter with the fake server', () => {
  it('constructs a writer from the configuration that reaches the configured server', async () => {
    fake.answerWith({ kind: 'questions', questions: DEFAULT_QUESTIONS });
    const config = loadConfig({ LLM_BASE_URL: fake.baseUrl, LLM_MODEL: MODEL, LLM_API_KEY: KEY }, { dotenvPath: false });
    const written = await createPromptWriter(config)!.write(REQUEST);
    expect(written).toEqual({ questions: DEFAULT_QUESTIONS, model: MODEL });
    expect(fake.requests[0]!.headers.authorization).toBe(`Bearer ${KEY}`);
  });
});
