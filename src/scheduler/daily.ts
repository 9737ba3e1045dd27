// The daily post loop. node-cron only *triggers* a check; every decision (is it due, who posts,
// what, when to retry) is made by `runDue(now)` from the database and pure time functions, so a
// trigger that fires twice, late, or not at all (node-cron skips times inside a spring-forward
// gap and missed beats) can neither double-post nor lose a day: a once-a-minute sweep catches
// anything a per-subscription trigger missed, and drives retries.
import { hostname } from 'node:os';
import { randomBytes } from 'node:crypto';
import nodeCron from 'node-cron';
import type { DaySet } from '../bot/days.js';
import type { Reply } from '../bot/reply.js';
import { log as coreLog } from '../core/log.js';
import { channelKey, type PlatformId, type PostRecord, type PostStatus, type Store, type Subscription } from '../store/index.js';
import { PostError, postNonce, toPostError, type Poster } from './poster.js';
import { DEFAULT_RETRY_DELAYS_MS, retryAt } from './retry.js';
import { cronExpression, formatLocal, isDue, localDate, nextPostTime, occurrenceOn } from './time.js';

export type Logger = Pick<typeof coreLog, 'debug' | 'info' | 'warn' | 'error'>;

/** Logged when a retry finds that an earlier attempt did post, and records that post instead. */
export const DAILY_POST_RECOVERED = 'daily_post_recovered';
/** Logged when a retry cannot read the channel's history and posts without knowing. */
export const DAILY_HISTORY_UNAVAILABLE = 'daily_history_unavailable';

/** The part of node-cron the scheduler uses (injectable so tests never wait for real ticks). */
export interface CronLike {
  schedule(expression: string, fn: () => unknown, options: { timezone?: string; name?: string; noOverlap?: boolean }): {
    destroy(): void | Promise<void>;
  };
}

/**
 * What a channel with a reading plan posts on a local date: nothing on a day that is not a reading
 * day, else the plan's reply (and the passage its post row records); undefined when the channel has
 * no plan running, so it gets the excerpt of the day.
 */
export type PlannedPosts = (
  channel: { platform: PlatformId; channelId: string },
  localDate: string,
) => Promise<{ kind: 'rest' } | { kind: 'post'; passageId?: string; reply: Reply } | undefined>;

/** Logged when a plan channel's posting day is not one of its reading days, so nothing is posted. */
export const DAILY_PLAN_REST = 'daily_plan_rest';

export interface DailySchedulerOptions {
  store: Store;
  poster: Poster;
  /** The passage ids the rotation may use, read at every pick (so a corpus reload takes effect). */
  eligibleIds: () => readonly string[];
  clock?: () => Date;
  random?: () => number;
  /** Minimum gap between two posts on one platform (default 1000 ms). */
  paceMs?: number;
  /** How pacing waits (default setTimeout); tests pass a recorder. */
  sleep?: (ms: number) => Promise<void>;
  /** Names this process in claims (default host:pid:random). */
  instanceId?: string;
  log?: Logger;
  /** How long a claim protects a post in progress before others may take it over (default 3 min). */
  leaseMs?: number;
  /** A post call taking longer than this counts as a transient failure (default 60 s). */
  postTimeoutMs?: number;
  retryDelaysMs?: readonly number[];
  /** Safety-net sweep in UTC (default every minute); false for none. */
  sweepCron?: string | false;
  cron?: CronLike;
  /**
   * The platforms this process posts to (default: all). Subscriptions of others are left alone,
   * so a run without, say, Slack tokens neither posts nor records failures for Slack channels.
   */
  platforms?: readonly PlatformId[];
  /** Reading plans: a channel with one posts the plan's day instead of the excerpt of the day. */
  plannedPosts?: PlannedPosts;
}

export interface RunReport {
  posted: { platform: PlatformId; channelId: string; localDate: string; passageId: string; messageId: string }[];
  failed: { platform: PlatformId; channelId: string; localDate: string; code: string; permanent: boolean; retryAt?: Date }[];
  /** Due but claimed by someone else first. */
  lost: { platform: PlatformId; channelId: string; localDate: string }[];
}

