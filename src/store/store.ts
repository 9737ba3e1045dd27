// What the scheduler and the daily service may ask of the bot's state, as async methods on plain
// data, so that any database can stand behind it: the embedded SQLite file (sqlite/) or a
// PostgreSQL server shared by several processes (postgres/).
// Nothing here names a driver or hands out a connection.
import type { PlanAnchor, PlanRecord, PlatformId, PostRecord, Subscription, SubscriptionInput } from './types.js';

/** One channel's post on one local date. */
export interface PostKey {
  platform: PlatformId;
  channelId: string;
  localDate: string;
}

/**
 * How a new row's passage is picked: the channel's rotation (see RotationRepo.nextPassage) over
 * `eligibleIds`, inside the same transaction that creates the row and marks the passage shown.
 */
export interface PassageChoice {
  eligibleIds: readonly string[];
  random: () => number;
}

export interface ClaimRequest extends PostKey, PassageChoice {
  /** Deterministic per key; stored with a fresh row, kept on takeover. */
  nonce: string;
  owner: string;
  now: Date;
  leaseMs: number;
}

export interface ReserveRequest extends PostKey, PassageChoice {
  nonce: string;
  now: Date;
}

export interface Claim {
  record: PostRecord;
  /** How the claim was won: a new row, a reserved row, a retry that came due, or an expired lease. */
  via: 'new' | 'reserved' | 'retry' | 'takeover';
}

/** Subscriptions: one per (platform, channel). Subscribing again updates it. */
export interface SubscriptionRepo {
  /** Creates or updates the channel's subscription and returns it as stored. */
  upsert(input: SubscriptionInput, now: Date): Promise<Subscription>;
  /** Removes the channel's subscription; false if there was none. History (posts, rotation) stays. */
  remove(platform: PlatformId, channelId: string): Promise<boolean>;
  get(platform: PlatformId, channelId: string): Promise<Subscription | undefined>;
  /** Every subscription (by platform, then channel), or those of one Discord guild / Slack workspace. */
  list(filter?: { platform: PlatformId; workspaceId: string }): Promise<Subscription[]>;
  /** Records the latest failure on the subscription (shown by `/daily status`). */
  recordError(platform: PlatformId, channelId: string, error: { message: string; code: string }, at: Date): Promise<void>;
}

/** Each channel's rotation: the passages shown in each cycle, so none repeats before all were shown. */
export interface RotationRepo {
  /** The channel's current cycle number (0 before anything was shown). */
  cycle(channelKey: string): Promise<number>;
  /** Passage ids shown in the channel's current cycle. */
  shownInCycle(channelKey: string): Promise<Set<string>>;
  /**
   * The passage to show next: a random one of the eligible ids not yet shown in this cycle, or,
   * when all have been, a random one for the next cycle. Records nothing. Rejects on no ids.
   */
  nextPassage(channelKey: string, eligibleIds: readonly string[], random: () => number): Promise<string>;
  /** Records that `passageId` was (or is being) shown; starts a new cycle if it was already shown in this one. Returns the cycle. */
  markShown(channelKey: string, passageId: string, at?: Date): Promise<number>;
  /** Takes back the latest mark of a passage (a post given up on), so it returns to the pool. */
  unmarkShown(channelKey: string, passageId: string): Promise<void>;
}

/**
 * The post log: one row per (platform, channel, local date), the claim that makes posting
 * exactly-once between processes, and every attempt. Each write is atomic.
 */
export interface PostRepo {
  get(k: PostKey): Promise<PostRecord | undefined>;
  /** The latest local date the channel has a post row for (posted, in progress or given up). */
  lastClaimedDate(platform: PlatformId, channelId: string): Promise<string | undefined>;
  lastPosted(platform: PlatformId, channelId: string): Promise<PostRecord | undefined>;
  /** When the first attempt at a key started (undefined before any attempt). */
  firstAttemptAt(k: PostKey): Promise<Date | undefined>;
  /** Rows not finished: reserved, claimed (in progress or abandoned) and waiting to retry, oldest date first. */
  listOpen(): Promise<PostRecord[]>;
  /**
   * Tries to become the poster for a key, atomically: creates a claimed row with a passage from
   * the rotation (marked shown), or takes over a reserved row, a retry that is due, or a claim
   * whose lease has expired. Undefined when someone else has it.
   */
  claim(req: ClaimRequest): Promise<Claim | undefined>;
  /** Picks and records the passage for a date ahead of posting; returns the row, new or existing. */
  reserve(req: ReserveRequest): Promise<PostRecord>;
  /** Records a successful post. The message id is the truth, whoever holds the lease now. */
  complete(k: PostKey, messageId: string, now: Date): Promise<void>;
  /**
   * Records a failed attempt by `owner`: waits for a retry at `retryAt`, or (without one) gives up
   * for the date and returns the passage to the rotation. False if `owner` no longer held the claim.
   */
  fail(k: PostKey, owner: string, error: { message: string; code: string }, now: Date, retryAt?: Date): Promise<boolean>;
  /** Closes an open row whose date is over (an abandoned claim keeps its passage marked shown). */
  expire(k: PostKey, error: { message: string; code: string }, now: Date): Promise<void>;
}

/** Reading plans: one per (platform, channel), surviving restarts. Starting again replaces it. */
export interface PlanRepo {
  /** Creates or replaces the channel's plan and returns it as stored. */
  put(plan: Omit<PlanRecord, 'createdAt' | 'updatedAt'>, now: Date): Promise<PlanRecord>;
  /** Moves where the group is; false when the channel has no plan. */
  setAnchor(platform: PlatformId, channelId: string, anchor: PlanAnchor, now: Date): Promise<boolean>;
  get(platform: PlatformId, channelId: string): Promise<PlanRecord | undefined>;
  /** False when the channel had no plan. */
  remove(platform: PlatformId, channelId: string): Promise<boolean>;
  list(): Promise<PlanRecord[]>;
}

/**
 * Something wrong with the state under the running bot: its SQLite file deleted, emptied or
 * replaced, or its database server not answering.
 */
export interface StateProblem {
  kind: 'missing' | 'truncated' | 'replaced' | 'unreachable';
  /** What happened, for people. */
  message: string;
  /** Which backup restores it, and how. */
  restore: string;
  at: Date;
}

export interface KeeperOptions {
  /** How often the state is checked (default 30 s). */
  checkEveryMs?: number;
  /** Least time between two backups of a changing state (default 10 min). */
  backupGapMs?: number;
  clock?: () => Date;
}

export interface Store {
  readonly subscriptions: SubscriptionRepo;
  readonly rotation: RotationRepo;
  readonly posts: PostRepo;
  readonly plans: PlanRepo;
  /** The migration version the database is at. */
  schemaVersion(): Promise<number>;
  /** What is wrong with the state under the running bot, if anything (checks it now). */
  problem(): Promise<StateProblem | undefined>;
  /** Backs the state up now and then watches over it; `npm start` calls it. A server database leaves backups to its operator. */
  protect(opts?: KeeperOptions): Promise<unknown>;
  /** Closes the connection; closing twice is harmless. */
  close(): Promise<void>;
}
