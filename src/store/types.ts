// Rows the store hands out, as plain data. Instants are Dates; local dates are 'YYYY-MM-DD' in the
// subscriber's zone; times are 'HH:MM'.
import type { DaySet } from '../bot/days.js';
import type { PlanPace } from '../bot/plan.js';

/**
 * A platform's name as stored ('discord', 'slack', 'terminal', ...). The store does not keep a
 * list of platforms, so a new one needs no change here; it checks only the shape (platform-id.ts).
 */
export type PlatformId = string;

/** What `/daily subscribe` sets. At most one per (platform, channelId). */
export interface SubscriptionInput {
  platform: PlatformId;
  /** The platform's own channel id. */
  channelId: string;
  /** Discord guild or Slack workspace, when there is one. */
  workspaceId?: string;
  /** 'HH:MM', 24h, in `timezone`. */
  time: string;
  /** IANA zone name, e.g. Europe/Berlin. */
  timezone: string;
  /** The local weekdays it posts on. */
  days: DaySet;
  /** Platform user id of whoever subscribed (or last changed) the channel. */
  createdBy: string;
}

export interface Subscription extends SubscriptionInput {
  createdAt: Date;
  updatedAt: Date;
  /** When time, zone or days last changed: posts scheduled before this are not owed. */
  scheduleSince: Date;
  lastError?: { message: string; code: string; at: Date };
}

/**
 * Where a channel's post for one local date stands.
 * reserved: passage chosen (someone asked `/daily today` early), nobody posting yet.
 * claimed:  an instance is posting under a lease until `leaseUntil`.
 * retry:    the last attempt failed; the next one may start at `nextAttemptAt`.
 * posted:   done; `messageId` is the platform's id.
 * failed:   given up for that date (permanent error, retries exhausted, or abandoned too late).
 */
export type PostStatus = 'reserved' | 'claimed' | 'retry' | 'posted' | 'failed';

export interface PostRecord {
  platform: PlatformId;
  channelId: string;
  localDate: string;
  passageId: string;
  /** Deterministic per (platform, channel, localDate); the poster hands it to the platform for dedupe. */
  nonce: string;
  status: PostStatus;
  /** Attempts started so far. */
  attempts: number;
  owner?: string;
  claimedAt?: Date;
  leaseUntil?: Date;
  nextAttemptAt?: Date;
  messageId?: string;
  postedAt?: Date;
  error?: { message: string; code: string };
  updatedAt: Date;
}

/** The key rotations are stored under: one rotation per platform channel. */
export const channelKey = (platform: PlatformId, channelId: string): string => `${platform}:${channelId}`;

/**
 * Where a channel's group is in its plan, kept so it survives the document being re-ingested: the
 * first passage of the reading they had on `localDate` (ids derive from the text), with its
 * neighbours, position and section as fall-backs when that passage itself was edited.
 */
export interface PlanAnchor {
  /** The channel's local date on which the group read this reading. */
  localDate: string;
  passageId: string;
  prevId?: string;
  nextId?: string;
  position: number;
  section?: string;
  /** Position within its section's run of passages. */
  sectionOffset: number;
}

/** A channel's reading plan: one per (platform, channelId). */
export interface PlanRecord {
  platform: PlatformId;
  channelId: string;
  workspaceId?: string;
  docId: string;
  pace: PlanPace;
  /** The local weekdays the group reads on. */
  days: DaySet;
  timezone: string;
  /** The local date the plan was started. */
  startDate: string;
  anchor: PlanAnchor;
  createdBy: string;
  createdAt: Date;
  updatedAt: Date;
}
