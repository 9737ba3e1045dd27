// A document whose front matter and headings try to ping, mention and link, and queries with masked
// links, on the real Bolt and discord.js code paths against the fakes: what Slack and Discord
// receive shows the text literally, links only what is safe, and the bad url is reported by file.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDiscord, type DiscordBot } from '../src/platforms/discord/bot.js';
import { startSlack, type SlackBot } from '../src/platforms/slack/app.js';
import { loadLibrary, type LoadedLibrary } from '../src/core/library/load.js';
import { configureLog } from '../src/core/log.js';
import { startFakeDiscord, type FakeDiscord } from '../tools/fakes/discord/index.js';
import { startFakeSlack, type FakeSlack } from '../tools/fakes/slack/index.js';
import { DISCORD_LIVE, SLACK_LIVE, stringsIn } from './helpers/hostile.js';

const HOSTILE_DOC = `---
title: "<!here> [click](https://evil.example) @everyone <@U123>"
url: "https://example.org/a>b <!here> c"
kind: transcript
---
# <!channel> Heading [x](https://evil.example) @everyone <@123456789012345678>

Mallory: Zanzibar humility matters because every hostile sentence must stay plain text for the readers here.

Host: What happens to the zanzibar question when someone tries <!here> and @everyone tricks again today?

Mallory: The zanzibar answer is that escaping keeps the whole channel calm and nobody gets pinged at all.
`;

let loaded: LoadedLibrary;
const logs: string[] = [];

beforeAll(async () => {
  configureLog({ level: 'info', sink: (line) => logs.push(line) });
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hostile-'));
  fs.writeFileSync(path.join(dir, 'evil.md'), HOSTILE_DOC);
  loaded = await loadLibrary(dir);
});
afterAll(() => configureLog({ level: 'info', sink: (line) => process.stderr.write(line + '\n') }));

it('serves the document, drops its url, and names the file in the warning', () => {
  const doc = loaded.library.corpus.documents[0]!;
  expect(doc.title).toContain('[click]');
  expect(doc.url).toBeUndefined();
  expect(loaded.warnings).toEqual([expect.objectContaining({ file: 'evil.md', message: expect.stringContaining('"url"') })]);
});

describe('Slack (Bolt, HTTP mode)', () => {
  let fake: FakeSlack;
  let bot: SlackBot;
  let url: string;
  beforeAll(async () => {
    fake = await startFakeSlack();
    bot = await startSlack({ botToken: fake.botToken, signingSecret: fake.signingSecret, port: 0, apiUrl: fake.apiUrl }, () => loaded.library);
    url = `http://127.0.0.1:${bot.port}`;
  });
  afterAll(async () => {
    await bot?.stop();
    await fake?.close();
  });

  async function run(command: string, text: string) {
    const built = fake.slashCommand({ command: '/reading', text: `${command.replace(/^\//, '')} ${text}` });
    expect((await fake.postToApp(url, built)).status).toBe(200);
    return (await fake.waitForResponse(built.responseId!)).body as { text: string; blocks: { type: string }[]; response_type?: string };
  }

  it('an in-channel /quote shows title, heading and speaker as text, with no link and no ping', async () => {
    const body = await run('/quote', 'zanzibar humility');
    expect(body.response_type).toBe('in_channel');
    const shown = stringsIn({ text: body.text, blocks: body.blocks.filter((b) => b.type !== 'actions') });
    expect(shown.join('\n')).toContain('&lt;!here&gt; [click](https://evil.example) @everyone &lt;@U123&gt;');
    for (const s of shown) expect(s).not.toMatch(SLACK_LIVE);
  });

  it('echoes a query with a masked link or a mention as plain text', async () => {
    for (const body of [await run('/topic', 'zanzibar [click me](https://evil.example) <!here>'), await run('/topic', '[click me](https://evil.example) <@U999>')]) {
      for (const s of stringsIn({ text: body.text, blocks: body.blocks.filter((b) => b.type !== 'actions') })) expect(s).not.toMatch(SLACK_LIVE);
    }
  });
});

describe('Discord (discord.js)', () => {
  let fake: FakeDiscord;
  let bot: DiscordBot;
  beforeAll(async () => {
    fake = await startFakeDiscord();
    bot = await startDiscord({ token: fake.token, appId: fake.applicationId, guildId: fake.ids.guildId, apiUrl: fake.apiUrl }, () => loaded.library);
  });
  afterAll(async () => {
    await bot?.stop();
    await fake?.close();
  });

  const run = async (name: string, options: Record<string, string>) => {
    const { id } = fake.sendInteraction(fake.chatInput(name, options, { guildId: fake.ids.guildId, channelId: fake.ids.channelId, user: fake.ids.userId }));
    return (await fake.waitForInteractionResponse(id, { kind: 'callback' })).data as { content?: string; embeds?: { url?: string }[]; allowed_mentions?: unknown };
  };

  it('/quote sends no embed url, and no live mention or masked link', async () => {
    const data = await run('quote', { query: 'zanzibar humility' });
    expect(data.allowed_mentions).toEqual({ parse: [] });
    expect(data.embeds).toHaveLength(1);
    expect(data.embeds![0]!.url).toBeUndefined();
    expect(JSON.stringify(data.embeds)).toContain('click');
    for (const s of stringsIn({ content: data.content, embeds: data.embeds })) for (const live of DISCORD_LIVE) expect(s).not.toMatch(live);
  });

  it('echoes a masked link in a query as plain text, found or not', async () => {
    for (const query of ['zanzibar [click me](https://evil.example)', '[click me](https://evil.example) @everyone']) {
      const data = await run('topic', { query });
      expect(data.content).toContain('\\[click me\\](https://evil.example)');
      for (const s of stringsIn({ content: data.content, embeds: data.embeds })) for (const live of DISCORD_LIVE) expect(s).not.toMatch(live);
    }
  });

  it('names a /discuss thread with the topic as typed, without markdown escapes', async () => {
    await run('discuss', { topic: 'zanzibar [click](https://evil.example)' });
    const thread = await fake.waitForRequest((r) => r.method === 'POST' && /\/channels\/\d+\/messages\/\d+\/threads$/.test(r.path), 30_000);
    expect((thread.body as { name: string }).name).toBe('Discussion: zanzibar [click](https://evil.example)');
  });
});
