// Discord over HTTP (Interactions Endpoint URL): the fake Discord POSTs signed interactions to the
// bot's own listener on 127.0.0.1 and takes the HTTP answer as the callback, as Discord does;
// deferred answers follow through the fake's webhook routes. Forged and stale requests are refused.
import { generateKeyPairSync, sign, type KeyObject } from 'node:crypto';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig, PROJECT_ROOT, discordInteractionsPort } from '../../src/config.js';
import { UserError } from '../../src/core/errors.js';
import type { Library } from '../../src/core/library/library.js';
import { loadLibrary } from '../../src/core/library/load.js';
import { configureLog } from '../../src/core/log.js';
import { DISCORD_HTTP_REFUSED, ReplayGuard, startDiscordHttp, type InteractionsServer } from '../../src/platforms/discord/http.js';
import { startFakeDiscord, type FakeDiscord } from '../../tools/fakes/discord/index.js';
import { Clock, dailyStack } from '../daily/stack.js';

const pair = () => generateKeyPairSync('ed25519');
/** The raw 32-byte public key in hex, as the Developer Portal shows it. */
const hexOf = (publicKey: KeyObject) => Buffer.from(publicKey.export({ format: 'jwk' }).x!, 'base64url').toString('hex');

const keys = pair();
let fake: FakeDiscord;
let library: Library;
let server: Awaited<ReturnType<typeof startDiscordHttp>>;
let slow: InteractionsServer;
let stack: Awaited<ReturnType<typeof dailyStack>>;
const logs: string[] = [];
/** Set to make the next look at the library fail the way a loading or broken one does. */
let nextLibraryFailure: Error | undefined;
const current = () => {
  const failure = nextLibraryFailure;
  nextLibraryFailure = undefined;
  if (failure) throw failure;
  return library;
};
const url = (s: InteractionsServer) => `http://127.0.0.1:${s.port}/interactions`;

beforeAll(async () => {
  configureLog({ level: 'info', sink: (line) => logs.push(line) });
  library = (await loadLibrary(path.join(PROJECT_ROOT, 'data/corpus'))).library;
  fake = await startFakeDiscord();
  stack = await dailyStack('discord', new Clock(new Date()), () => library);
  const common = { publicKey: hexOf(keys.publicKey), port: 0, host: '127.0.0.1', appId: fake.applicationId, apiUrl: fake.apiUrl };
  // With a token it registers the commands, so the fake builds options of the registered types.
  server = await startDiscordHttp({ ...common, token: fake.token, guildId: fake.ids.guildId, daily: stack.daily }, current);
  // Every answer deferred: the reply arrives later through the webhook.
  slow = await startDiscordHttp({ ...common, deferAfterMs: 0, daily: stack.daily }, () => library);
});

afterEach(() => {
  expect(fake.protocolErrors).toEqual([]);
});

afterAll(async () => {
  await server?.close();
  await slow?.close();
  await fake?.close();
  await stack?.cleanup();
  configureLog({ level: 'info', sink: (line) => process.stderr.write(line + '\n') });
});

const deliver = (payload: object, to: InteractionsServer = server, extra: Partial<Parameters<FakeDiscord['deliverInteraction']>[2]> = {}) =>
  fake.deliverInteraction(url(to), payload, { privateKey: keys.privateKey, ...extra });
const target = () => ({ guildId: fake.ids.guildId, channelId: fake.ids.channelId, user: fake.ids.userId });

