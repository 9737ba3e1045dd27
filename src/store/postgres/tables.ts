// Subscriptions, plans and rotations on Postgres: the same rows and rules as the SQLite tables
// (../sqlite/subscriptions.ts, plans.ts, rotation.ts), as async functions on a pool or on a client
// inside a claim's transaction. Orders use COLLATE "C" so lists come out in SQLite's byte order
// whatever the server's locale.
import { daysToMask } from '../../bot/days.js';
import { toPlan, toSubscription, type PlanRow, type SubscriptionRow } from '../rows.js';
import type { PlanAnchor, PlanRecord, PlatformId, Subscription, SubscriptionInput } from '../types.js';
import type { Queryable } from './db.js';

export class PgSubscriptions {
  constructor(private readonly q: Queryable) {}

  async upsert(input: SubscriptionInput, now: Date): Promise<Subscription> {
    // schedule_since moves only when the schedule itself changes (as in SQLite).
    await this.q.query(
      `INSERT INTO subscriptions AS s (platform, channel_id, workspace_id, time, timezone, days, created_by, created_at, updated_at, schedule_since)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $8, $8)
       ON CONFLICT (platform, channel_id) DO UPDATE SET
         workspace_id = excluded.workspace_id,
         created_by = excluded.created_by,
         updated_at = excluded.updated_at,
         schedule_since = CASE WHEN s.time IS NOT DISTINCT FROM excluded.time AND s.timezone IS NOT DISTINCT FROM excluded.timezone
                                AND s.days IS NOT DISTINCT FROM excluded.days
                               THEN s.schedule_since ELSE excluded.schedule_since END,
         time = excluded.time,
         timezone = excluded.timezone,
         days = excluded.days`,
      [input.platform, input.channelId, input.workspaceId ?? null, input.time, input.timezone, daysToMask(input.days), input.createdBy, now.getTime()],
    );
    return (await this.get(input.platform, input.channelId))!;
  }

  async remove(platform: PlatformId, channelId: string): Promise<boolean> {
    const r = await this.q.query('DELETE FROM subscriptions WHERE platform = $1 AND channel_id = $2', [platform, channelId]);
    return (r.rowCount ?? 0) > 0;
  }

  async get(platform: PlatformId, channelId: string): Promise<Subscription | undefined> {
    const r = await this.q.query<SubscriptionRow>('SELECT * FROM subscriptions WHERE platform = $1 AND channel_id = $2', [platform, channelId]);
    return r.rows[0] && toSubscription(r.rows[0]);
  }

  async list(filter?: { platform: PlatformId; workspaceId: string }): Promise<Subscription[]> {
    const r = filter
      ? await this.q.query<SubscriptionRow>('SELECT * FROM subscriptions WHERE platform = $1 AND workspace_id = $2 ORDER BY channel_id COLLATE "C"', [
          filter.platform,
          filter.workspaceId,
        ])
      : await this.q.query<SubscriptionRow>('SELECT * FROM subscriptions ORDER BY platform COLLATE "C", channel_id COLLATE "C"');
    return r.rows.map(toSubscription);
  }

  async recordError(platform: PlatformId, channelId: string, error: { message: string; code: string }, at: Date): Promise<void> {
    await this.q.query('UPDATE subscriptions SET last_error = $1, last_error_code = $2, last_error_at = $3 WHERE platform = $4 AND channel_id = $5', [
      error.message,
      error.code,
      at.getTime(),
      platform,
      channelId,
    ]);
  }
}

export class PgPlans {
  constructor(private readonly q: Queryable) {}

  async put(plan: Omit<PlanRecord, 'createdAt' | 'updatedAt'>, now: Date): Promise<PlanRecord> {
    await this.q.query(
      `INSERT INTO plans (platform, channel_id, workspace_id, doc_id, pace, days, timezone, start_date, anchor, created_by, created_at, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $11)
       ON CONFLICT (platform, channel_id) DO UPDATE SET
         workspace_id = excluded.workspace_id, doc_id = excluded.doc_id, pace = excluded.pace, days = excluded.days,
         timezone = excluded.timezone, start_date = excluded.start_date, anchor = excluded.anchor,
         created_by = excluded.created_by, created_at = excluded.created_at, updated_at = excluded.updated_at`,
      [
        plan.platform,
        plan.channelId,
        plan.workspaceId ?? null,
        plan.docId,
        JSON.stringify(plan.pace),
        daysToMask(plan.days),
        plan.timezone,
        plan.startDate,
        JSON.stringify(plan.anchor),
        plan.createdBy,
        now.getTime(),
      ],
    );
    return (await this.get(plan.platform, plan.channelId))!;
  }

