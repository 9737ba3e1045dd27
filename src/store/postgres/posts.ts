// Claims on Postgres: one row per (platform, channel, local date) under a UNIQUE constraint, as in
// ../sqlite/posts.ts, with the same statuses, leases and attempt log. A claim is one transaction:
// the channel's rotation lock, the key's row read FOR UPDATE, then either INSERT … ON CONFLICT DO
// NOTHING (a racing insert that commits first leaves us nothing) with the passage marked shown in
// the same transaction, or an UPDATE that takes over a reserved row, a due retry or an expired
// lease, its WHERE re-checked by Postgres after any lock wait, so only one process wins.
import type { Pool } from 'pg';
import { toPostRecord, type Ms, type PostRow } from '../rows.js';
import type { Claim, PostKey } from '../store.js';
import { channelKey, type PlatformId, type PostRecord, type PostStatus } from '../types.js';
import { inTransaction, lockChannel, when, type Queryable } from './db.js';
import { pgRotation } from './tables.js';

const KEY = 'platform = $1 AND channel_id = $2 AND local_date = $3';
const keyArgs = (k: PostKey) => [k.platform, k.channelId, k.localDate];

export interface PgClaimRequest extends PostKey {
  nonce: string;
  owner: string;
  now: Date;
  leaseMs: number;
  /** Picks the passage of a new row, on the claim's own client, inside its transaction. */
  choosePassage: (q: Queryable) => Promise<string>;
}

export class PgPosts {
  constructor(private readonly pool: Pool) {}

  private async row(q: Queryable, k: PostKey, lock = false): Promise<PostRow | undefined> {
    const r = await q.query<PostRow>(`SELECT * FROM posts WHERE ${KEY}${lock ? ' FOR UPDATE' : ''}`, keyArgs(k));
    return r.rows[0];
  }

  private finishAttempt(q: Queryable, k: PostKey, now: number, outcome: string, code: string | null, message: string | null) {
    return q.query(
      `UPDATE post_attempts SET finished_at = $4, outcome = $5, error_code = $6, error = $7
       WHERE id = (SELECT max(id) FROM post_attempts WHERE ${KEY}) AND outcome IS NULL`,
      [...keyArgs(k), now, outcome, code, message],
    );
  }

  async get(k: PostKey): Promise<PostRecord | undefined> {
    const r = await this.row(this.pool, k);
    return r && toPostRecord(r);
  }

  async lastClaimedDate(platform: PlatformId, channelId: string): Promise<string | undefined> {
    const r = await this.pool.query<{ local_date: string }>(
      `SELECT local_date FROM posts WHERE platform = $1 AND channel_id = $2 AND status != 'reserved' ORDER BY local_date DESC LIMIT 1`,
      [platform, channelId],
    );
    return r.rows[0]?.local_date;
  }

  async lastPosted(platform: PlatformId, channelId: string): Promise<PostRecord | undefined> {
    const r = await this.pool.query<PostRow>(
      `SELECT * FROM posts WHERE platform = $1 AND channel_id = $2 AND status = 'posted' ORDER BY local_date DESC LIMIT 1`,
      [platform, channelId],
    );
    return r.rows[0] && toPostRecord(r.rows[0]);
  }

  async firstAttemptAt(k: PostKey): Promise<Date | undefined> {
    const r = await this.pool.query<{ at: Ms | null }>(`SELECT min(started_at) AS at FROM post_attempts WHERE ${KEY}`, keyArgs(k));
    return when(r.rows[0]?.at ?? null);
  }

  async listOpen(): Promise<PostRecord[]> {
    const r = await this.pool.query<PostRow>(`SELECT * FROM posts WHERE status IN ('reserved', 'claimed', 'retry') ORDER BY local_date`);
    return r.rows.map(toPostRecord);
  }

  async claim(req: PgClaimRequest): Promise<Claim | undefined> {
    const k: PostKey = { platform: req.platform, channelId: req.channelId, localDate: req.localDate };
    const now = req.now.getTime();
    const leaseUntil = now + req.leaseMs;
    return inTransaction(this.pool, async (c) => {
      await lockChannel(c, channelKey(k.platform, k.channelId));
      const existing = await this.row(c, k, true);
      let via: Claim['via'];
      if (!existing) {
        const passageId = await req.choosePassage(c);
        const ins = await c.query(
          `INSERT INTO posts (platform, channel_id, local_date, passage_id, nonce, status, attempts, owner, claimed_at, lease_until, updated_at)
           VALUES ($1, $2, $3, $4, $5, 'claimed', 1, $6, $7, $8, $7)
           ON CONFLICT (platform, channel_id, local_date) DO NOTHING`,
          [...keyArgs(k), passageId, req.nonce, req.owner, now, leaseUntil],
        );
        if (!ins.rowCount) return undefined;
        await pgRotation.markShown(c, channelKey(k.platform, k.channelId), passageId, req.now);
        via = 'new';
      } else {
        const took = await c.query(
          `UPDATE posts SET status = 'claimed', attempts = attempts + 1, owner = $4, claimed_at = $5,
             lease_until = $6, next_attempt_at = NULL, updated_at = $5
           WHERE ${KEY} AND (status = 'reserved'
             OR (status = 'retry' AND next_attempt_at <= $5)
             OR (status = 'claimed' AND lease_until <= $5))`,
          [...keyArgs(k), req.owner, now, leaseUntil],
        );
        if (!took.rowCount) return undefined;
        via = existing.status === 'reserved' ? 'reserved' : existing.status === 'retry' ? 'retry' : 'takeover';
        if (via === 'takeover') await this.finishAttempt(c, k, now, 'abandoned', 'lease_expired', `lease of ${existing.owner} expired`);
      }
      const record = toPostRecord((await this.row(c, k))!);
      await c.query(`INSERT INTO post_attempts (platform, channel_id, local_date, attempt, owner, started_at) VALUES ($1, $2, $3, $4, $5, $6)`, [
        ...keyArgs(k),
        record.attempts,
        req.owner,
        now,
      ]);
      return { record, via };
    });
  }

