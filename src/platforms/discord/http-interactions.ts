// Discord interactions that arrive as JSON over HTTP (the Interactions Endpoint URL), answered
// without a gateway connection or a discord.js Client: the payload is read into what the command
// pipeline takes, the reply is rendered as on the gateway path, and the answer is the HTTP
// response (or, when slow, a deferral followed by webhook calls). No search logic, no command names.
import { ChannelType, DiscordAPIError, MessageFlags, PermissionFlagsBits, REST, Routes, type APIInteractionResponse } from 'discord.js';
import { z } from 'zod';
import { actionVisibility, expectedVisibility, runAction, runCommand } from '../../../commands/index.js';
import type { CommandContext } from '../../bot/command.js';
import type { DailyChannel } from '../../bot/daily.js';
import { errorMessage, isUserError } from '../../core/errors.js';
import { log } from '../../core/log.js';
import {
  autocompleteChoices,
  DEFER_AFTER_MS,
  DISCORD_INTERACTION_FAILED,
  DISCORD_INTERACTION_REFUSED,
  DISCORD_THREAD_FAILED,
  pressed,
  threadBlocker,
  threadTitle,
  toOptions,
  type InteractionDeps,
  type OptionLike,
} from './interactions.js';
import { privateError, renderDiscord, type DiscordMessage } from './render.js';

/** One interaction answered over HTTP (kind, command name, time to the first answer). */
export const DISCORD_HTTP_INTERACTION = 'discord_http_interaction';
/** A webhook call after a deferral failed (the person may be left with "thinking…"). */
export const DISCORD_HTTP_FOLLOWUP_FAILED = 'discord_http_followup_failed';

const SORRY = 'Sorry, something went wrong on my side. Please try again in a moment.';
/** Why daily posts are refused over HTTP without a token: the bot posts with it. */
export const NO_DAILY_WITHOUT_TOKEN = 'daily posts over HTTP interactions need the bot token: set DISCORD_TOKEN and start the bot again.';
const POSTING_NEEDS: [string, bigint][] = [
  ['ViewChannel', PermissionFlagsBits.ViewChannel],
  ['SendMessages', PermissionFlagsBits.SendMessages],
  ['EmbedLinks', PermissionFlagsBits.EmbedLinks],
];
const NO_THREAD_WITHOUT_TOKEN = 'threads are opened over HTTP interactions only when DISCORD_TOKEN is set.';

export interface HttpInteractionDeps extends InteractionDeps {
  appId: string;
  /** REST base for the webhook calls after a deferral, e.g. https://discord.com/api. */
  apiUrl: string;
  /** The bot token, when there is one: threads under prompts need it (webhook calls do not). */
  token?: string;
}

/** Thrown for a payload that is not an interaction this bot can read: answered with 400. */
export class BadInteraction extends Error {}

const snowflake = z.string().regex(/^\d{1,20}$/);
const user = z.object({ id: snowflake, username: z.string().optional(), global_name: z.string().nullish() });
const option: z.ZodType<OptionLike & { focused?: boolean }> = z.lazy(() =>
  z.object({ name: z.string(), value: z.unknown().optional(), focused: z.boolean().optional(), options: z.array(option).optional() }),
);
const payloadSchema = z.object({
  id: snowflake,
  application_id: snowflake,
  type: z.number().int(),
  token: z.string().min(1).max(500),
  guild_id: snowflake.optional(),
  channel_id: snowflake.optional(),
  user: user.optional(),
  member: z.object({ user, nick: z.string().nullish(), permissions: z.string().regex(/^\d+$/).optional() }).optional(),
  app_permissions: z.string().regex(/^\d+$/).optional(),
  channel: z.object({ type: z.number().int(), name: z.string().optional() }).optional(),
  data: z
    .object({
      name: z.string().optional(),
      type: z.number().int().optional(),
      options: z.array(option).optional(),
      custom_id: z.string().optional(),
      component_type: z.number().int().optional(),
      resolved: z.object({ channels: z.record(z.string(), z.object({ permissions: z.string().regex(/^\d+$/).optional() })).optional() }).optional(),
    })
    .optional(),
});
type Payload = z.output<typeof payloadSchema>;

