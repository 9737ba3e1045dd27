// `npm start` with DISCORD_PUBLIC_KEY set: the real bot serves Discord's Interactions Endpoint URL
// with no gateway connection, answers a signed command from the fake Discord, refuses a forged one,
// and stops cleanly.
import { generateKeyPairSync } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CORPUS_LOADED, SHUTTING_DOWN } from '../../src/main-events.js';
import { DISCORD_HTTP_LISTENING } from '../../src/platforms/discord/http.js';
import { startFakeDiscord, type FakeDiscord } from '../../tools/fakes/discord/index.js';
import { HEALTH_LISTEN_FAILED, HEALTH_LISTENING } from '../../src/health/http.js';
import { call } from '../helpers/http.js';
import { closedPort } from '../helpers/ports.js';
import { withRunningBot } from '../helpers/spawn.js';

let fake: FakeDiscord;
beforeAll(async () => {
  fake = await startFakeDiscord();
});
afterAll(async () => {
  await fake?.close();
});

describe('npm start with DISCORD_PUBLIC_KEY set', () => {
  it('listens on DISCORD_INTERACTIONS_PORT, answers signed commands without the gateway, refuses forged ones, answers health checks there, and stops on SIGTERM', async () => {
    const keys = generateKeyPairSync('ed25519');
    const publicKey = Buffer.from(keys.publicKey.export({ format: 'jwk' }).x!, 'base64url').toString('hex');
    const port = await closedPort();
    const env = { DISCORD_PUBLIC_KEY: publicKey, DISCORD_APP_ID: fake.applicationId, DISCORD_API_URL: fake.apiUrl, DISCORD_INTERACTIONS_PORT: String(port), HEALTH_PORT: String(port) };
    await withRunningBot(env, async (bot) => {
      try {
        const logged = (event: string) => (bot.stderr().includes(`"event":"${event}"`) ? true : undefined);
        await fake.waitFor(() => logged(DISCORD_HTTP_LISTENING) && logged(CORPUS_LOADED), 60_000);
        const url = `http://127.0.0.1:${port}/interactions`;
        const forged = await fake.deliverInteraction(url, fake.chatInput('quote', {}), { privateKey: generateKeyPairSync('ed25519').privateKey });
        expect(forged.status).toBe(401);
        const res = await fake.deliverInteraction(url, fake.chatInput('quote', { query: 'technical humility' }), { privateKey: keys.privateKey });
        expect(res.status).toBe(200);
        expect(res.body.data.embeds[0].description).toMatch(/humility/i);
        expect(fake.gatewayConnections).toEqual([]);
        expect(fake.protocolErrors).toEqual([]);
        expect(bot.stdout()).not.toContain('Reading-group bot:');
        // HEALTH_PORT on the same port: the interactions listener answers the probes itself.
        const ready = await call(port, 'GET', '/readyz');
        expect(ready.status).toBe(200);
        expect(JSON.parse(ready.body)).toEqual({ ready: true, library: 'ready', platforms: { discord: 'ready' } });
        expect((await call(port, 'GET', '/healthz')).status).toBe(200);
        expect(bot.stderr()).toMatch(new RegExp(`"event":"${HEALTH_LISTENING}".*"shared_with":"discord"`));
        expect(bot.stderr()).not.toContain(HEALTH_LISTEN_FAILED);
      } finally {
        bot.signal('SIGTERM');
      }
      await bot.exited;
      expect(bot.stderr()).toContain(`"event":"${SHUTTING_DOWN}"`);
    });
  });
});
