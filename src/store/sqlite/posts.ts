// Claims: one row per (platform, channel, local date) under a UNIQUE constraint. Whoever creates
// or takes over the row posts; everyone else leaves it alone. Each claim carries a lease
// (owner + lease_until): a claim whose lease ran out without a message id belongs to a process
// that died mid-post, and may be taken over, keeping the same passage and nonce so the platform
// can drop a duplicate if the first attempt did reach it.
import type Database from 'better-sqlite3';
import { toPostRecord, type PostRow } from '../rows.js';
import type { Claim, PostKey } from '../store.js';
import { channelKey, type PlatformId, type PostRecord } from '../types.js';
import type { RotationTable } from './rotation.js';

/** A claim as the table takes it: the passage comes from a callback run inside the transaction. */
export interface TableClaimRequest extends PostKey {
  nonce: string;
  owner: string;
  now: Date;
  leaseMs: number;
  /** Called inside the claim transaction when a new row is created, to pick its passage. */
  choosePassage: () => string;
}

/**
 * The post log on one connection, synchronous: each write is one IMMEDIATE transaction, which is
 * what makes a claim atomic between processes sharing the file. SqliteStore wraps it async.
 */
export class PostTable {
  private readonly get$;
  private readonly insert$;
  private readonly take$;
  private readonly latest$;
  private readonly latestPosted$;
  private readonly open$;
  private readonly attempt$;
  private readonly finishAttempt$;
  private readonly posted$;
  private readonly retry$;
  private readonly failed$;
  private readonly firstAttempt$;

  constructor(
    private readonly db: Database.Database,
    private readonly rotation: RotationTable,
  ) {
    const key = 'platform = @platform AND channel_id = @channelId AND local_date = @localDate';
    this.get$ = db.prepare<PostKey, PostRow>(`SELECT * FROM posts WHERE ${key}`);
    this.insert$ = db.prepare(
      `INSERT INTO posts (platform, channel_id, local_date, passage_id, nonce, status, attempts, owner, claimed_at, lease_until, updated_at)
       VALUES (@platform, @channelId, @localDate, @passageId, @nonce, @status, @attempts, @owner, @claimedAt, @leaseUntil, @now)
       ON CONFLICT (platform, channel_id, local_date) DO NOTHING`,
    );
    this.take$ = db.prepare(
      `UPDATE posts SET status = 'claimed', attempts = attempts + 1, owner = @owner, claimed_at = @now,
         lease_until = @leaseUntil, next_attempt_at = NULL, updated_at = @now
       WHERE ${key} AND (status = 'reserved'
         OR (status = 'retry' AND next_attempt_at <= @now)
         OR (status = 'claimed' AND lease_until <= @now))`,
    );
    this.latest$ = db.prepare<[string, string], { local_date: string }>(
      `SELECT local_date FROM posts WHERE platform = ? AND channel_id = ? AND status != 'reserved' ORDER BY local_date DESC LIMIT 1`,
    );
    this.latestPosted$ = db.prepare<[string, string], PostRow>(
      `SELECT * FROM posts WHERE platform = ? AND channel_id = ? AND status = 'posted' ORDER BY local_date DESC LIMIT 1`,
    );
    this.open$ = db.prepare<[], PostRow>(`SELECT * FROM posts WHERE status IN ('reserved', 'claimed', 'retry') ORDER BY local_date`);
    this.attempt$ = db.prepare(
      `INSERT INTO post_attempts (platform, channel_id, local_date, attempt, owner, started_at)
       VALUES (@platform, @channelId, @localDate, @attempt, @owner, @now)`,
    );
    this.finishAttempt$ = db.prepare(
      `UPDATE post_attempts SET finished_at = @now, outcome = @outcome, error_code = @code, error = @message
       WHERE id = (SELECT MAX(id) FROM post_attempts WHERE ${key}) AND outcome IS NULL`,
    );
    this.posted$ = db.prepare(
      `UPDATE posts SET status = 'posted', message_id = @messageId, posted_at = @now, lease_until = NULL,
         next_attempt_at = NULL, error = NULL, error_code = NULL, updated_at = @now
       WHERE ${key} AND status != 'posted'`,
    );
    this.retry$ = db.prepare(
      `UPDATE posts SET status = 'retry', next_attempt_at = @retryAt, lease_until = NULL, error = @message,
         error_code = @code, updated_at = @now
       WHERE ${key} AND status = 'claimed' AND owner = @owner`,
    );
    this.failed$ = db.prepare(
      `UPDATE posts SET status = 'failed', lease_until = NULL, next_attempt_at = NULL, error = @message,
         error_code = @code, updated_at = @now
       WHERE ${key} AND status = @from AND (@owner IS NULL OR owner = @owner)`,
    );
    this.firstAttempt$ = db.prepare<PostKey, { at: number | null }>(`SELECT MIN(started_at) AS at FROM post_attempts WHERE ${key}`);
  }

  get(k: PostKey): PostRecord | undefined {
    const r = this.get$.get(k);
    return r && toPostRecord(r);
  }

  /** The latest local date the channel has a post row for (posted, in progress or given up). */
  lastClaimedDate(platform: PlatformId, channelId: string): string | undefined {
    return this.latest$.get(platform, channelId)?.local_date;
  }

  lastPosted(platform: PlatformId, channelId: string): PostRecord | undefined {
    const r = this.latestPosted$.get(platform, channelId);
    return r && toPostRecord(r);
  }

  /** When the first attempt at a key started (undefined before any attempt). */
  firstAttemptAt(k: PostKey): Date | undefined {
    const at = this.firstAttempt$.get({ platform: k.platform, channelId: k.channelId, localDate: k.localDate })?.at;
    return at === null || at === undefined ? undefined : new Date(at);
  }

