// Daily posts on Discord: who may change a channel's subscription, whether the bot can post
// there, and the poster the scheduler calls (with Discord's own nonce deduplication).
import { createHash } from 'node:crypto';
import {
  ChannelType,
  DiscordAPIError,
  PermissionFlagsBits,
  Routes,
  type ChatInputCommandInteraction,
  type Client,
  type GuildMember,
} from 'discord.js';
import type { Library } from '../../core/library.js';
import { postExcerpt } from '../../scheduler/excerpt.js';
import { PostError, type Poster } from '../../scheduler/poster.js';
import type { Subscription } from '../../store/types.js';
import { renderDiscord } from './render.js';

const NEEDED = PermissionFlagsBits.ViewChannel | PermissionFlagsBits.SendMessages | PermissionFlagsBits.EmbedLinks;

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

export function discordPoster(client: Client, library: () => Library, clock: () => Date = () => new Date()): Poster {
  return {
    async post(sub: Subscription, passageId: string, nonce: string) {
      const reply = postExcerpt(library(), sub, passageId, clock());
      const message = renderDiscord(reply);
      try {
        const sent = (await client.rest.post(Routes.channelMessages(sub.channelId), {
          body: {
            content: message.content,
            embeds: message.embeds,
            components: message.components,
            allowed_mentions: { parse: [] },
            nonce: discordNonce(nonce),
            enforce_nonce: true,
          },
        })) as { id: string };
        return { messageId: sent.id };
      } catch (e) {
        throw toPostError(e);
      }
    },
  };
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
  return new PostError(e instanceof Error ? e.message : String(e), { code: 'unknown' });
}
