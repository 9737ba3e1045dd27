// The Slack front end: a Bolt app in Socket Mode (with an app token) or HTTP mode (with a signing
// secret), mapping its slash commands (`/reading topic …`, optionally `/rg-topic …`) and button
// presses onto the core. It checks its tokens before starting, acks every request before any
// work, answers a retried delivery once, and turns failures into a private note.
import type { AddressInfo, Server } from 'node:net';
import { LogLevel, SocketModeReceiver, type App, type Logger, type RespondArguments } from '@slack/bolt';
import { findCommand, runAction, runCommand, COMMANDS } from '../../../commands/index.js';
import { decodeAction } from '../../bot/actions.js';
import { errorMessage, isUserError } from '../../core/errors.js';
import type { CommandContext } from '../../bot/command.js';
import type { DailyService } from '../../bot/daily.js';
import type { PlanService } from '../../bot/plan.js';
import type { PromptWriter } from '../../bot/prompt-writer.js';
import { parseInvocation } from '../../bot/invocation.js';
import type { Library } from '../../core/library/library.js';
import type { HealthRoutes } from '../../health/http.js';
import { log } from '../../core/log.js';
import { errorReply, type Reply } from '../../bot/reply.js';
import { DEFAULT_SLACK_COMMAND, plainText, SlackCommands, type SlackCommandSettings } from './commands.js';
import { mayManage, whyCannotPost } from './daily.js';
import { AckingApp, CheckedHTTPReceiver } from './receiver.js';
import { renderSlack, type SlackMessage } from './render.js';
import { checkAppToken, checkBotToken } from './startup.js';

/** Connected (Socket Mode) or listening (HTTP): commands arrive from now on. */
export const SLACK_READY = 'slack_ready';
/** A command failed on our side (not a user's mistake); the person got an error note. */
export const SLACK_COMMAND_FAILED = 'slack_command_failed';
/** A button press failed on our side (not a user's mistake). */
export const SLACK_ACTION_FAILED = 'slack_action_failed';

export interface SlackConfig {
  botToken: string;
  /** With an app token (xapp-…) the bot uses Socket Mode: no public URL needed. */
  appToken?: string;
  /** Required in HTTP mode: every request's signature is checked against it. */
  signingSecret?: string;
  /** HTTP mode: where /slack/events listens. */
  port: number;
  /** Web API base, e.g. https://slack.com/api/. */
  apiUrl: string;
  daily?: DailyService;
  /** Reading plans: how far each channel has read (spoiler limits). */
  plans?: PlanService;
  /** Discussion questions from a language model, when one is configured. */
  promptWriter?: PromptWriter;
  defaultTimezone?: string;
  /** ADMIN_USER_IDS: people who may change subscriptions besides workspace admins and owners. */
  adminUserIds?: ReadonlySet<string>;
  /** SLACK_COMMAND / SLACK_COMMAND_PREFIX; default: `/reading` alone. */
  commands?: SlackCommandSettings;
  /** HTTP mode: requests these answer (the health checks) never reach Bolt. */
  extraRoutes?: HealthRoutes;
  /** Socket Mode: the socket dropped (the client is reconnecting) or is connected again. */
  onConnection?: (state: 'ready' | 'connecting') => void;
}

export interface SlackBot {
  app: App;
  mode: 'socket' | 'http';
  /** The HTTP port actually listened on (HTTP mode). */
  port?: number;
  stop(): Promise<void>;
}

const SORRY = 'Sorry, something went wrong on my side. Please try again in a moment.';
const DEDUPE_WINDOW_MS = 10 * 60 * 1000;

/** Bolt's log lines, as our structured events (its own messages only; no payloads). */
function boltLogger(): Logger {
  let level = LogLevel.WARN;
  const line = (l: 'debug' | 'info' | 'warn' | 'error') => (...msg: unknown[]) =>
    log[l]('slack_bolt', { message: msg.map((m) => (errorMessage(m))).join(' ').slice(0, 500) });
  return {
    debug: line('debug'),
    info: line('info'),
    warn: line('warn'),
    error: line('error'),
    setLevel: (l) => (level = l),
    getLevel: () => level,
    setName: () => undefined,
  };
}

