// A channel's reading plan on Slack, on the real Bolt code path against the fake Slack: answers say
// they keep to the plan, the typed word `ahead` looks further in an answer only the asker sees, and
// the Another button under it stays private and theirs.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSlack, type SlackBot } from '../../src/platforms/slack/app.js';
import type { PlanService } from '../../src/bot/plan.js';
import { configureLog } from '../../src/core/log.js';
import { startFakeSlack, type FakeSlack } from '../../tools/fakes/slack/index.js';
import { library } from '../helpers/fixtures.js';
import { BOOK, HARBOUR, reachAfterChapter } from '../helpers/book.js';

interface Button {
  action_id: string;
  value: string;
  text: { text: string };
}
type Blocks = { type: string; elements?: Button[] }[];
type Body = { text: string; blocks: Blocks; response_type?: string };
const buttonsOf = (blocks: Blocks) => blocks.filter((b) => b.type === 'actions').flatMap((b) => b.elements ?? []);

const lib = library(BOOK, HARBOUR);
const reach = reachAfterChapter(lib, 2);

describe('Slack under a reading plan', () => {
  let fake: FakeSlack;
  let bot: SlackBot;
  let url: string;

  beforeAll(async () => {
    configureLog({ level: 'error', sink: () => undefined });
    fake = await startFakeSlack();
    const plans: PlanService = { reach: async (here) => (here.channelId === fake.ids.channelId ? reach : undefined) };
    bot = await startSlack({ botToken: fake.botToken, signingSecret: fake.signingSecret, port: 0, apiUrl: fake.apiUrl, plans }, () => lib);
    url = `http://127.0.0.1:${bot.port}`;
  });
  afterAll(async () => {
    await bot?.stop();
    await fake?.close();
    configureLog({ level: 'info', sink: (line) => process.stderr.write(line + '\n') });
  });

  async function run(text: string): Promise<Body> {
    const built = fake.slashCommand({ command: '/reading', text, channel_id: fake.ids.channelId });
    expect((await fake.postToApp(url, built)).status).toBe(200);
    return (await fake.waitForResponse(built.responseId!)).body as Body;
  }

  it('says a quote keeps to the plan, in Slack’s own command form, and a later name is further on', async () => {
    const quote = await run('quote');
    expect(quote.response_type).toBe('in_channel');
    expect(JSON.stringify(quote.blocks)).toMatch(/Only up to chapter 2 — this channel’s reading plan\. \/reading quote ahead:true looks further/);
    const later = await run('quote Moriarty');
    expect(later.response_type).toBe('ephemeral');
    expect(later.text).toMatch(/“Moriarty” comes further on than this channel has read \(up to chapter 2\)\. \/reading quote Moriarty ahead:true/);
  });

  it('looks ahead for one person with the word ahead, and Another stays theirs and private', async () => {
    const ahead = await run('quote Moriarty ahead');
    expect(ahead.response_type).toBe('ephemeral');
    expect(JSON.stringify(ahead.blocks)).toMatch(/Moriarty\* arrived on the spring ferry/);
    const another = buttonsOf(ahead.blocks).find((b) => b.text.text === 'Another')!;
    expect(another).toBeDefined();
    const press = async (user?: string) => {
      const action = fake.blockAction({ action_id: another.action_id, value: another.value, user, channel: fake.ids.channelId });
      expect((await fake.postToApp(url, action)).status).toBe(200);
      return (await fake.waitForResponse(action.responseId!)).body as Body;
    };
    expect((await press(fake.ids.adminId)).text).toMatch(/Only the person who ran this command/);
    expect((await press()).response_type).toBe('ephemeral');
  });
});
