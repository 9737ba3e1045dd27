// Daily posts end to end through each fake platform: subscribe with the real command path, then
// the scheduler (on an injected clock) posts through the real discord.js / Bolt clients.
import path from 'node:path';
import { MessageFlags, PermissionFlagsBits } from 'discord.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDiscord, type DiscordBot } from '../../src/platforms/discord/bot.js';
import { discordPoster } from '../../src/platforms/discord/daily.js';
import { startSlack, type SlackBot } from '../../src/platforms/slack/app.js';
import { slackPoster } from '../../src/platforms/slack/daily.js';
import { PROJECT_ROOT } from '../../src/config.js';
import type { Library } from '../../src/core/library/library.js';
import { loadLibrary } from '../../src/core/library/load.js';
import { configureLog } from '../../src/core/log.js';
import { DailyScheduler } from '../../src/scheduler/daily.js';
import type { Store } from '../../src/store/index.js';
import { startFakeDiscord, type FakeDiscord } from '../../tools/fakes/discord/index.js';
import { startFakeSlack, type FakeSlack } from '../../tools/fakes/slack/index.js';
import { Clock, dailyStack } from './stack.js';

let library: Library;

beforeAll(async () => {
  configureLog({ level: 'error', sink: () => undefined });
  library = (await loadLibrary(path.join(PROJECT_ROOT, 'data/corpus'))).library;
});