describe('Discord over HTTP: answers', () => {
  it('registers the commands with the token and answers a signed PING with a PONG', async () => {
    expect(fake.requests.some((r) => r.method === 'PUT' && r.path.endsWith('/commands'))).toBe(true);
    const res = await deliver({ id: '900000000000000999', application_id: fake.applicationId, type: 1, token: 'ping-token', version: 1 });
    expect(res).toMatchObject({ status: 200, body: { type: 1 } });
  });

  it('answers /quote with an embed in the HTTP response, mentions off', async () => {
    const res = await deliver(fake.chatInput('quote', { query: 'scaling' }, target()));
    expect(res.status).toBe(200);
    expect(res.body.type).toBe(4);
    expect(res.body.data.embeds).toHaveLength(1);
    expect(res.body.data.embeds[0].description.length).toBeGreaterThan(20);
    expect(res.body.data.allowed_mentions).toEqual({ parse: [] });
    // The fake took the answer as the interaction's callback, and a message now exists.
    const ev = await fake.waitForInteractionResponse(res.id, { kind: 'callback' });
    expect(ev.message?.embeds).toHaveLength(1);
  });

  it('answers /topic with passages and buttons; More pages the same message, Context answers privately', async () => {
    const res = await deliver(fake.chatInput('topic', { query: 'checkpoint design' }, target()));
    expect(res.body.type).toBe(4);
    expect(res.body.data.content).toContain('checkpoint');
    expect(res.body.data.embeds.length).toBeGreaterThan(1);
    const ids = res.body.data.components.flatMap((row: { components: { custom_id: string; label: string }[] }) => row.components);
    const more = ids.find((b: { label: string }) => b.label === 'More');
    const context = ids.find((b: { label: string }) => b.label.startsWith('Context'));
    expect(more && context).toBeTruthy();

    const messageId = (await fake.waitForInteractionResponse(res.id, { kind: 'callback' })).message!.id;
    const paged = await deliver(fake.button(more.custom_id, messageId, fake.ids.userId));
    expect(paged.body.type).toBe(7);
    expect(paged.body.data.content).toContain('page 2');
    expect(paged.body.data.embeds[0].description).not.toBe(res.body.data.embeds[0].description);

    const around = await deliver(fake.button(context.custom_id, messageId, fake.ids.userId));
    expect(around.body.type).toBe(4);
    expect(around.body.data.flags).toBe(64);
    expect(around.body.data.embeds[0].fields?.length ?? 0).toBeGreaterThan(0);
  });

  it('offers autocomplete choices for the query being typed', async () => {
    const res = await deliver(fake.autocomplete('topic', 'query', 'checkp', target()));
    expect(res.body.type).toBe(8);
    expect(res.body.data.choices.length).toBeGreaterThan(0);
    expect(res.body.data.choices.length).toBeLessThanOrEqual(25);
    expect(res.body.data.choices.some((c: { name: string }) => /checkpoint/i.test(c.name))).toBe(true);
  });

  it('turns away a button from an older library with a private note', async () => {
    const res = await deliver(fake.chatInput('quote', {}, target()));
    const messageId = (await fake.waitForInteractionResponse(res.id, { kind: 'callback' })).message!.id;
    const pressed = await deliver(fake.button('not-an-action', messageId, fake.ids.userId));
    expect(pressed.body).toMatchObject({ type: 4, data: { flags: 64 } });
    expect(pressed.body.data.content).toMatch(/no longer works/);
  });

  it('defers a slow answer (privately, as /topic answers) and delivers it by editing the original through the webhook', async () => {
    const res = await deliver(fake.chatInput('topic', { query: 'checkpoint design' }, target()), slow);
    expect(res.body).toEqual({ type: 5, data: { flags: 64 } });
    const edit = await fake.waitForInteractionResponse(res.id, { kind: 'editOriginal' });
    expect(edit.data.embeds.length).toBeGreaterThan(1);
    expect(edit.data.allowed_mentions).toEqual({ parse: [] });
  });

  it('defers a public answer publicly and edits it in', async () => {
    const res = await deliver(fake.chatInput('quote', { query: 'scaling' }, target()), slow);
    expect(res.body).toEqual({ type: 5 });
    const edit = await fake.waitForInteractionResponse(res.id, { kind: 'editOriginal' });
    expect(edit.data.embeds).toHaveLength(1);
  });

  it('opens a thread under a /discuss prompt with the bot token, and says why not without one', async () => {
    const res = await deliver(fake.chatInput('discuss', { topic: 'research versus engineering' }, target()));
    expect(res.body.type).toBe(4);
    const messageId = (await fake.waitForInteractionResponse(res.id, { kind: 'callback' })).message!.id;
    const opened = await fake.waitForRequest((r) => r.method === 'POST' && r.path === `/channels/${fake.ids.channelId}/messages/${messageId}/threads`);
    expect(opened.status).toBe(201);
    expect(opened.body.name.length).toBeGreaterThan(0);
    expect(opened.body.name).not.toContain('**');

    const tokenless = await deliver(fake.chatInput('discuss', { topic: 'research versus engineering' }, target()), slow);
    const edit = await fake.waitForInteractionResponse(tokenless.id, { kind: 'editOriginal' });
    expect(edit.data.content).toMatch(/No discussion thread: .*DISCORD\\?_TOKEN/);
  });

  it('checks Manage Channels and the bot posting permissions from what Discord sends, and subscribes', async () => {
    const subscribe = (options: Record<string, string>, extra: { user?: string; channelId?: string } = {}, to = server) =>
      deliver(fake.chatInput('daily', options, { ...target(), user: fake.ids.ownerId, subcommand: 'subscribe', ...extra }), to);
    expect((await subscribe({ time: '09:00' }, { user: fake.ids.userId })).body.data.content).toMatch(/Manage Channels/);
    expect((await subscribe({ time: '09:00' }, { channelId: fake.ids.readOnlyChannelId })).body.data.content).toMatch(/missing SendMessages/);
    expect((await subscribe({ channel: fake.ids.readOnlyChannelId })).body.data.content).toMatch(/in that channel itself/);
    const tokenless = await subscribe({ time: '09:00' }, {}, slow);
    expect((await fake.waitForInteractionResponse(tokenless.id, { kind: 'editOriginal' })).data.content).toMatch(/DISCORD\\?_TOKEN/);
    const ok = await subscribe({ time: '09:00', timezone: 'Europe/Berlin' });
    expect(ok.body.data.embeds[0].title).toMatch(/Daily excerpts are on/);
    expect(await stack.store.subscriptions.get('discord', fake.ids.channelId)).toMatchObject({ time: '09:00', timezone: 'Europe/Berlin' });
  });

  it('posts a daily excerpt over REST with the token and finds it again after a crash, with no gateway', async () => {
    const sub = (await stack.store.subscriptions.get('discord', fake.ids.channelId))!;
    const since = new Date();
    const poster = server.poster!;
    const { messageId } = await poster.post(sub, library.eligible[0]!.id, 'daily-nonce-http', '2026-12-02');
    expect(fake.getMessage(messageId)?.embeds[0]?.footer?.text).toMatch(/daily 2026-12-02$/);
    const sent = fake.requests.find((r) => r.method === 'POST' && r.path === `/channels/${fake.ids.channelId}/messages`)!;
    expect(sent.body.allowed_mentions).toEqual({ parse: [] });
    expect(sent.headers.authorization).toBe(`Bot ${fake.token}`);
    expect(await poster.findPosted!(sub, { localDate: '2026-12-02', nonce: 'daily-nonce-http', since })).toEqual({ messageId });
    expect(fake.gatewayConnections).toEqual([]);
  });
});

