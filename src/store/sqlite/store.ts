// The Store on an embedded SQLite file. better-sqlite3 is synchronous and its transactions must
// be too, so the tables work synchronously on one connection (a claim stays one IMMEDIATE
// transaction, passage pick included) and this layer hands their answers out as promises, after
// checking the shape of any platform id that would make a new row.
import { checkPlatformId } from '../platform-id.js';
import type { KeeperOptions, Store } from '../store.js';
import { channelKey } from '../types.js';
import { openDatabase } from './db.js';
import { StateKeeper } from './keeper.js';
import { schemaVersion } from './migrations.js';
import { PlanTable } from './plans.js';
import { PostTable } from './posts.js';
import { RotationTable } from './rotation.js';
import { SubscriptionTable } from './subscriptions.js';

/** Opens (creating folder and file if needed) and migrates the SQLite database at `path`. */
export async function openSqliteStore(path: string): Promise<Store> {
  const db = openDatabase(path);
  const rotation = new RotationTable(db);
  const posts = new PostTable(db, rotation);
  const subscriptions = new SubscriptionTable(db);
  const plans = new PlanTable(db);
  let keeper: StateKeeper | undefined;
  return {
    subscriptions: {
      upsert: async (input, now) => {
        checkPlatformId(input.platform);
        return subscriptions.upsert(input, now);
      },
      remove: async (platform, channelId) => subscriptions.remove(platform, channelId),
      get: async (platform, channelId) => subscriptions.get(platform, channelId),
      list: async (filter) => subscriptions.list(filter),
      recordError: async (platform, channelId, error, at) => subscriptions.recordError(platform, channelId, error, at),
    },
    rotation: {
      cycle: async (key) => rotation.cycle(key),
      shownInCycle: async (key) => rotation.shownInCycle(key),
      nextPassage: async (key, eligibleIds, random) => rotation.nextPassage(key, eligibleIds, random),
      markShown: async (key, passageId, at) => rotation.markShown(key, passageId, at),
      unmarkShown: async (key, passageId) => rotation.unmarkShown(key, passageId),
    },
    posts: {
      get: async (k) => posts.get(k),
      lastClaimedDate: async (platform, channelId) => posts.lastClaimedDate(platform, channelId),
      lastPosted: async (platform, channelId) => posts.lastPosted(platform, channelId),
      firstAttemptAt: async (k) => posts.firstAttemptAt(k),
      listOpen: async () => posts.listOpen(),
      claim: async ({ eligibleIds, random, ...req }) => {
        checkPlatformId(req.platform);
        return posts.claim({ ...req, choosePassage: () => rotation.nextPassage(channelKey(req.platform, req.channelId), eligibleIds, random) });
      },
      reserve: async ({ eligibleIds, random, ...req }) => {
        checkPlatformId(req.platform);
        return posts.reserve({ ...req, choosePassage: () => rotation.nextPassage(channelKey(req.platform, req.channelId), eligibleIds, random) });
      },
      complete: async (k, messageId, now) => posts.complete(k, messageId, now),
      fail: async (k, owner, error, now, retryAt) => posts.fail(k, owner, error, now, retryAt),
      expire: async (k, error, now) => posts.expire(k, error, now),
    },
    plans: {
      put: async (plan, now) => {
        checkPlatformId(plan.platform);
        return plans.put(plan, now);
      },
      setAnchor: async (platform, channelId, anchor, now) => plans.setAnchor(platform, channelId, anchor, now),
      get: async (platform, channelId) => plans.get(platform, channelId),
      remove: async (platform, channelId) => plans.remove(platform, channelId),
      list: async () => plans.list(),
    },
    schemaVersion: async () => schemaVersion(db),
    problem: async () => keeper?.problem(),
    protect: (opts?: KeeperOptions) => {
      if (path === ':memory:') return Promise.resolve();
      keeper ??= new StateKeeper(db, path, opts);
      return keeper.start();
    },
    close: async () => {
      keeper?.stop();
      if (db.open) db.close();
    },
  };
}
