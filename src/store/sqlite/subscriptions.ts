// Subscriptions: one row per (platform, channel). Subscribing again updates the row.
import type Database from 'better-sqlite3';
import { daysToMask } from '../../bot/days.js';
import { toSubscription, type SubscriptionRow } from '../rows.js';
import type { PlatformId, Subscription, SubscriptionInput } from '../types.js';

/** Subscriptions on one connection, synchronous; SqliteStore wraps it async. */
export class SubscriptionTable {
  private readonly get$;
  private readonly upsert$;
  private readonly remove$;
  private readonly all$;
  private readonly byWorkspace$;
  private readonly error$;

  constructor(private readonly db: Database.Database) {
    this.get$ = db.prepare<[string, string], SubscriptionRow>('SELECT * FROM subscriptions WHERE platform = ? AND channel_id = ?');
    // schedule_since moves only when the schedule itself changes, so re-subscribing with the same
    // time doesn't cancel a post that is still owed today.
    this.upsert$ = db.prepare(
      `INSERT INTO subscriptions (platform, channel_id, workspace_id, time, timezone, days, created_by, created_at, updated_at, schedule_since)
       VALUES (@platform, @channelId, @workspaceId, @time, @timezone, @days, @createdBy, @now, @now, @now)
       ON CONFLICT (platform, channel_id) DO UPDATE SET
         workspace_id = excluded.workspace_id,
         created_by = excluded.created_by,
         updated_at = excluded.updated_at,
         schedule_since = CASE WHEN time IS excluded.time AND timezone IS excluded.timezone AND days IS excluded.days
                               THEN schedule_since ELSE excluded.schedule_since END,
         time = excluded.time,
         timezone = excluded.timezone,
         days = excluded.days`,
    );
    this.remove$ = db.prepare('DELETE FROM subscriptions WHERE platform = ? AND channel_id = ?');
    this.all$ = db.prepare<[], SubscriptionRow>('SELECT * FROM subscriptions ORDER BY platform, channel_id');
    this.byWorkspace$ = db.prepare<[string, string], SubscriptionRow>(
      'SELECT * FROM subscriptions WHERE platform = ? AND workspace_id = ? ORDER BY channel_id',
    );
    this.error$ = db.prepare(
      'UPDATE subscriptions SET last_error = ?, last_error_code = ?, last_error_at = ? WHERE platform = ? AND channel_id = ?',
    );
  }

  /** Creates or updates the channel's subscription and returns it as stored. */
  upsert(input: SubscriptionInput, now: Date): Subscription {
    this.upsert$.run({
      platform: input.platform,
      channelId: input.channelId,
      workspaceId: input.workspaceId ?? null,
      time: input.time,
      timezone: input.timezone,
      days: daysToMask(input.days),
      createdBy: input.createdBy,
      now: now.getTime(),
    });
    return this.get(input.platform, input.channelId)!;
  }

  /** Removes the channel's subscription; false if there was none. History (posts, rotation) stays. */
  remove(platform: PlatformId, channelId: string): boolean {
    return this.remove$.run(platform, channelId).changes > 0;
  }

  get(platform: PlatformId, channelId: string): Subscription | undefined {
    const r = this.get$.get(platform, channelId);
    return r && toSubscription(r);
  }

  /** Every subscription, or those of one Discord guild / Slack workspace. */
  list(filter?: { platform: PlatformId; workspaceId: string }): Subscription[] {
    const rows = filter ? this.byWorkspace$.all(filter.platform, filter.workspaceId) : this.all$.all();
    return rows.map(toSubscription);
  }

  /** Records the latest failure on the subscription (shown by `/daily status`). */
  recordError(platform: PlatformId, channelId: string, error: { message: string; code: string }, at: Date): void {
    this.error$.run(error.message, error.code, at.getTime(), platform, channelId);
  }
}
