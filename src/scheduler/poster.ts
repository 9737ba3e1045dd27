// What the scheduler needs from a chat platform: post one passage to one channel. Adapters
// implement it; tests fake it.
import { createHash } from 'node:crypto';
import type { Reply } from '../bot/reply.js';
import type { Subscription } from '../store/index.js';
import { errorMessage } from '../core/errors.js';

export interface Poster {
  /**
   * Posts the passage to the subscription's channel and returns the platform's message id.
   * `nonce` is the same for every attempt at one channel's post on one local date: pass it to
   * the platform (Discord: `nonce` with `enforce_nonce: true`) so a retry after a crash that
   * happened after the platform accepted the message is dropped as a duplicate.
   * Throws PostError on failure (anything else is treated as a transient 'unknown' error).
   * `reply`, when given, is what to post instead of the passage's excerpt (a reading plan's day);
   * a reply that declares a thread gets one under it where the platform has threads.
   */
  post(sub: Subscription, passageId: string, nonce: string, localDate: string, reply?: Reply): Promise<{ messageId: string }>;
  /**
   * Looks in the channel's recent history (messages since `mark.since`, a bounded number of
   * pages) for a post this bot made for `mark`, which `post` marks in a way the platform keeps
   * (Slack message metadata, a Discord embed footer). The scheduler asks before retrying a claim
   * that may already have reached the platform, because only the platform knows whether it did.
   * Throws PostError when the history cannot be read.
   */
  findPosted?(sub: Subscription, mark: PostMark): Promise<{ messageId: string } | undefined>;
}

/** What identifies one channel's daily post: its local date and nonce, and when it was first attempted. */
export interface PostMark {
  localDate: string;
  nonce: string;
  /** When the first attempt started: the history before it cannot hold the post. */
  since: Date;
}

/** Slack message metadata event type that marks a daily post (its payload carries the key). */
export const DAILY_POST_EVENT_TYPE = 'reading_daily_post';

/**
 * How far before the first attempt the history is searched, for clocks that disagree with the
 * platform's (the message's time is the platform's, `since` is ours).
 */
export const HISTORY_SKEW_MS = 5 * 60_000;

/** How many pages of history a retry reads at most, so a busy channel cannot stall the loop. */
export const HISTORY_MAX_PAGES = 5;

/** Well-known failure codes; adapters may use others. */
export type PostErrorCode =
  | 'missing_permission'
  | 'channel_not_found'
  | 'channel_archived'
  | 'bot_removed'
  | 'rate_limited'
  | 'timeout'
  | 'platform_error'
  | 'unknown'
  | (string & {});

export class PostError extends Error {
  readonly code: PostErrorCode;
  /** True when retrying today cannot help (channel deleted, bot removed from the workspace). */
  readonly permanent: boolean;
  /** The platform's own "retry after" hint (rate limits), if it gave one. */
  readonly retryAfterMs?: number;

  constructor(message: string, opts: { code: PostErrorCode; permanent?: boolean; retryAfterMs?: number }) {
    super(message);
    this.name = 'PostError';
    this.code = opts.code;
    this.permanent = opts.permanent ?? false;
    if (opts.retryAfterMs !== undefined) this.retryAfterMs = opts.retryAfterMs;
  }
}

export const isPostError = (e: unknown): e is PostError => e instanceof PostError;

/** Any thrown value as a PostError (unknown errors are transient). */
export function toPostError(e: unknown): PostError {
  if (isPostError(e)) return e;
  const message = errorMessage(e);
  return new PostError(message, { code: 'unknown', permanent: false });
}

/** Discord allows nonces of up to 25 characters. */
export const NONCE_LENGTH = 25;

/** The deterministic nonce for one channel's post on one local date. */
export function postNonce(platform: string, channelId: string, localDate: string): string {
  return createHash('sha256').update(`daily\u0000${platform}\u0000${channelId}\u0000${localDate}`).digest('hex').slice(0, NONCE_LENGTH);
}
