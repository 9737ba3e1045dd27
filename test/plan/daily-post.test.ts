// Daily posts from a reading plan through the scheduler and the real discord.js / Bolt clients
// against the fake platforms: the day's reading in order with its "Today:" line and prompt, a
// thread under it, nothing on a posting day that is no reading day.
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDiscord, type DiscordBot } from '../../src/platforms/discord/bot.js';
import { discordPoster } from '../../src/platforms/discord/daily.js';
import { startSlack, type SlackBot } from '../../src/platforms/slack/app.js';
import { slackPoster } from '../../src/platforms/slack/daily.js';
import { PROJECT_ROOT } from '../../src/config.js';
import { WEEKDAYS, EVERY_DAY } from '../../src/bot/days.js';
import type { Library } from '../../src/core/library/library.js';
import { loadLibrary } from '../../src/core/library/load.js';
import { configureLog } from '../../src/core/log.js';
import { createPlanService } from '../../src/scheduler/plan/service.js';
import { startFakeDiscord, type FakeDiscord } from '../../tools/fakes/discord/index.js';
import { startFakeSlack, type FakeSlack } from '../../tools/fakes/slack/index.js';
import { Clock, dailyStack } from '../daily/stack.js';

let library: Library;
const DOC = 'openai-hot-chips-2024';

beforeAll(async () => {
  configureLog({ level: 'error', sink: () => undefined });
  library = (await loadLibrary(path.join(PROJECT_ROOT, 'data/corpus'))).library;
});

/** The plan's stack: the daily machinery with the plan service's posts wired in, as main.ts does. */
async function planStack(platform: string, clock: Clock) {
  let plans: ReturnType<typeof createPlanService> | undefined;
  const stack = await dailyStack(platform, clock, () => library, { plannedPosts: (channel, date) => plans!.plannedPost(channel, date) });
  plans = createPlanService({ store: stack.store, library: () => library });
  return { ...stack, plans };
}

describe('a plan channel on Discord', () => {
  let fake: FakeDiscord;
  let bot: DiscordBot;
  let stack: Awaited<ReturnType<typeof planStack>>;
  // Friday 27 Nov 2026, 08:00 UTC.
  const clock = new Clock(new Date('2026-11-27T08:00:00Z'));

  beforeAll(async () => {
    fake = await startFakeDiscord();
    stack = await planStack('discord', clock);
    bot = await startDiscord({ token: fake.token, appId: fake.applicationId, guildId: fake.ids.guildId, apiUrl: fake.apiUrl, daily: stack.daily, defaultTimezone: 'UTC' }, () => library);
    stack.posters.discord = discordPoster(bot.client, () => library, clock.fn);
    const channel = { platform: 'discord', channelId: fake.ids.channelId };
    await stack.store.subscriptions.upsert({ ...channel, time: '09:00', timezone: 'UTC', days: EVERY_DAY, createdBy: 'owner' }, clock.now);
    await stack.plans.start(channel, { source: DOC, pace: { unit: 'passages', count: 3 }, days: WEEKDAYS }, 'owner', clock.now);
  });
  afterAll(async () => {
    await stack?.scheduler.stop();
    await bot?.stop();
    await fake?.close();
    await stack?.cleanup();
  });

  it("posts the day's passages in reading order, one embed each, with the Today line and a prompt, and opens a thread under it", async () => {
    clock.now = new Date('2026-11-27T09:00:10Z');
    const report = await stack.scheduler.runDue();
    expect(report.posted).toHaveLength(1);
    const post = fake.requests.filter((r) => r.method === 'POST' && r.path === `/channels/${fake.ids.channelId}/messages`).at(-1)!;
    const body = post.body as { content: string; embeds: { description: string; fields?: { name: string }[] }[] };
    expect(body.content).toMatch(/Today: .*passages 1-3 of 20/i);
    const first3 = library.corpus.byDoc.get(DOC)!.slice(0, 3);
    expect(body.embeds).toHaveLength(3);
    body.embeds.forEach((e, i) => expect(e.description.replace(/[*\\]/g, '')).toContain(first3[i]!.text.replace(/[*\\]/g, '').slice(0, 40)));
    expect(body.embeds[2]!.fields?.[0]?.name).toBe('Question 1');
    const messageId = report.posted[0]!.messageId;
    expect(fake.requests.some((r) => r.method === 'POST' && r.path === `/channels/${fake.ids.channelId}/messages/${messageId}/threads`)).toBe(true);
  });

  it('posts nothing on a posting day that is not a reading day, and the next reading on Monday', async () => {
    clock.now = new Date('2026-11-28T09:00:10Z');
    expect((await stack.scheduler.runDue()).posted).toHaveLength(0);
    clock.now = new Date('2026-11-30T09:00:10Z');
    const report = await stack.scheduler.runDue();
    expect(report.posted).toHaveLength(1);
    const post = fake.requests.filter((r) => r.method === 'POST' && r.path === `/channels/${fake.ids.channelId}/messages`).at(-1)!;
    expect((post.body as { content: string }).content).toMatch(/passages 4-6 of 20/i);
  });
});

describe('a plan channel on Slack', () => {
  let fake: FakeSlack;
  let bot: SlackBot;
  let stack: Awaited<ReturnType<typeof planStack>>;
  const clock = new Clock(new Date('2026-11-27T08:00:00Z'));

  beforeAll(async () => {
    fake = await startFakeSlack();
    stack = await planStack('slack', clock);
    bot = await startSlack({ botToken: fake.botToken, signingSecret: fake.signingSecret, port: 0, apiUrl: fake.apiUrl, daily: stack.daily, defaultTimezone: 'UTC', adminUserIds: new Set() }, () => library);
    stack.posters.slack = slackPoster(bot.app.client, () => library, clock.fn);
    const channel = { platform: 'slack', channelId: fake.ids.channelId };
    await stack.store.subscriptions.upsert({ ...channel, time: '09:00', timezone: 'UTC', days: EVERY_DAY, createdBy: 'owner' }, clock.now);
    await stack.plans.start(channel, { source: DOC, pace: { unit: 'sections', maxPassages: 4 } }, 'owner', clock.now);
  });
  afterAll(async () => {
    await stack?.scheduler.stop();
    await bot?.stop();
    await fake?.close();
    await stack?.cleanup();
  });

  it("posts the day's reading with its prompt and starts a thread under it", async () => {
    clock.now = new Date('2026-11-27T09:00:10Z');
    const before = fake.callsTo('chat.postMessage').length;
    const report = await stack.scheduler.runDue();
    expect(report.posted).toHaveLength(1);
    const calls = fake.callsTo('chat.postMessage').slice(before);
    expect(calls).toHaveLength(2);
    expect(JSON.stringify(calls[0]!.args.blocks)).toMatch(/Today: Opening, part 1 of \d/);
    expect(JSON.stringify(calls[0]!.args.blocks)).toMatch(/For discussion/);
    expect(calls[1]!.args.thread_ts).toBe(report.posted[0]!.messageId);
  });
});
