// `npm start` with both platforms configured: one process serves Discord and Slack at once,
// and stops both in order on SIGTERM.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeDiscord, type FakeDiscord } from '../../tools/fakes/discord/index.js';
import { startFakeSlack, type FakeSlack } from '../../tools/fakes/slack/index.js';
import { runNpm, withRunningBot } from '../helpers/spawn.js';
import { CORPUS_LOADED, SHUTTING_DOWN } from '../../src/main-events.js';
import { DISCORD_READY } from '../../src/platforms/discord/bot.js';
import { SLACK_READY } from '../../src/platforms/slack/app.js';

let discord: FakeDiscord;
let slack: FakeSlack;
beforeAll(async () => {
  discord = await startFakeDiscord();
  slack = await startFakeSlack();
});
afterAll(async () => {
  await discord?.close();
  await slack?.close();
});

describe('npm start with Discord and Slack configured together', () => {
  it('runs both in one process, each answering its own platform', async () => {
    const env = {
      DISCORD_TOKEN: discord.token,
      DISCORD_APP_ID: discord.applicationId,
      DISCORD_GUILD_ID: discord.ids.guildId,
      DISCORD_API_URL: discord.apiUrl,
      SLACK_BOT_TOKEN: slack.botToken,
      SLACK_APP_TOKEN: slack.appToken,
      SLACK_API_URL: slack.apiUrl,
    };
    await withRunningBot(env, async (bot) => {
      try {
        const up = () => [SLACK_READY, DISCORD_READY, CORPUS_LOADED].every((e) => bot.stderr().includes(`"event":"${e}"`));
        await slack.waitFor(() => up() || undefined);
        const { id } = discord.sendInteraction(discord.chatInput('quote', { query: 'scaling laws' }));
        const ev = await discord.waitForInteractionResponse(id, { kind: 'callback' });
        expect(ev.data.embeds[0].description).toMatch(/scaling/i);

        const built = slack.slashCommand({ command: '/reading', text: 'quote scaling laws' });
        await slack.deliver(built);
        const res = await slack.waitForResponse(built.responseId!);
        expect(JSON.stringify(res.body)).toMatch(/\*scaling laws\*/i);
        expect(bot.stderr()).not.toContain(slack.botToken);
        expect(bot.stderr()).not.toContain(discord.token);
      } finally {
        bot.signal('SIGTERM');
      }
      await bot.exited;
      expect(bot.stderr()).toContain(`"event":"${SHUTTING_DOWN}"`);
    });
  });

  it('names the missing Slack variable when neither Socket Mode nor HTTP mode is set up', async () => {
    const r = await runNpm(['start'], { env: { SLACK_BOT_TOKEN: 'xoxb-123-abc' } });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/SLACK_APP_TOKEN: set SLACK_APP_TOKEN \(xapp-…\) for Socket Mode, or SLACK_SIGNING_SECRET/);
  });
});
