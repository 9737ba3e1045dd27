// Slack's entry in the platform table: enabled by a bot token (config.ts checks the mode's other variable).
import type { Platform } from '../platform.js';

export const slack: Platform<'slack'> = {
  name: 'slack',
  enabled: (config) => Boolean(config.SLACK_BOT_TOKEN),
  // HTTP mode (no app token) listens on PORT; Socket Mode listens nowhere.
  listensOn: (config) => (config.SLACK_APP_TOKEN ? undefined : config.PORT),
  async start(config, { library, daily, plans, promptWriter, health, connection }) {
    const botToken = config.SLACK_BOT_TOKEN;
    if (!botToken) throw new Error('slack started without SLACK_BOT_TOKEN');
    // Imported only when used, as for Discord: a start without Slack loads no Slack SDK.
    const { startSlack } = await import('./app.js');
    const { slackPoster } = await import('./daily.js');
    const bot = await startSlack(
      {
        botToken,
        appToken: config.SLACK_APP_TOKEN,
        signingSecret: config.SLACK_SIGNING_SECRET,
        port: config.PORT,
        apiUrl: config.SLACK_API_URL,
        adminUserIds: config.ADMIN_USER_IDS,
        commands: { command: config.SLACK_COMMAND, prefix: config.SLACK_COMMAND_PREFIX },
        daily,
        plans,
        promptWriter,
        defaultTimezone: config.DAILY_TIMEZONE,
        extraRoutes: health,
        onConnection: connection,
      },
      library,
    );
    return { poster: slackPoster(bot.app.client, library), stop: bot.stop };
  },
};
