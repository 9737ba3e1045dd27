// Drives the real @slack/bolt App against the fake Slack in tools/fakes/slack, over HTTP (signed
// Request URL deliveries) and over Socket Mode.
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { App, LogLevel, type BlockAction, type ButtonAction, type Logger } from '@slack/bolt';
import { startFakeSlack, type FakeSlack } from '../tools/fakes/slack/index.js';
import { errorMessage } from '../src/core/errors.js';

function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}

/** A Bolt logger that keeps what it is told (the App shares it with its WebClients). */
function captureLogger(): Logger & { lines: Array<{ level: string; text: string }> } {
  const lines: Array<{ level: string; text: string }> = [];
  let level = LogLevel.INFO;
  const push = (lvl: string) => (...msg: unknown[]) => {
    lines.push({ level: lvl, text: msg.map((m) => (errorMessage(m))).join(' ') });
  };
  return {
    lines,
    debug: () => {},
    info: push('info'),
    warn: push('warn'),
    error: push('error'),
    setLevel: (l: LogLevel) => {
      level = l;
    },
    getLevel: () => level,
    setName: () => {},
  };
}

/** What the trivial bot saw. */
interface BotState {
  commands: Array<{ text: string; user: string; retryNum?: number; retryReason?: string }>;
  mentions: Array<{ ts: string; retryNum?: number; retryReason?: string }>;
  posted: string[];
  errors: unknown[];
}

/** The bot under test: /ping answers through respond(); a button posts in the message's thread. */
function installBot(app: App): BotState {
  const state: BotState = { commands: [], mentions: [], posted: [], errors: [] };
  app.command('/ping', async ({ ack, respond, command, context }) => {
    state.commands.push({ text: command.text, user: command.user_id, retryNum: context.retryNum, retryReason: context.retryReason });
    await ack();
    await respond({ text: 'pong', response_type: 'ephemeral' });
  });
  app.action<BlockAction<ButtonAction>>('pick_topic', async ({ ack, body, action, client }) => {
    await ack();
    const res = await client.chat.postMessage({
      channel: body.channel!.id,
      thread_ts: body.message!.ts,
      text: `Picked ${action.value}`,
    });
    state.posted.push(res.ts!);
  });
  app.event('app_mention', async ({ event, context }) => {
    state.mentions.push({ ts: event.ts, retryNum: context.retryNum, retryReason: context.retryReason });
  });
  app.error(async (error) => {
    state.errors.push(error);
  });
  return state;
}

const TOPIC_BLOCKS = [
  { type: 'section', text: { type: 'mrkdwn', text: 'Pick a topic' } },
  {
    type: 'actions',
    block_id: 'topics',
    elements: [
      { type: 'button', action_id: 'pick_topic', text: { type: 'plain_text', text: 'Stoicism' }, value: 'stoicism' },
      { type: 'button', action_id: 'pick_other', text: { type: 'plain_text', text: 'Other' }, value: 'other' },
    ],
  },
];

