// `npm start` with Discord configured: the real bot against the fake Discord, and the one-line
// answers an operator gets when Discord refuses the token or cannot be reached.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeDiscord, type FakeDiscord } from '../../tools/fakes/discord/index.js';
import { closedPort } from '../helpers/ports.js';
import { runNpm, withRunningBot } from '../helpers/spawn.js';
import { CORPUS_LOADED, SHUTTING_DOWN } from '../../src/main-events.js';
import { DISCORD_COMMANDS, DISCORD_INVITE, DISCORD_READY } from '../../src/platforms/discord/bot.js';

let fake: FakeDiscord;
beforeAll(async () => {
  fake = await startFakeDiscord();
});
afterAll(async () => {
  await fake?.close();
});

describe('npm start with DISCORD_TOKEN set', () => {
  it('runs the Discord bot (no terminal prompt), answers a command, and stops cleanly on SIGTERM', async () => {
    const env = { DISCORD_TOKEN: fake.token, DISCORD_APP_ID: fake.applicationId, DISCORD_GUILD_ID: fake.ids.guildId, DISCORD_API_URL: fake.apiUrl };
    await withRunningBot(env, async (bot) => {
      try {
        await fake.waitForRequest((r) => r.method === 'PUT' && r.path.endsWith('/commands'));
        // The bot connects while its library loads (commands meanwhile hear "still loading").
        await fake.waitFor(() => (bot.stderr().includes(`"event":"${CORPUS_LOADED}"`) ? true : undefined));
        const { id } = fake.sendInteraction(fake.chatInput('quote', { query: 'technical humility' }));
        const ev = await fake.waitForInteractionResponse(id, { kind: 'callback' });
        expect(ev.data.embeds[0].description).toMatch(/humility/i);
        expect(bot.stdout()).not.toContain('Reading-group bot:');
        const events = bot.stderr().split('\n').filter(Boolean).map((l) => JSON.parse(l).event);
        expect(events).toEqual(expect.arrayContaining([CORPUS_LOADED, DISCORD_READY, DISCORD_COMMANDS, DISCORD_INVITE]));
        expect(bot.stderr()).not.toContain(fake.token);
      } finally {
        bot.signal('SIGTERM');
      }
      // npm itself dies of the signal; what matters is that the bot shut down in order: it logged
      // the stop and closed its gateway connection itself.
      await bot.exited;
      expect(bot.stderr()).toContain(`"event":"${SHUTTING_DOWN}"`);
    });
    await fake.waitFor(() => fake.gatewayConnections.find((c) => c.closedBy === 'client'), 5000);
  });

  it('refuses a token without an application id, naming the variable', async () => {
    const r = await runNpm(['start'], { env: { DISCORD_TOKEN: 'x'.repeat(40) } });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/DISCORD_APP_ID: is required when DISCORD_TOKEN is set/);
  });

  it('a token Discord refuses stops the bot with one line naming DISCORD_TOKEN and the fix, no stack trace', async () => {
    const r = await runNpm(['start'], { env: { DISCORD_TOKEN: 'y'.repeat(40), DISCORD_APP_ID: fake.applicationId, DISCORD_API_URL: fake.apiUrl } });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/Discord refused DISCORD_TOKEN .*Reset Token/);
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(r.stderr).not.toContain('y'.repeat(40));
  });

  it('an unreachable Discord API names the address and DISCORD_API_URL, no stack trace', async () => {
    const closed = await closedPort();
    const r = await runNpm(['start'], { env: { DISCORD_TOKEN: fake.token, DISCORD_APP_ID: fake.applicationId, DISCORD_API_URL: `http://127.0.0.1:${closed}/api` } });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(new RegExp(`Cannot reach Discord at http://127\\.0\\.0\\.1:${closed}/api \\(ECONNREFUSED\\).*DISCORD_API_URL`));
    expect(r.stderr).not.toMatch(/TCPConnectWrap|\n\s+at /);
  });

  it('npm run discord:register registers the commands once and prints the invite link', async () => {
    const own = await startFakeDiscord();
    try {
      const env = { DISCORD_TOKEN: own.token, DISCORD_APP_ID: own.applicationId, DISCORD_API_URL: own.apiUrl };
      const first = await runNpm(['run', 'discord:register'], { env });
      expect(first.code).toBe(0);
      expect(first.stdout).toMatch(/Commands registered globally/);
      expect(first.stdout).toMatch(/discord\.com\/oauth2\/authorize\?client_id=/);
      expect(own.commands().length).toBe(7);
      const second = await runNpm(['run', 'discord:register'], { env });
      expect(second.stdout).toMatch(/already up to date/);
      expect(own.requests.filter((r) => r.method === 'PUT')).toHaveLength(1);
    } finally {
      await own.close();
    }
  });
});
