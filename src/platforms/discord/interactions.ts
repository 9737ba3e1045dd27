// Discord interactions -> the core's commands and actions -> rendered replies. No search logic
// here: only mapping options in, replies out, and Discord's rules on timing and visibility.
import {
  ChannelType,
  MessageFlags,
  PermissionFlagsBits,
  type AutocompleteInteraction,
  type ButtonInteraction,
  type ChatInputCommandInteraction,
  type Interaction,
  type InteractionEditReplyOptions,
  type InteractionReplyOptions,
} from 'discord.js';
import { actionVisibility, asksAhead, expectedVisibility, findCommand, runAction, runCommand } from '../../../commands/index.js';
import { decodeAction } from '../../bot/actions.js';
import { errorMessage, isUserError } from '../../core/errors.js';
import { timezoneChoices } from '../../bot/timezones.js';
import type { CommandContext } from '../../bot/command.js';
import type { Action } from '../../bot/reply.js';
import type { DailyChannel, DailyService } from '../../bot/daily.js';
import type { PlanService } from '../../bot/plan.js';
import type { PromptWriter } from '../../bot/prompt-writer.js';
import type { Library } from '../../core/library/library.js';
import { log } from '../../core/log.js';
import { shorten as fit } from '../../core/search/text.js';
import { mayManage, whyCannotPost } from './daily.js';
import { privateError, renderDiscord, type DiscordMessage } from './render.js';

/** An interaction failed on our side (not a user's mistake). */
export const DISCORD_INTERACTION_FAILED = 'discord_interaction_failed';
/** A person's command was turned away with a reason they were shown (a library still loading, say). */
export const DISCORD_INTERACTION_REFUSED = 'discord_interaction_refused';
/** A thread under a prompt could not be opened (logged; the asker is told privately). */
export const DISCORD_THREAD_FAILED = 'discord_thread_failed';

export interface InteractionDeps {
  /** The current library (a getter, so a rebuilt index can be swapped in). */
  library: () => Library;
  now?: () => Date;
  random?: () => number;
  /** How long an answer may take before we defer (default DEFER_AFTER_MS). */
  deferAfterMs?: number;
  /** Daily subscriptions, when the bot has a database. */
  daily?: DailyService;
  /** Reading plans: how far each channel has read (spoiler limits). */
  plans?: PlanService;
  /** Discussion questions from a language model, when one is configured. */
  promptWriter?: PromptWriter;
  /** DAILY_TIMEZONE. */
  defaultTimezone?: string;
}

/** Defer if an answer is not ready by then: Discord drops interactions not answered in 3 s. */
export const DEFER_AFTER_MS = 1500;
const SORRY = 'Sorry, something went wrong on my side. Please try again in a moment.';

/** An option as Discord sends it, raw (HTTP) or as discord.js holds it: subcommands nest theirs. */
export interface OptionLike {
  name: string;
  value?: unknown;
  options?: readonly OptionLike[];
}

/** Options by name, the subcommand (if any) under `subcommand`: what runCommand takes. */
export function toOptions(data: readonly OptionLike[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const o of data) {
    if (o.options) {
      out.subcommand = o.name;
      Object.assign(out, toOptions(o.options));
    } else if (o.value !== undefined) {
      out[o.name] = o.value;
    }
  }
  return out;
}

const payload = (m: DiscordMessage): InteractionReplyOptions & InteractionEditReplyOptions => ({
  content: m.content ?? '',
  embeds: m.embeds,
  components: m.components,
  allowedMentions: m.allowedMentions,
});

/** The channel an interaction came from, as daily posts and reading plans name it. */
const here = (i: Interaction): DailyChannel => ({ platform: 'discord', channelId: i.channelId ?? i.user.id, workspaceId: i.guildId ?? undefined });

