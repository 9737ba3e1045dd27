// `npm start` with health checks: an orchestrator polls /readyz until the bot is ready, sees it
// alive on /healthz, and sees it stop being ready on SIGTERM; in Slack HTTP mode the same paths
// answer on PORT; in the terminal it is ready once the library is loaded.
import { spawn } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeDiscord, type FakeDiscord } from '../../tools/fakes/discord/index.js';
import { startFakeSlack, type FakeSlack } from '../../tools/fakes/slack/index.js';
import { PROJECT_ROOT } from '../../src/config.js';
import { SHUTTING_DOWN } from '../../src/main-events.js';
import { HEALTH_LISTEN_FAILED, HEALTH_LISTENING } from '../../src/health/http.js';
import { closedPort } from '../helpers/ports.js';
import { cleanEnv, withRunningBot } from '../helpers/spawn.js';
import { call, type Answer } from '../helpers/http.js';

// Each test spawns a bot that loads the index on a busy machine; polls may use all but a margin of it.
const TEST_MS = 150_000;
const POLL_DEADLINE_MS = TEST_MS - 20_000;
const POLL_EVERY_MS = 50;

/** Asks again until `done` holds (a refused connection counts as an answer of its own). */
async function pollUntil(port: number, path: string, done: (a: Answer | 'refused') => boolean, seen: (Answer | 'refused')[] = []): Promise<Answer | 'refused'> {
  const deadline = Date.now() + POLL_DEADLINE_MS;
  for (;;) {
    const answer = await call(port, 'GET', path).catch((e: NodeJS.ErrnoException) => {
      if (e.code === 'ECONNREFUSED' || e.code === 'ECONNRESET') return 'refused' as const;
      throw e;
    });
    seen.push(answer);
    if (done(answer)) return answer;
    if (Date.now() > deadline) throw new Error(`GET ${path} on port ${port} never got there; last answer: ${JSON.stringify(answer)}`);
    await new Promise((r) => setTimeout(r, POLL_EVERY_MS));
  }
}

const isStatus = (status: number) => (a: Answer | 'refused') => a !== 'refused' && a.status === status;
const events = (stderr: string) => stderr.split('\n').filter((l) => l.startsWith('{')).map((l) => JSON.parse(l) as Record<string, unknown>);

let discord: FakeDiscord;
let slack: FakeSlack;
beforeAll(async () => {
  discord = await startFakeDiscord();
  slack = await startFakeSlack();
});
afterAll(async () => {
  await discord?.close();
  await slack?.close();
});

describe('health checks with Discord', () => {
  it('/readyz says what is loading until the library and Discord are up, then 200; SIGTERM ends readiness', async () => {
    const port = await closedPort();
    const env = {
      DISCORD_TOKEN: discord.token,
      DISCORD_APP_ID: discord.applicationId,
      DISCORD_GUILD_ID: discord.ids.guildId,
      DISCORD_API_URL: discord.apiUrl,
      HEALTH_PORT: String(port),
      HEALTH_HOST: '127.0.0.1',
      LOG_LEVEL: 'info',
    };
    await withRunningBot(env, async (bot) => {
      const seen: (Answer | 'refused')[] = [];
      try {
        const ready = (await pollUntil(port, '/readyz', isStatus(200), seen)) as Answer;
        expect(JSON.parse(ready.body)).toEqual({ ready: true, library: 'ready', platforms: { discord: 'ready' } });
        expect(ready.headers['cache-control']).toBe('no-store');
        // Whatever was seen before that was a 503 saying what was not ready yet.
        for (const a of seen.slice(0, -1)) {
          if (a === 'refused') continue;
          expect(a.status).toBe(503);
          const body = JSON.parse(a.body);
          expect(body.ready).toBe(false);
          expect(['loading', 'ready']).toContain(body.library);
          expect(['connecting', 'ready']).toContain(body.platforms.discord);
        }
        const listening = events(bot.stderr()).filter((e) => e.event === HEALTH_LISTENING);
        expect(listening).toEqual([expect.objectContaining({ host: '127.0.0.1', port })]);

        const alive = await call(port, 'GET', '/healthz');
        expect(alive.status).toBe(200);
        expect((await call(port, 'HEAD', '/readyz')).body).toBe('');
        expect((await call(port, 'POST', '/readyz')).status).toBe(405);
        expect((await call(port, 'GET', '/metrics')).status).toBe(404);
      } finally {
        bot.signal('SIGTERM');
      }
      // Not ready any more (503 while the platforms close), or not listening at all once stopped.
      const after = await pollUntil(port, '/readyz', (a) => a === 'refused' || a.status === 503);
      if (after !== 'refused') expect(JSON.parse(after.body)).toMatchObject({ ready: false, shutting_down: true });
      await bot.exited;
      expect(bot.stderr()).toContain(`"event":"${SHUTTING_DOWN}"`);
      await expect(call(port, 'GET', '/healthz')).rejects.toMatchObject({ code: 'ECONNREFUSED' });
    });
  }, TEST_MS);
});

