// The Discord adapter on the real discord.js code path, against the fake Discord on 127.0.0.1.
import path from 'node:path';
import { GatewayIntentBits, MessageFlags, PermissionFlagsBits, type APIMessage } from 'discord.js';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { DISCORD_INVITE, startDiscord, type DiscordBot } from '../../src/platforms/discord/bot.js';
import { PROJECT_ROOT } from '../../src/config.js';
import { UserError } from '../../src/core/errors.js';
import type { Library } from '../../src/core/library/library.js';
import { loadLibrary } from '../../src/core/library/load.js';
import { configureLog } from '../../src/core/log.js';
import { startFakeDiscord, type FakeDiscord } from '../../tools/fakes/discord/index.js';

const GUILD = '900000000000000001';
const GENERAL = '900000000000000010';
const NO_THREADS = '900000000000000011';
const READER = '900000000000000100';
const OTHER = '900000000000000101';
const CALLBACK = /^\/interactions\/\d+\/[^/]+\/callback$/;

const world = () => ({
  guilds: [
    {
      id: GUILD,
      name: 'Reading Group',
      channels: [
        { id: GENERAL, name: 'general' },
        { id: NO_THREADS, name: 'no-threads', overwrites: [{ target: 'bot', deny: PermissionFlagsBits.CreatePublicThreads }] },
      ],
      members: [{ user: { id: READER, username: 'reader' } }, { user: { id: OTHER, username: 'other' } }],
    },
  ],
});

let fake: FakeDiscord;
let bot: DiscordBot;
let library: Library;
let failNextCommand = false;
let loadingNext = false;
const logs: string[] = [];

beforeAll(async () => {
  configureLog({ level: 'info', sink: (line) => logs.push(line) });
  library = (await loadLibrary(path.join(PROJECT_ROOT, 'data/corpus'))).library;
  fake = await startFakeDiscord(world());
  bot = await startDiscord({ token: fake.token, appId: fake.applicationId, guildId: GUILD, apiUrl: fake.apiUrl }, () => {
    if (failNextCommand) {
      failNextCommand = false;
      throw new Error('simulated failure');
    }
    if (loadingNext) {
      loadingNext = false;
      throw new UserError('The library is still loading. Try again in a few seconds.', 'loading');
    }
    return library;
  });
});

afterEach(() => {
  expect(fake.protocolErrors).toEqual([]);
});

afterAll(async () => {
  await bot?.stop();
  await fake?.close();
  configureLog({ level: 'info', sink: (line) => process.stderr.write(line + '\n') });
});

const command = (name: string, options: Record<string, string> = {}, extra: { channelId?: string; user?: string; subcommand?: string } = {}, on: FakeDiscord = fake) =>
  on.sendInteraction(on.chatInput(name, options, { guildId: GUILD, channelId: extra.channelId ?? GENERAL, user: extra.user ?? READER, subcommand: extra.subcommand }));

async function reply(id: string) {
  const ev = await fake.waitForInteractionResponse(id, { kind: 'callback' });
  return ev;
}

const customIds = (data: { components?: { components: { custom_id?: string; label?: string }[] }[] }) =>
  (data.components ?? []).flatMap((row) => row.components.map((c) => ({ id: c.custom_id!, label: c.label! })));

describe('Discord: start-up', () => {
  it('logs in with the Guilds intent only, registers the commands once, and prints the invite link', async () => {
    expect(fake.identifies[0]!.intents).toBe(GatewayIntentBits.Guilds);
    const puts = fake.requests.filter((r) => r.method === 'PUT' && r.path.endsWith(`/guilds/${GUILD}/commands`));
    expect(puts).toHaveLength(1);
    const names = fake.commands(GUILD).map((c) => (c as { name: string }).name).sort();
    expect(names).toEqual(['daily', 'discuss', 'help', 'plan', 'quote', 'sources', 'topic']);
    const invite = logs.map((l) => JSON.parse(l)).find((l) => l.event === DISCORD_INVITE);
    expect(invite.url).toMatch(/scope=bot\+applications\.commands/);
    expect(invite.url).toMatch(new RegExp(`client_id=${fake.applicationId}`));
  });

  it('skips the bulk overwrite on a restart when nothing changed', async () => {
    const second = await startDiscord({ token: fake.token, appId: fake.applicationId, guildId: GUILD, apiUrl: fake.apiUrl }, () => library);
    await second.stop();
    const puts = fake.requests.filter((r) => r.method === 'PUT' && r.path.endsWith(`/guilds/${GUILD}/commands`));
    expect(puts).toHaveLength(1);
    expect(logs.some((l) => l.includes('"outcome":"unchanged"'))).toBe(true);
  });
});

