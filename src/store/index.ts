// The bot's persistent state: subscriptions, each channel's rotation, and one row per channel and
// local date for daily posts. `openStore(process.env.DATABASE_PATH ?? 'state/bot.db')`.
import type Database from 'better-sqlite3';
import { openDatabase } from './db.js';
import { StateKeeper, type KeeperOptions, type StateProblem } from './keeper.js';
import { schemaVersion } from './migrations.js';
import { PostRepo } from './posts.js';
import { RotationRepo } from './rotation.js';
import { SubscriptionRepo } from './subscriptions.js';

export interface Store {
  readonly path: string;
  readonly subscriptions: SubscriptionRepo;
  readonly rotation: RotationRepo;
  readonly posts: PostRepo;
  /** The migration version the database is at. */
  schemaVersion(): number;
  /** The raw connection, for tests and maintenance. */
  readonly db: Database.Database;
  /** What is wrong with the database file under the running bot, if anything (checks it now). */
  problem(): StateProblem | undefined;
  /** Backs the state up now and then watches the file (see StateKeeper); `npm start` calls it. */
  protect(opts?: KeeperOptions): Promise<unknown>;
  close(): void;
}

export const DEFAULT_DATABASE_PATH = 'state/bot.db';

/** Opens (creating folder and file if needed) and migrates the database at `path`. */
export function openStore(path: string = DEFAULT_DATABASE_PATH): Store {
  const db = openDatabase(path);
  const rotation = new RotationRepo(db);
  let keeper: StateKeeper | undefined;
  return {
    path,
    db,
    subscriptions: new SubscriptionRepo(db),
    rotation,
    posts: new PostRepo(db, rotation),
    schemaVersion: () => schemaVersion(db),
    problem: () => keeper?.problem(),
    protect: (opts) => {
      if (path === ':memory:') return Promise.resolve();
      keeper ??= new StateKeeper(db, path, opts);
      return keeper.start();
    },
    close: () => {
      keeper?.stop();
      if (db.open) db.close();
    },
  };
}

export { BACKUP_GENERATIONS, backupDir, listBackups, newestBackup, restoreAdvice, takeBackup } from './backups.js';
export { StateError, ensureFolder } from './db.js';
export { STATE_BACKED_UP, STATE_BACKUP_FAILED, STATE_FILE_CHANGED, type KeeperOptions, type StateProblem } from './keeper.js';
export { MIGRATIONS, SCHEMA_VERSION, migrate, type Migration } from './migrations.js';
export type { Claim, ClaimRequest, PostKey, PostRepo } from './posts.js';
export type { RotationRepo } from './rotation.js';
export type { SubscriptionRepo } from './subscriptions.js';
export { PLATFORMS, channelKey, type Platform, type PostRecord, type PostStatus, type Subscription, type SubscriptionInput } from './types.js';