describe('daily posts on Discord', () => {
  let fake: FakeDiscord;
  let bot: DiscordBot;
  let store: Store;
  let scheduler: DailyScheduler;
  // Monday 23 Nov 2026, 08:00 in Berlin.
  const clock = new Clock(new Date('2026-11-23T07:00:00Z'));

  beforeAll(async () => {
    fake = await startFakeDiscord();
    const stack = await dailyStack('discord', clock, () => library);
    ({ store, scheduler } = stack);
    bot = await startDiscord({ token: fake.token, appId: fake.applicationId, guildId: fake.ids.guildId, apiUrl: fake.apiUrl, daily: stack.daily, defaultTimezone: 'UTC' }, () => library);
    stack.posters.discord = discordPoster(bot.client, () => library, clock.fn);
  });
  afterAll(async () => {
    await scheduler?.stop();
    await bot?.stop();
    await fake?.close();
    await store?.close();
  });

  const daily = (sub: string, options: Record<string, string | boolean>, user: string) =>
    fake.waitForInteractionResponse(fake.sendInteraction(fake.chatInput('daily', options, { subcommand: sub, user })).id, { kind: 'callback' });

  it('lets only people who can manage the channel subscribe, and checks the bot can post there', async () => {
    const refused = await daily('subscribe', { time: '09:00', timezone: 'Europe/Berlin' }, fake.ids.userId);
    expect(refused.data.flags & MessageFlags.Ephemeral).toBe(MessageFlags.Ephemeral);
    expect(refused.data.content).toMatch(/Manage Channels/);

    const blocked = await daily('subscribe', { channel: fake.ids.readOnlyChannelId }, fake.ids.ownerId);
    expect(blocked.data.content).toMatch(/missing SendMessages/);

    const zone = await daily('subscribe', { timezone: 'Europe/Berln' }, fake.ids.ownerId);
    expect(zone.data.content).toMatch(/Did you mean Europe\/Berlin/);

    const ok = await daily('subscribe', { time: '9am', timezone: 'europe/berlin', weekdays: true }, fake.ids.ownerId);
    expect(ok.data.embeds[0].description).toMatch(/Posts at 09:00 Europe\/Berlin, Monday to Friday/);
    expect(ok.data.embeds[0].description).toMatch(/Next post: Mon 23 Nov 2026, 09:00 CET/);
    expect(await store.subscriptions.get('discord', fake.ids.channelId)).toMatchObject({ time: '09:00', timezone: 'Europe/Berlin', days: [1, 2, 3, 4, 5] });
  });

  it('posts once at 09:00 local, with a nonce Discord enforces, the passage /daily today showed', async () => {
    const today = await daily('today', {}, fake.ids.userId);
    const shown = today.data.embeds[0].description;

    expect((await scheduler.runDue()).posted).toHaveLength(0);
    clock.now = new Date('2026-11-23T08:00:20Z');
    const report = await scheduler.runDue();
    expect(report.posted).toHaveLength(1);
    const post = fake.requests.find((r) => r.method === 'POST' && r.path === `/channels/${fake.ids.channelId}/messages`)!;
    const body = post.body as { nonce: string; enforce_nonce: boolean; allowed_mentions: unknown; embeds: { description: string }[] };
    expect(body.enforce_nonce).toBe(true);
    expect(body.nonce.length).toBeLessThanOrEqual(25);
    expect(body.allowed_mentions).toEqual({ parse: [] });
    expect(body.embeds[0]!.description).toBe(shown);

    clock.now = new Date('2026-11-23T08:05:00Z');
    expect((await scheduler.runDue()).posted).toHaveLength(0);
    const status = await daily('status', {}, fake.ids.userId);
    expect(status.data.embeds[0].description).toMatch(/Last post: Mon 23 Nov 2026, 09:00 CET/);
    expect(status.data.embeds[0].description).toMatch(/Next post: Tue 24 Nov 2026, 09:00 CET/);
  });

  it('records a failure in status and keeps the subscription', async () => {
    fake.failNext('POST', /\/channels\/\d+\/messages$/, 403, { code: 50013, message: 'Missing Permissions' });
    clock.now = new Date('2026-11-24T08:00:30Z');
    const report = await scheduler.runDue();
    expect(report.failed[0]).toMatchObject({ code: 'missing_permission', permanent: true });
    const status = await daily('status', {}, fake.ids.userId);
    expect(status.data.embeds[0].description).toMatch(/Last error .*missing permission/i);
  });

  it('unsubscribes (managers only)', async () => {
    expect((await daily('unsubscribe', {}, fake.ids.userId)).data.content).toMatch(/Manage Channels/);
    const off = await daily('unsubscribe', {}, fake.ids.ownerId);
    expect(off.data.embeds[0].title).toBe('Daily excerpts are off');
    expect(await store.subscriptions.get('discord', fake.ids.channelId)).toBeUndefined();
  });

  it('takes any set of days in the days option, read like the free text, and keeps weekdays:True meaning Monday to Friday', async () => {
    const weekends = await daily('subscribe', { days: 'weekends' }, fake.ids.ownerId);
    expect(weekends.data.embeds[0].description).toMatch(/Posts at 09:00 UTC, Saturday and Sunday\./);
    expect(weekends.data.embeds[0].description).toMatch(/Next post: Sat 28 Nov 2026, 09:00 /);
    const list = await daily('subscribe', { days: 'mon, wed and fri' }, fake.ids.ownerId);
    expect(list.data.embeds[0].description).toMatch(/Mondays, Wednesdays and Fridays\./);
    const flag = await daily('subscribe', { weekdays: true }, fake.ids.ownerId);
    expect(flag.data.embeds[0].description).toMatch(/Monday to Friday\./);
    const nonsense = await daily('subscribe', { days: 'funday' }, fake.ids.ownerId);
    expect(nonsense.data.content).toMatch(/"funday" isn't a day I understand.*weekends/);
    const both = await daily('subscribe', { days: 'weekends', weekdays: true }, fake.ids.ownerId);
    expect(both.data.content).toMatch(/Saturday and Sunday and weekdays:true/);
    // Neither refusal changed the schedule.
    expect(await store.subscriptions.get('discord', fake.ids.channelId)).toMatchObject({ days: [1, 2, 3, 4, 5] });
    await daily('unsubscribe', { channel: fake.ids.channelId }, fake.ids.ownerId);
  });

  it('registers the subscription options', () => {
    const dailyCommand = fake.commands(fake.ids.guildId).find((c) => (c as { name: string }).name === 'daily') as { options: { name: string; options?: { name: string; type: number }[] }[] };
    const subscribe = dailyCommand.options.find((o) => o.name === 'subscribe')!;
    expect(subscribe.options!.map((o) => o.name)).toEqual(['channel', 'time', 'timezone', 'days', 'weekdays']);
    expect(PermissionFlagsBits.ManageChannels).toBeDefined();
  });
});

describe('daily posts on Slack', () => {
  let fake: FakeSlack;
  let bot: SlackBot;
  let store: Store;
  let scheduler: DailyScheduler;
  let url: string;
  const clock = new Clock(new Date('2026-11-23T07:00:00Z'));

  beforeAll(async () => {
    fake = await startFakeSlack();
    const stack = await dailyStack('slack', clock, () => library);
    ({ store, scheduler } = stack);
    bot = await startSlack({ botToken: fake.botToken, signingSecret: fake.signingSecret, port: 0, apiUrl: fake.apiUrl, daily: stack.daily, defaultTimezone: 'UTC', adminUserIds: new Set() }, () => library);
    url = `http://127.0.0.1:${bot.port}`;
    stack.posters.slack = slackPoster(bot.app.client, () => library, clock.fn);
  });
  afterAll(async () => {
    await scheduler?.stop();
    await bot?.stop();
    await fake?.close();
    await store?.close();
  });

  async function daily(text: string, user: string) {
    const built = fake.slashCommand({ command: '/reading', text: `daily ${text}`, user_id: user });
    await fake.postToApp(url, built);
    return (await fake.waitForResponse(built.responseId!)).body as { text: string; response_type: string };
  }

  it('lets admins and owners subscribe, refuses others and channels it cannot post in', async () => {
    expect((await daily('subscribe 09:00 Europe/Berlin', fake.ids.userId)).text).toMatch(/Only workspace admins and owners/);
    expect((await daily(`subscribe 09:00 Europe/Berlin <#${fake.ids.archivedChannelId}|old-book-club>`, fake.ids.adminId)).text).toMatch(/archived/);
    expect((await daily('subscribe 25:61 Europe/Berlin', fake.ids.adminId)).text).toMatch(/isn't a valid time/);
    expect((await daily('subscribe 9am Mars/Olympus', fake.ids.adminId)).text).toMatch(/time zone "Mars\/Olympus"/);
    const ok = await daily('subscribe 9am Europe/Berlin weekdays', fake.ids.ownerId);
    expect(ok.response_type).toBe('ephemeral');
    expect(ok.text).toMatch(/Posts at 09:00 Europe\/Berlin, Monday to Friday/);
  });

  it('posts once at 09:00 local, paced, into the channel', async () => {
    clock.now = new Date('2026-11-23T08:00:10Z');
    const before = fake.callsTo('chat.postMessage').length;
    expect((await scheduler.runDue()).posted).toHaveLength(1);
    expect((await scheduler.runDue()).posted).toHaveLength(0);
    const calls = fake.callsTo('chat.postMessage').slice(before);
    expect(calls).toHaveLength(1);
    expect(calls[0]!.args.channel).toBe(fake.ids.channelId);
    expect(JSON.stringify(calls[0]!.args.blocks)).toMatch(/Excerpt of the day, 2026-11-23/);
    expect((await daily('status', fake.ids.userId)).text).toMatch(/Last post: Mon 23 Nov 2026, 09:00 CET/);
  });
});
