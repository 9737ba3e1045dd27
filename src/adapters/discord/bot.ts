// The Discord front end: a discord.js client (Guilds intent only) that registers the commands and
// answers interactions through the core. discord.js handles rate limits and gateway resumes.
import { Client, Events, GatewayIntentBits } from 'discord.js';
import type { DailyService } from '../../core/daily.js';
import type { Library } from '../../core/library.js';
import { log } from '../../core/log.js';
import { createInteractionHandler } from './interactions.js';
import { inviteUrl } from './invite.js';
import { registerCommands } from './register.js';

export interface DiscordConfig {
  token: string;
  appId: string;
  guildId?: string;
  /** REST base, e.g. https://discord.com/api; the gateway address is discovered from it. */
  apiUrl: string;
  /** Answers slower than this are deferred first (tests set it low to exercise that path). */
  deferAfterMs?: number;
  daily?: DailyService;
  defaultTimezone?: string;
}

export interface DiscordBot {
  client: Client;
  stop(): Promise<void>;
}

export async function startDiscord(config: DiscordConfig, library: () => Library): Promise<DiscordBot> {
  const client = new Client({
    intents: [GatewayIntentBits.Guilds],
    rest: { api: config.apiUrl },
    // Belt and braces: every message we send also sets this itself.
    allowedMentions: { parse: [] },
  });
  const handle = createInteractionHandler({ library, deferAfterMs: config.deferAfterMs, daily: config.daily, defaultTimezone: config.defaultTimezone });
  client.on(Events.InteractionCreate, (interaction) => void handle(interaction));
  client.on(Events.Error, (e) => log.error('discord_client_error', { error: e.message }));
  client.on(Events.Warn, (message) => log.warn('discord_client_warning', { message }));
  client.on(Events.ShardDisconnect, (event, shard) => log.warn('discord_gateway_disconnected', { shard, code: event.code }));
  client.on(Events.ShardResume, (shard, replayed) => log.info('discord_gateway_resumed', { shard, replayed }));

  const ready = new Promise<void>((resolve) => client.once(Events.ClientReady, () => resolve()));
  await client.login(config.token);
  await ready;
  log.info('discord_ready', { user: client.user?.tag, guilds: client.guilds.cache.size });

  try {
    const outcome = await registerCommands(client.rest, config.appId, config.guildId);
    log.info('discord_commands', { outcome, scope: config.guildId ? `guild ${config.guildId}` : 'global' });
  } catch (e) {
    // The bot still answers commands registered earlier; say what went wrong and carry on.
    log.error('discord_commands_failed', { error: e instanceof Error ? e.message : String(e) });
  }
  log.info('discord_invite', { url: inviteUrl(config.appId) });

  return {
    client,
    stop: async () => {
      await client.destroy();
    },
  };
}
