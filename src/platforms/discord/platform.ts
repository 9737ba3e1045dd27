// Discord's entry in the platform table: enabled by a bot token and application id.
import type { Platform } from '../platform.js';

export const discord: Platform<'discord'> = {
  name: 'discord',
  enabled: (config) => Boolean(config.DISCORD_TOKEN && config.DISCORD_APP_ID),
  async start(config, { library, daily, plans, promptWriter, connection }) {
    const { DISCORD_TOKEN: token, DISCORD_APP_ID: appId } = config;
    if (!token || !appId) throw new Error('discord started without DISCORD_TOKEN and DISCORD_APP_ID');
    // Imported only when used: discord.js adds a noticeable share of start-up time.
    const { startDiscord } = await import('./bot.js');
    const { discordPoster } = await import('./daily.js');
    const bot = await startDiscord(
      { token, appId, guildId: config.DISCORD_GUILD_ID, apiUrl: config.DISCORD_API_URL, daily, plans, promptWriter, defaultTimezone: config.DAILY_TIMEZONE, onConnection: connection },
      library,
    );
    return { poster: discordPoster(bot.client, library), stop: bot.stop };
  },
};