/** Remembers what has been handled, so Slack's retries of the same delivery are answered once. */
class SeenDeliveries {
  private readonly seen = new Map<string, number>();
  /** True the first time a key is offered within the window. */
  first(key: string, now = Date.now()): boolean {
    for (const [k, t] of this.seen) {
      if (now - t < DEDUPE_WINDOW_MS) break;
      this.seen.delete(k);
    }
    if (this.seen.has(key)) return false;
    this.seen.set(key, now);
    return true;
  }
}

function toRespond(m: SlackMessage, extra: { replace_original?: boolean } = {}): RespondArguments {
  return { text: m.text, blocks: m.blocks, response_type: m.responseType, ...extra } as unknown as RespondArguments;
}

export async function startSlack(config: SlackConfig, library: () => Library): Promise<SlackBot> {
  const mode = config.appToken ? 'socket' : 'http';
  const surface = new SlackCommands(config.commands ?? { command: DEFAULT_SLACK_COMMAND }, COMMANDS);
  // Checked up front: Bolt would otherwise log "ready" with a dead token, or retry for minutes.
  const identity = await checkBotToken(config.botToken, config.apiUrl);
  if (config.appToken) await checkAppToken(config.appToken, config.apiUrl);

  const clientOptions = { slackApiUrl: config.apiUrl };
  const common = { token: config.botToken, ...identity, logger: boltLogger(), clientOptions };
  const app: App = config.appToken
    ? new AckingApp({ ...common, socketMode: true, appToken: config.appToken, receiver: socketReceiver(config, common.logger, clientOptions) })
    : new AckingApp({ ...common, receiver: new CheckedHTTPReceiver({ signingSecret: config.signingSecret ?? '', port: config.port, logger: common.logger }, config.extraRoutes) });
  const seen = new SeenDeliveries();

  const context = (
    userId: string,
    userName: string,
    channelId: string,
    teamId: string | undefined,
    commandForm: (name: string) => string = surface.mainForm,
  ): CommandContext => ({
    library: library(),
    now: new Date(),
    random: Math.random,
    channelKey: `slack:${teamId ?? '-'}:${channelId}`,
    userName,
    userId,
    here: { platform: 'slack', channelId, workspaceId: teamId },
    daily: config.daily,
    plans: config.plans,
    promptWriter: config.promptWriter,
    defaultTimezone: config.defaultTimezone,
    mayManage: () => mayManage(app.client, userId, config.adminUserIds ?? new Set()),
    checkChannel: (id) => whyCannotPost(app.client, id),
    commandForm,
  });

  // A retried delivery (x-slack-retry-num in HTTP mode, retry_attempt in Socket Mode) of
  // something already handled is acknowledged and dropped.
  app.use(async ({ body, context: ctx, next, ...rest }) => {
    const b = body as { trigger_id?: string; event_id?: string; type?: string };
    const key = b.trigger_id ?? b.event_id;
    if (key && !seen.first(key)) {
      log.info('slack_duplicate_dropped', { retry: ctx.retryNum ?? 0, reason: ctx.retryReason });
      const ack = (rest as { ack?: () => Promise<void> }).ack;
      if (ack) await ack();
      return;
    }
    await next();
  });

  // One listener for every slash command, so a command that is not ours (an old manifest, another
  // app's name) is answered too, with the command to use instead.
  app.command(/^\//, async ({ command, ack, respond, client }) => {
    const resolved = surface.resolve(command.command, command.text ?? '');
    if (!resolved) {
      await ack({ response_type: 'ephemeral', text: surface.unknown(command.command) });
      log.info('slack_command_unknown', { command: command.command.slice(0, 40) });
      return;
    }
    await ack();
    const started = performance.now();
    const { name, form } = resolved;
    // Only a command that picks a #channel needs Slack's escaped markup; searches get the words.
    const text = surface.keepsMarkup(name) ? resolved.text : plainText(resolved.text);
    try {
      const inv = parseInvocation(`/${name} ${text}`, findCommand);
      const reply = await runCommand(context(command.user_id, command.user_name, command.channel_id, command.team_id, form), inv.name, inv.options);
      if (reply.follow === 'thread') {
        await postWithThread(client, command.channel_id, reply, respond);
      } else {
        await respond(toRespond(renderSlack(reply, command.user_id)));
      }
      log.info('slack_command', { command: name, ms: Math.round(performance.now() - started) });
    } catch (e) {
      if (!isUserError(e)) log.error(SLACK_COMMAND_FAILED, { command: name, error: errorMessage(e) });
      await respond({ text: isUserError(e) ? e.message : SORRY, response_type: 'ephemeral' }).catch(() => undefined);
    }
  });

  app.action({ type: 'block_actions', action_id: /^rg:/ }, async ({ action, body, ack, respond }) => {
    await ack();
    try {
      const value = 'value' in action ? String(action.value ?? '') : '';
      const decoded = decodeAction(value, library().corpus);
      const user = body.user;
      if (!decoded) {
        await respond({ text: 'This button no longer works: the library has changed since it was posted. Run the command again.', response_type: 'ephemeral', replace_original: false });
        return;
      }
      if (decoded.owner && decoded.owner !== user.id) {
        await respond({ text: 'Only the person who ran this command can use these buttons.', response_type: 'ephemeral', replace_original: false });
        return;
      }
      const who = ('username' in user && user.username) || user.name || user.id;
      const reply = await runAction(context(user.id, who, body.channel?.id ?? user.id, body.team?.id), decoded.action);
      const message = renderSlack(reply, decoded.owner ?? user.id);
      // More pages the private result in place; everything else is a new message.
      const replace = decoded.action.kind === 'more' && reply.kind !== 'error';
      await respond(toRespond(message, { replace_original: replace }));
    } catch (e) {
      if (!isUserError(e)) log.error(SLACK_ACTION_FAILED, { error: errorMessage(e) });
      await respond({ text: isUserError(e) ? e.message : SORRY, response_type: 'ephemeral', replace_original: false }).catch(() => undefined);
    }
  });

  app.error(async (e) => {
    log.error('slack_error', { error: e.message });
  });

  const server = (mode === 'http' ? await app.start(config.port) : await app.start()) as unknown as Server | undefined;
  const port = mode === 'http' && server && typeof server.address === 'function' ? (server.address() as AddressInfo).port : undefined;
  log.info(SLACK_READY, { mode, commands: surface.names(), ...(port ? { port, path: '/slack/events' } : {}) });
  return { app, mode, port, stop: () => app.stop() as Promise<void> };
}