describe('Discord: commands', () => {
  it('/quote answers in the channel with the matched words in bold, its source, and an Another button', async () => {
    const { id } = command('quote', { query: 'technical humility' });
    const ev = await reply(id);
    expect(ev.type).toBe(4);
    expect((ev.data.flags ?? 0) & MessageFlags.Ephemeral).toBe(0);
    expect(ev.data.allowed_mentions).toEqual({ parse: [] });
    const embed = ev.data.embeds[0];
    expect(embed.description).toMatch(/\*\*technical humility\*\*/i);
    expect(embed.title).toMatch(/Greg Brockman/);
    const buttons = customIds(ev.data);
    expect(buttons.map((b) => b.label)).toEqual(['Another']);
    expect(buttons[0]!.id.length).toBeLessThanOrEqual(100);

    // Anyone may press Another on a public quote; it posts a different quote.
    const press = fake.sendInteraction(fake.button(buttons[0]!.id, ev.message as APIMessage, OTHER));
    const another = await reply(press.id);
    expect(another.type).toBe(4);
    expect(another.data.embeds[0].description).not.toBe(embed.description);
  });

  it('/topic answers privately with three passages and More, Context and Share buttons that work', async () => {
    const { id } = command('topic', { query: 'checkpoint design' });
    const ev = await reply(id);
    expect(ev.data.flags & MessageFlags.Ephemeral).toBe(MessageFlags.Ephemeral);
    expect(ev.data.embeds).toHaveLength(3);
    const labels = customIds(ev.data).map((b) => b.label);
    expect(labels).toEqual(['More', 'Context 1', 'Context 2', 'Context 3', 'Share 1', 'Share 2', 'Share 3']);
    const byLabel = (l: string) => customIds(ev.data).find((b) => b.label === l)!.id;

    // More: the next three, in place.
    const more = fake.sendInteraction(fake.button(byLabel('More'), ev.message as APIMessage, READER));
    const page2 = await reply(more.id);
    expect(page2.type).toBe(7);
    expect(page2.data.content).toMatch(/page 2/);
    const firstPage = ev.data.embeds.map((e: { description: string }) => e.description);
    for (const e of page2.data.embeds) expect(firstPage).not.toContain(e.description);

    // Someone else cannot page my private results.
    const stranger = fake.sendInteraction(fake.button(byLabel('More'), ev.message as APIMessage, OTHER));
    const refused = await reply(stranger.id);
    expect(refused.data.flags & MessageFlags.Ephemeral).toBe(MessageFlags.Ephemeral);
    expect(refused.data.content).toMatch(/Only the person who ran this command/);

    // Context: the sentences around passage 1, privately.
    const ctx = fake.sendInteraction(fake.button(byLabel('Context 1'), ev.message as APIMessage, READER));
    const context = await reply(ctx.id);
    expect(context.data.flags & MessageFlags.Ephemeral).toBe(MessageFlags.Ephemeral);
    const fields = context.data.embeds[0].fields.map((f: { name: string }) => f.name);
    expect(fields.length).toBeGreaterThan(0);
    expect(['Before', 'After']).toEqual(expect.arrayContaining(fields));

    // Share: posts passage 2 publicly, saying who shared it by name (no mention markup).
    const share = fake.sendInteraction(fake.button(byLabel('Share 2'), ev.message as APIMessage, READER));
    const shared = await reply(share.id);
    expect((shared.data.flags ?? 0) & MessageFlags.Ephemeral).toBe(0);
    expect(shared.data.content).toContain('Shared by reader');
    expect(shared.data.allowed_mentions).toEqual({ parse: [] });
    expect(shared.data.embeds[0].description.replace(/\*\*/g, '')).toBe(ev.data.embeds[1].description.replace(/\*\*/g, ''));
  });

  it('/daily today gives everyone in the channel the same excerpt', async () => {
    const a = await reply(command('daily', {}, { subcommand: 'today' }).id);
    const b = await reply(command('daily', {}, { subcommand: 'today', user: OTHER }).id);
    expect(a.data.embeds[0].description).toBe(b.data.embeds[0].description);
    expect(a.data.content).toMatch(/Excerpt of the day/);
  });

  it('/discuss posts the prompt and opens a public thread under it', async () => {
    const { id } = command('discuss', { topic: 'technical humility' });
    const ev = await reply(id);
    expect(ev.data.embeds[0].fields.map((f: { name: string }) => f.name)).toEqual(expect.arrayContaining(['Question 1', 'Question 2']));
    const thread = await fake.waitForRequest((r) => r.method === 'POST' && /\/channels\/\d+\/messages\/\d+\/threads$/.test(r.path), 5000);
    expect(thread.status).toBe(201);
    expect((thread.body as { name: string }).name.length).toBeLessThanOrEqual(100);
  });

  it('/discuss where the bot may not open threads posts without one and says why', async () => {
    const before = fake.requests.filter((r) => r.path.includes('/threads')).length;
    const ev = await reply(command('discuss', { topic: 'scaling laws' }, { channelId: NO_THREADS }).id);
    expect(ev.data.content).toMatch(/No discussion thread: I need the Create Public Threads/);
    await new Promise((r) => setTimeout(r, 200));
    expect(fake.requests.filter((r) => r.path.includes('/threads')).length).toBe(before);
  });

  it('/sources and /help answer privately', async () => {
    const sources = await reply(command('sources').id);
    expect(sources.data.flags & MessageFlags.Ephemeral).toBe(MessageFlags.Ephemeral);
    expect(sources.data.embeds[0].fields).toHaveLength(5);
    const help = await reply(command('help').id);
    expect(help.data.embeds[0].fields.map((f: { name: string }) => f.name)).toContain('/topic <query> [source:NAME] [ahead:true]');
  });
});

