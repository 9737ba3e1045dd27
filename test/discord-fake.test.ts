// Drives the real discord.js Client against the fake Discord in tools/fakes/discord.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  ActionRowBuilder,
  ButtonBuilder,
  ButtonStyle,
  Client,
  DiscordAPIError,
  Events,
  GatewayIntentBits,
  PermissionFlagsBits,
  REST,
  Routes,
  type Interaction,
  type TextChannel,
} from 'discord.js';
import { startFakeDiscord, type FakeDiscord } from '../tools/fakes/discord/index.js';

const CALLBACK = /^\/interactions\/\d+\/[^/]+\/callback$/;
const TOPICS = ['stoicism', 'epicureanism', 'cynicism', 'skepticism'];

let fake: FakeDiscord;
let client: Client;
/** The bot under test: each test installs its own interaction handler. */
let handler: ((i: Interaction) => Promise<void>) | null = null;
const handlerErrors: unknown[] = [];

function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}

beforeAll(async () => {
  fake = await startFakeDiscord();
  client = new Client({ intents: [GatewayIntentBits.Guilds], rest: { api: fake.apiUrl } });
  client.on(Events.InteractionCreate, (interaction) => {
    const h = handler;
    if (!h) return;
    h(interaction).catch((error: unknown) => handlerErrors.push(error));
  });
  const ready = new Promise<void>((resolve) => client.once(Events.ClientReady, () => resolve()));
  await client.login(fake.token);
  await ready;
});

afterEach(() => {
  handler = null;
  const errors = handlerErrors.splice(0);
  expect(errors).toEqual([]);
  expect(fake.protocolErrors).toEqual([]);
});

afterAll(async () => {
  await client?.destroy();
  await fake?.close();
});

