// When to try a failed daily post again. Pure.
import { localDate } from './time.js';

/** Waits after the 1st, 2nd and 3rd failed attempt; after the 4th, give up for that day. */
export const DEFAULT_RETRY_DELAYS_MS: readonly number[] = [60_000, 5 * 60_000, 30 * 60_000];

/**
 * The instant of the next attempt after `attempts` failed ones, or undefined to give up: on a
 * permanent error, when the delays are used up, or when the retry would fall on another local day.
 */
export function retryAt(opts: {
  attempts: number;
  permanent: boolean;
  retryAfterMs?: number;
  now: Date;
  localDate: string;
  timezone: string;
  delaysMs?: readonly number[];
}): Date | undefined {
  if (opts.permanent) return undefined;
  const delays = opts.delaysMs ?? DEFAULT_RETRY_DELAYS_MS;
  const delay = delays[opts.attempts - 1];
  if (delay === undefined) return undefined;
  const at = new Date(opts.now.getTime() + Math.max(delay, opts.retryAfterMs ?? 0));
  return localDate(at, opts.timezone) === opts.localDate ? at : undefined;
}