describe('Discord: bad input and failures', () => {
  it('answers bad input privately and kindly', async () => {
    const empty = await reply(command('topic', { query: '   ' }).id);
    expect(empty.data.flags & MessageFlags.Ephemeral).toBe(MessageFlags.Ephemeral);
    expect(empty.data.content).toMatch(/Please tell me what topic/);

    const unknown = await reply(command('quote', { source: 'hot chip' + 's'.repeat(3) }).id);
    expect(unknown.data.content).toMatch(/Did you mean/);

    const long = await reply(command('topic', { query: 'checkpoints '.repeat(30) }).id);
    expect(long.data.content).toMatch(/only the first 200/);
  });

  it('never pings anyone, whatever the query says', async () => {
    const hostile = '@everyone @here <@&900000000000000555> <@900000000000000100> checkpoints';
    for (const name of ['quote', 'topic']) {
      const ev = await reply(command(name, { query: hostile }).id);
      expect(ev.data.allowed_mentions).toEqual({ parse: [] });
    }
    const none = await reply(command('topic', { query: '@everyone xylophonic zebras' }).id);
    expect(none.data.allowed_mentions).toEqual({ parse: [] });
    // Shown as typed, split by a zero-width space so Discord does not parse it.
    expect(none.data.content).toContain('@\u200beveryone');
  });

  it('turns an internal failure into a private apology, not silence', async () => {
    failNextCommand = true;
    const ev = await reply(command('quote', { query: 'scaling' }).id);
    expect(ev.data.flags & MessageFlags.Ephemeral).toBe(MessageFlags.Ephemeral);
    expect(ev.data.content).toMatch(/something went wrong on my side/);
  });

  it('says "still loading" while the library is being (re)built, privately', async () => {
    loadingNext = true;
    const ev = await reply(command('topic', { query: 'scaling' }).id);
    expect(ev.data.flags & MessageFlags.Ephemeral).toBe(MessageFlags.Ephemeral);
    expect(ev.data.content).toBe('The library is still loading. Try again in a few seconds.');
  });

  it('rides out a 429 on the interaction callback (discord.js retries after Retry-After)', async () => {
    fake.rateLimitNext('POST', CALLBACK, { retryAfterSeconds: 1 });
    const { id } = command('sources');
    const ev = await fake.waitForInteractionResponse(id, { kind: 'callback', timeoutMs: 5000 });
    expect(ev.type).toBe(4);
    const attempts = fake.requests.filter((r) => r.method === 'POST' && r.path.startsWith(`/interactions/${id}/`));
    expect(attempts.map((r) => r.status)).toEqual([429, 204]);
  });

  it('resumes after the gateway drops and keeps answering', async () => {
    const resumes = fake.resumeCount;
    const identifies = fake.identifyCount;
    fake.closeGateway(4000);
    await fake.waitForResume(resumes + 1);
    expect(fake.identifyCount).toBe(identifies);
    const ev = await reply(command('help').id);
    expect(ev.type).toBe(4);
  });
});