export function createInteractionHandler(deps: InteractionDeps): (interaction: Interaction) => Promise<void> {
  const context = (i: Interaction): CommandContext => ({
    library: deps.library(),
    now: deps.now?.() ?? new Date(),
    random: deps.random ?? Math.random,
    channelKey: `discord:${i.guildId ?? 'dm'}:${i.channelId ?? i.user.id}`,
    // The name as text: renderers escape every note, so mention markup would show as typed.
    userName: (i.member && 'displayName' in i.member ? i.member.displayName : undefined) ?? i.user.displayName,
    userId: i.user.id,
    here: here(i),
    daily: deps.daily,
    plans: deps.plans,
    promptWriter: deps.promptWriter,
    defaultTimezone: deps.defaultTimezone,
    ...(i.isChatInputCommand()
      ? { mayManage: async (channelId: string) => mayManage(i, channelId), checkChannel: async (channelId: string) => whyCannotPost(i, channelId) }
      : {}),
  });

  /** Sends the reply, deferring first if the work is slow; private replies stay private. */
  async function answer(i: ChatInputCommandInteraction | ButtonInteraction, publicHint: boolean, work: () => Promise<DiscordMessage>): Promise<void> {
    // The deferral's outcome is kept, never left as a floating rejected promise.
    let deferral: Promise<Error | undefined> | undefined;
    const defer = () => {
      deferral = i.deferReply(publicHint ? {} : { flags: MessageFlags.Ephemeral }).then(
        () => undefined,
        (e: unknown) => (e instanceof Error ? e : new Error(String(e))),
      );
    };
    const wait = deps.deferAfterMs ?? DEFER_AFTER_MS;
    if (wait <= 0) defer();
    const timer = wait > 0 ? setTimeout(defer, wait) : undefined;
    let message: DiscordMessage;
    try {
      message = await work();
    } finally {
      clearTimeout(timer);
    }
    const ephemeral = message.flags === MessageFlags.Ephemeral;
    if (!deferral) {
      await i.reply({ ...payload(message), flags: ephemeral ? MessageFlags.Ephemeral : undefined });
      return;
    }
    const failed = await deferral;
    if (failed) throw failed;
    if (ephemeral && publicHint) {
      // A public "thinking…" cannot become private: replace it with a private follow-up.
      await i.deleteReply().catch(() => undefined);
      await i.followUp({ ...payload(message), flags: MessageFlags.Ephemeral });
    } else {
      await i.editReply(payload(message));
    }
  }

  async function chatInput(i: ChatInputCommandInteraction): Promise<void> {
    const options = toOptions(i.options.data);
    const isPublic = expectedVisibility(i.commandName, options) === 'public';
    // A reply whose command declares a thread gets one under it, or a note saying why not.
    let thread = false;
    let threadBlocked: string | undefined;
    await answer(i, isPublic, async () => {
      const reply = await runCommand(context(i), i.commandName, options);
      if (reply.follow === 'thread') {
        thread = true;
        threadBlocked = whyNoThread(i);
        if (threadBlocked) reply.notes.push(`No discussion thread: ${threadBlocked}`);
      }
      return renderDiscord(reply, i.user.id);
    });
    if (thread && threadBlocked === undefined && i.replied) await openThread(i);
  }

  function whyNoThread(i: ChatInputCommandInteraction): string | undefined {
    return threadBlocker(i.inGuild(), i.channel?.type, i.appPermissions.bitfield);
  }

  async function openThread(i: ChatInputCommandInteraction): Promise<void> {
    try {
      const message = await i.fetchReply();
      await message.startThread({ name: threadTitle(message.content), autoArchiveDuration: 1440 });
    } catch (e) {
      log.warn(DISCORD_THREAD_FAILED, { channel: i.channelId, error: errorMessage(e) });
      await i.followUp({ content: 'I posted the prompt but could not open a thread for it (Discord refused). Reply in the channel instead.', flags: MessageFlags.Ephemeral, allowedMentions: { parse: [] } });
    }
  }

  async function button(i: ButtonInteraction): Promise<void> {
    const decoded = pressed(deps.library(), i.customId, i.user.id);
    if ('refusal' in decoded) {
      await i.reply({ ...payload(privateError(decoded.refusal)), flags: MessageFlags.Ephemeral });
      return;
    }
    const { action } = decoded;
    if (action.kind === 'more') {
      const reply = await runAction(context(i), action);
      if (reply.kind === 'error') await i.reply({ ...payload(renderDiscord(reply)), flags: MessageFlags.Ephemeral });
      else await i.update(payload(renderDiscord(reply, decoded.owner ?? i.user.id)));
      return;
    }
    // Context answers privately; Share and Another post to the channel, unless Another looks ahead of the reading plan.
    await answer(i, actionVisibility(action) === 'public', async () => renderDiscord(await runAction(context(i), action), i.user.id));
  }

  async function autocomplete(i: AutocompleteInteraction): Promise<void> {
    const focused = i.options.getFocused(true);
    await i.respond(await autocompleteChoices(deps, i.commandName, { name: focused.name, value: focused.value }, toOptions(i.options.data), here(i)));
  }

  return async (interaction: Interaction) => {
    const started = performance.now();
    const kind = interaction.isChatInputCommand() ? 'command' : interaction.isButton() ? 'button' : interaction.isAutocomplete() ? 'autocomplete' : 'other';
    try {
      if (interaction.isChatInputCommand()) await chatInput(interaction);
      else if (interaction.isButton()) await button(interaction);
      else if (interaction.isAutocomplete()) await autocomplete(interaction);
      log.info('discord_interaction', { kind, name: 'commandName' in interaction ? interaction.commandName : undefined, ms: Math.round(performance.now() - started) });
    } catch (e) {
      if (isUserError(e)) log.info(DISCORD_INTERACTION_REFUSED, { kind, code: e.code });
      else log.error(DISCORD_INTERACTION_FAILED, { kind, error: errorMessage(e) });
      await apologise(interaction, isUserError(e) ? e.message : SORRY);
    }
  };
}

