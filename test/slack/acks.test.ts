// Every request Slack signs gets a prompt answer, whatever its shape: odd bodies, commands the
// bot does not know, shortcuts, modal submissions and buttons it never made. Bolt alone leaves
// these unanswered (a 404 after 3 s, or nothing at all and an unhandled rejection for `null`).
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSlack, type SlackBot } from '../../src/platforms/slack/app.js';
import { PROJECT_ROOT } from '../../src/config.js';
import type { Library } from '../../src/core/library/library.js';
import { loadLibrary } from '../../src/core/library/load.js';
import { configureLog } from '../../src/core/log.js';
import { startFakeSlack, type BuiltDelivery, type FakeSlack } from '../../tools/fakes/slack/index.js';

let library: Library;
const logs: string[] = [];
const rejections: unknown[] = [];
const onRejection = (reason: unknown) => rejections.push(reason);

beforeAll(async () => {
  configureLog({ level: 'info', sink: (line) => logs.push(line) });
  process.on('unhandledRejection', onRejection);
  library = (await loadLibrary(path.join(PROJECT_ROOT, 'data/corpus'))).library;
});
afterAll(() => {
  process.off('unhandledRejection', onRejection);
  configureLog({ level: 'info', sink: (line) => process.stderr.write(line + '\n') });
});

let n = 0;
const trigger = () => `${Date.now()}.${++n}.acks`;

/** Interactive payloads the bot never created: Slack still expects an answer to each. */
function interactive(fake: FakeSlack): Record<string, Record<string, unknown>> {
  const user = { id: fake.ids.userId, username: 'reader', name: 'reader', team_id: fake.ids.teamId };
  const team = { id: fake.ids.teamId, domain: 'fake-reading-group' };
  const view = { id: 'V0001', type: 'modal', callback_id: 'someone_elses_modal', team_id: fake.ids.teamId, state: { values: {} } };
  return {
    'a global shortcut': { type: 'shortcut', callback_id: 'open_reading_list', trigger_id: trigger(), user, team, token: fake.verificationToken },
    'a message shortcut': {
      type: 'message_action',
      callback_id: 'save_quote',
      trigger_id: trigger(),
      user,
      team,
      channel: { id: fake.ids.channelId, name: 'general' },
      message: { type: 'message', text: 'hello', ts: '1700000000.000100' },
      response_url: 'http://127.0.0.1:9/never',
      token: fake.verificationToken,
    },
    'a view submission': { type: 'view_submission', trigger_id: trigger(), user, team, view, token: fake.verificationToken },
    'a view closure': { type: 'view_closed', user, team, view, is_cleared: false, token: fake.verificationToken },
    'a button with an unknown action id': {
      type: 'block_actions',
      trigger_id: trigger(),
      user,
      team,
      channel: { id: fake.ids.channelId, name: 'general' },
      actions: [{ type: 'button', action_id: 'approve_request', block_id: 'b1', value: 'x', action_ts: '1700000000.1' }],
      token: fake.verificationToken,
    },
  };
}

const raw = (body: string, contentType: BuiltDelivery['contentType']): BuiltDelivery => ({ kind: 'interactive', payload: null, body, contentType });
const form = (payload: unknown) => raw(`payload=${encodeURIComponent(JSON.stringify(payload))}`, 'application/x-www-form-urlencoded');

describe('HTTP mode: every signed request to /slack/events is answered at once', () => {
  let fake: FakeSlack;
  let bot: SlackBot;
  let url: string;

  beforeAll(async () => {
    fake = await startFakeSlack();
    bot = await startSlack({ botToken: fake.botToken, signingSecret: fake.signingSecret, port: 0, apiUrl: fake.apiUrl }, () => library);
    url = `http://127.0.0.1:${bot.port}`;
  });
  afterAll(async () => {
    await bot?.stop();
    await fake?.close();
  });

  // A request Bolt never answers would hang: give up well after Bolt's own 3 s so the test fails instead.
  const post = (built: BuiltDelivery | Record<string, unknown>) =>
    Promise.race([
      fake.postToApp(url, built),
      new Promise<never>((_, reject) => setTimeout(() => reject(new Error('no answer from the app')), 20_000)),
    ]);

  it.each([
    ['JSON null', raw('null', 'application/json')],
    ['a JSON array', raw('[1,2]', 'application/json')],
    ['a JSON number', raw('42', 'application/json')],
    ['a JSON string', raw('"hello"', 'application/json')],
    ['a form payload of null', raw('payload=null', 'application/x-www-form-urlencoded')],
    ['a form without a payload', raw('foo=bar&baz=1', 'application/x-www-form-urlencoded')],
    ['a JSON object of no known type', raw('{"hello":"world"}', 'application/json')],
  ])('%s gets a prompt 200 or 400, and no unhandled rejection', async (_, built) => {
    const res = await post(built);
    expect([200, 400]).toContain(res.status);
    expect(rejections).toEqual([]);
  });

  it('still refuses an unsigned odd body with 401', async () => {
    const res = await fake.postToApp(url, raw('null', 'application/json'), { forgeSignature: true });
    expect(res.status).toBe(401);
  });

  it('acknowledges shortcuts, modal submissions and closures, and unknown buttons with a 200', async () => {
    for (const [what, payload] of Object.entries(interactive(fake))) {
      const res = await post(form(payload));
      expect(res.status, what).toBe(200);
    }
    expect(rejections).toEqual([]);
  });

  it('answers a slash command it does not know with a private line naming the real command', async () => {
    const built = fake.slashCommand({ command: '/quote', text: 'scaling laws' });
    const res = await post(built);
    expect(res.status).toBe(200);
    const body = res.json as { text: string; response_type: string };
    expect(body.response_type).toBe('ephemeral');
    expect(body.text).toContain('/reading quote');
    expect(body.text).toContain('/reading help');
  });
});

describe('Socket Mode: every envelope is acknowledged at once', () => {
  let fake: FakeSlack;
  let bot: SlackBot;

  beforeAll(async () => {
    fake = await startFakeSlack();
    bot = await startSlack({ botToken: fake.botToken, appToken: fake.appToken, port: 0, apiUrl: fake.apiUrl }, () => library);
  });
  afterAll(async () => {
    await bot?.stop();
    await fake?.close();
  });

  it('acks envelopes whose payload is null, an array or a number', async () => {
    for (const [type, payload] of [
      ['slash_commands', null],
      ['interactive', null],
      ['interactive', [1, 2]],
      ['slash_commands', 42],
    ] as const) {
      const ack = await fake.sendEnvelope(type, payload as never, { timeoutMs: 20_000 });
      expect(ack.envelope_id, `${type} ${JSON.stringify(payload)}`).toBeTruthy();
    }
    expect(rejections).toEqual([]);
  });

  it('acks shortcuts, modal submissions and closures, and unknown buttons', async () => {
    for (const [what, payload] of Object.entries(interactive(fake))) {
      const ack = await fake.sendEnvelope('interactive', payload as never, { timeoutMs: 20_000 });
      expect(ack.envelope_id, what).toBeTruthy();
    }
    expect(rejections).toEqual([]);
  });

  it('answers a slash command it does not know with a private line naming the real command', async () => {
    const ack = await fake.deliver(fake.slashCommand({ command: '/topic', text: 'checkpoint design' }), { timeoutMs: 20_000 });
    const payload = ack.payload as { text: string; response_type: string };
    expect(payload.response_type).toBe('ephemeral');
    expect(payload.text).toContain('/reading topic');
  });
});
