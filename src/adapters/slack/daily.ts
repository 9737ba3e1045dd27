// Daily posts on Slack: who may change a channel's subscription (workspace admins and owners, or
// ADMIN_USER_IDS), whether the bot can post there, and the poster the scheduler calls.
import type { WebClient } from '@slack/web-api';
import type { Library } from '../../core/library.js';
import { postExcerpt } from '../../scheduler/excerpt.js';
import { PostError, type Poster } from '../../scheduler/poster.js';
import type { Subscription } from '../../store/types.js';
import { renderSlack } from './render.js';

const slackError = (e: unknown): string | undefined => (e as { data?: { error?: string } }).data?.error;

export async function mayManage(client: WebClient, userId: string, adminIds: ReadonlySet<string>): Promise<boolean> {
  if (adminIds.has(userId)) return true;
  try {
    const { user } = await client.users.info({ user: userId });
    return Boolean(user?.is_admin || user?.is_owner);
  } catch {
    return false;
  }
}

/** Why the bot could not post in a channel, or undefined if it can. */
export async function whyCannotPost(client: WebClient, channelId: string): Promise<string | undefined> {
  try {
    const { channel } = await client.conversations.info({ channel: channelId });
    if (!channel) return 'I cannot find that channel.';
    if (channel.is_archived) return 'that channel is archived.';
    if (channel.is_private && !channel.is_member) return 'it is a private channel I am not in. Invite me with /invite first.';
    return undefined;
  } catch (e) {
    return slackError(e) === 'channel_not_found' ? 'I cannot see that channel (if it is private, /invite me first).' : 'Slack would not tell me about that channel.';
  }
}

export function slackPoster(client: WebClient, library: () => Library, clock: () => Date = () => new Date()): Poster {
  return {
    async post(sub: Subscription, passageId: string) {
      const message = renderSlack(postExcerpt(library(), sub, passageId, clock()));
      try {
        const res = await client.chat.postMessage({ channel: sub.channelId, text: message.text, blocks: message.blocks as never, unfurl_links: false });
        return { messageId: String(res.ts) };
      } catch (e) {
        const code = slackError(e);
        switch (code) {
          case 'channel_not_found':
            throw new PostError('The channel no longer exists, or I cannot see it.', { code: 'channel_not_found', permanent: true });
          case 'is_archived':
            throw new PostError('The channel is archived.', { code: 'channel_archived', permanent: true });
          case 'not_in_channel':
            throw new PostError('I am not in that channel any more; /invite me back.', { code: 'missing_permission', permanent: true });
          case 'account_inactive':
          case 'invalid_auth':
          case 'token_revoked':
            throw new PostError('The bot was removed from the workspace.', { code: 'bot_removed', permanent: true });
        }
        throw new PostError(`Slack refused the message (${code ?? (e instanceof Error ? e.message : 'unknown')}).`, { code: 'platform_error' });
      }
    },
  };
}