describe('discord.js against the fake Discord', () => {
  it('logs in over plain-JSON gateway v10, identifies once with the Guilds intent and caches the guild', () => {
    expect(fake.identifyCount).toBe(1);
    expect(fake.identifies[0]!.intents).toBe(GatewayIntentBits.Guilds);
    expect(fake.identifies[0]!.token).toBe(fake.token);
    const conn = fake.gatewayConnections[0]!;
    expect(conn.path).toBe('/gateway');
    expect(conn.query).toEqual({ v: '10', encoding: 'json' });

    const gatewayBot = fake.requests.find((r) => r.path === '/gateway/bot');
    expect(gatewayBot?.headers.authorization).toBe(`Bot ${fake.token}`);

    expect(client.user?.id).toBe(fake.botUser.id);
    expect(client.application?.id).toBe(fake.applicationId);
    const guild = client.guilds.cache.get(fake.ids.guildId);
    expect(guild?.name).toBe('Fake Reading Group');
    expect(guild?.channels.cache.get(fake.ids.channelId)?.name).toBe('general');

    // Permissions are computable from roles + overwrites sent in GUILD_CREATE.
    const me = guild!.members.me!;
    expect(me.permissionsIn(fake.ids.channelId).has(PermissionFlagsBits.SendMessages)).toBe(true);
    expect(me.permissionsIn(fake.ids.readOnlyChannelId).has(PermissionFlagsBits.SendMessages)).toBe(false);
    expect(me.permissionsIn(fake.ids.hiddenChannelId).has(PermissionFlagsBits.ViewChannel)).toBe(false);
  });

  it('registers guild commands with a bulk overwrite', async () => {
    const registered = await client.application!.commands.set(
      [
        {
          name: 'quote',
          description: 'Post a quote',
          options: [{ type: 3, name: 'topic', description: 'Topic', required: true, autocomplete: true }],
        },
        { name: 'ping', description: 'Ping' },
      ],
      fake.ids.guildId,
    );
    const stored = fake.commands(fake.ids.guildId);
    expect(stored.map((c) => c.name)).toEqual(['quote', 'ping']);
    expect([...registered.keys()].sort()).toEqual(stored.map((c) => c.id).sort());
    const put = fake.requests.find((r) => r.method === 'PUT' && r.path.endsWith(`/guilds/${fake.ids.guildId}/commands`));
    expect(put?.status).toBe(200);
    expect(put?.body[0].options[0]).toMatchObject({ name: 'topic', autocomplete: true, required: true });
  });

  it('answers a chat-input interaction with reply() and allowedMentions parse []', async () => {
    handler = async (i) => {
      if (!i.isChatInputCommand() || i.commandName !== 'quote') return;
      await i.reply({ content: `<@${i.user.id}> asked about ${i.options.getString('topic', true)}`, allowedMentions: { parse: [] } });
    };
    const { id } = fake.sendInteraction(fake.chatInput('quote', { topic: 'stoicism' }));
    const ev = await fake.waitForInteractionResponse(id);
    expect(ev.kind).toBe('callback');
    expect(ev.type).toBe(4);
    expect(ev.data.content).toBe(`<@${fake.ids.userId}> asked about stoicism`);
    expect(ev.data.allowed_mentions).toEqual({ parse: [] });
    expect(ev.message?.mentions).toEqual([]);
    // Interaction callbacks are sent without the bot token.
    expect(ev.request.headers.authorization).toBeUndefined();
    expect(fake.interactionCallbacks.filter((c) => c.interactionId === id).map((c) => c.status)).toEqual([204]);
  });

  it('supports deferReply + editReply', async () => {
    handler = async (i) => {
      if (!i.isChatInputCommand() || i.commandName !== 'ping') return;
      await i.deferReply();
      await sleep(20);
      await i.editReply({ content: 'pong (after thinking)' });
    };
    const { id } = fake.sendInteraction(fake.chatInput('ping'));
    const edit = await fake.waitForInteractionResponse(id, { kind: 'editOriginal' });
    const events = fake.interactionResponses(id);
    expect(events.map((e) => [e.kind, e.type])).toEqual([
      ['callback', 5],
      ['editOriginal', undefined],
    ]);
    expect(edit.request.path).toMatch(/\/messages\/@original$/);
    expect(edit.request.method).toBe('PATCH');
    const original = fake.getMessage(fake.interaction(id)!.originalMessageId!)!;
    expect(original.content).toBe('pong (after thinking)');
    expect((original.flags ?? 0) & (1 << 7)).toBe(0); // no longer "thinking"
  });

  it('updates the message of a clicked button', async () => {
    const channel = client.channels.cache.get(fake.ids.channelId) as TextChannel;
    const row = new ActionRowBuilder<ButtonBuilder>().addComponents(
      new ButtonBuilder().setCustomId('page:2').setLabel('Next').setStyle(ButtonStyle.Primary),
    );
    const sent = await channel.send({ content: 'Page 1', components: [row] });
    expect(fake.getMessage(sent.id)?.content).toBe('Page 1');

    handler = async (i) => {
      if (!i.isButton()) return;
      const page = i.customId.split(':')[1];
      await i.update({ content: `Page ${page}`, components: [] });
    };
    const { id } = fake.sendInteraction(fake.button('page:2', sent.id));
    const ev = await fake.waitForInteractionResponse(id);
    expect(ev.type).toBe(7);
    expect(ev.data).toMatchObject({ content: 'Page 2', components: [] });
    expect(fake.getMessage(sent.id)).toMatchObject({ content: 'Page 2', components: [] });
  });

  it('answers autocomplete with respond()', async () => {
    handler = async (i) => {
      if (!i.isAutocomplete()) return;
      const typed = i.options.getFocused();
      await i.respond(TOPICS.filter((t) => t.startsWith(typed)).map((t) => ({ name: t, value: t })));
    };
    const { id } = fake.sendInteraction(fake.autocomplete('quote', 'topic', 'sto'));
    const ev = await fake.waitForInteractionResponse(id);
    expect(ev.type).toBe(8);
    expect(ev.data.choices).toEqual([{ name: 'stoicism', value: 'stoicism' }]);
  });

  it('retries an interaction callback after a 429', async () => {
    fake.rateLimitNext('POST', CALLBACK, { retryAfterSeconds: 1 });
    let replied = false;
    handler = async (i) => {
      if (!i.isChatInputCommand()) return;
      await i.reply({ content: 'eventually', allowedMentions: { parse: [] } });
      replied = true;
    };
    const { id } = fake.sendInteraction(fake.chatInput('ping'));
    const ev = await fake.waitForInteractionResponse(id);
    expect(ev.data.content).toBe('eventually');
    const attempts = fake.requests.filter((r) => r.path.startsWith(`/interactions/${id}/`));
    expect(attempts.map((r) => r.status)).toEqual([429, 204]);
    expect(attempts[0]!.responseBody).toMatchObject({ retry_after: 1, global: false });
    // discord.js honoured Retry-After before retrying.
    expect(attempts[1]!.at - attempts[0]!.at).toBeGreaterThanOrEqual(950);
    await fake.waitFor(() => replied, 2000, 'reply() to resolve');
  });

  it('resumes after the gateway closes (4000) and still receives interactions, including missed ones', async () => {
    handler = async (i) => {
      if (i.isChatInputCommand()) await i.reply({ content: `still here: ${i.commandName}`, allowedMentions: { parse: [] } });
    };
    const resumed = new Promise<number>((resolve) => client.once(Events.ShardResume, (_id, replayed) => resolve(replayed)));
    await fake.closeGateway(4000);
    // Sent while the bot is disconnected: must be replayed on RESUME.
    const missed = fake.sendInteraction(fake.chatInput('ping'));
    await fake.waitForResume(1);
    await resumed;
    expect(fake.resumeCount).toBe(1);
    expect(fake.identifyCount).toBe(1);
    expect(fake.resumes[0]!.replayed).toBeGreaterThanOrEqual(1);
    expect(fake.gatewayConnections.at(-1)!.path).toBe('/gateway-resume');
    expect((await fake.waitForInteractionResponse(missed.id)).data.content).toBe('still here: ping');

    const later = fake.sendInteraction(fake.chatInput('quote', { topic: 'cynicism' }));
    expect((await fake.waitForInteractionResponse(later.id)).data.content).toBe('still here: quote');
    expect(fake.identifyCount).toBe(1);
  });

  it('enforces channel permissions and enforce_nonce dedupe on channel messages', async () => {
    const general = client.channels.cache.get(fake.ids.channelId) as TextChannel;
    const a = await general.send({ content: 'once', nonce: 'daily-2024-01-01', enforceNonce: true });
    const b = await general.send({ content: 'once', nonce: 'daily-2024-01-01', enforceNonce: true });
    expect(b.id).toBe(a.id);
    expect(fake.messagesIn(fake.ids.channelId).filter((m) => m.content === 'once')).toHaveLength(1);

    const readOnly = client.channels.cache.get(fake.ids.readOnlyChannelId) as TextChannel;
    const err = await readOnly.send('nope').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DiscordAPIError);
    expect((err as DiscordAPIError).code).toBe(50013);
    expect((err as DiscordAPIError).status).toBe(403);

    const tooLong = await general.send('x'.repeat(2001)).catch((e: unknown) => e);
    expect((tooLong as DiscordAPIError).code).toBe(50035);
  });
});

