// A bot that dies after the platform accepted its daily post, but before it recorded the post,
// must not post the excerpt again when its claim is retried: the retry first looks for the
// marked message in the channel's recent history. Real Bolt WebClient and discord.js REST
// against the fakes; the "dead" process is a claim taken and posted under another owner.
import path from 'node:path';
import { WebClient } from '@slack/web-api';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startDiscord, type DiscordBot } from '../../src/platforms/discord/bot.js';
import { discordPoster } from '../../src/platforms/discord/daily.js';
import { slackPoster } from '../../src/platforms/slack/daily.js';
import { PROJECT_ROOT } from '../../src/config.js';
import type { Library } from '../../src/core/library/library.js';
import { loadLibrary } from '../../src/core/library/load.js';
import { configureLog } from '../../src/core/log.js';
import { DAILY_HISTORY_UNAVAILABLE } from '../../src/scheduler/daily.js';
import { PostError, postNonce, type Poster } from '../../src/scheduler/poster.js';
import type { PlatformId, Store, Subscription } from '../../src/store/index.js';
import { startFakeDiscord, type FakeDiscord } from '../../tools/fakes/discord/index.js';
import { startFakeSlack, type FakeSlack } from '../../tools/fakes/slack/index.js';
import { Clock, dailyStack } from './stack.js';
import { EVERY_DAY } from '../../src/bot/days.js';

let library: Library;
const LEASE_MS = 3 * 60_000;

// Yesterday 09:00:30 UTC in real time: before anything the fakes stamp with the real clock.
const start = new Date(Math.floor(Date.now() / 86_400_000) * 86_400_000 - 86_400_000 + 9 * 3_600_000 + 30_000);
const localDate = start.toISOString().slice(0, 10);

const stack = (platform: PlatformId, clock: Clock) => dailyStack(platform, clock, () => library, { leaseMs: LEASE_MS, instanceId: 'restarted' });

/** What a process that died mid-post left behind: its claim, open, and (maybe) its message at the platform. */
async function dieMidPost(store: Store, poster: Poster | undefined, sub: Subscription, clock: Clock): Promise<void> {
  const key = { platform: sub.platform, channelId: sub.channelId, localDate };
  const claim = await store.posts.claim({
    ...key,
    nonce: postNonce(sub.platform, sub.channelId, localDate),
    owner: 'dead-process',
    now: clock.fn(),
    leaseMs: LEASE_MS,
    eligibleIds: [library.eligible[0]!.id],
    random: Math.random,
  });
  expect(claim).toBeDefined();
  if (poster) await poster.post(sub, claim!.record.passageId, claim!.record.nonce, localDate);
}

beforeAll(async () => {
  configureLog({ level: 'error', sink: () => undefined });
  library = (await loadLibrary(path.join(PROJECT_ROOT, 'data/corpus'))).library;
});

describe('Slack: a retried daily post looks for the first attempt before posting', () => {
  let fake: FakeSlack;
  let client: WebClient;
  let cleanup: () => unknown = () => {};
  beforeAll(async () => {
    fake = await startFakeSlack();
    client = new WebClient(fake.botToken, { slackApiUrl: fake.apiUrl, retryConfig: { retries: 0 } });
  });
  afterEach(() => cleanup());
  afterAll(async () => fake?.close());

  async function setup(channelId: string) {
    const clock = new Clock(start);
    const s = await stack('slack', clock);
    cleanup = s.cleanup;
    const poster = slackPoster(client, () => library, clock.fn);
    s.posters.slack = poster;
    const sub = await s.store.subscriptions.upsert({ platform: 'slack', channelId, time: '09:00', timezone: 'UTC', days: EVERY_DAY, createdBy: 'U1' }, new Date(start.getTime() - 86_400_000));
    return { ...s, clock, poster, sub };
  }

  it('records the post a dead process made instead of posting it again when the lease expires', async () => {
    const channelId = fake.addChannel({ name: 'daily-crash' }).id;
    const { store, scheduler, clock, poster, sub } = await setup(channelId);
    await dieMidPost(store, poster, sub, clock);
    const [landed] = fake.messagesIn(channelId);
    expect(landed!.metadata).toMatchObject({ event_type: 'reading_daily_post' });

    clock.advance(LEASE_MS + 60_000);
    const report = await scheduler.runDue();

    expect(fake.messagesIn(channelId)).toHaveLength(1);
    expect(report.posted).toEqual([expect.objectContaining({ channelId, messageId: landed!.ts })]);
    expect(await store.posts.get({ platform: 'slack', channelId, localDate })).toMatchObject({ status: 'posted', messageId: landed!.ts, attempts: 2 });
    const history = fake.callsTo('conversations.history').filter((c) => c.args.channel === channelId);
    expect(history.length).toBeGreaterThan(0);
    expect(Number(history[0]!.args.oldest)).toBeLessThanOrEqual(start.getTime() / 1000);
  });

  it('does not post again after a timeout whose message did land', async () => {
    const channelId = fake.addChannel({ name: 'daily-timeout' }).id;
    const { store, scheduler, clock, posters, poster } = await setup(channelId);
    posters.slack = {
      async post(sub, passageId, nonce, date) {
        await poster.post(sub, passageId, nonce, date);
        throw new PostError('the platform did not answer within 60 s', { code: 'timeout' });
      },
    };
    expect((await scheduler.runDue()).failed).toEqual([expect.objectContaining({ code: 'timeout' })]);
    posters.slack = poster;
    clock.advance(10 * 60_000);
    await scheduler.runDue();
    expect(fake.messagesIn(channelId)).toHaveLength(1);
    expect(await store.posts.get({ platform: 'slack', channelId, localDate })).toMatchObject({ status: 'posted', messageId: fake.messagesIn(channelId)[0]!.ts });
  });

  it('posts (and says why in the log) when the app may not read the channel history', async () => {
    const channelId = fake.addChannel({ name: 'daily-noscope' }).id;
    const { store, scheduler, clock, sub } = await setup(channelId);
    const logs: { event: string; code?: string; error?: string }[] = [];
    configureLog({ level: 'warn', sink: (line) => logs.push(JSON.parse(line)) });
    try {
      await dieMidPost(store, undefined, sub, clock);
      fake.failNext('conversations.history', 'missing_scope', { extra: { needed: 'channels:history' } });
      clock.advance(LEASE_MS + 60_000);
      expect((await scheduler.runDue()).posted).toHaveLength(1);
    } finally {
      configureLog({ level: 'error', sink: () => undefined });
    }
    expect(fake.messagesIn(channelId)).toHaveLength(1);
    expect(logs).toContainEqual(expect.objectContaining({ event: DAILY_HISTORY_UNAVAILABLE, code: 'history_unavailable', error: expect.stringContaining('channels:history') }));
  });

  it('still posts when the dead process never reached Slack', async () => {
    const channelId = fake.addChannel({ name: 'daily-never' }).id;
    const { store, scheduler, clock, sub } = await setup(channelId);
    // An unrelated bot message in the window: not ours, so not taken for the post.
    await client.chat.postMessage({ channel: channelId, text: 'hello' });
    await dieMidPost(store, undefined, sub, clock);
    clock.advance(LEASE_MS + 60_000);
    const report = await scheduler.runDue();
    expect(report.posted).toHaveLength(1);
    const daily = fake.messagesIn(channelId).filter((m) => m.metadata);
    expect(daily).toHaveLength(1);
    expect(JSON.stringify(daily[0]!.blocks)).toContain(`Excerpt of the day, ${localDate}`);
  });
});

