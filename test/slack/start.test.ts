// `npm start` with Slack configured wrongly or unreachable: the person is told which variable to
// fix (or which URL could not be reached) in a sentence, without a stack trace, and the bot
// neither pretends to be ready nor lingers after SIGTERM while Slack is away.
import { createServer, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeSlack, type FakeSlack } from '../../tools/fakes/slack/index.js';
import { closedPort } from '../helpers/ports.js';
import { runNpm, withRunningBot } from '../helpers/spawn.js';
import { CORPUS_LOADED, SHUTTING_DOWN } from '../../src/main-events.js';
import { SLACK_READY } from '../../src/platforms/slack/app.js';

const STACK = /\n\s+at |TCPConnectWrap|node:internal/;
// A spawned start rebuilds or loads the index on a busy machine: generous, since it waits on exit.
const START_MS = 120_000;

let fake: FakeSlack;
beforeAll(async () => {
  fake = await startFakeSlack();
});
afterAll(async () => {
  await fake?.close();
});

describe('npm start with a Slack token Slack refuses', () => {
  it('names SLACK_BOT_TOKEN and how to get a new one, in HTTP mode, without saying it is ready', async () => {
    const r = await runNpm(['start'], {
      env: { SLACK_BOT_TOKEN: 'xoxb-revoked-000', SLACK_SIGNING_SECRET: fake.signingSecret, SLACK_API_URL: fake.apiUrl, PORT: String(await closedPort()) },
      timeoutMs: START_MS,
    });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/Slack refused SLACK_BOT_TOKEN \(invalid_auth\): copy the Bot User OAuth Token \(xoxb-…\)/);
    expect(r.stderr).not.toContain(`"event":"${SLACK_READY}"`);
    expect(r.stderr).not.toMatch(STACK);
  }, START_MS + 10_000);

  it('names SLACK_APP_TOKEN in Socket Mode', async () => {
    const r = await runNpm(['start'], {
      env: { SLACK_BOT_TOKEN: fake.botToken, SLACK_APP_TOKEN: 'xapp-1-wrong', SLACK_API_URL: fake.apiUrl },
      timeoutMs: START_MS,
    });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/Slack refused SLACK_APP_TOKEN \(invalid_auth\): create an App-Level Token with the connections:write scope/);
    expect(r.stderr).not.toContain(`"event":"${SLACK_READY}"`);
    expect(r.stderr).not.toMatch(STACK);
  }, START_MS + 10_000);
});

describe('npm start with the Slack API unreachable', () => {
  it.each([
    ['Socket Mode', () => ({ SLACK_APP_TOKEN: fake.appToken })],
    ['HTTP mode', () => ({ SLACK_SIGNING_SECRET: fake.signingSecret })],
  ])('%s: says it cannot reach Slack at the URL, and stops', async (_, mode) => {
    const apiUrl = `http://127.0.0.1:${await closedPort()}/api/`;
    const started = Date.now();
    const r = await runNpm(['start'], { env: { SLACK_BOT_TOKEN: fake.botToken, SLACK_API_URL: apiUrl, PORT: String(await closedPort()), ...mode() }, timeoutMs: START_MS });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`Cannot reach Slack at ${apiUrl} (ECONNREFUSED)`);
    expect(r.stderr).toMatch(/SLACK_API_URL/);
    expect(r.stderr).not.toMatch(STACK);
    expect(Date.now() - started).toBeLessThan(START_MS);
  }, START_MS + 10_000);

  it('stops in order on SIGTERM while still starting (Slack not answering yet)', async () => {
    // Slack that takes the connection and never answers: the bot is stuck checking its token.
    const sockets = new Set<Socket>();
    const silent = createServer((socket) => sockets.add(socket.on('error', () => undefined)));
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const apiUrl = `http://127.0.0.1:${(silent.address() as { port: number }).port}/api/`;
    try {
      await withRunningBot({ SLACK_BOT_TOKEN: fake.botToken, SLACK_APP_TOKEN: fake.appToken, SLACK_API_URL: apiUrl }, async (bot) => {
        await fake.waitFor(() => sockets.size > 0 || undefined, START_MS);
        bot.signal('SIGTERM');
        await bot.exited;
        expect(bot.stderr(), bot.stderr().slice(-2000)).toContain(`"event":"${SHUTTING_DOWN}"`);
        expect(bot.stderr()).not.toContain(`"event":"${SLACK_READY}"`);
        expect(bot.stderr()).not.toMatch(STACK);
      });
    } finally {
      for (const socket of sockets) socket.destroy();
      silent.close();
    }
  });

  it('stops within seconds of SIGTERM when Slack went away after the start', async () => {
    const own = await startFakeSlack();
    try {
      await withRunningBot({ SLACK_BOT_TOKEN: own.botToken, SLACK_APP_TOKEN: own.appToken, SLACK_API_URL: own.apiUrl }, async (bot) => {
        // Wait until the bot is up: ready on Slack, and the library loaded.
        await own.waitFor(() => (bot.stderr().includes(`"event":"${SLACK_READY}"`) && bot.stderr().includes(`"event":"${CORPUS_LOADED}"`) ? true : undefined), START_MS);
        // Let the socket settle (see the fake's README: never drop it mid-handshake), then take Slack away.
        const built = own.slashCommand({ command: '/reading', text: 'sources' });
        await own.deliver(built, { timeoutMs: 30_000 });
        await own.waitForResponse(built.responseId!);
        await own.close();
        // Socket Mode now retries apps.connections.open against nothing (up to 100 times, for minutes).
        await new Promise<void>((resolve) => {
          const check = () => (bot.stderr().includes('http request failed') ? resolve() : setTimeout(check, 100));
          check();
        });
        const signalled = Date.now();
        bot.signal('SIGTERM');
        const code = await Promise.race([bot.exited, new Promise<'alive'>((resolve) => setTimeout(() => resolve('alive'), 60_000))]);
        expect(code, bot.stderr().slice(-2000)).not.toBe('alive');
        expect(Date.now() - signalled).toBeLessThan(20_000);
        expect(bot.stderr(), bot.stderr().slice(-2000)).toContain(`"event":"${SHUTTING_DOWN}"`);
      });
    } finally {
      await own.close().catch(() => undefined);
    }
  }, START_MS + 90_000);
});
