// The Slack adapter on the real Bolt code path, in HTTP mode and Socket Mode, against the fake
// Slack on 127.0.0.1.
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSlack, type SlackBot } from '../../src/platforms/slack/app.js';
import { PROJECT_ROOT } from '../../src/config.js';
import type { Library } from '../../src/core/library/library.js';
import { loadLibrary } from '../../src/core/library/load.js';
import { configureLog } from '../../src/core/log.js';
import { startFakeSlack, type FakeSlack } from '../../tools/fakes/slack/index.js';

let library: Library;
const logs: string[] = [];

beforeAll(async () => {
  configureLog({ level: 'info', sink: (line) => logs.push(line) });
  library = (await loadLibrary(path.join(PROJECT_ROOT, 'data/corpus'))).library;
});
afterAll(() => configureLog({ level: 'info', sink: (line) => process.stderr.write(line + '\n') }));

interface Button {
  action_id: string;
  value: string;
  text: { text: string };
}
type Blocks = { type: string; elements?: Button[]; text?: { text: string } }[];
const buttonsOf = (blocks: Blocks) => blocks.filter((b) => b.type === 'actions').flatMap((b) => b.elements ?? []);
const textOf = (blocks: Blocks) => JSON.stringify(blocks);

describe('Slack in HTTP mode (signed requests to /slack/events)', () => {
  let fake: FakeSlack;
  let bot: SlackBot;
  let url: string;

  beforeAll(async () => {
    fake = await startFakeSlack();
    bot = await startSlack({ botToken: fake.botToken, signingSecret: fake.signingSecret, port: 0, apiUrl: fake.apiUrl }, () => library);
    url = `http://127.0.0.1:${bot.port}`;
  });
  afterAll(async () => {
    await bot?.stop();
    await fake?.close();
  });

  async function run(command: string, text = '', extra: { user_id?: string; channel_id?: string } = {}) {
    // Every command is a subcommand of the one Slack command, /reading.
    const built = fake.slashCommand({ command: '/reading', text: `${command.replace(/^\//, '')} ${text}`.trim(), ...extra });
    const res = await fake.postToApp(url, built);
    expect(res.status).toBe(200);
    const response = await fake.waitForResponse(built.responseId!);
    return { built, res, body: response.body as { text: string; blocks: Blocks; response_type?: string; replace_original?: boolean } };
  }

  it('/quote answers in the channel with the matched words in bold and an Another button', async () => {
    const { body } = await run('/quote', 'technical humility');
    expect(body.response_type).toBe('in_channel');
    expect(textOf(body.blocks)).toMatch(/\*technical humility\*/i);
    expect(textOf(body.blocks)).toMatch(/Greg Brockman at the AI Engineer/);
    expect(buttonsOf(body.blocks).map((b) => b.text.text)).toEqual(['Another']);
  });

  it('/topic answers privately; More pages in place, Context answers privately, Share posts publicly', async () => {
    const { body, built } = await run('/topic', 'checkpoint design');
    expect(body.response_type).toBe('ephemeral');
    const buttons = buttonsOf(body.blocks);
    expect(buttons.map((b) => b.text.text)).toEqual(['More', 'Context 1', 'Context 2', 'Context 3', 'Share 1', 'Share 2', 'Share 3']);
    const press = async (label: string, user?: string) => {
      const b = buttons.find((x) => x.text.text === label)!;
      const action = fake.blockAction({ action_id: b.action_id, value: b.value, user, channel: fake.ids.channelId });
      const res = await fake.postToApp(url, action);
      expect(res.status).toBe(200);
      return (await fake.waitForResponse(action.responseId!)).body as { text: string; blocks: Blocks; response_type?: string; replace_original?: boolean };
    };
    const more = await press('More');
    expect(more.replace_original).toBe(true);
    expect(textOf(more.blocks)).toMatch(/Page 2/);

    const context = await press('Context 1');
    expect(context.response_type).toBe('ephemeral');
    expect(context.replace_original).toBe(false);
    expect(textOf(context.blocks)).toMatch(/In context/);

    const shared = await press('Share 2');
    expect(shared.response_type).toBe('in_channel');
    expect(textOf(shared.blocks)).toMatch(/Shared by reader/);

    const stranger = await press('More', fake.ids.adminId);
    expect(stranger.text).toMatch(/Only the person who ran this command/);
    expect(built.responseId).toBeTruthy();
  });

  it('/daily and /daily today give the channel the same excerpt; /sources and /help answer privately', async () => {
    const a = await run('/daily');
    const b = await run('/daily', 'today', { user_id: fake.ids.adminId });
    expect(a.body.response_type).toBe('in_channel');
    expect(textOf(a.body.blocks)).toBe(textOf(b.body.blocks));
    const sources = await run('/sources');
    expect(sources.body.response_type).toBe('ephemeral');
    expect(textOf(sources.body.blocks)).toContain('pretraining-gpt-4-5');
    const help = await run('/help');
    expect(textOf(help.body.blocks)).toContain('/reading topic &lt;query&gt; [source:NAME]');
  });

  it('takes a source filter written as source:NAME inside the text', async () => {
    const { body } = await run('/topic', 'scaling source:hot-chips');
    expect(textOf(body.blocks)).toMatch(/Hot Chips 2024 live blog/);
    expect(textOf(body.blocks)).not.toMatch(/Pre-Training GPT-4\.5/);
  });

  it('/discuss posts the prompt as a thread parent, joining a public channel it is not in', async () => {
    const before = fake.callsTo('chat.postMessage').length;
    const built = fake.slashCommand({ command: '/reading', text: 'discuss technical humility', channel_id: fake.ids.notMemberChannelId });
    expect((await fake.postToApp(url, built)).status).toBe(200);
    const posts = await fake.waitFor(() => {
      const calls = fake.callsTo('chat.postMessage').slice(before).filter((c) => (c.response as { ok?: boolean } | undefined)?.ok);
      return calls.length >= 2 ? calls : undefined;
    });
    expect(fake.callsTo('conversations.join').length).toBeGreaterThan(0);
    const [parent, reply] = posts;
    expect(textOf(parent!.args.blocks as Blocks)).toMatch(/For discussion/);
    expect(reply!.args.thread_ts).toBe((parent!.response as { ts: string }).ts);
    expect(fake.threadReplies(fake.ids.notMemberChannelId, (parent!.response as { ts: string }).ts)).toHaveLength(1);
  });

  it('/discuss in an archived channel says why, privately', async () => {
    const { body } = await run('/discuss', '', { channel_id: fake.ids.archivedChannelId });
    expect(body.response_type).toBe('ephemeral');
    expect(body.text).toMatch(/archived/);
  });

  it('rides out a 429 on chat.postMessage', async () => {
    fake.rateLimitNext('chat.postMessage', { retryAfterSeconds: 1 });
    const before = fake.callsTo('chat.postMessage').length;
    await fake.postToApp(url, fake.slashCommand({ command: '/reading', text: 'discuss scaling laws' }));
    const calls = await fake.waitFor(() => {
      const c = fake.callsTo('chat.postMessage').slice(before);
      return c.filter((x) => x.status === 200).length >= 2 ? c : undefined;
    }, 10_000);
    expect(calls[0]!.status).toBe(429);
  });

  it('refuses a forged signature and a six-minute-old timestamp without running anything', async () => {
    const forged = fake.slashCommand({ command: '/reading', text: 'quote x' });
    expect((await fake.postToApp(url, forged, { forgeSignature: true })).status).toBe(401);
    const stale = fake.slashCommand({ command: '/reading', text: 'quote x' });
    expect((await fake.postToApp(url, stale, { timestamp: Math.floor(Date.now() / 1000) - 6 * 60 })).status).toBe(401);
    await new Promise((r) => setTimeout(r, 300));
    expect(fake.responsesFor(forged.responseId!)).toHaveLength(0);
    expect(fake.responsesFor(stale.responseId!)).toHaveLength(0);
  });

  it('answers a retried delivery once', async () => {
    const built = fake.slashCommand({ command: '/reading', text: 'quote scaling' });
    await fake.postToApp(url, built);
    const retry = await fake.postToApp(url, built, { retryNum: 1, retryReason: 'http_timeout' });
    expect(retry.status).toBe(200);
    await fake.waitForResponse(built.responseId!);
    await new Promise((r) => setTimeout(r, 300));
    expect(fake.responsesFor(built.responseId!)).toHaveLength(1);
  });

  it('never lets a query ping anyone or inject a link', async () => {
    const { body } = await run('/topic', '<!everyone> <!channel> <https://evil.example|click> checkpoints');
    // Button values are opaque data Slack never renders; everything shown is checked.
    const all = JSON.stringify(body, (k, v) => (k === 'value' ? undefined : v));
    expect(all).toContain('&lt;!everyone&gt;');
    expect(all).not.toMatch(/<!everyone>|<!channel>|<https:\/\/evil/);
    // A user mention reads as a name no document has ("Nothing … talks about U0000001"), still inert.
    const user = await run('/topic', '<@U0000001> checkpoints');
    expect(JSON.stringify(user.body, (k, v) => (k === 'value' ? undefined : v))).not.toMatch(/<@U0000001>/);
    const none = await run('/topic', '<!here> xylophonic zebras');
    expect(JSON.stringify(none.body)).not.toContain('<!here>');
    expect(none.body.text).toContain('&lt;!here&gt;');
  });

  it('answers bad input privately and kindly', async () => {
    const empty = await run('/topic', '   ');
    expect(empty.body.response_type).toBe('ephemeral');
    expect(empty.body.text).toMatch(/Please tell me what topic/);
    const unknown = await run('/quote', 'source:nowhere');
    expect(unknown.body.text).toMatch(/I don't know a source called "nowhere"/);
  });
});

describe('Slack commands as people type them: /reading <command>, and /rg-<command> with a prefix', () => {
  let fake: FakeSlack;
  let bot: SlackBot;
  let url: string;

  beforeAll(async () => {
    fake = await startFakeSlack();
    bot = await startSlack(
      { botToken: fake.botToken, signingSecret: fake.signingSecret, port: 0, apiUrl: fake.apiUrl, commands: { command: '/reading', prefix: 'rg-' } },
      () => library,
    );
    url = `http://127.0.0.1:${bot.port}`;
  });
  afterAll(async () => {
    await bot?.stop();
    await fake?.close();
  });

  async function typed(command: string, text = '') {
    const built = fake.slashCommand({ command, text });
    expect((await fake.postToApp(url, built)).status).toBe(200);
    return (await fake.waitForResponse(built.responseId!)).body as { text: string; blocks: Blocks; response_type?: string };
  }

  it('/reading alone shows the help, every usage and example written as /reading <command>', async () => {
    const help = textOf((await typed('/reading')).blocks);
    expect(help).toContain('/reading topic &lt;query&gt; [source:NAME]');
    expect(help).toContain('Example: `/reading topic checkpoint design`');
    expect(help).toContain('/reading daily today | subscribe');
    expect(help).toMatch(/Add source:NAME to \/reading quote, \/reading topic or \/reading discuss/);
    expect(help).not.toMatch(/[^g] \/topic|`\/topic/);
  });

  it('suggests the Slack form when a command is mistyped or incomplete', async () => {
    expect((await typed('/reading', 'topcs checkpoint')).text).toBe(
      'There is no /reading topcs command. Did you mean /reading topic? Type /reading help for the list.',
    );
    expect((await typed('/reading', 'topic')).text).toMatch(/for example \/reading topic checkpoint design/);
    expect((await typed('/reading', 'daily tomorow')).text).toMatch(/\/reading daily has no "tomorow" subcommand; try \/reading daily today/);
    expect((await typed('/reading', 'quote source:nowhere')).text).toMatch(/Try \/reading sources for the list/);
  });

  it('answers the prefixed commands, naming commands in the form typed', async () => {
    const topic = await typed('/rg-topic', 'checkpoint design');
    expect(textOf(topic.blocks)).toMatch(/\*checkpoint/i);
    expect((await typed('/rg-topic')).text).toMatch(/for example \/rg-topic checkpoint design/);
    expect(textOf((await typed('/rg-help')).blocks)).toContain('/rg-quote [query] [source:NAME]');
  });

  it('turns Slack mentions and links in a search into their words', async () => {
    const { text } = await typed('/reading', 'topic <@U0000001|xylophonist> <https://zebra.example|zebrafish>');
    expect(text).toContain('xylophonist zebrafish');
    expect(text).not.toMatch(/U0000001|zebra\.example/);
  });
});

describe('Slack in Socket Mode', () => {
  let fake: FakeSlack;
  let bot: SlackBot;

  beforeAll(async () => {
    fake = await startFakeSlack();
    bot = await startSlack({ botToken: fake.botToken, appToken: fake.appToken, port: 0, apiUrl: fake.apiUrl }, () => library);
  });
  afterAll(async () => {
    await bot?.stop();
    await fake?.close();
  });

  it('answers commands over the socket, acks every envelope, and survives a disconnect', async () => {
    expect(bot.mode).toBe('socket');
    const topic = fake.slashCommand({ command: '/reading', text: 'topic blast radius' });
    const ack = await fake.deliver(topic);
    expect(ack.latencyMs).toBeLessThan(3000);
    const res = await fake.waitForResponse(topic.responseId!);
    expect(textOf((res.body as { blocks: Blocks }).blocks)).toMatch(/\*blast radius\*/i);

    const connections = fake.connectionCount;
    fake.sendDisconnect('refresh_requested');
    await fake.waitFor(() => (fake.connectionCount > connections ? true : undefined), 10_000);
    const quote = fake.slashCommand({ command: '/reading', text: 'quote scaling laws' });
    await fake.deliver(quote);
    const after = await fake.waitForResponse(quote.responseId!);
    expect((after.body as { response_type: string }).response_type).toBe('in_channel');
  });

  it('runs every command, and a button, over the socket', async () => {
    for (const [command, text, type] of [
      ['/quote', '', 'in_channel'],
      ['/topic', 'checkpoint design', 'ephemeral'],
      ['/daily', 'today', 'in_channel'],
      ['/sources', '', 'ephemeral'],
      ['/help', '', 'ephemeral'],
    ] as const) {
      const built = fake.slashCommand({ command: '/reading', text: `${command.slice(1)} ${text}`.trim() });
      await fake.deliver(built);
      const res = await fake.waitForResponse(built.responseId!);
      expect((res.body as { response_type: string }).response_type, command).toBe(type);
      if (command === '/topic') {
        const more = buttonsOf((res.body as { blocks: Blocks }).blocks).find((b) => b.text.text === 'More')!;
        const action = fake.blockAction({ action_id: more.action_id, value: more.value, channel: fake.ids.channelId });
        await fake.deliver(action);
        const page = await fake.waitForResponse(action.responseId!);
        expect(textOf((page.body as { blocks: Blocks }).blocks)).toMatch(/Page 2/);
      }
    }
    const before = fake.callsTo('chat.postMessage').length;
    await fake.deliver(fake.slashCommand({ command: '/reading', text: 'discuss scaling laws' }));
    await fake.waitFor(() => (fake.callsTo('chat.postMessage').length >= before + 2 ? true : undefined));
  });

  it('answers an envelope delivered twice (retry_attempt) once', async () => {
    const built = fake.slashCommand({ command: '/reading', text: 'quote compute' });
    await fake.deliver(built);
    await fake.deliver(built, { retryAttempt: 1, retryReason: 'timeout' });
    await fake.waitForResponse(built.responseId!);
    await new Promise((r) => setTimeout(r, 300));
    expect(fake.responsesFor(built.responseId!)).toHaveLength(1);
  });
});