export interface DailyStatus {
  platform: PlatformId;
  channelId: string;
  time: string;
  timezone: string;
  days: DaySet;
  nextPostAt: Date;
  /** e.g. 'Mon 30 Mar 2026, 09:00 CEST', in the subscriber's zone. */
  nextPostLocal: string;
  lastPost?: { at: Date; atLocal: string; localDate: string; messageId: string; passageId: string };
  /** The latest failure; `resolved` when a post has succeeded since (show it dimmed or not at all). */
  lastError?: { at: Date; atLocal: string; code: string; message: string; resolved: boolean };
  /** Today's post in the subscriber's zone, if it has a row yet. */
  today: { localDate: string; status?: PostStatus; nextAttemptAt?: Date; nextAttemptLocal?: string };
}

type Planned = { kind: 'post'; passageId?: string; reply: Reply };

const sleepReal = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** The zone furthest behind UTC: once its date has passed D, every zone's has. */
const LAST_ZONE = 'Etc/GMT+12';

export class DailyScheduler {
  readonly instanceId: string;
  private readonly store: Store;
  private readonly poster: Poster;
  private readonly eligibleIds: () => readonly string[];
  private readonly clock: () => Date;
  private readonly random: () => number;
  private readonly paceMs: number;
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly log: Logger;
  private readonly leaseMs: number;
  private readonly postTimeoutMs: number;
  private readonly retryDelaysMs: readonly number[];
  private readonly sweepCron: string | false;
  private readonly cron: CronLike;
  private readonly platforms?: ReadonlySet<PlatformId>;
  private readonly plannedPosts?: PlannedPosts;
  /** Rest days already logged, so the minute sweep logs one line per channel and day. */
  private readonly restLogged = new Set<string>();
  private readonly jobs = new Map<string, { destroy(): void | Promise<void> }>();
  private sweep?: { destroy(): void | Promise<void> };
  private tail: Promise<unknown> = Promise.resolve();

  constructor(opts: DailySchedulerOptions) {
    this.store = opts.store;
    this.poster = opts.poster;
    this.eligibleIds = opts.eligibleIds;
    this.clock = opts.clock ?? (() => new Date());
    this.random = opts.random ?? Math.random;
    this.paceMs = opts.paceMs ?? 1000;
    this.sleep = opts.sleep ?? sleepReal;
    this.instanceId = opts.instanceId ?? `${hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`;
    this.log = opts.log ?? coreLog;
    this.leaseMs = opts.leaseMs ?? 3 * 60_000;
    this.postTimeoutMs = opts.postTimeoutMs ?? 60_000;
    this.retryDelaysMs = opts.retryDelaysMs ?? DEFAULT_RETRY_DELAYS_MS;
    this.sweepCron = opts.sweepCron ?? '* * * * *';
    this.cron = opts.cron ?? nodeCron;
    if (opts.platforms) this.platforms = new Set(opts.platforms);
    if (opts.plannedPosts) this.plannedPosts = opts.plannedPosts;
  }

  private active(platform: PlatformId): boolean {
    return !this.platforms || this.platforms.has(platform);
  }

  /** Schedules every subscription, starts the sweep, and catches up on posts owed today. */
  async start(): Promise<RunReport> {
    for (const sub of await this.store.subscriptions.list()) if (this.active(sub.platform)) this.refresh(sub);
    if (this.sweepCron && !this.sweep) {
      this.sweep = this.cron.schedule(this.sweepCron, () => this.trigger('sweep'), { timezone: 'UTC', name: 'daily:sweep', noOverlap: true });
    }
    this.log.info('daily_started', { instance: this.instanceId, subscriptions: this.jobs.size });
    return this.runDue();
  }

  /** Stops every trigger and waits for a run in progress to finish. */
  async stop(): Promise<void> {
    for (const job of this.jobs.values()) await job.destroy();
    this.jobs.clear();
    await this.sweep?.destroy();
    this.sweep = undefined;
    await this.tail;
  }

  /** (Re)schedules a subscription's trigger after it was created or changed. */
  refresh(sub: Subscription): void {
    const key = channelKey(sub.platform, sub.channelId);
    void this.jobs.get(key)?.destroy();
    this.jobs.delete(key);
    try {
      const job = this.cron.schedule(cronExpression(sub), () => this.trigger(key), {
        timezone: sub.timezone,
        name: `daily:${key}`,
        noOverlap: true,
      });
      this.jobs.set(key, job);
    } catch (e) {
      this.log.error('daily_schedule_failed', { channel: key, error: (e as Error).message });
    }
  }