// ---------------------------------------------------------------------------------------------
describe('Bolt HTTP mode (HTTPReceiver) against the fake Slack', () => {
  let fake: FakeSlack;
  let app: App;
  let bot: BotState;
  let appUrl: string;
  const logger = captureLogger();

  beforeAll(async () => {
    fake = await startFakeSlack();
    app = new App({
      token: fake.botToken,
      signingSecret: fake.signingSecret,
      logger,
      clientOptions: { slackApiUrl: fake.apiUrl },
    });
    bot = installBot(app);
    // HTTPReceiver.start() takes a port or net.ListenOptions and resolves with the http.Server.
    const server: Server = await app.start({ port: 0, host: '127.0.0.1' });
    appUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterEach(() => {
    expect(bot.errors).toEqual([]);
    expect(fake.protocolErrors).toEqual([]);
  });

  afterAll(async () => {
    await app?.stop();
    await fake?.close();
  });

  it('verifies the bot token with auth.test (Bearer xoxb, form-encoded) at construction', async () => {
    const call = await fake.waitForCall('auth.test');
    expect(call.token).toBe(fake.botToken);
    expect(call.tokenType).toBe('bot');
    expect(call.contentType).toBe('application/x-www-form-urlencoded');
    expect(call.response).toMatchObject({ ok: true, user_id: fake.botUserId, bot_id: fake.botId, team_id: fake.teamId });
  });

  it('acks a signed slash command with an empty 200 and respond() lands at the response_url', async () => {
    const cmd = fake.slashCommand({ command: '/ping', text: 'hello there', user_id: fake.ids.userId, channel_id: fake.ids.channelId });
    expect(cmd.responseUrl).toBe(`${fake.baseUrl}/response/${cmd.responseId}`);
    expect(cmd.body).toContain('command=%2Fping');

    const res = await fake.postToApp(appUrl, cmd);
    expect(res.status).toBe(200);
    expect(res.text).toBe('');

    const response = await fake.waitForResponse(cmd.responseId!);
    expect(response.body).toEqual({ text: 'pong', response_type: 'ephemeral' });
    expect(response.hook?.command).toBe('/ping');
    expect(bot.commands).toEqual([{ text: 'hello there', user: fake.ids.userId, retryNum: undefined, retryReason: undefined }]);
    // Ephemeral: visible to the invoking user only, not a channel message.
    expect(fake.ephemeralsIn(fake.ids.channelId, fake.ids.userId).map((e) => e.text)).toEqual(['pong']);
    expect(fake.messagesIn(fake.ids.channelId)).toEqual([]);
  });

  it('rejects a forged signature with 401 and never runs the handler', async () => {
    const before = bot.commands.length;
    const cmd = fake.slashCommand({ command: '/ping', text: 'forged' });
    const res = await fake.postToApp(appUrl, cmd, { forgeSignature: true });
    expect(res.status).toBe(401);
    await sleep(150);
    expect(bot.commands.length).toBe(before);
    expect(fake.responsesFor(cmd.responseId!)).toEqual([]);
    expect(logger.lines.some((l) => l.level === 'warn' && l.text.includes('signature mismatch'))).toBe(true);
  });

  it('rejects a correctly signed request whose timestamp is six minutes old', async () => {
    const before = bot.commands.length;
    const cmd = fake.slashCommand({ command: '/ping', text: 'stale' });
    const res = await fake.postToApp(appUrl, cmd, { timestamp: Math.floor(Date.now() / 1000) - 6 * 60 });
    expect(res.status).toBe(401);
    await sleep(150);
    expect(bot.commands.length).toBe(before);
    expect(logger.lines.some((l) => l.level === 'warn' && l.text.includes('request is stale'))).toBe(true);

    // Same body, fresh timestamp: accepted (so it was the timestamp, not the payload).
    const fresh = await fake.postToApp(appUrl, cmd);
    expect(fresh.status).toBe(200);
    await fake.waitForResponse(cmd.responseId!);
  });

  it('delivers a retried Events API request (x-slack-retry-num: 1) to the handler again: Bolt does not dedupe', async () => {
    const mention = fake.appMention({ user: fake.ids.userId, channel: fake.ids.channelId, text: `<@${fake.botUserId}> quote please` });
    const first = await fake.postToApp(appUrl, mention);
    expect(first.status).toBe(200);
    const retry = await fake.postToApp(appUrl, mention, { retryNum: 1, retryReason: 'http_timeout' });
    expect(retry.status).toBe(200);

    const ts = mention.payload.event.ts as string;
    await fake.waitFor(() => bot.mentions.filter((m) => m.ts === ts).length === 2, 3000, 'both deliveries');
    expect(bot.mentions.filter((m) => m.ts === ts)).toEqual([
      { ts, retryNum: undefined, retryReason: undefined },
      { ts, retryNum: 1, retryReason: 'http_timeout' },
    ]);
  });

  it('a button click posts in the thread; a 429 on chat.postMessage is retried by the WebClient after Retry-After', async () => {
    // Put a message with buttons in #general, as the bot.
    const posted = await app.client.chat.postMessage({ channel: fake.ids.channelId, text: 'Pick a topic', blocks: TOPIC_BLOCKS });
    expect(posted.ok).toBe(true);
    const setupCall = fake.callsTo('chat.postMessage').at(-1)!;
    expect(setupCall.args.blocks).toEqual(TOPIC_BLOCKS); // form field JSON-stringified by @slack/web-api, parsed back by the fake

    fake.rateLimitNext('chat.postMessage', { retryAfterSeconds: 1 });
    const click = fake.blockAction({ action_id: 'pick_topic', user: fake.ids.userId, message: posted.ts! });
    expect(click.payload.actions[0]).toMatchObject({ action_id: 'pick_topic', block_id: 'topics', value: 'stoicism', type: 'button' });
    const res = await fake.postToApp(appUrl, click);
    expect(res.status).toBe(200);

    const success = await fake.waitForCall('chat.postMessage', (c) => c.response.ok === true && c.args.thread_ts === posted.ts, 10_000);
    const attempts = fake.callsTo('chat.postMessage').filter((c) => c.args.thread_ts === posted.ts);
    expect(attempts.map((c) => [c.status, c.injected, c.response.error])).toEqual([
      [429, 'ratelimited', 'ratelimited'],
      [200, undefined, undefined],
    ]);
    expect(success.at - attempts[0]!.at).toBeGreaterThanOrEqual(1000);
    // The per-team client Bolt hands to listeners adds team_id to every call.
    expect(success.args).toMatchObject({ channel: fake.ids.channelId, text: 'Picked stoicism', team_id: fake.teamId });
    await fake.waitFor(() => bot.posted.length === 1);
    expect(fake.threadReplies(fake.ids.channelId, posted.ts!).map((m) => m.text)).toEqual(['Picked stoicism']);
    expect(fake.message(fake.ids.channelId, posted.ts!)?.reply_count).toBe(1);
    expect(logger.lines.some((l) => l.text.includes('rate limiting. Will retry in 1 seconds'))).toBe(true);
  });

  it('answers Web API errors with Slack shapes that the WebClient turns into platform errors', async () => {
    const errorOf = async (p: Promise<unknown>) => {
      try {
        await p;
        return 'no error';
      } catch (e) {
        return (e as { code?: string; data?: { error?: string } }).data?.error ?? String(e);
      }
    };
    const { client } = app;
    expect(await errorOf(client.chat.postMessage({ channel: fake.ids.notMemberChannelId, text: 'x' }))).toBe('not_in_channel');
    expect(await errorOf(client.chat.postMessage({ channel: 'C0NOPE00000', text: 'x' }))).toBe('channel_not_found');
    expect(await errorOf(client.chat.postMessage({ channel: fake.ids.archivedChannelId, text: 'x' }))).toBe('is_archived');
    expect(await errorOf(client.chat.postMessage({ channel: fake.ids.channelId, text: 'x'.repeat(40_001) }))).toBe('msg_too_long');
    const tooMany = Array.from({ length: 51 }, () => ({ type: 'divider' }));
    expect(await errorOf(client.chat.postMessage({ channel: fake.ids.channelId, text: 'x', blocks: tooMany }))).toBe('invalid_blocks');
    const longSection = [{ type: 'section', text: { type: 'mrkdwn', text: 'y'.repeat(3001) } }];
    expect(await errorOf(client.chat.postMessage({ channel: fake.ids.channelId, text: 'x', blocks: longSection }))).toBe('invalid_blocks');
    const invalid = fake.callsTo('chat.postMessage').at(-1)!.response;
    expect(invalid.errors).toEqual(['must be less than 3001 characters [json-pointer:/blocks/0/text/text]']);
    const bigValue = [{ type: 'actions', elements: [{ type: 'button', action_id: 'a', text: { type: 'plain_text', text: 'b' }, value: 'v'.repeat(2001) }] }];
    expect(await errorOf(client.chat.postMessage({ channel: fake.ids.channelId, text: 'x', blocks: bigValue }))).toBe('invalid_blocks');
    const bigActionId = [{ type: 'actions', elements: [{ type: 'button', action_id: 'a'.repeat(256), text: { type: 'plain_text', text: 'b' } }] }];
    expect(await errorOf(client.chat.postMessage({ channel: fake.ids.channelId, text: 'x', blocks: bigActionId }))).toBe('invalid_blocks');

    // The app token is only good for apps.connections.open; unknown methods are recorded.
    expect(await errorOf(client.chat.postMessage({ token: fake.appToken, channel: fake.ids.channelId, text: 'x' }))).toBe('not_allowed_token_type');
    expect(await errorOf(client.apiCall('books.recommend', { topic: 'stoicism' }))).toBe('unknown_method');
    expect(fake.callsTo('books.recommend')[0]?.args).toMatchObject({ topic: 'stoicism' });

    fake.failNext('users.info', 'fatal_error');
    expect(await errorOf(client.users.info({ user: fake.ids.adminId }))).toBe('fatal_error');
    const admin = await client.users.info({ user: fake.ids.adminId });
    expect(admin.user).toMatchObject({ id: fake.ids.adminId, is_admin: true, is_owner: false });
    const owner = await client.users.info({ user: fake.ids.ownerId });
    expect(owner.user).toMatchObject({ is_admin: true, is_owner: true, is_primary_owner: true });
    const member = await client.users.info({ user: fake.ids.userId });
    expect(member.user).toMatchObject({ is_admin: false, is_owner: false });

    // Join #random, then posting there works; conversations.info reflects membership.
    expect((await client.conversations.info({ channel: fake.ids.notMemberChannelId })).channel?.is_member).toBe(false);
    await client.conversations.join({ channel: fake.ids.notMemberChannelId });
    expect((await client.conversations.info({ channel: fake.ids.notMemberChannelId })).channel?.is_member).toBe(true);
    const ok = await client.chat.postMessage({ channel: fake.ids.notMemberChannelId, text: 'hello random' });
    expect(ok.message?.text).toBe('hello random');
    expect((await client.conversations.info({ channel: fake.ids.archivedChannelId })).channel?.is_archived).toBe(true);
    expect((await client.team.info()).team?.id).toBe(fake.teamId);

    const updated = await client.chat.update({ channel: fake.ids.notMemberChannelId, ts: ok.ts!, text: 'edited' });
    expect(updated.text).toBe('edited');
    expect(fake.message(fake.ids.notMemberChannelId, ok.ts!)?.text).toBe('edited');
    const eph = await client.chat.postEphemeral({ channel: fake.ids.channelId, user: fake.ids.userId, text: 'psst' });
    expect(eph.message_ts).toMatch(/^\d+\.\d{6}$/);
  });
});

// ---------------------------------------------------------------------------------------------
describe('Bolt Socket Mode (SocketModeReceiver) against the fake Slack', () => {
  let fake: FakeSlack;
  let app: App;
  let bot: BotState;
  const logger = captureLogger();

  beforeAll(async () => {
    fake = await startFakeSlack();
    app = new App({
      token: fake.botToken,
      appToken: fake.appToken,
      socketMode: true,
      logger,
      clientOptions: { slackApiUrl: fake.apiUrl },
    });
    bot = installBot(app);
    await app.start(); // resolves on `hello`
  });

  afterEach(() => {
    expect(bot.errors).toEqual([]);
    expect(fake.protocolErrors).toEqual([]);
  });

  afterAll(async () => {
    await app?.stop();
    if (fake) await fake.waitFor(() => fake.openConnectionCount === 0, 3000, 'the client to close its socket').catch(() => undefined);
    await fake?.close();
  });

  it('connects through apps.connections.open (app token) and a ticketed WebSocket URL', () => {
    const opens = fake.callsTo('apps.connections.open');
    expect(opens).toHaveLength(1);
    expect(opens[0]!.token).toBe(fake.appToken);
    expect(opens[0]!.response.url).toMatch(/^ws:\/\/127\.0\.0\.1:\d+\/link\/\?ticket=[0-9a-f]+&app_id=A0FAKEAPP01$/);
    expect(fake.connectionCount).toBe(1);
    expect(fake.connections[0]!.url).toBe(new URL(opens[0]!.response.url).pathname + new URL(opens[0]!.response.url).search);
    expect(fake.connections[0]!.hello).toMatchObject({ type: 'hello', num_connections: 1, connection_info: { app_id: fake.appId } });
  });

  it('acks a slash command envelope and respond() works', async () => {
    const cmd = fake.slashCommand({ command: '/ping', text: 'over the socket' });
    const ack = await fake.deliver(cmd);
    expect(ack.envelopeType).toBe('slash_commands');
    expect(ack.payload).toEqual({}); // bare ack(): Bolt still sends `payload: {}`
    expect(fake.envelopes.at(-1)).toMatchObject({ type: 'slash_commands', accepts_response_payload: true });
    expect(fake.envelopes.at(-1)).not.toHaveProperty('retry_attempt');
    const response = await fake.waitForResponse(cmd.responseId!);
    expect(response.body).toEqual({ text: 'pong', response_type: 'ephemeral' });
    expect(bot.commands.at(-1)).toEqual({ text: 'over the socket', user: fake.ids.userId, retryNum: undefined, retryReason: undefined });
  });

  it('acks an interactive envelope before the listener posts with client.chat.postMessage', async () => {
    const posted = await app.client.chat.postMessage({ channel: fake.ids.channelId, text: 'Pick a topic', blocks: TOPIC_BLOCKS });
    const ack = await fake.deliver(fake.blockAction({ action_id: 'pick_topic', message: posted.ts! }));
    expect(ack.envelopeType).toBe('interactive');
    const call = await fake.waitForCall('chat.postMessage', (c) => c.args.thread_ts === posted.ts && c.response.ok);
    expect(call.args.text).toBe('Picked stoicism');
    expect(call.at).toBeGreaterThanOrEqual(ack.at);
  });

  it('delivers retry_attempt/retry_reason of events_api envelopes as context.retryNum/retryReason (no dedupe)', async () => {
    const mention = fake.appMention({ text: `<@${fake.botUserId}> hi` });
    await fake.deliver(mention);
    await fake.deliver(mention, { retryAttempt: 1, retryReason: 'timeout' });
    const ts = mention.payload.event.ts as string;
    await fake.waitFor(() => bot.mentions.filter((m) => m.ts === ts).length === 2, 3000, 'both deliveries');
    expect(bot.mentions.filter((m) => m.ts === ts)).toEqual([
      { ts, retryNum: 0, retryReason: '' },
      { ts, retryNum: 1, retryReason: 'timeout' },
    ]);
  });

  it('reconnects after a disconnect message (new apps.connections.open, new ticket) and keeps working', async () => {
    fake.sendDisconnect('refresh_requested');
    // The SDK closes the socket at once, then reconnects after clientPingTimeout (5 s by default).
    await fake.waitFor(() => fake.connections[0]!.closedAt !== undefined, 2000, 'the old socket to close');
    expect(fake.connections[0]).toMatchObject({ closedBy: 'client', closeCode: 1000 });
    const second = await fake.waitForConnection(2, 10_000);
    expect(fake.connectionCount).toBe(2);
    const opens = fake.callsTo('apps.connections.open');
    expect(opens).toHaveLength(2);
    expect(second.ticket).not.toBe(fake.connections[0]!.ticket);
    await fake.waitFor(() => fake.openConnectionCount === 1);

    const cmd = fake.slashCommand({ command: '/ping', text: 'after reconnect' });
    const ack = await fake.deliver(cmd);
    expect(ack.connectionId).toBe(second.id);
    expect((await fake.waitForResponse(cmd.responseId!)).body.text).toBe('pong');
  });
});
