import { spawn } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../src/config.js';
import { startFakeDiscord, type FakeDiscord } from '../fakes/discord/index.js';
import { startFakeSlack, type FakeSlack } from '../fakes/slack/index.js';
import { cleanEnv, runNpm } from '../helpers/spawn.js';

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
    const child = spawn('npm', ['--silent', 'start'], {
      cwd: PROJECT_ROOT,
      env: cleanEnv({
        DISCORD_TOKEN: discord.token,
        DISCORD_APP_ID: discord.applicationId,
        DISCORD_GUILD_ID: discord.ids.guildId,
        DISCORD_API_URL: discord.apiUrl,
        SLACK_BOT_TOKEN: slack.botToken,
        SLACK_APP_TOKEN: slack.appToken,
        SLACK_API_URL: slack.apiUrl,
      }),
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    });
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    const exited = new Promise<void>((resolve) => child.on('close', () => resolve()));
    try {
      await slack.waitFor(() => (stderr.includes('"event":"slack_ready"') && stderr.includes('"event":"discord_ready"') && stderr.includes('"event":"corpus_loaded"') ? true : undefined), 20_000);
      const { id } = discord.sendInteraction(discord.chatInput('quote', { query: 'scaling laws' }));
      const ev = await discord.waitForInteractionResponse(id, { kind: 'callback' });
      expect(ev.data.embeds[0].description).toMatch(/scaling/i);

      const built = slack.slashCommand({ command: '/reading', text: 'quote scaling laws' });
      await slack.deliver(built);
      const res = await slack.waitForResponse(built.responseId!);
      expect(JSON.stringify(res.body)).toMatch(/\*scaling laws\*/i);
      expect(stderr).not.toContain(slack.botToken);
      expect(stderr).not.toContain(discord.token);
    } finally {
      process.kill(-child.pid!, 'SIGTERM');
    }
    await exited;
    expect(stderr).toContain('"event":"shutting_down"');
  });

  it('names the missing Slack variable when neither Socket Mode nor HTTP mode is set up', async () => {
    const r = await runNpm(['start'], { env: { SLACK_BOT_TOKEN: 'xoxb-123-abc' } });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/SLACK_APP_TOKEN: set SLACK_APP_TOKEN \(xapp-…\) for Socket Mode, or SLACK_SIGNING_SECRET/);
  });
});