describe('Discord: a retried daily post looks for the first attempt before posting', () => {
  let fake: FakeDiscord;
  let bot: DiscordBot;
  let cleanup: () => unknown = () => {};
  afterEach(async () => {
    await bot?.stop();
    await fake?.close();
    await cleanup();
  });

  async function setup() {
    // An outage longer than Discord's nonce window: the nonce alone would not catch the duplicate.
    fake = await startFakeDiscord({ nonceWindowMs: 0 });
    const clock = new Clock(start);
    const s = await stack('discord', clock);
    cleanup = s.cleanup;
    bot = await startDiscord({ token: fake.token, appId: fake.applicationId, guildId: fake.ids.guildId, apiUrl: fake.apiUrl, daily: s.daily, defaultTimezone: 'UTC' }, () => library);
    const poster = discordPoster(bot.client, () => library, clock.fn);
    s.posters.discord = poster;
    const channelId = fake.ids.channelId;
    const sub = await s.store.subscriptions.upsert({ platform: 'discord', channelId, time: '09:00', timezone: 'UTC', days: EVERY_DAY, createdBy: fake.ids.ownerId }, new Date(start.getTime() - 86_400_000));
    return { ...s, clock, poster, sub, channelId };
  }

  const dailyPosts = (channelId: string, since: string) =>
    fake.messagesIn(channelId).filter((m) => BigInt(m.id) > BigInt(since) && !m.interaction_metadata && /Excerpt of the day/.test(m.content ?? ''));

  it('records the post a dead process made instead of posting it again when the lease expires', async () => {
    const { store, scheduler, clock, poster, sub, channelId } = await setup();
    const before = fake.messagesIn(channelId).at(-1)?.id ?? '0';
    await dieMidPost(store, poster, sub, clock);
    const [landed] = dailyPosts(channelId, before);
    expect(landed).toBeDefined();

    clock.advance(LEASE_MS + 60_000);
    const report = await scheduler.runDue();

    expect(dailyPosts(channelId, before)).toHaveLength(1);
    expect(report.posted).toEqual([expect.objectContaining({ channelId, messageId: landed!.id })]);
    expect(await store.posts.get({ platform: 'discord', channelId, localDate })).toMatchObject({ status: 'posted', messageId: landed!.id, attempts: 2 });
  });

  it('still posts when the dead process never reached Discord, even after /daily today showed the excerpt', async () => {
    const { store, scheduler, clock, sub, channelId } = await setup();
    const before = fake.messagesIn(channelId).at(-1)?.id ?? '0';
    const shown = await fake.waitForInteractionResponse(fake.sendInteraction(fake.chatInput('daily', {}, { subcommand: 'today', user: fake.ids.userId })).id, { kind: 'callback' });
    expect(shown.data.content).toMatch(/Excerpt of the day/);
    await dieMidPost(store, undefined, sub, clock);
    clock.advance(LEASE_MS + 60_000);
    expect((await scheduler.runDue()).posted).toHaveLength(1);
    expect(dailyPosts(channelId, before)).toHaveLength(1);
  });
});