describe('Discord over HTTP: failures', () => {
  it('says the library is loading, privately, and apologises for a failure without leaking it; a button while loading too', async () => {
    nextLibraryFailure = new UserError('The library is still loading. Try again in a few seconds.', 'loading');
    const loading = await deliver(fake.chatInput('quote', {}, target()));
    expect(loading.body).toMatchObject({ type: 4, data: { flags: 64 } });
    expect(loading.body.data.content).toMatch(/still loading/);

    nextLibraryFailure = new Error('simulated failure at /secret/path');
    const broken = await deliver(fake.chatInput('quote', {}, target()));
    expect(broken.body.data.content).toMatch(/something went wrong/);
    expect(broken.body.data.content).not.toContain('/secret/path');

    const res = await deliver(fake.chatInput('quote', {}, target()));
    const messageId = (await fake.waitForInteractionResponse(res.id, { kind: 'callback' })).message!.id;
    const another = res.body.data.components[0].components[0].custom_id;
    nextLibraryFailure = new UserError('The library is still loading. Try again in a few seconds.', 'loading');
    const pressed = await deliver(fake.button(another, messageId, fake.ids.userId));
    expect(pressed.status).toBe(200);
    expect(pressed.body.data.content).toMatch(/still loading/);
  });
});

describe('Discord over HTTP: refusals', () => {
  const refusedLogs = () => logs.filter((l) => l.includes(DISCORD_HTTP_REFUSED)).length;

  it('refuses forged signatures, another key, stale or future timestamps with 401, and garbage with 400, then still answers', async () => {
    const before = refusedLogs();
    const payload = () => fake.chatInput('quote', {}, target());
    const now = Math.floor(Date.now() / 1000);
    const forged = await deliver(payload(), server, { forge: { signature: 'ab'.repeat(64) } });
    expect(forged.status).toBe(401);
    const otherKey = await deliver(payload(), server, { privateKey: pair().privateKey });
    expect(otherKey.status).toBe(401);
    const stale = await deliver(payload(), server, { timestamp: now - 6 * 60 });
    expect(stale.status).toBe(401);
    const future = await deliver(payload(), server, { timestamp: now + 6 * 60 });
    expect(future.status).toBe(401);
    // A body swapped after signing is caught by the signature.
    const swapped = await deliver(payload(), server, { forge: { body: JSON.stringify({ type: 1 }), signature: 'cd'.repeat(64) } });
    expect(swapped.status).toBe(401);
    const garbage = await deliver(payload(), server, { forge: { body: '{"type": 2, oops' } });
    expect(garbage.status).toBe(400);
    const notAnInteraction = await deliver(payload(), server, { forge: { body: JSON.stringify({ hello: 'world' }) } });
    expect(notAnInteraction.status).toBe(400);
    expect(refusedLogs() - before).toBe(7);
    // None of them reached Discord as an answer.
    expect(fake.interactionCallbacks.filter((c) => c.status !== 200 && c.status !== 204)).toEqual([]);

    const good = await deliver(payload());
    expect(good.status).toBe(200);
    expect(good.body.type).toBe(4);
  });

  it('refuses a request replayed with its valid signature', async () => {
    const payload = fake.chatInput('quote', {}, target());
    const timestamp = Math.floor(Date.now() / 1000);
    expect((await deliver(payload, server, { timestamp })).status).toBe(200);
    const replayed = await deliver(payload, server, { timestamp });
    expect(replayed.status).toBe(401);
    expect(replayed.body).toEqual({ error: 'replayed request' });
  });

  it('refuses an oversized body with 400, unsigned requests with 401 and other paths and methods, and keeps serving', async () => {
    const big = await fetch(url(server), { method: 'POST', body: 'x'.repeat(1024 * 1024 + 10), headers: { 'content-type': 'application/json' } });
    expect(big.status).toBe(400);
    const unsigned = await fetch(url(server), { method: 'POST', body: '{"type":1}', headers: { 'content-type': 'application/json' } });
    expect(unsigned.status).toBe(401);
    const wrongPath = await fetch(`http://127.0.0.1:${server.port}/other`, { method: 'POST', body: '{}' });
    expect(wrongPath.status).toBe(404);
    const wrongMethod = await fetch(url(server));
    expect(wrongMethod.status).toBe(405);
    // A correctly signed PING by hand, to show the signature is over timestamp + raw body.
    const raw = JSON.stringify({ id: '900000000000000998', application_id: fake.applicationId, type: 1, token: 't', version: 1 });
    const ts = String(Math.floor(Date.now() / 1000));
    const ok = await fetch(url(server), {
      method: 'POST',
      body: raw,
      headers: { 'content-type': 'application/json', 'x-signature-ed25519': sign(null, Buffer.from(ts + raw), keys.privateKey).toString('hex'), 'x-signature-timestamp': ts },
    });
    expect(ok.status).toBe(200);
    expect(await ok.json()).toEqual({ type: 1 });
  });
});

