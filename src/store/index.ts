// The bot's persistent state: subscriptions, each channel's rotation, and one row per channel and
// local date for daily posts, behind the async Store interface (store.ts). openStore is the one
// way in; today it opens the embedded SQLite file (sqlite/).
import { openSqliteStore } from './sqlite/store.js';
import type { Store } from './store.js';

export const DEFAULT_DATABASE_PATH = 'state/bot.db';

/** Opens (creating folder and file if needed) and migrates the database at `path`. */
export function openStore(path: string = DEFAULT_DATABASE_PATH): Promise<Store> {
  return openSqliteStore(path);
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
