// The Slack side of readiness in Socket Mode: a socket that drops after start is reported as
// connecting until the SDK has reconnected, so /readyz sends traffic elsewhere meanwhile.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { configureLog } from '../../src/core/log.js';
import type { Library } from '../../src/core/library/library.js';
import { startSlack, type SlackBot } from '../../src/platforms/slack/app.js';
import { startFakeSlack, type FakeSlack } from '../../tools/fakes/slack/index.js';

let fake: FakeSlack;
let bot: SlackBot;
const states: string[] = [];

beforeAll(async () => {
  configureLog({ level: 'error', sink: () => undefined });
  fake = await startFakeSlack();
  const library = (): Library => {
    throw new Error('no command is sent in this test');
  };
  bot = await startSlack({ botToken: fake.botToken, appToken: fake.appToken, port: 0, apiUrl: fake.apiUrl, onConnection: (s) => states.push(s) }, library);
  await fake.waitForConnection(1);
});
afterAll(async () => {
  await bot?.stop();
  await fake?.close();
  configureLog({ level: 'warn', sink: (l) => process.stderr.write(l + '\n') });
});

describe('Slack Socket Mode connection reports', () => {
  it('says connecting when the socket drops and ready once it is connected again', async () => {
    states.length = 0;
    fake.closeSockets(1001);
    await fake.waitForConnection(2);
    await fake.waitFor(() => states.at(-1) === 'ready' || undefined);
    expect(states[0]).toBe('connecting');
    expect(states.at(-1)).toBe('ready');
  });
});