/** Why a thread cannot be opened under a prompt in this channel, or undefined if it can. */
export function threadBlocker(inGuild: boolean, channelType: number | undefined, appPermissions: bigint): string | undefined {
  if (!inGuild || (channelType !== ChannelType.GuildText && channelType !== ChannelType.GuildAnnouncement)) {
    return 'threads can only be opened in a server text channel.';
  }
  const needed = PermissionFlagsBits.CreatePublicThreads | PermissionFlagsBits.SendMessagesInThreads;
  const admin = (appPermissions & PermissionFlagsBits.Administrator) !== 0n;
  if (!admin && (appPermissions & needed) !== needed) return 'I need the Create Public Threads and Send Messages in Threads permissions here.';
  return undefined;
}

/** A thread's name from its prompt: plain text, the title without its bold and markdown escapes. */
export const threadTitle = (content: string): string => fit(content.replace(/\*\*/g, '').split('\n')[0]!.replace(/\\(.)/g, '$1') || 'Discussion', 100);

/** The action a pressed button carries, or why this person cannot use it. */
export function pressed(library: Library, customId: string, userId: string): { action: Action; owner?: string } | { refusal: string } {
  const decoded = decodeAction(customId, library.corpus);
  if (!decoded) return { refusal: 'This button no longer works: the library has changed since it was posted. Run the command again.' };
  if (decoded.owner && decoded.owner !== userId) {
    return { refusal: 'Only the person who ran this command can use these buttons. Run it yourself to get your own results.' };
  }
  return decoded;
}

/** The choices offered while an option is typed: sources, query words or zones, as the option declares. */
export async function autocompleteChoices(
  deps: Pick<InteractionDeps, 'library' | 'plans' | 'now'>,
  commandName: string,
  focused: { name: string; value: unknown },
  options: Record<string, unknown>,
  channel: DailyChannel,
): Promise<{ name: string; value: string }[]> {
  const library = deps.library();
  const command = findCommand(commandName);
  const spec = [...(command?.options ?? []), ...(command?.subcommands?.flatMap((s) => s.options) ?? [])].find((o) => o.name === focused.name);
  const value = String(focused.value ?? '');
  const named = (list: string[]) => list.map((s) => ({ name: s, value: s }));
  // Words only further on than the channel's reading plan are not offered, unless ahead:true is set.
  const limited = (spec?.autocomplete === 'query' || spec?.autocomplete === 'source') && !asksAhead(options);
  const reach = limited ? await deps.plans?.reach(channel, deps.now?.() ?? new Date()) : undefined;
  const choices =
    spec?.autocomplete === 'source'
      ? library.sourceChoices(value, undefined, reach)
      : spec?.autocomplete === 'query'
        ? named(library.querySuggestions(value, undefined, reach))
        : spec?.autocomplete === 'timezone'
          ? named(timezoneChoices(value))
          : [];
  return choices.slice(0, 25);
}

/** Never silence: whatever failed, the person gets a private note (if Discord still lets us). */
async function apologise(i: Interaction, text: string): Promise<void> {
  try {
    if (i.isAutocomplete()) {
      if (!i.responded) await i.respond([]);
      return;
    }
    if (!i.isRepliable()) return;
    const message = { content: text, flags: MessageFlags.Ephemeral, allowedMentions: { parse: [] } } as const;
    if (i.replied || i.deferred) await i.followUp(message);
    else await i.reply(message);
  } catch (e) {
    log.warn('discord_apology_failed', { error: errorMessage(e) });
  }
}

