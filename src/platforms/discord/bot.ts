// The Discord front end: a discord.js client (Guilds intent only) that registers the commands and
// answers interactions through the core. discord.js handles rate limits and gateway resumes.
import { Client, Events, GatewayIntentBits } from 'discord.js';
import type { DailyService } from '../../bot/daily.js';
import type { PlanService } from '../../bot/plan.js';
import type { PromptWriter } from '../../bot/prompt-writer.js';
import { errorMessage, UserError } from '../../core/errors.js';
import type { Library } from '../../core/library/library.js';
import { log } from '../../core/log.js';
import { createInteractionHandler } from './interactions.js';
import { inviteUrl } from './invite.js';
import { registerCommands } from './register.js';

/** Logged in and the gateway is ready: interactions arrive from now on. */
export const DISCORD_READY = 'discord_ready';
/** The slash commands were registered (or found unchanged). */
export const DISCORD_COMMANDS = 'discord_commands';
/** Registering the slash commands failed; the bot carries on with those Discord already has. */
export const DISCORD_COMMANDS_FAILED = 'discord_commands_failed';
/** The link that adds the bot to a server. */
export const DISCORD_INVITE = 'discord_invite';

export interface DiscordConfig {
  token: string;
  appId: string;
  guildId?: string;
  /** REST base, e.g. https://discord.com/api; the gateway address is discovered from it. */
  apiUrl: string;
  /** Answers slower than this are deferred first (tests set it low to exercise that path). */
  deferAfterMs?: number;
  daily?: DailyService;
  plans?: PlanService;
  promptWriter?: PromptWriter;
  defaultTimezone?: string;
  /** The gateway dropped (discord.js is reconnecting) or is back: readiness follows it. */
  onConnection?: (state: 'ready' | 'connecting') => void;
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
  const handle = createInteractionHandler({
    library,
    deferAfterMs: config.deferAfterMs,
    daily: config.daily,
    plans: config.plans,
    promptWriter: config.promptWriter,
    defaultTimezone: config.defaultTimezone,
  });
  client.on(Events.InteractionCreate, (interaction) => void handle(interaction));
  client.on(Events.Error, (e) => log.error('discord_client_error', { error: e.message }));
  client.on(Events.Warn, (message) => log.warn('discord_client_warning', { message }));
  client.on(Events.ShardDisconnect, (event, shard) => {
    log.warn('discord_gateway_disconnected', { shard, code: event.code });
    config.onConnection?.('connecting');
  });
  client.on(Events.ShardReconnecting, () => config.onConnection?.('connecting'));
  client.on(Events.ShardResume, (shard, replayed) => {
    log.info('discord_gateway_resumed', { shard, replayed });
    config.onConnection?.('ready');
  });
  client.on(Events.ShardReady, () => config.onConnection?.('ready'));

  const ready = new Promise<void>((resolve) => client.once(Events.ClientReady, () => resolve()));
  try {
    await client.login(config.token);
    await ready;
  } catch (e) {
    await client.destroy().catch(() => undefined);
    throw loginFailure(e, config.apiUrl);
  }
  log.info(DISCORD_READY, { user: client.user?.tag, guilds: client.guilds.cache.size });

  try {
    const outcome = await registerCommands(client.rest, config.appId, config.guildId);
    log.info(DISCORD_COMMANDS, { outcome, scope: config.guildId ? `guild ${config.guildId}` : 'global' });
  } catch (e) {
    // The bot still answers commands registered earlier; say what went wrong and carry on.
    log.error(DISCORD_COMMANDS_FAILED, { error: errorMessage(e) });
  }
  log.info(DISCORD_INVITE, { url: inviteUrl(config.appId) });

  return {
    client,
    stop: async () => {
      await client.destroy();
    },
  };
}

/** Network failures a wrong address or a dead link give, as Node reports them. */
const UNREACHABLE = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'ETIMEDOUT', 'ECONNRESET', 'EHOSTUNREACH', 'ENETUNREACH', 'UND_ERR_CONNECT_TIMEOUT']);

/**
 * Why logging in failed, for the operator: which variable or service, and the fix. A refused token
 * or an unreachable API is a setup problem, not a crash, so it gets no stack trace.
 */
export function loginFailure(e: unknown, apiUrl: string): Error {
  const err = e as { code?: unknown; status?: unknown; cause?: { code?: unknown }; message?: string };
  const code = String(err?.code ?? err?.cause?.code ?? '');
  if (code === 'TokenInvalid' || err?.status === 401) {
    return new UserError(
      'Discord refused DISCORD_TOKEN (401 Unauthorized): the token is wrong or was reset. Copy a new one from the Developer Portal (Bot > Reset Token) into DISCORD_TOKEN.',
      'discord_token_refused',
    );
  }
  if (code === 'DisallowedIntents') {
    return new UserError('Discord refused the gateway intents this bot asks for. It needs no privileged intents: check the application in the Developer Portal.', 'discord_intents');
  }
  if (UNREACHABLE.has(code)) {
    return new UserError(
      `Cannot reach Discord at ${apiUrl} (${code}). Check the network connection, or DISCORD_API_URL if you set it (the default is https://discord.com/api).`,
      'discord_unreachable',
    );
  }
  return new UserError(`Discord login failed: ${err?.message ?? String(e)}. Check DISCORD_TOKEN and DISCORD_API_URL.`, 'discord_login_failed');
}