describe('Discord over HTTP: replay memory', () => {
  it('forgets a signature once it could no longer pass the timestamp check, and holds a bounded number', () => {
    const guard = new ReplayGuard(2);
    expect(guard.first('aa', 1000)).toBe(true);
    expect(guard.first('AA', 1200)).toBe(false);
    expect(guard.first('aa', 1000 + 601)).toBe(true);
    expect(guard.first('bb', 1700)).toBe(true);
    expect(guard.first('cc', 1700)).toBe(true);
    // The oldest gave way to stay within two.
    expect(guard.first('aa', 1700)).toBe(true);
  });
});

describe('Discord over HTTP: configuration', () => {
  const base = { DISCORD_APP_ID: '900000000000000500' };
  it('takes a 64-hex public key and uses its own port, else PORT', () => {
    const config = loadConfig({ ...base, DISCORD_PUBLIC_KEY: 'A'.repeat(64), PORT: '4000' }, { dotenvPath: false });
    expect(config.DISCORD_PUBLIC_KEY).toBe('a'.repeat(64));
    expect(discordInteractionsPort(config)).toBe(4000);
    expect(discordInteractionsPort(loadConfig({ ...base, DISCORD_PUBLIC_KEY: 'a'.repeat(64), DISCORD_INTERACTIONS_PORT: '4100' }, { dotenvPath: false }))).toBe(4100);
  });

  it('names the variable and the fix for a bad key, a missing app id, or a port clash with Slack HTTP mode', () => {
    expect(() => loadConfig({ ...base, DISCORD_PUBLIC_KEY: 'xyz' }, { dotenvPath: false })).toThrow(/DISCORD_PUBLIC_KEY: must be the 64 hexadecimal characters/);
    expect(() => loadConfig({ DISCORD_PUBLIC_KEY: 'a'.repeat(64) }, { dotenvPath: false })).toThrow(/DISCORD_APP_ID: is required when DISCORD_PUBLIC_KEY is set/);
    expect(() =>
      loadConfig({ ...base, DISCORD_PUBLIC_KEY: 'a'.repeat(64), SLACK_BOT_TOKEN: 'xoxb-1', SLACK_SIGNING_SECRET: 's' }, { dotenvPath: false }),
    ).toThrow(/DISCORD_INTERACTIONS_PORT: must differ from PORT/);
  });
});