  async setAnchor(platform: PlatformId, channelId: string, anchor: PlanAnchor, now: Date): Promise<boolean> {
    const r = await this.q.query('UPDATE plans SET anchor = $1, updated_at = $2 WHERE platform = $3 AND channel_id = $4', [
      JSON.stringify(anchor),
      now.getTime(),
      platform,
      channelId,
    ]);
    return (r.rowCount ?? 0) > 0;
  }

  async get(platform: PlatformId, channelId: string): Promise<PlanRecord | undefined> {
    const r = await this.q.query<PlanRow>('SELECT * FROM plans WHERE platform = $1 AND channel_id = $2', [platform, channelId]);
    return r.rows[0] && toPlan(r.rows[0]);
  }

  async remove(platform: PlatformId, channelId: string): Promise<boolean> {
    const r = await this.q.query('DELETE FROM plans WHERE platform = $1 AND channel_id = $2', [platform, channelId]);
    return (r.rowCount ?? 0) > 0;
  }

  async list(): Promise<PlanRecord[]> {
    const r = await this.q.query<PlanRow>('SELECT * FROM plans ORDER BY platform COLLATE "C", channel_id COLLATE "C"');
    return r.rows.map(toPlan);
  }
}

/** The rotation (see ../sqlite/rotation.ts for why a set per cycle); every method takes the connection to use. */
export const pgRotation = {
  async cycle(q: Queryable, channelKey: string): Promise<number> {
    const r = await q.query<{ cycle: number | null }>('SELECT max(cycle) AS cycle FROM rotation_shown WHERE channel_key = $1', [channelKey]);
    return r.rows[0]?.cycle ?? 0;
  },

  async shownInCycle(q: Queryable, channelKey: string): Promise<Set<string>> {
    const r = await q.query<{ passage_id: string }>(
      `SELECT passage_id FROM rotation_shown
       WHERE channel_key = $1 AND cycle = (SELECT coalesce(max(cycle), 0) FROM rotation_shown WHERE channel_key = $1)`,
      [channelKey],
    );
    return new Set(r.rows.map((x) => x.passage_id));
  },

  async nextPassage(q: Queryable, channelKey: string, eligibleIds: readonly string[], random: () => number): Promise<string> {
    const ids = [...new Set(eligibleIds)].sort();
    if (!ids.length) throw new Error('nextPassage: no eligible passages');
    const shown = await pgRotation.shownInCycle(q, channelKey);
    let pool = ids.filter((id) => !shown.has(id));
    if (!pool.length) {
      const r = await q.query<{ passage_id: string }>(
        'SELECT passage_id FROM rotation_shown WHERE channel_key = $1 ORDER BY cycle DESC, shown_at DESC, id DESC LIMIT 1',
        [channelKey],
      );
      const last = r.rows[0]?.passage_id;
      pool = ids.length > 1 ? ids.filter((id) => id !== last) : ids;
    }
    return pool[Math.min(pool.length - 1, Math.floor(random() * pool.length))]!;
  },

  /** Call with the channel locked (lockChannel) inside a transaction, or through PgStore, which does. */
  async markShown(q: Queryable, channelKey: string, passageId: string, at: Date): Promise<number> {
    let cycle = await pgRotation.cycle(q, channelKey);
    const has = await q.query('SELECT 1 FROM rotation_shown WHERE channel_key = $1 AND cycle = $2 AND passage_id = $3', [channelKey, cycle, passageId]);
    if (has.rows.length) cycle += 1;
    await q.query('INSERT INTO rotation_shown (channel_key, cycle, passage_id, shown_at) VALUES ($1, $2, $3, $4)', [channelKey, cycle, passageId, at.getTime()]);
    return cycle;
  },

  async unmarkShown(q: Queryable, channelKey: string, passageId: string): Promise<void> {
    await q.query(
      `DELETE FROM rotation_shown WHERE channel_key = $1 AND passage_id = $2
       AND cycle = (SELECT max(cycle) FROM rotation_shown WHERE channel_key = $1 AND passage_id = $2)`,
      [channelKey, passageId],
    );
  },
};