describe('Discord: autocomplete', () => {
  it('completes queries and sources: at most 25 choices, names within 100 characters, quickly', async () => {
    const started = Date.now();
    const q = fake.sendInteraction(fake.autocomplete('topic', 'query', 'checkp', { guildId: GUILD, channelId: GENERAL, user: READER }));
    const qev = await reply(q.id);
    expect(Date.now() - started).toBeLessThan(500);
    expect(qev.type).toBe(8);
    const choices = qev.data.choices as { name: string; value: string }[];
    expect(choices.length).toBeGreaterThan(0);
    expect(choices.length).toBeLessThanOrEqual(25);
    expect(choices.map((c) => c.value)).toContain('checkpoints');
    for (const c of choices) expect(c.name.length).toBeLessThanOrEqual(100);

    const s = fake.sendInteraction(fake.autocomplete('quote', 'source', 'hot', { guildId: GUILD, channelId: GENERAL, user: READER }));
    const sev = await reply(s.id);
    expect(sev.data.choices[0].value).toBe('openai-hot-chips-2024');
  });
});

describe('Discord: slow answers', () => {
  it('defers first, then edits the answer in; a private error after a public defer stays private', async () => {
    // A fake of its own, so the main bot does not answer these interactions first.
    const own = await startFakeDiscord(world());
    const slow = await startDiscord({ token: own.token, appId: own.applicationId, guildId: GUILD, apiUrl: own.apiUrl, deferAfterMs: 0 }, () => library);
    try {
      const ok = command('quote', { query: 'scaling laws' }, {}, own);
      const first = await own.waitForInteractionResponse(ok.id, { kind: 'callback' });
      expect(first.type).toBe(5);
      const edit = await own.waitForInteractionResponse(ok.id, { kind: 'editOriginal' });
      expect(edit.data.embeds[0].description).toMatch(/scaling/i);
      expect(edit.data.allowed_mentions).toEqual({ parse: [] });

      const bad = command('quote', { source: 'no such source at all' }, {}, own);
      await own.waitForInteractionResponse(bad.id, { kind: 'callback' });
      const followup = await own.waitForInteractionResponse(bad.id, { kind: 'followup' });
      expect(followup.data.flags & MessageFlags.Ephemeral).toBe(MessageFlags.Ephemeral);
      expect(followup.data.content).toMatch(/I don't know a source/);
      await own.waitForInteractionResponse(bad.id, { kind: 'deleteOriginal' });

      // Managing a subscription is private from the first "thinking…": never shown, then deleted.
      const manage = command('daily', {}, { subcommand: 'status' }, own);
      const thinking = await own.waitForInteractionResponse(manage.id, { kind: 'callback' });
      expect(thinking.type).toBe(5);
      expect(thinking.data.flags & MessageFlags.Ephemeral).toBe(MessageFlags.Ephemeral);
      await own.waitForInteractionResponse(manage.id, { kind: 'editOriginal' });
      expect(own.interactionResponses(manage.id).map((e) => e.kind)).not.toContain('deleteOriginal');
      expect(own.protocolErrors).toEqual([]);
    } finally {
      await slow.stop();
      await own.close();
    }
  });
});