describe('health checks in Slack HTTP mode', () => {
  it.each([
    ['HEALTH_PORT unset', (_port: number) => ({})],
    ['HEALTH_PORT equal to PORT', (port: number) => ({ HEALTH_PORT: String(port) })],
  ])('%s: /readyz and /healthz answer on PORT beside /slack/events', async (_, health) => {
    const port = await closedPort();
    const env = { SLACK_BOT_TOKEN: slack.botToken, SLACK_SIGNING_SECRET: slack.signingSecret, SLACK_API_URL: slack.apiUrl, PORT: String(port), LOG_LEVEL: 'info', ...health(port) };
    await withRunningBot(env, async (bot) => {
      try {
        const ready = (await pollUntil(port, '/readyz', isStatus(200))) as Answer;
        expect(JSON.parse(ready.body)).toEqual({ ready: true, library: 'ready', platforms: { slack: 'ready' } });
        expect((await call(port, 'GET', '/healthz')).status).toBe(200);
        expect((await call(port, 'PUT', '/healthz')).status).toBe(405);
        // Slack's own path is still Slack's: an unsigned delivery is refused as before.
        expect((await call(port, 'POST', '/slack/events')).status).toBe(401);
        const logged = events(bot.stderr());
        expect(logged.filter((e) => e.event === HEALTH_LISTENING)).toEqual([expect.objectContaining({ port, shared_with: 'slack' })]);
        expect(logged.filter((e) => e.event === HEALTH_LISTEN_FAILED)).toEqual([]);
      } finally {
        bot.signal('SIGTERM');
      }
      await bot.exited;
    });
  }, TEST_MS);
});

describe('health checks in the terminal', () => {
  it('is ready once the library is loaded, and the listener closes when the person leaves', async () => {
    const port = await closedPort();
    const child = spawn('npm', ['--silent', 'start'], { cwd: PROJECT_ROOT, env: cleanEnv({ HEALTH_PORT: String(port), HEALTH_HOST: '127.0.0.1' }), stdio: ['pipe', 'pipe', 'pipe'], detached: true });
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    child.stdout.resume();
    const exited = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
    try {
      const ready = (await pollUntil(port, '/readyz', isStatus(200))) as Answer;
      expect(JSON.parse(ready.body)).toEqual({ ready: true, library: 'ready', platforms: {} });
      child.stdin.end('/exit\n');
      expect(await exited).toBe(0);
      await expect(call(port, 'GET', '/healthz')).rejects.toMatchObject({ code: 'ECONNREFUSED' });
      expect(stderr).not.toMatch(/health_listen_failed|\n\s+at /);
    } finally {
      try {
        process.kill(-child.pid!, 'SIGKILL');
      } catch {
        // Already gone.
      }
    }
  }, TEST_MS);
});