  /** Removes a subscription's trigger (after `/daily stop`). */
  unschedule(sub: Pick<Subscription, 'platform' | 'channelId'>): void {
    const key = channelKey(sub.platform, sub.channelId);
    void this.jobs.get(key)?.destroy();
    this.jobs.delete(key);
  }

  /** Channel keys with a live trigger, for inspection. */
  scheduledChannels(): string[] {
    return [...this.jobs.keys()].sort();
  }

  private trigger(reason: string): Promise<unknown> {
    return this.runDue().catch((e: unknown) => this.log.error('daily_run_failed', { reason, error: (e as Error).message }));
  }

  /**
   * Posts everything owed at `now`: closes rows of days that have ended, then for each
   * subscription whose post for its local today is due (or due again: a retry whose time came, a
   * reserved passage, a claim whose lease expired) claims, posts and records, paced per platform.
   * Runs one at a time per scheduler; never throws for one channel's failure.
   */
  runDue(now?: Date): Promise<RunReport> {
    const run = this.tail.then(() => this.runDueNow(now ?? this.clock()));
    this.tail = run.catch(() => undefined);
    return run;
  }

  private async runDueNow(now: Date): Promise<RunReport> {
    const report: RunReport = { posted: [], failed: [], lost: [] };
    await this.closeEndedDays(now);
    const byPlatform = new Map<PlatformId, { sub: Subscription; localDate: string; planned?: Planned }[]>();
    for (const sub of await this.store.subscriptions.list()) {
      if (!this.active(sub.platform)) continue;
      try {
        const date = await this.owedDate(sub, now);
        if (!date) continue;
        const planned = await this.plannedPosts?.(sub, date);
        if (planned?.kind === 'rest') {
          const key = `${channelKey(sub.platform, sub.channelId)}:${date}`;
          if (!this.restLogged.has(key)) this.log.info(DAILY_PLAN_REST, { platform: sub.platform, channel: sub.channelId, localDate: date });
          this.restLogged.add(key);
          continue;
        }
        byPlatform.set(sub.platform, [...(byPlatform.get(sub.platform) ?? []), { sub, localDate: date, ...(planned ? { planned } : {}) }]);
      } catch (e) {
        this.log.error('daily_check_failed', { platform: sub.platform, channel: sub.channelId, error: (e as Error).message });
      }
    }
    await Promise.all(
      [...byPlatform.values()].map(async (items) => {
        // Pacing: after a platform call, wait before the next channel on the same platform.
        let called = false;
        for (const item of items) {
          if (called) await this.sleep(this.paceMs);
          try {
            called = (await this.postOne(item.sub, item.localDate, now, report, item.planned)) || called;
          } catch (e) {
            this.log.error('daily_post_crashed', { platform: item.sub.platform, channel: item.sub.channelId, error: (e as Error).message });
          }
        }
      }),
    );
    return report;
  }

  /** The local date whose post is owed by `sub` at `now`, if any. */
  private async owedDate(sub: Subscription, now: Date): Promise<string | undefined> {
    const today = localDate(now, sub.timezone);
    const row = await this.store.posts.get({ platform: sub.platform, channelId: sub.channelId, localDate: today });
    if (!row) return isDue(sub, now, await this.store.posts.lastClaimedDate(sub.platform, sub.channelId)) ? today : undefined;
    const t = now.getTime();
    switch (row.status) {
      case 'reserved':
        return isDue(sub, now, undefined) ? today : undefined;
      case 'retry':
        return row.nextAttemptAt && row.nextAttemptAt.getTime() <= t ? today : undefined;
      case 'claimed':
        return row.leaseUntil && row.leaseUntil.getTime() <= t ? today : undefined;
      default:
        return undefined;
    }
  }

