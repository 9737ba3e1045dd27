// Discord's entry in the platform table: enabled by an application id with a bot token (gateway)
// or a public key (Interactions Endpoint URL over HTTP, no gateway).
import { discordInteractionsPort } from '../../config.js';
import { PostError } from '../../scheduler/poster.js';
import type { Platform } from '../platform.js';

export const discord: Platform<'discord'> = {
  name: 'discord',
  enabled: (config) => Boolean(config.DISCORD_APP_ID && (config.DISCORD_TOKEN || config.DISCORD_PUBLIC_KEY)),
  // Interactions over HTTP listen on DISCORD_INTERACTIONS_PORT (or PORT); the gateway listens nowhere.
  listensOn: (config) => (config.DISCORD_PUBLIC_KEY && config.DISCORD_APP_ID ? discordInteractionsPort(config) : undefined),
  async start(config, { library, daily, plans, promptWriter, health, connection }) {
    if (config.DISCORD_PUBLIC_KEY && config.DISCORD_APP_ID) {
      const { startDiscordHttp } = await import('./http.js');
      const { NO_DAILY_WITHOUT_TOKEN } = await import('./http-interactions.js');
      const server = await startDiscordHttp(
        {
          publicKey: config.DISCORD_PUBLIC_KEY,
          port: discordInteractionsPort(config),
          appId: config.DISCORD_APP_ID,
          apiUrl: config.DISCORD_API_URL,
          token: config.DISCORD_TOKEN,
          guildId: config.DISCORD_GUILD_ID,
          daily,
          plans,
          promptWriter,
          defaultTimezone: config.DAILY_TIMEZONE,
          extraRoutes: health,
        },
        library,
      );
      // Without a token subscriptions are refused, so only ones made earlier with a token reach here.
      const refused = async (): Promise<never> => {
        throw new PostError(`Discord ${NO_DAILY_WITHOUT_TOKEN}`, { code: 'not_available', permanent: true });
      };
      return { poster: server.poster ?? { post: refused, findPosted: refused }, stop: server.close };
    }
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
