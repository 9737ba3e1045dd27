// The Discord side of readiness: a gateway that drops after start is reported as connecting until
// discord.js has resumed, so /readyz sends traffic elsewhere meanwhile.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { configureLog } from '../../src/core/log.js';
import type { Library } from '../../src/core/library/library.js';
import { startDiscord, type DiscordBot } from '../../src/platforms/discord/bot.js';
import { startFakeDiscord, type FakeDiscord } from '../../tools/fakes/discord/index.js';

let fake: FakeDiscord;
let bot: DiscordBot;
const states: string[] = [];

beforeAll(async () => {
  configureLog({ level: 'error' });
  fake = await startFakeDiscord();
  const library = (): Library => {
    throw new Error('no command is sent in this test');
  };
  bot = await startDiscord({ token: fake.token, appId: fake.applicationId, guildId: fake.ids.guildId, apiUrl: fake.apiUrl, onConnection: (s) => states.push(s) }, library);
});
afterAll(async () => {
  await bot?.stop();
  await fake?.close();
});

describe('Discord connection reports', () => {
  it('says connecting when the gateway drops and ready once it has resumed', async () => {
    states.length = 0;
    const resumes = fake.resumeCount;
    await fake.closeGateway(4000);
    await fake.waitForResume(resumes + 1);
    await fake.waitFor(() => states.at(-1) === 'ready' || undefined);
    expect(states[0]).toBe('connecting');
    expect(states.at(-1)).toBe('ready');
  });
});