  /** Claims, posts and records one channel's post. Returns whether the platform was called. */
  private async postOne(sub: Subscription, date: string, now: Date, report: RunReport, planned?: Planned): Promise<boolean> {
    const key = { platform: sub.platform, channelId: sub.channelId, localDate: date };
    const fields = { platform: sub.platform, channel: sub.channelId, localDate: date, instance: this.instanceId };
    // A plan's day records its first passage; a plan that cannot go on still posts why.
    const ids = planned?.passageId ? [planned.passageId] : this.eligibleIds();
    if (!ids.length) {
      this.log.warn('daily_no_passages', fields);
      return false;
    }
    const claim = await this.store.posts.claim({
      ...key,
      nonce: postNonce(sub.platform, sub.channelId, date),
      owner: this.instanceId,
      now: this.clock(),
      leaseMs: this.leaseMs,
      eligibleIds: ids,
      random: this.random,
    });
    if (!claim) {
      report.lost.push(key);
      this.log.debug('daily_claim_lost', fields);
      return false;
    }
    const { record } = claim;
    if (claim.via === 'takeover') this.log.warn('daily_claim_taken_over', { ...fields, attempt: record.attempts });
    try {
      // A claim attempted before may have reached the platform (a crash or a timeout after it
      // accepted the message): only the channel's history can tell, so look before posting again.
      const earlier = record.attempts > 1 ? await this.earlierPost(sub, key, record, fields) : undefined;
      if (earlier) {
        await this.store.posts.complete(key, earlier.messageId, this.clock());
        report.posted.push({ ...key, passageId: record.passageId, messageId: earlier.messageId });
        this.log.warn(DAILY_POST_RECOVERED, { ...fields, passage: record.passageId, message: earlier.messageId, attempt: record.attempts });
        return true;
      }
      const { messageId } = await withTimeout(this.poster.post(sub, record.passageId, record.nonce, date, planned?.reply), this.postTimeoutMs);
      await this.store.posts.complete(key, messageId, this.clock());
      report.posted.push({ ...key, passageId: record.passageId, messageId });
      this.log.info('daily_posted', { ...fields, passage: record.passageId, message: messageId, attempt: record.attempts });
    } catch (e) {
      const err = toPostError(e);
      const at = this.clock();
      const retry = retryAt({
        attempts: record.attempts,
        permanent: err.permanent,
        retryAfterMs: err.retryAfterMs,
        now: at.getTime() > now.getTime() ? at : now,
        localDate: date,
        timezone: sub.timezone,
        delaysMs: this.retryDelaysMs,
      });
      const error = { message: err.message, code: err.code };
      await this.store.posts.fail(key, this.instanceId, error, at, retry);
      await this.store.subscriptions.recordError(sub.platform, sub.channelId, error, at);
      report.failed.push({ ...key, code: err.code, permanent: err.permanent, ...(retry ? { retryAt: retry } : {}) });
      this.log.warn('daily_post_failed', {
        ...fields,
        code: err.code,
        permanent: err.permanent,
        attempt: record.attempts,
        retryAt: retry?.toISOString() ?? null,
        error: err.message,
      });
    }
    return true;
  }

  /**
   * The message an earlier attempt at this claim left in the channel, if any. A history the
   * platform will never show us (a missing scope or permission) is logged and the post goes
   * ahead, since a possible duplicate beats a certain silence; a transient failure is thrown, so
   * the attempt is retried like a failed post.
   */
  private async earlierPost(sub: Subscription, key: { platform: PlatformId; channelId: string; localDate: string }, record: PostRecord, fields: Record<string, unknown>) {
    if (!this.poster.findPosted) return undefined;
    const since = (await this.store.posts.firstAttemptAt(key)) ?? record.claimedAt ?? this.clock();
    try {
      return await withTimeout(this.poster.findPosted(sub, { localDate: key.localDate, nonce: record.nonce, since }), this.postTimeoutMs);
    } catch (e) {
      const err = toPostError(e);
      if (!err.permanent) throw err;
      this.log.warn(DAILY_HISTORY_UNAVAILABLE, { ...fields, code: err.code, error: err.message });
      return undefined;
    }
  }

