// The Store on a PostgreSQL server, for several bot processes or hosts sharing one state: a
// pg.Pool per process, the schema migrated under an advisory lock at open, claims made
// exactly-once by row locks (posts.ts). Errors an operator sees name DATABASE_URL, never its password.
import pg from 'pg';
import { errorMessage, UserError } from '../../core/errors.js';
import { log } from '../../core/log.js';
import { checkPlatformId } from '../platform-id.js';
import type { StateProblem, Store } from '../store.js';
import { channelKey } from '../types.js';
import { inTransaction, lockChannel } from './db.js';
import { migratePg, pgSchemaVersion } from './migrations.js';
import { PgPosts } from './posts.js';
import { PgPlans, PgSubscriptions, pgRotation } from './tables.js';
import { redactUrl } from './url.js';

/** An idle pooled connection dropped by the server (a restart, a failover): logged, and the pool reconnects. */
export const STORE_CONNECTION_LOST = 'store_connection_lost';
export const STORE_MIGRATED = 'store_migrated';
/** problem() found the server not answering. */
export const STORE_UNREACHABLE = 'store_unreachable';

/** How long opening the store, or checking the server for `problem()`, waits for a connection. */
export const CONNECT_TIMEOUT_MS = 5_000;

/** A message from pg or the network, with the password taken out should a driver ever repeat it. */
function clean(e: unknown, url: string): string {
  let message = errorMessage(e);
  try {
    const password = decodeURIComponent(new URL(url).password);
    if (password) message = message.split(password).join('***');
  } catch {
    // Not a URL: nothing to take out.
  }
  return message;
}

export interface PgStoreOptions {
  /** Connections per process (default 10). */
  maxConnections?: number;
}

/** Opens a pool on `url`, checks the server answers, and migrates it. Rejects with one line naming DATABASE_URL. */
export async function openPostgresStore(url: string, opts: PgStoreOptions = {}): Promise<Store> {
  const shown = redactUrl(url);
  const pool = new pg.Pool({ connectionString: url, max: opts.maxConnections ?? 10, connectionTimeoutMillis: CONNECT_TIMEOUT_MS });
  // Without a listener, a connection the server drops while idle would take the process down.
  pool.on('error', (e) => log.warn(STORE_CONNECTION_LOST, { database: shown, error: clean(e, url) }));
  try {
    const client = await pool.connect();
    try {
      const applied = await migratePg(client);
      if (applied.length) log.debug(STORE_MIGRATED, { database: shown, versions: applied });
    } finally {
      client.release();
    }
  } catch (e) {
    await pool.end().catch(() => undefined);
    if (/newer than this code/.test(errorMessage(e))) throw new UserError(`DATABASE_URL=${shown}: ${errorMessage(e)}.`, 'bad_database');
    throw new UserError(
      `DATABASE_URL=${shown}: cannot use the database (${clean(e, url)}). Check that the PostgreSQL server is running and that DATABASE_URL names it, its user and database.`,
      'bad_database',
    );
  }

  const subscriptions = new PgSubscriptions(pool);
  const plans = new PgPlans(pool);
  const posts = new PgPosts(pool);
  let closed = false;
  return {
    subscriptions: {
      upsert: async (input, now) => subscriptions.upsert({ ...input, platform: checkPlatformId(input.platform) }, now),
      remove: (platform, channelId) => subscriptions.remove(platform, channelId),
      get: (platform, channelId) => subscriptions.get(platform, channelId),
      list: (filter) => subscriptions.list(filter),
      recordError: (platform, channelId, error, at) => subscriptions.recordError(platform, channelId, error, at),
    },
    rotation: {
      cycle: (key) => pgRotation.cycle(pool, key),
      shownInCycle: (key) => pgRotation.shownInCycle(pool, key),
      nextPassage: (key, eligibleIds, random) => pgRotation.nextPassage(pool, key, eligibleIds, random),
      // Cycle number and insert must agree between processes: under the channel's lock.
      markShown: (key, passageId, at = new Date()) =>
        inTransaction(pool, async (c) => {
          await lockChannel(c, key);
          return pgRotation.markShown(c, key, passageId, at);
        }),
      unmarkShown: (key, passageId) =>
        inTransaction(pool, async (c) => {
          await lockChannel(c, key);
          await pgRotation.unmarkShown(c, key, passageId);
        }),
    },
    posts: {
      get: (k) => posts.get(k),
      lastClaimedDate: (platform, channelId) => posts.lastClaimedDate(platform, channelId),
      lastPosted: (platform, channelId) => posts.lastPosted(platform, channelId),
      firstAttemptAt: (k) => posts.firstAttemptAt(k),
      listOpen: () => posts.listOpen(),
      claim: async ({ eligibleIds, random, ...req }) => {
        checkPlatformId(req.platform);
        const key = channelKey(req.platform, req.channelId);
        return posts.claim({ ...req, choosePassage: (q) => pgRotation.nextPassage(q, key, eligibleIds, random) });
      },
      reserve: async ({ eligibleIds, random, ...req }) => {
        checkPlatformId(req.platform);
        const key = channelKey(req.platform, req.channelId);
        return posts.reserve({ ...req, choosePassage: (q) => pgRotation.nextPassage(q, key, eligibleIds, random) });
      },
      complete: (k, messageId, now) => posts.complete(k, messageId, now),
      fail: (k, owner, error, now, retryAt) => posts.fail(k, owner, error, now, retryAt),
      expire: (k, error, now) => posts.expire(k, error, now),
    },
    plans: {
      put: async (plan, now) => plans.put({ ...plan, platform: checkPlatformId(plan.platform) }, now),
      setAnchor: (platform, channelId, anchor, now) => plans.setAnchor(platform, channelId, anchor, now),
      get: (platform, channelId) => plans.get(platform, channelId),
      remove: (platform, channelId) => plans.remove(platform, channelId),
      list: () => plans.list(),
    },
    schemaVersion: () => pgSchemaVersion(pool),
    async problem(): Promise<StateProblem | undefined> {
      if (closed) return undefined;
      try {
        await pool.query('SELECT 1');
        return undefined;
      } catch (e) {
        // Chat users read the message: the server's address and the driver's words go to the log only.
        log.error(STORE_UNREACHABLE, { database: shown, error: clean(e, url) });
        return {
          kind: 'unreachable',
          message: 'The bot\'s database server cannot be reached right now.',
          restore: 'Nothing was lost: the state is on the server. Start it again (or point DATABASE_URL at one that runs) and try again.',
          at: new Date(),
        };
      }
    },
    // No file backups here: the state lives on a server whose operator backs it up (pg_dump,
    // base backups, a managed service's snapshots); a copy beside one replica would be partial and stale.
    protect: async () => undefined,
    async close() {
      if (closed) return;
      closed = true;
      await pool.end();
    },
  };
}
