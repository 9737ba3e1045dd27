// A channel's reading plan on Discord, on the real discord.js code path against the fake Discord:
// autocomplete offers nothing from further on, answers say they are limited, and ahead:true
// answers (and the buttons under them) stay private to the person who asked.
import { MessageFlags, type APIMessage } from 'discord.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDiscord, type DiscordBot } from '../../src/platforms/discord/bot.js';
import type { PlanService } from '../../src/bot/plan.js';
import { configureLog } from '../../src/core/log.js';
import { startFakeDiscord, type FakeDiscord } from '../../tools/fakes/discord/index.js';
import { library } from '../helpers/fixtures.js';
import { BOOK, HARBOUR, LATER_WORDS, reachAfterChapter } from '../helpers/book.js';

const GUILD = '900000000000000001';
const READING = '900000000000000010';
const LOUNGE = '900000000000000011';
const READER = '900000000000000100';
const OTHER = '900000000000000101';

const lib = library(BOOK, HARBOUR);
const reach = reachAfterChapter(lib, 2);
/** The plan service as a store would answer: a plan in #reading, none in #lounge. */
const plans: PlanService = { reach: async (here) => (here.channelId === READING ? reach : undefined) };

let fake: FakeDiscord;
let bot: DiscordBot;

beforeAll(async () => {
  configureLog({ level: 'error', sink: () => undefined });
  fake = await startFakeDiscord({
    guilds: [
      {
        id: GUILD,
        name: 'Reading Group',
        channels: [
          { id: READING, name: 'reading' },
          { id: LOUNGE, name: 'lounge' },
        ],
        members: [{ user: { id: READER, username: 'reader' } }, { user: { id: OTHER, username: 'other' } }],
      },
    ],
  });
  bot = await startDiscord({ token: fake.token, appId: fake.applicationId, guildId: GUILD, apiUrl: fake.apiUrl, plans }, () => lib);
});

afterAll(async () => {
  await bot?.stop();
  await fake?.close();
  configureLog({ level: 'info', sink: (line) => process.stderr.write(line + '\n') });
});

const reply = (id: string) => fake.waitForInteractionResponse(id, { kind: 'callback' });
const later = (values: string[]) => values.filter((v) => LATER_WORDS.some((w) => v.toLowerCase().includes(w)));
const customIds = (data: { components?: { components: { custom_id?: string; label?: string }[] }[] }) =>
  (data.components ?? []).flatMap((row) => row.components.map((c) => ({ id: c.custom_id!, label: c.label! })));

async function complete(command: string, typed: string, channelId: string, options: Record<string, string | boolean> = {}): Promise<string[]> {
  const sent = fake.sendInteraction(fake.autocomplete(command, 'query', typed, { guildId: GUILD, channelId, user: READER, options }));
  const ev = await reply(sent.id);
  expect(ev.type).toBe(8);
  return (ev.data.choices as { value: string }[]).map((c) => c.value);
}

describe('Discord under a reading plan', () => {
  it('autocomplete offers no word only the later chapters use, in the plan’s channel only, unless ahead is set', async () => {
    for (const typed of ['trea', 'Mori', 'Pem', 'betr', 'ship']) {
      expect(later(await complete('topic', typed, READING))).toEqual([]);
    }
    expect(later(await complete('topic', 'trea', LOUNGE))).not.toEqual([]);
    expect(later(await complete('quote', 'Mori', READING, { ahead: true }))).not.toEqual([]);
  });

  it('a quote in the channel says it keeps to the plan; ahead:True answers privately and Another stays private', async () => {
    const open = fake.sendInteraction(fake.chatInput('quote', {}, { guildId: GUILD, channelId: READING, user: READER }));
    const ev = await reply(open.id);
    expect((ev.data.flags ?? 0) & MessageFlags.Ephemeral).toBe(0);
    expect(JSON.stringify(ev.data)).toMatch(/Only up to chapter 2 — this channel’s reading plan/);

    const ahead = fake.sendInteraction(fake.chatInput('quote', { query: 'Moriarty', ahead: true }, { guildId: GUILD, channelId: READING, user: READER }));
    const aev = await reply(ahead.id);
    expect(aev.data.flags & MessageFlags.Ephemeral).toBe(MessageFlags.Ephemeral);
    expect(JSON.stringify(aev.data)).toMatch(/Moriarty/);
    const another = customIds(aev.data).find((b) => b.label === 'Another');
    expect(another).toBeDefined();
    if (another) {
      // Only the asker may press it, and what it draws is private too.
      const stranger = await reply(fake.sendInteraction(fake.button(another.id, aev.message as APIMessage, OTHER)).id);
      expect(stranger.data.flags & MessageFlags.Ephemeral).toBe(MessageFlags.Ephemeral);
      expect(stranger.data.content).toMatch(/Only the person who ran this command/);
      const next = await reply(fake.sendInteraction(fake.button(another.id, aev.message as APIMessage, READER)).id);
      expect(next.data.flags & MessageFlags.Ephemeral).toBe(MessageFlags.Ephemeral);
    }
  });

  it('/discuss ahead:True is private and opens no thread; without it the prompt keeps to the plan', async () => {
    const ahead = fake.sendInteraction(fake.chatInput('discuss', { topic: 'the betrayal', ahead: true }, { guildId: GUILD, channelId: READING, user: READER }));
    const aev = await reply(ahead.id);
    expect(aev.data.flags & MessageFlags.Ephemeral).toBe(MessageFlags.Ephemeral);
    expect(fake.requests.filter((r) => r.path.includes('/threads'))).toEqual([]);
    const limited = fake.sendInteraction(fake.chatInput('discuss', { topic: 'the betrayal' }, { guildId: GUILD, channelId: READING, user: READER }));
    const lev = await reply(limited.id);
    expect(lev.data.flags & MessageFlags.Ephemeral).toBe(MessageFlags.Ephemeral);
    expect(lev.data.content).toMatch(/comes further on than this channel has read/);
  });
});
