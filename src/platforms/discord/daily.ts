// Daily posts on Discord: who may change a channel's subscription, whether the bot can post
// there, and the poster the scheduler calls. Discord's nonce only dedupes for a few minutes, so
// each post also ends its embed footer with a short marker naming its date, and a retry looks for
// the bot's own marked message in the channel's history before posting again.
import { createHash } from 'node:crypto';
import {
  ChannelType,
  DiscordAPIError,
  PermissionFlagsBits,
  Routes,
  SnowflakeUtil,
  type APIEmbed,
  type APIMessage,
  type ChatInputCommandInteraction,
  type Client,
  type GuildMember,
  type REST,
} from 'discord.js';
import type { Reply } from '../../bot/reply.js';
import type { Library } from '../../core/library/library.js';
import { log } from '../../core/log.js';
import { postExcerpt } from '../../scheduler/excerpt.js';
import { HISTORY_MAX_PAGES, HISTORY_SKEW_MS, PostError, type PostMark, type Poster } from '../../scheduler/poster.js';
import type { Subscription } from '../../store/types.js';
import { renderDiscord } from './render.js';
import { errorMessage } from '../../core/errors.js';

export const NEEDED = PermissionFlagsBits.ViewChannel | PermissionFlagsBits.SendMessages | PermissionFlagsBits.EmbedLinks;

/** Manage Channels in that channel, checked at run time (the command's default permission is not enough). */
export async function mayManage(i: ChatInputCommandInteraction, channelId: string): Promise<boolean> {
  if (!i.inCachedGuild()) return false;
  const channel = i.guild.channels.cache.get(channelId);
  const member = i.member as GuildMember;
  return Boolean(channel && channel.permissionsFor(member).has(PermissionFlagsBits.ManageChannels));
}

/** Why the bot could not post its daily excerpt in a channel, or undefined if it can. */
export function whyCannotPost(i: ChatInputCommandInteraction, channelId: string): string | undefined {
  if (!i.inCachedGuild()) return 'daily posts work in server channels.';
  const channel = i.guild.channels.cache.get(channelId);
  if (!channel) return 'I cannot see that channel.';
  if (channel.type !== ChannelType.GuildText && channel.type !== ChannelType.GuildAnnouncement) return `#${channel.name} is not a text channel.`;
  const me = i.guild.members.me;
  const missing = me ? channel.permissionsFor(me).missing(NEEDED) : ['ViewChannel'];
  if (missing.length) return `I am missing ${missing.join(', ')} in #${channel.name}. Give me those permissions there and subscribe again.`;
  return undefined;
}

/** Discord nonces are at most 25 characters; ours are longer, so they travel as a hash. */
export const discordNonce = (nonce: string) => (nonce.length <= 25 ? nonce : createHash('sha256').update(nonce).digest('hex').slice(0, 25));

/** What posting needs from Discord: REST with the bot token, the bot's id, and what it knows of history access. */
export interface PostingAccess {
  rest: REST;
  botId: () => string | undefined;
  /** False when the bot surely lacks Read Message History there; undefined when it cannot tell. */
  canReadHistory: (channelId: string) => boolean | undefined;
}

export function discordPoster(client: Client, library: () => Library, clock: () => Date = () => new Date()): Poster {
  return restPoster(
    {
      rest: client.rest,
      botId: () => client.user?.id,
      canReadHistory: (channelId) => {
        const channel = client.channels.cache.get(channelId);
        const botId = client.user?.id;
        if (!botId || !channel || !('permissionsFor' in channel)) return undefined;
        return Boolean(channel.permissionsFor(botId)?.has(PermissionFlagsBits.ReadMessageHistory));
      },
    },
    library,
    clock,
  );
}

