// The bot's persistent state: subscriptions, each channel's rotation, and one row per channel and
// local date for daily posts, behind the async Store interface (store.ts). openStore is the one
// way in: the embedded SQLite file (sqlite/) by default, a PostgreSQL server (postgres/) when
// DATABASE_URL names one.
import { errorMessage, isUserError, UserError } from '../core/errors.js';
import { openSqliteStore } from './sqlite/store.js';
import type { Store } from './store.js';

export const DEFAULT_DATABASE_PATH = 'state/bot.db';

/** Where the state lives: a SQLite file path (DATABASE_PATH), or a postgres:// URL (DATABASE_URL). */
export type StoreTarget = string | { path: string } | { url: string };

/**
 * Opens and migrates the state: a SQLite file (creating folder and file if needed) for a path, a
 * PostgreSQL server for `{ url }`.
 */
export async function openStore(target: StoreTarget = DEFAULT_DATABASE_PATH): Promise<Store> {
  if (typeof target === 'string') return openSqliteStore(target);
  // Loaded only when asked for: a bot on SQLite never loads the Postgres driver.
  if ('url' in target) return (await import('./postgres/store.js')).openPostgresStore(target.url);
  return openSqliteStore(target.path);
}

/** The store the configuration chooses: DATABASE_URL when set, else the SQLite file at DATABASE_PATH. */
export const storeTarget = (config: { DATABASE_URL?: string; DATABASE_PATH: string }): StoreTarget =>
  config.DATABASE_URL ? { url: config.DATABASE_URL } : { path: config.DATABASE_PATH };

/**
 * Opens the store the configuration chooses, for `npm start` and the CLI alike. Whatever stops it
 * is a UserError naming the variable to fix: each store's own already do (the Postgres store's name
 * DATABASE_URL without its password); anything else is the SQLite file's.
 */
export async function openConfiguredStore(config: { DATABASE_URL?: string; DATABASE_PATH: string }): Promise<Store> {
  try {
    return await openStore(storeTarget(config));
  } catch (e) {
    if (isUserError(e)) throw e;
    throw new UserError(`Cannot open the database at ${config.DATABASE_PATH} (${errorMessage(e)}). Set DATABASE_PATH to a writable file.`, 'bad_database');
  }
}

export { PLATFORM_ID_PATTERN, PlatformIdError, checkPlatformId, isPlatformId } from './platform-id.js';
export type {
  Claim,
  ClaimRequest,
  KeeperOptions,
  PassageChoice,
  PlanRepo,
  PostKey,
  PostRepo,
  ReserveRequest,
  RotationRepo,
  StateProblem,
  Store,
  SubscriptionRepo,
} from './store.js';
export { channelKey, type PlanAnchor, type PlanRecord, type PlatformId, type PostRecord, type PostStatus, type Subscription, type SubscriptionInput } from './types.js';