describe('fake Discord interaction validation (raw REST, no gateway)', () => {
  it('rejects double acknowledgements and late first responses', async () => {
    const strict = await startFakeDiscord({ interactionAckTimeoutMs: 150 });
    const rest = new REST({ api: strict.apiUrl, retries: 0 }).setToken(strict.token);
    try {
      const first = strict.sendInteraction(strict.chatInput('anything'));
      const body = { type: 4, data: { content: 'hi' } };
      await rest.post(Routes.interactionCallback(first.id, first.token), { body, auth: false });
      const again = await rest.post(Routes.interactionCallback(first.id, first.token), { body, auth: false }).catch((e: unknown) => e);
      expect((again as DiscordAPIError).code).toBe(40060);
      expect((again as DiscordAPIError).status).toBe(400);

      const late = strict.sendInteraction(strict.chatInput('anything'));
      await sleep(200);
      const expired = await rest.post(Routes.interactionCallback(late.id, late.token), { body, auth: false }).catch((e: unknown) => e);
      expect((expired as DiscordAPIError).code).toBe(10062);
      expect((expired as DiscordAPIError).status).toBe(404);

      const third = strict.sendInteraction(strict.chatInput('anything'));
      const huge = await rest
        .post(Routes.interactionCallback(third.id, third.token), { body: { type: 4, data: { content: 'y'.repeat(2001) } }, auth: false })
        .catch((e: unknown) => e);
      expect((huge as DiscordAPIError).code).toBe(50035);
      expect((huge as DiscordAPIError).rawError).toMatchObject({ errors: { data: { content: { _errors: [{ code: 'BASE_TYPE_MAX_LENGTH' }] } } } });
      expect(strict.interactionResponses(third.id)).toEqual([]);
    } finally {
      await strict.close();
    }
  });
});