  /**
   * Closes open rows of dates that are over in the subscriber's zone: an abandoned claim (lease
   * expired, no message id) whose day ended is not posted late; it may have reached the
   * platform, so it is marked failed with code 'abandoned' rather than retried. Retries and
   * reservations of ended days are closed too.
   */
  private async closeEndedDays(now: Date): Promise<void> {
    for (const row of await this.store.posts.listOpen()) {
      if (!this.active(row.platform)) continue;
      try {
        const sub = await this.store.subscriptions.get(row.platform, row.channelId);
        const today = localDate(now, sub?.timezone ?? LAST_ZONE);
        if (row.localDate >= today) continue;
        if (row.status === 'claimed' && row.leaseUntil && row.leaseUntil.getTime() > now.getTime()) continue;
        const error =
          row.status === 'claimed'
            ? { code: 'abandoned', message: `The post for ${row.localDate} was interrupted (the bot stopped mid-post) and that day is over.` }
            : row.status === 'retry'
              ? { code: 'day_ended', message: `Gave up on the post for ${row.localDate}: ${row.error?.message ?? 'it kept failing'}` }
              : { code: 'not_posted', message: `The post for ${row.localDate} was not made (the bot was not running).` };
        await this.store.posts.expire(row, error, now);
        if (sub && row.status !== 'reserved') await this.store.subscriptions.recordError(row.platform, row.channelId, error, now);
        this.log.warn('daily_post_expired', { platform: row.platform, channel: row.channelId, localDate: row.localDate, code: error.code });
      } catch (e) {
        this.log.error('daily_expire_failed', { platform: row.platform, channel: row.channelId, error: (e as Error).message });
      }
    }
  }

  /**
   * The passage a channel gets on `date` (default: today in its zone): the one posted, being
   * posted or reserved. Asked before today's post on a posting day, it reserves the passage now,
   * so what `/daily today` shows is what will be posted. Undefined when the channel isn't
   * subscribed or has no post on that date.
   */
  async todaysPassage(platform: PlatformId, channelId: string, date?: string): Promise<string | undefined> {
    const sub = await this.store.subscriptions.get(platform, channelId);
    const now = this.clock();
    const day = date ?? (sub ? localDate(now, sub.timezone) : undefined);
    if (!day) return undefined;
    const row = await this.store.posts.get({ platform, channelId, localDate: day });
    if (row) return row.passageId;
    if (!sub || day !== localDate(now, sub.timezone) || !occurrenceOn(sub, day)) return undefined;
    const ids = this.eligibleIds();
    if (!ids.length) return undefined;
    const reserved = await this.store.posts.reserve({
      platform,
      channelId,
      localDate: day,
      nonce: postNonce(platform, channelId, day),
      now,
      eligibleIds: ids,
      random: this.random,
    });
    return reserved.passageId;
  }

  /** What `/daily status` shows for a channel, or undefined if it isn't subscribed. */
  async status(platform: PlatformId, channelId: string): Promise<DailyStatus | undefined> {
    const sub = await this.store.subscriptions.get(platform, channelId);
    if (!sub) return undefined;
    const now = this.clock();
    const tz = sub.timezone;
    const next = nextPostTime(sub, now);
    const today = localDate(now, tz);
    const row: PostRecord | undefined = await this.store.posts.get({ platform, channelId, localDate: today });
    const last = await this.store.posts.lastPosted(platform, channelId);
    const status: DailyStatus = {
      platform,
      channelId,
      time: sub.time,
      timezone: tz,
      days: sub.days,
      nextPostAt: next,
      nextPostLocal: formatLocal(next, tz),
      today: { localDate: today },
    };
    if (row) {
      status.today.status = row.status;
      if (row.status === 'retry' && row.nextAttemptAt) {
        status.today.nextAttemptAt = row.nextAttemptAt;
        status.today.nextAttemptLocal = formatLocal(row.nextAttemptAt, tz);
      }
    }
    if (last?.postedAt && last.messageId) {
      status.lastPost = {
        at: last.postedAt,
        atLocal: formatLocal(last.postedAt, tz),
        localDate: last.localDate,
        messageId: last.messageId,
        passageId: last.passageId,
      };
    }
    if (sub.lastError) {
      const resolved = !!status.lastPost && status.lastPost.at.getTime() > sub.lastError.at.getTime();
      status.lastError = { ...sub.lastError, atLocal: formatLocal(sub.lastError.at, tz), resolved };
    }
    return status;
  }
}

function withTimeout<T>(p: Promise<T>, ms: number): Promise<T> {
  if (!Number.isFinite(ms) || ms <= 0) return p;
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new PostError(`the platform did not answer within ${Math.round(ms / 1000)} s`, { code: 'timeout' })), ms);
    timer.unref?.();
  });
  return Promise.race([p, timeout]).finally(() => clearTimeout(timer));
}