  /** Rows not finished: reserved, claimed (in progress or abandoned) and waiting to retry. */
  listOpen(): PostRecord[] {
    return this.open$.all().map(toPostRecord);
  }

  /**
   * Tries to become the poster for a key. In one IMMEDIATE transaction: either inserts a new
   * claimed row (INSERT … ON CONFLICT DO NOTHING, checking changes) with a passage from
   * `choosePassage` marked shown in the rotation, or takes over a reserved row, a retry that is
   * due, or a claim whose lease has expired. Returns undefined when someone else has it.
   */
  claim(req: TableClaimRequest): Claim | undefined {
    const run = this.db.transaction((): Claim | undefined => {
      const k = { platform: req.platform, channelId: req.channelId, localDate: req.localDate };
      const now = req.now.getTime();
      const leaseUntil = now + req.leaseMs;
      const existing = this.get$.get(k);
      let via: Claim['via'];
      if (!existing) {
        const passageId = req.choosePassage();
        const { changes } = this.insert$.run({
          ...k,
          passageId,
          nonce: req.nonce,
          status: 'claimed',
          attempts: 1,
          owner: req.owner,
          claimedAt: now,
          leaseUntil,
          now,
        });
        if (changes === 0) return undefined;
        this.rotation.markShown(channelKey(req.platform, req.channelId), passageId, req.now);
        via = 'new';
      } else {
        const { changes } = this.take$.run({ ...k, owner: req.owner, now, leaseUntil });
        if (changes === 0) return undefined;
        via = existing.status === 'reserved' ? 'reserved' : existing.status === 'retry' ? 'retry' : 'takeover';
        if (via === 'takeover') {
          this.finishAttempt$.run({ ...k, now, outcome: 'abandoned', code: 'lease_expired', message: `lease of ${existing.owner} expired` });
        }
      }
      const record = toPostRecord(this.get$.get(k)!);
      this.attempt$.run({ ...k, attempt: record.attempts, owner: req.owner, now });
      return { record, via };
    });
    return run.immediate();
  }

  /**
   * Picks and records the passage for a date ahead of posting (for `/daily today` before the
   * post time), so what is shown early is what gets posted. Returns the row, new or existing.
   */
  reserve(k: PostKey & { nonce: string; now: Date; choosePassage: () => string }): PostRecord {
    const run = this.db.transaction((): PostRecord => {
      const key = { platform: k.platform, channelId: k.channelId, localDate: k.localDate };
      const existing = this.get$.get(key);
      if (existing) return toPostRecord(existing);
      const passageId = k.choosePassage();
      this.insert$.run({ ...key, passageId, nonce: k.nonce, status: 'reserved', attempts: 0, owner: null, claimedAt: null, leaseUntil: null, now: k.now.getTime() });
      this.rotation.markShown(channelKey(k.platform, k.channelId), passageId, k.now);
      return toPostRecord(this.get$.get(key)!);
    });
    return run.immediate();
  }

  /** Records a successful post. The message id is the truth, whoever holds the lease now. */
  complete(k: PostKey, messageId: string, now: Date): void {
    const run = this.db.transaction(() => {
      const before = this.get$.get(k);
      this.posted$.run({ ...k, messageId, now: now.getTime() });
      // A success reported after the row was given up on: its passage went back to the pool.
      if (before?.status === 'failed' && before.error_code !== 'abandoned') {
        this.rotation.markShown(channelKey(k.platform, k.channelId), before.passage_id, now);
      }
      this.finishAttempt$.run({ ...k, now: now.getTime(), outcome: 'posted', code: null, message: null });
    });
    run.immediate();
  }

  /**
   * Records a failed attempt by `owner`: waits for a retry at `retryAt`, or (without one) gives up
   * for the date and returns the passage to the rotation. False if `owner` no longer held the claim.
   */
  fail(k: PostKey, owner: string, error: { message: string; code: string }, now: Date, retryAt?: Date): boolean {
    const run = this.db.transaction((): boolean => {
      const base = { ...k, message: error.message, code: error.code, now: now.getTime() };
      this.finishAttempt$.run({ ...base, outcome: 'error' });
      const changes = retryAt
        ? this.retry$.run({ ...base, owner, retryAt: retryAt.getTime() }).changes
        : this.failed$.run({ ...base, owner, from: 'claimed' }).changes;
      if (changes && !retryAt) this.unmarkFor(k);
      return changes > 0;
    });
    return run.immediate();
  }

  /**
   * Closes an open row whose date is over (the scheduler decides that, in the subscriber's zone).
   * An abandoned claim may have reached the platform, so its passage stays marked as shown; a
   * reserved or retrying one never did, so its passage goes back into the rotation.
   */
  expire(k: PostKey, error: { message: string; code: string }, now: Date): void {
    const run = this.db.transaction(() => {
      const row = this.get$.get(k);
      if (!row || !['reserved', 'claimed', 'retry'].includes(row.status)) return;
      this.failed$.run({ ...k, message: error.message, code: error.code, now: now.getTime(), owner: null, from: row.status });
      if (row.status === 'claimed') {
        this.finishAttempt$.run({ ...k, now: now.getTime(), outcome: 'abandoned', code: error.code, message: error.message });
      } else {
        this.unmarkFor(k);
      }
    });
    run.immediate();
  }

  private unmarkFor(k: PostKey): void {
    const row = this.get$.get(k);
    if (row) this.rotation.unmarkShown(channelKey(k.platform, k.channelId), row.passage_id);
  }
}
