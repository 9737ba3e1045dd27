// Daily posts on Slack: who may change a channel's subscription (workspace admins and owners, or
// ADMIN_USER_IDS), whether the bot can post there, and the poster the scheduler calls. Slack has
// no nonce, so each post carries message metadata naming its channel and date, and a retry looks
// for it in the channel's history before posting again.
import type { WebClient } from '@slack/web-api';
import type { Reply } from '../../bot/reply.js';
import type { Library } from '../../core/library/library.js';
import { errorMessage } from '../../core/errors.js';
import { log } from '../../core/log.js';
import { postExcerpt } from '../../scheduler/excerpt.js';
import { DAILY_POST_EVENT_TYPE, HISTORY_MAX_PAGES, HISTORY_SKEW_MS, PostError, type PostMark, type Poster } from '../../scheduler/poster.js';
import type { Subscription } from '../../store/types.js';
import { renderSlack } from './render.js';

const slackError = (e: unknown): string | undefined => (e as { data?: { error?: string } }).data?.error;

/** Logged when a daily post went out but its discussion thread could not be started. */
export const SLACK_DAILY_THREAD_FAILED = 'slack_daily_thread_failed';

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
    async post(sub: Subscription, passageId: string, nonce: string, localDate: string, planned?: Reply) {
      const reply = planned ?? postExcerpt(library(), sub, passageId, clock());
      const message = renderSlack(reply);
      let ts: string;
      try {
        const res = await client.chat.postMessage({
          channel: sub.channelId,
          text: message.text,
          blocks: message.blocks as never,
          unfurl_links: false,
          metadata: { event_type: DAILY_POST_EVENT_TYPE, event_payload: { channel: sub.channelId, local_date: localDate, nonce } },
        });
        ts = String(res.ts);
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
      // A thread on Slack is a reply under the post; the post is out even if this fails.
      if (reply.follow === 'thread') {
        await client.chat
          .postMessage({ channel: sub.channelId, thread_ts: ts, text: 'Reply in this thread to discuss.' })
          .catch((e: unknown) => log.warn(SLACK_DAILY_THREAD_FAILED, { channel: sub.channelId, error: errorMessage(e) }));
      }
      return { messageId: ts };
    },

    async findPosted(sub: Subscription, mark: PostMark) {
      const oldest = ((mark.since.getTime() - HISTORY_SKEW_MS) / 1000).toFixed(6);
      let cursor: string | undefined;
      for (let page = 0; page < HISTORY_MAX_PAGES; page++) {
        let res;
        try {
          res = await client.conversations.history({ channel: sub.channelId, oldest, limit: 200, include_all_metadata: true, ...(cursor ? { cursor } : {}) });
        } catch (e) {
          throw historyError(e);
        }
        const mine = res.messages?.find((m) => isDailyPost(m.metadata, mark));
        if (mine?.ts) return { messageId: String(mine.ts) };
        cursor = res.response_metadata?.next_cursor;
        if (!res.has_more || !cursor) return undefined;
      }
      return undefined;
    },
  };
}

function isDailyPost(metadata: { event_type?: string; event_payload?: unknown } | undefined, mark: PostMark): boolean {
  if (metadata?.event_type !== DAILY_POST_EVENT_TYPE) return false;
  const payload = metadata.event_payload as { local_date?: unknown; nonce?: unknown } | undefined;
  return payload?.local_date === mark.localDate && payload?.nonce === mark.nonce;
}

/** Reading history can fail for good (a scope the app lacks, a channel gone) or for now (anything else). */
function historyError(e: unknown): PostError {
  const code = slackError(e);
  if (code === 'missing_scope') {
    const needed = (e as { data?: { needed?: string } }).data?.needed ?? 'channels:history, groups:history';
    return new PostError(`Slack will not show me the channel's history (add the ${needed} scope to the app), so I cannot check for an earlier post.`, { code: 'history_unavailable', permanent: true });
  }
  if (code === 'channel_not_found' || code === 'not_in_channel' || code === 'invalid_auth' || code === 'token_revoked' || code === 'account_inactive') {
    return new PostError(`Slack will not show me the channel's history (${code}).`, { code: 'history_unavailable', permanent: true });
  }
  return new PostError(`Slack did not return the channel's history (${code ?? (e instanceof Error ? e.message : 'unknown')}).`, { code: 'platform_error' });
}