  async reserve(k: PostKey & { nonce: string; now: Date; choosePassage: (q: Queryable) => Promise<string> }): Promise<PostRecord> {
    const key: PostKey = { platform: k.platform, channelId: k.channelId, localDate: k.localDate };
    return inTransaction(this.pool, async (c) => {
      await lockChannel(c, channelKey(k.platform, k.channelId));
      const existing = await this.row(c, key);
      if (existing) return toPostRecord(existing);
      const passageId = await k.choosePassage(c);
      const ins = await c.query(
        `INSERT INTO posts (platform, channel_id, local_date, passage_id, nonce, status, attempts, updated_at)
         VALUES ($1, $2, $3, $4, $5, 'reserved', 0, $6)
         ON CONFLICT (platform, channel_id, local_date) DO NOTHING`,
        [...keyArgs(key), passageId, k.nonce, k.now.getTime()],
      );
      if (ins.rowCount) await pgRotation.markShown(c, channelKey(k.platform, k.channelId), passageId, k.now);
      return toPostRecord((await this.row(c, key))!);
    });
  }

  async complete(k: PostKey, messageId: string, now: Date): Promise<void> {
    await inTransaction(this.pool, async (c) => {
      await lockChannel(c, channelKey(k.platform, k.channelId));
      const before = await this.row(c, k, true);
      await c.query(
        `UPDATE posts SET status = 'posted', message_id = $4, posted_at = $5, lease_until = NULL,
           next_attempt_at = NULL, error = NULL, error_code = NULL, updated_at = $5
         WHERE ${KEY} AND status != 'posted'`,
        [...keyArgs(k), messageId, now.getTime()],
      );
      // A success reported after the row was given up on: its passage went back to the pool.
      if (before?.status === 'failed' && before.error_code !== 'abandoned') {
        await pgRotation.markShown(c, channelKey(k.platform, k.channelId), before.passage_id, now);
      }
      await this.finishAttempt(c, k, now.getTime(), 'posted', null, null);
    });
  }

  async fail(k: PostKey, owner: string, error: { message: string; code: string }, now: Date, retryAt?: Date): Promise<boolean> {
    return inTransaction(this.pool, async (c) => {
      await lockChannel(c, channelKey(k.platform, k.channelId));
      await this.finishAttempt(c, k, now.getTime(), 'error', error.code, error.message);
      const r = retryAt
        ? await c.query(
            `UPDATE posts SET status = 'retry', next_attempt_at = $4, lease_until = NULL, error = $5, error_code = $6, updated_at = $7
             WHERE ${KEY} AND status = 'claimed' AND owner = $8`,
            [...keyArgs(k), retryAt.getTime(), error.message, error.code, now.getTime(), owner],
          )
        : await this.markFailed(c, k, error, now, 'claimed', owner);
      const changed = (r.rowCount ?? 0) > 0;
      if (changed && !retryAt) await this.unmarkFor(c, k);
      return changed;
    });
  }

  async expire(k: PostKey, error: { message: string; code: string }, now: Date): Promise<void> {
    await inTransaction(this.pool, async (c) => {
      await lockChannel(c, channelKey(k.platform, k.channelId));
      const row = await this.row(c, k, true);
      if (!row || !['reserved', 'claimed', 'retry'].includes(row.status)) return;
      await this.markFailed(c, k, error, now, row.status, null);
      // An abandoned claim may have reached the platform, so its passage stays marked as shown.
      if (row.status === 'claimed') await this.finishAttempt(c, k, now.getTime(), 'abandoned', error.code, error.message);
      else await this.unmarkFor(c, k);
    });
  }

  private markFailed(q: Queryable, k: PostKey, error: { message: string; code: string }, now: Date, from: PostStatus, owner: string | null) {
    return q.query(
      `UPDATE posts SET status = 'failed', lease_until = NULL, next_attempt_at = NULL, error = $4, error_code = $5, updated_at = $6
       WHERE ${KEY} AND status = $7 AND ($8::text IS NULL OR owner = $8)`,
      [...keyArgs(k), error.message, error.code, now.getTime(), from, owner],
    );
  }

  private async unmarkFor(q: Queryable, k: PostKey): Promise<void> {
    const row = await this.row(q, k);
    if (row) await pgRotation.unmarkShown(q, channelKey(k.platform, k.channelId), row.passage_id);
  }
}