const body = (m: DiscordMessage, withFlags: boolean) => ({
  content: m.content ?? '',
  embeds: m.embeds,
  components: m.components,
  allowed_mentions: m.allowedMentions,
  ...(withFlags && m.flags ? { flags: m.flags } : {}),
});

/** What a piece of work answers: a new message, or (for paging) the message the button is on. */
interface Outcome {
  message: DiscordMessage;
  update?: boolean;
  /** What to do once the answer is out (open a thread under it). */
  after?: () => Promise<void>;
}

export interface HttpInteractionHandler {
  /** The first answer to a verified payload: the HTTP response body. Throws BadInteraction for unreadable ones. */
  handle(raw: unknown): Promise<APIInteractionResponse>;
  /** Waits for follow-ups still under way (on shutdown). */
  settle(): Promise<void>;
}

export function createHttpInteractionHandler(deps: HttpInteractionDeps): HttpInteractionHandler {
  const rest = new REST({ api: deps.apiUrl, version: '10' });
  const bot = deps.token ? new REST({ api: deps.apiUrl, version: '10' }).setToken(deps.token) : undefined;
  const pending = new Set<Promise<unknown>>();
  const track = (p: Promise<unknown>) => {
    pending.add(p);
    void p.finally(() => pending.delete(p));
  };

  const who = (p: Payload) => p.member?.user ?? p.user;
  const here = (p: Payload): DailyChannel => ({ platform: 'discord', channelId: p.channel_id ?? who(p)!.id, workspaceId: p.guild_id });

  /** Permissions Discord computed for the person: in this channel, or in a channel an option names. */
  const personMay = (p: Payload, channelId: string, flag: bigint): boolean => {
    const perms = channelId === p.channel_id ? p.member?.permissions : p.data?.resolved?.channels?.[channelId]?.permissions;
    return perms !== undefined && (BigInt(perms) & flag) === flag;
  };

  const context = (p: Payload): CommandContext => {
    const u = who(p)!;
    return {
      library: deps.library(),
      now: deps.now?.() ?? new Date(),
      random: deps.random ?? Math.random,
      // The same keys as the gateway path: a bot moved between the modes keeps its channels' state.
      channelKey: `discord:${p.guild_id ?? 'dm'}:${p.channel_id ?? u.id}`,
      userName: p.member?.nick ?? u.global_name ?? u.username,
      userId: u.id,
      here: here(p),
      daily: deps.daily,
      plans: deps.plans,
      promptWriter: deps.promptWriter,
      defaultTimezone: deps.defaultTimezone,
      ...(p.type === 2
        ? {
            mayManage: async (channelId: string) => Boolean(p.guild_id) && personMay(p, channelId, PermissionFlagsBits.ManageChannels),
            checkChannel: async (channelId: string) => whyCannotPost(p, channelId),
          }
        : {}),
    };
  };

  const webhook = (p: Payload) => ({
    original: Routes.webhookMessage(deps.appId, p.token, '@original'),
    followup: Routes.webhook(deps.appId, p.token),
  });

  /** After a deferral: the answer goes out through the interaction's webhook. */
  async function deliverLate(p: Payload, deferred: 5 | 6, publicHint: boolean, { message, update }: Outcome): Promise<void> {
    const hook = webhook(p);
    const ephemeral = message.flags === MessageFlags.Ephemeral;
    if (deferred === 6 ? !update : ephemeral && publicHint) {
      // A public "thinking…" cannot become private, and a button's update cannot become a reply.
      if (deferred === 5) await rest.delete(hook.original, { auth: false }).catch(() => undefined);
      await rest.post(hook.followup, { body: body(message, true), auth: false });
    } else {
      await rest.patch(hook.original, { body: body(message, false), auth: false });
    }
  }

  /** Answers in the HTTP response when the work is quick; otherwise defers and follows up. */
  function respond(p: Payload, deferred: 5 | 6, publicHint: boolean, work: () => Promise<Outcome>): Promise<APIInteractionResponse> {
    return new Promise((resolve) => {
      let late = false;
      const defer = () => {
        late = true;
        resolve(deferred === 6 ? { type: 6 } : { type: 5, ...(publicHint ? {} : { data: { flags: MessageFlags.Ephemeral } }) });
      };
      const wait = deps.deferAfterMs ?? DEFER_AFTER_MS;
      if (wait <= 0) defer();
      const timer = wait > 0 ? setTimeout(defer, wait) : undefined;
      const done = work().then(
        async (outcome) => {
          clearTimeout(timer);
          if (!late) {
            resolve(outcome.update ? { type: 7, data: body(outcome.message, false) } : { type: 4, data: body(outcome.message, true) });
          } else {
            const sent = await deliverLate(p, deferred, publicHint, outcome).then(
              () => true,
              (e: unknown) => {
                log.error(DISCORD_HTTP_FOLLOWUP_FAILED, { interaction: p.id, error: errorMessage(e) });
                return false;
              },
            );
            if (!sent) return;
          }
          await outcome.after?.();
        },
        async (e: unknown) => {
          clearTimeout(timer);
          if (isUserError(e)) log.info(DISCORD_INTERACTION_REFUSED, { kind: p.type, code: e.code });
          else log.error(DISCORD_INTERACTION_FAILED, { kind: p.type, error: errorMessage(e) });
          const apology = privateError(isUserError(e) ? e.message : SORRY);
          if (!late) resolve({ type: 4, data: body(apology, true) });
          else await rest.post(webhook(p).followup, { body: body(apology, true), auth: false }).catch(() => undefined);
        },
      );
      track(done);
    });
  }

  async function command(p: Payload): Promise<APIInteractionResponse> {
    const name = p.data?.name;
    if (!name || (p.data?.type ?? 1) !== 1) {
      return { type: 4, data: body(privateError('This bot only answers its slash commands.'), true) };
    }
    const options = toOptions(p.data?.options ?? []);
    const isPublic = expectedVisibility(name, options) === 'public';
    return respond(p, 5, isPublic, async () => {
      const reply = await runCommand(context(p), name, options);
      // A reply whose command declares a thread gets one under it, or a note saying why not.
      const blocked = reply.follow === 'thread' ? whyNoThread(p) : undefined;
      if (blocked) reply.notes.push(`No discussion thread: ${blocked}`);
      const message = renderDiscord(reply, who(p)!.id);
      return { message, after: reply.follow === 'thread' && !blocked ? () => openThread(p, message) : undefined };
    });
  }

  /**
   * Whether the bot can post daily excerpts there, from the permissions Discord sends with the
   * command: known only for the channel it is typed in.
   */
  function whyCannotPost(p: Payload, channelId: string): string | undefined {
    if (!bot) return NO_DAILY_WITHOUT_TOKEN;
    if (!p.guild_id) return 'daily posts work in server channels.';
    if (channelId !== p.channel_id) return 'over HTTP interactions I can check only the channel a command is typed in; type it in that channel itself.';
    const name = p.channel?.name ?? 'this channel';
    const type = p.channel?.type;
    if (type !== ChannelType.GuildText && type !== ChannelType.GuildAnnouncement) return `#${name} is not a text channel.`;
    const perms = BigInt(p.app_permissions ?? 0);
    if (perms & PermissionFlagsBits.Administrator) return undefined;
    const missing = POSTING_NEEDS.filter(([, bit]) => (perms & bit) !== bit).map(([label]) => label);
    if (missing.length) return `I am missing ${missing.join(', ')} in #${name}. Give me those permissions there and subscribe again.`;
    return undefined;
  }

  function whyNoThread(p: Payload): string | undefined {
    return threadBlocker(Boolean(p.guild_id), p.channel?.type, BigInt(p.app_permissions ?? 0)) ?? (bot ? undefined : NO_THREAD_WITHOUT_TOKEN);
  }

  /**
   * The answer Discord made of our HTTP response. It may not exist the instant the response leaves,
   * so a 404 is asked again a few times, each wait longer.
   */
  async function originalMessage(p: Payload): Promise<{ id: string; channel_id: string }> {
    for (let attempt = 0; ; attempt++) {
      try {
        return (await rest.get(webhook(p).original, { auth: false })) as { id: string; channel_id: string };
      } catch (e) {
        if (!(e instanceof DiscordAPIError && e.status === 404) || attempt >= 3) throw e;
        await new Promise((resolve) => setTimeout(resolve, 250 * 2 ** attempt));
      }
    }
  }

  /** Opens a thread under the answer, which Discord holds once our response is out. */
  async function openThread(p: Payload, message: DiscordMessage): Promise<void> {
    try {
      const original = await originalMessage(p);
      await bot!.post(Routes.threads(original.channel_id, original.id), { body: { name: threadTitle(message.content ?? ''), auto_archive_duration: 1440 } });
    } catch (e) {
      log.warn(DISCORD_THREAD_FAILED, { channel: p.channel_id, error: errorMessage(e) });
      const note = privateError('I posted the prompt but could not open a thread for it (Discord refused). Reply in the channel instead.');
      await rest.post(webhook(p).followup, { body: body(note, true), auth: false }).catch(() => undefined);
    }
  }

  async function component(p: Payload): Promise<APIInteractionResponse> {
    const userId = who(p)!.id;
    const decoded = pressed(deps.library(), p.data?.custom_id ?? '', userId);
    if ('refusal' in decoded) return { type: 4, data: body(privateError(decoded.refusal), true) };
    const { action, owner } = decoded;
    if (action.kind === 'more') {
      // Paging rewrites the message the button is on; an error is the presser's alone.
      return respond(p, 6, false, async () => {
        const reply = await runAction(context(p), action);
        return reply.kind === 'error' ? { message: renderDiscord(reply) } : { message: renderDiscord(reply, owner ?? userId), update: true };
      });
    }
    return respond(p, 5, actionVisibility(action) === 'public', async () => ({ message: renderDiscord(await runAction(context(p), action), userId) }));
  }

  async function autocomplete(p: Payload): Promise<APIInteractionResponse> {
    const focusedOf = (list: readonly (OptionLike & { focused?: boolean })[]): OptionLike | undefined =>
      list.find((o) => o.focused) ?? list.map((o) => focusedOf(o.options ?? [])).find(Boolean);
    const focused = focusedOf(p.data?.options ?? []);
    try {
      const choices = focused
        ? await autocompleteChoices(deps, p.data?.name ?? '', { name: focused.name, value: focused.value }, toOptions(p.data?.options ?? []), here(p))
        : [];
      return { type: 8, data: { choices } };
    } catch (e) {
      // Typing goes on: an empty list now, and the next keystroke asks again.
      log.warn(DISCORD_INTERACTION_FAILED, { kind: p.type, error: errorMessage(e) });
      return { type: 8, data: { choices: [] } };
    }
  }

  return {
    async handle(raw) {
      const parsed = payloadSchema.safeParse(raw);
      if (!parsed.success) throw new BadInteraction('not an interaction payload');
      const p = parsed.data;
      if (p.type === 1) return { type: 1 };
      if (p.application_id !== deps.appId) throw new BadInteraction('interaction for another application');
      if (!who(p)) throw new BadInteraction('interaction without a user');
      const started = performance.now();
      let answer: APIInteractionResponse;
      try {
        if (p.type === 2) answer = await command(p);
        else if (p.type === 3 && p.data?.component_type === 2) answer = await component(p);
        else if (p.type === 4) answer = await autocomplete(p);
        else answer = { type: 4, data: body(privateError('This bot does not answer that kind of interaction.'), true) };
      } catch (e) {
        // Before any work started (a library still loading, say): the person hears why, privately.
        if (isUserError(e)) log.info(DISCORD_INTERACTION_REFUSED, { kind: p.type, code: e.code });
        else log.error(DISCORD_INTERACTION_FAILED, { kind: p.type, error: errorMessage(e) });
        answer = { type: 4, data: body(privateError(isUserError(e) ? e.message : SORRY), true) };
      }
      log.info(DISCORD_HTTP_INTERACTION, { kind: p.type, name: p.data?.name, response: answer.type, ms: Math.round(performance.now() - started) });
      return answer;
    },
    async settle() {
      while (pending.size) await Promise.allSettled([...pending]);
    },
  };
}
