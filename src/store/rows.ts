// The rows both stores keep (snake_case columns, times as epoch milliseconds, a plan's pace and
// anchor as JSON) and the one mapping from a row to the record the bot uses, so SQLite and
// Postgres can never disagree on what a stored row means. Postgres hands BIGINT columns back as
// strings and JSONB already parsed; SQLite hands back numbers and JSON text: both are accepted.
import { z } from 'zod';
import { maskToDays } from '../bot/days.js';
import type { PlanAnchor, PlanRecord, PlatformId, PostRecord, PostStatus, Subscription } from './types.js';

/** Epoch milliseconds: a number (SQLite, INTEGER) or a string (Postgres, BIGINT). */
export type Ms = number | string;

const at = (v: Ms): Date => new Date(Number(v));
const atOrUndefined = (v: Ms | null): Date | undefined => (v === null ? undefined : at(v));

export interface SubscriptionRow {
  platform: PlatformId;
  channel_id: string;
  workspace_id: string | null;
  time: string;
  timezone: string;
  /** Bit d-1 for ISO weekday d. */
  days: number;
  created_by: string;
  created_at: Ms;
  updated_at: Ms;
  schedule_since: Ms;
  last_error: string | null;
  last_error_code: string | null;
  last_error_at: Ms | null;
}

export const toSubscription = (r: SubscriptionRow): Subscription => ({
  platform: r.platform,
  channelId: r.channel_id,
  ...(r.workspace_id !== null ? { workspaceId: r.workspace_id } : {}),
  time: r.time,
  timezone: r.timezone,
  days: maskToDays(r.days),
  createdBy: r.created_by,
  createdAt: at(r.created_at),
  updatedAt: at(r.updated_at),
  scheduleSince: at(r.schedule_since),
  ...(r.last_error !== null && r.last_error_at !== null
    ? { lastError: { message: r.last_error, code: r.last_error_code ?? 'unknown', at: at(r.last_error_at) } }
    : {}),
});

export interface PlanRow {
  platform: PlatformId;
  channel_id: string;
  workspace_id: string | null;
  doc_id: string;
  /** JSON text (SQLite) or parsed JSONB (Postgres). */
  pace: unknown;
  days: number;
  timezone: string;
  start_date: string;
  anchor: unknown;
  created_by: string;
  created_at: Ms;
  updated_at: Ms;
}

const paceSchema = z.union([
  z.object({ unit: z.literal('sections'), maxPassages: z.number().int().positive() }),
  z.object({ unit: z.literal('passages'), count: z.number().int().positive() }),
]);
const anchorSchema = z.object({
  localDate: z.string(),
  passageId: z.string(),
  prevId: z.string().optional(),
  nextId: z.string().optional(),
  position: z.number().int(),
  section: z.string().optional(),
  sectionOffset: z.number().int().nonnegative(),
});

/** The schemas still check what an older or newer bot wrote. */
const json = (v: unknown): unknown => (typeof v === 'string' ? JSON.parse(v) : v);

export const toPlan = (r: PlanRow): PlanRecord => ({
  platform: r.platform,
  channelId: r.channel_id,
  ...(r.workspace_id !== null ? { workspaceId: r.workspace_id } : {}),
  docId: r.doc_id,
  pace: paceSchema.parse(json(r.pace)),
  days: maskToDays(r.days),
  timezone: r.timezone,
  startDate: r.start_date,
  anchor: anchorSchema.parse(json(r.anchor)) as PlanAnchor,
  createdBy: r.created_by,
  createdAt: at(r.created_at),
  updatedAt: at(r.updated_at),
});

export interface PostRow {
  platform: PlatformId;
  channel_id: string;
  local_date: string;
  passage_id: string;
  nonce: string;
  status: PostStatus;
  attempts: number | string;
  owner: string | null;
  claimed_at: Ms | null;
  lease_until: Ms | null;
  next_attempt_at: Ms | null;
  message_id: string | null;
  posted_at: Ms | null;
  error: string | null;
  error_code: string | null;
  updated_at: Ms;
}

export function toPostRecord(r: PostRow): PostRecord {
  const rec: PostRecord = {
    platform: r.platform,
    channelId: r.channel_id,
    localDate: r.local_date,
    passageId: r.passage_id,
    nonce: r.nonce,
    status: r.status,
    attempts: Number(r.attempts),
    updatedAt: at(r.updated_at),
  };
  if (r.owner !== null) rec.owner = r.owner;
  if (r.claimed_at !== null) rec.claimedAt = atOrUndefined(r.claimed_at);
  if (r.lease_until !== null) rec.leaseUntil = atOrUndefined(r.lease_until);
  if (r.next_attempt_at !== null) rec.nextAttemptAt = atOrUndefined(r.next_attempt_at);
  if (r.message_id !== null) rec.messageId = r.message_id;
  if (r.posted_at !== null) rec.postedAt = atOrUndefined(r.posted_at);
  if (r.error !== null) rec.error = { message: r.error, code: r.error_code ?? 'unknown' };
  return rec;
}