/** The poster over REST alone: the gateway bot's, and the HTTP interactions mode's (no gateway). */
export function restPoster(access: PostingAccess, library: () => Library, clock: () => Date = () => new Date()): Poster {
  return {
    async post(sub: Subscription, passageId: string, nonce: string, localDate: string, planned?: Reply) {
      const reply = planned ?? postExcerpt(library(), sub, passageId, clock());
      const message = renderDiscord(reply);
      let messageId: string;
      try {
        const sent = (await access.rest.post(Routes.channelMessages(sub.channelId), {
          body: {
            content: message.content,
            embeds: withMarker(message.embeds, localDate),
            components: message.components,
            allowed_mentions: { parse: [] },
            nonce: discordNonce(nonce),
            enforce_nonce: true,
          },
        })) as { id: string };
        messageId = sent.id;
      } catch (e) {
        throw toPostError(e);
      }
      // The post is out: a thread that cannot be opened is logged, never a reason to post again.
      if (reply.follow === 'thread') {
        try {
          await access.rest.post(Routes.threads(sub.channelId, messageId), { body: { name: threadName(reply), auto_archive_duration: 1440 } });
        } catch (e) {
          log.warn(DISCORD_DAILY_THREAD_FAILED, { channel: sub.channelId, error: errorMessage(e) });
        }
      }
      return { messageId };
    },

    async findPosted(sub: Subscription, mark: PostMark) {
      const botId = access.botId();
      if (!botId) throw new PostError('The bot is not logged in to Discord yet.', { code: 'not_ready' });
      // Without Read Message History Discord answers an empty list, which would read as "not posted".
      if (access.canReadHistory(sub.channelId) === false) {
        throw new PostError('I am missing Read Message History in that channel, so I cannot check for an earlier post.', { code: 'history_unavailable', permanent: true });
      }
      const marker = dailyMarker(mark.localDate);
      let after = SnowflakeUtil.generate({ timestamp: Math.max(0, mark.since.getTime() - HISTORY_SKEW_MS) }).toString();
      for (let page = 0; page < HISTORY_MAX_PAGES; page++) {
        let list: APIMessage[];
        try {
          list = (await access.rest.get(Routes.channelMessages(sub.channelId), { query: new URLSearchParams({ after, limit: '100' }) })) as APIMessage[];
        } catch (e) {
          throw historyError(e);
        }
        const mine = list.find((m) => m.author?.id === botId && !m.interaction_metadata && !m.interaction && m.embeds?.[0]?.footer?.text?.endsWith(marker));
        if (mine) return { messageId: mine.id };
        if (list.length < 100) return undefined;
        after = list.reduce((max, m) => (BigInt(m.id) > BigInt(max) ? m.id : max), after);
      }
      return undefined;
    },
  };
}

/** Logged when a daily post went out but Discord would not open its discussion thread. */
export const DISCORD_DAILY_THREAD_FAILED = 'discord_daily_thread_failed';

/** Thread names are plain text of at most 100 characters. */
const threadName = (reply: Reply) => {
  const name = (reply.title ?? 'Discussion').replace(/\s+/g, ' ').trim() || 'Discussion';
  return name.length > 100 ? `${name.slice(0, 99)}…` : name;
};

/** The end of a daily post's footer: says which day's post it is, and lets a retry recognise it. */
export const dailyMarker = (localDate: string) => `daily ${localDate}`;

const FOOTER_MAX = 2048;
const EMBEDS_TOTAL_MAX = 6000;

function withMarker(embeds: APIEmbed[], localDate: string): APIEmbed[] {
  const [first, ...rest] = embeds;
  if (!first) return embeds;
  const marker = dailyMarker(localDate);
  const size = (e: APIEmbed) => (e.title?.length ?? 0) + (e.description?.length ?? 0) + (e.footer?.text.length ?? 0) + (e.fields ?? []).reduce((n, f) => n + f.name.length + f.value.length, 0);
  const others = rest.reduce((n, e) => n + size(e), 0);
  const text = first.footer?.text ?? '';
  // The marker must survive whole; the attribution gives way when the limits are reached.
  const room = Math.min(FOOTER_MAX, EMBEDS_TOTAL_MAX - others - size({ ...first, footer: undefined })) - marker.length - 3;
  const head = text.length > room ? `${text.slice(0, Math.max(0, room - 1))}…` : text;
  return [{ ...first, footer: { ...first.footer, text: head ? `${head} · ${marker}` : marker } }, ...rest];
}

function historyError(e: unknown): PostError {
  if (e instanceof DiscordAPIError && (e.code === 10003 || e.code === 50001 || e.code === 50013)) {
    return new PostError(`Discord will not show me the channel's history (${e.code}).`, { code: 'history_unavailable', permanent: true });
  }
  return new PostError(`Discord did not return the channel's history (${errorMessage(e)}).`, { code: 'platform_error' });
}

function toPostError(e: unknown): PostError {
  if (e instanceof DiscordAPIError) {
    switch (e.code) {
      case 10003:
        return new PostError('The channel no longer exists.', { code: 'channel_not_found', permanent: true });
      case 10004:
        return new PostError('The bot is no longer in that server.', { code: 'bot_removed', permanent: true });
      case 50001:
      case 50013:
        return new PostError('The bot is missing permission to post there (View Channel, Send Messages, Embed Links).', { code: 'missing_permission', permanent: true });
    }
    return new PostError(`Discord refused the message (${e.code}).`, { code: 'platform_error' });
  }
  return new PostError(errorMessage(e), { code: 'unknown' });
}