/** Bolt's own Socket Mode receiver, made here so its client's connection events reach readiness. */
function socketReceiver(config: SlackConfig, logger: Logger, clientOptions: { slackApiUrl: string }): SocketModeReceiver {
  const receiver = new SocketModeReceiver({ appToken: config.appToken ?? '', logger, installerOptions: { clientOptions } });
  const report = config.onConnection;
  if (report) {
    receiver.client.on('reconnecting', () => report('connecting'));
    receiver.client.on('disconnected', () => report('connecting'));
    receiver.client.on('connected', () => report('ready'));
  }
  return receiver;
}

type Respond = (m: RespondArguments) => Promise<unknown>;

/**
 * Posts a reply that declares a thread (the discussion prompt) as a channel message and opens its
 * thread; if the bot cannot post there (not a member of a private channel, archived), the person
 * is told why, privately.
 */
async function postWithThread(client: App['client'], channel: string, reply: Reply, respond: Respond): Promise<void> {
  const message = renderSlack(reply);
  const post = () => client.chat.postMessage({ channel, text: message.text, blocks: message.blocks as never, unfurl_links: false });
  let posted;
  try {
    posted = await post();
  } catch (e) {
    const code = (e as { data?: { error?: string } }).data?.error;
    if (code === 'not_in_channel') {
      // Public channels can be joined; private ones need an invite (/invite @bot).
      const joined = await client.conversations.join({ channel }).then(() => true, () => false);
      if (joined) posted = await post().catch(() => undefined);
    }
    if (!posted) {
      const why =
        code === 'is_archived'
          ? 'this channel is archived.'
          : code === 'not_in_channel' || code === 'channel_not_found'
            ? 'I am not a member of this channel. Invite me with /invite and try again.'
            : 'Slack refused the message.';
      await respond(toRespond(renderSlack(errorReply('cannot_post', `I could not start the discussion here: ${why}`))));
      return;
    }
  }
  if (posted?.ts) {
    await client.chat.postMessage({ channel, thread_ts: posted.ts, text: 'Reply in this thread to discuss.' });
  }
}
