// /discuss in the one-shot CLI against the fake language model on 127.0.0.1: the model's questions
// when they quote the passage faithfully, the offline ones (and a note saying why) when they do
// not, when the server fails, or when it never answers; nothing is sent when LLM_BASE_URL is unset.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runNpm } from '../helpers/spawn.js';
import { startFakeLlm, type FakeLlm } from '../../tools/fakes/llm/index.js';

let fake: FakeLlm;
beforeAll(async () => {
  fake = await startFakeLlm();
});
afterAll(async () => {
  await fake.close();
});

const MODEL = 'fake-model:7b';
async function discuss(env: Record<string, string>) {
  const r = await runNpm(['run', 'cli', '--', 'discuss', '--seed', '3', '--json'], { env });
  expect(r.code, r.stderr).toBe(0);
  return JSON.parse(r.stdout) as { results: Array<{ text: string }>; questions: string[]; notes: string[] };
}
const withModel = (extra: Record<string, string> = {}) => ({ LLM_BASE_URL: fake.baseUrl, LLM_MODEL: MODEL, ...extra });

describe('discuss with a language model (CLI against the fake server)', () => {
  it('uses the model\'s questions when they quote the passage word for word, and says which model wrote them', async () => {
    fake.answerWith({ kind: 'quote-passage' });
    fake.requests.length = 0;
    const reply = await discuss(withModel());
    expect(fake.requests).toHaveLength(1);
    const user = fake.requests[0]!.body!.messages!.find((m) => m.role === 'user')!.content;
    expect(user).toContain(reply.results[0]!.text);
    expect(reply.questions[0]).toMatch(/“[^”]+”/);
    const quoted = /“([^”]+)”/.exec(reply.questions[0]!)![1]!;
    expect(reply.results[0]!.text.replace(/\s+/g, ' ')).toContain(quoted);
    expect(reply.notes.join(' ')).toContain(MODEL);
  });

  it('falls back to the offline questions, and says so, on a misquote, a 401, a 500 and a server that never answers', async () => {
    const offline = await discuss({});
    for (const [answer, extra, why] of [
      [{ kind: 'quote-passage', misquote: true }, {}, /not in the passage/],
      [{ kind: 'status', status: 401 }, { LLM_API_KEY: 'sk-wrong' }, /API key/],
      [{ kind: 'status', status: 500 }, {}, /HTTP 500/],
      [{ kind: 'hang' }, { LLM_TIMEOUT_MS: '1000' }, /did not answer within 1 s/],
    ] as const) {
      fake.answerWith(answer);
      const reply = await discuss(withModel(extra));
      expect(reply.questions, answer.kind).toEqual(offline.questions);
      expect(reply.notes.join(' '), answer.kind).toMatch(why);
    }
  });

  it('sends nothing when LLM_BASE_URL is unset', async () => {
    fake.requests.length = 0;
    await discuss({ LLM_MODEL: MODEL });
    expect(fake.requests).toHaveLength(0);
  });
});
