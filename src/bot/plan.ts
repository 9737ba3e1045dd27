// What commands need from reading plans, as an interface (like DailyService): the commands stay
// platform-neutral and know nothing of the store or the calendar; the service is wired in by
// main.ts and the terminal.
import type { DailyChannel } from './daily.js';
import type { DaySet } from './days.js';
import type { Reply } from './reply.js';

/** How far a channel's group has read: passages of `docId` after `upTo` are ahead of them. */
export interface Reach {
  docId: string;
  /** `Passage.position` of the last passage the group has reached, inclusive. */
  upTo: number;
  /** Where that is, for people: "chapter 3, part 2 of 4". */
  label: string;
}

export interface PlanService {
  /** How far the channel's plan has reached on the channel's local date of `now`; undefined without a plan. */
  reach(channel: DailyChannel, now: Date): Promise<Reach | undefined>;
}

/** How much a group reads on one reading day. */
export type PlanPace =
  /** One section a day; a section longer than `maxPassages` is read in parts of at most that many. */
  | { unit: 'sections'; maxPassages: number }
  /** `count` passages a day, in reading order, across section boundaries. */
  | { unit: 'passages'; count: number };

/** The most passages one day's post carries: more would be a wall of text, and Discord caps embeds. */
export const MAX_DAY_PASSAGES = 6;
/** A long section is split into parts of at most this many passages. */
export const DEFAULT_PART_PASSAGES = 4;

/** What `/plan start` asks for. Days and zone left out follow the channel's daily posts, else every day in DAILY_TIMEZONE. */
export interface PlanRequest {
  /** A document id, title, or part of either (as `source:` takes it). */
  source: string;
  pace: PlanPace;
  days?: DaySet;
  timezone?: string;
}

/** One reading day of a plan, as people read it. */
export interface PlanDayInfo {
  /** "Chapter 3, part 2 of 4". */
  label: string;
  /** 1-based. */
  number: number;
  /** The local date, written for people ("Mon 23 Mar 2026"). */
  date: string;
}

/** Where a channel's plan stands on a local date, for `/plan status` and replies to changes. */
export interface PlanStatus {
  channel: DailyChannel;
  doc: { id: string; title: string };
  pace: string;
  days: DaySet;
  timezone: string;
  /** The channel's local date this status is for. */
  localDate: string;
  /** How many reading days the plan has in all. */
  totalDays: number;
  /** Today's reading, when today is a reading day of a running plan. */
  today?: PlanDayInfo;
  /** The reading the group is on (today's, or the last one read on a rest day). */
  current?: PlanDayInfo;
  next?: PlanDayInfo;
  /** The last reading day. */
  finishes?: PlanDayInfo;
  state: 'not-started' | 'reading' | 'finished' | 'broken';
  /** Why the plan cannot go on (its document removed, its place lost in an edit) and what to do. */
  problem?: string;
}

/** The whole of what /plan needs; `reach` is what the spoiler limits need. */
export interface ReadingPlans extends PlanService {
  start(channel: DailyChannel, request: PlanRequest, by: string, now: Date): Promise<PlanStatus>;
  status(channel: DailyChannel, now: Date): Promise<PlanStatus | undefined>;
  /** Moves the group one reading forward (1) or back (-1) from where it is on the local date of `now`. */
  move(channel: DailyChannel, by: 1 | -1, now: Date): Promise<PlanStatus | undefined>;
  /** False when the channel had no plan. */
  stop(channel: DailyChannel): Promise<boolean>;
  /**
   * The day's reading as the daily post shows it, for /daily today in a plan channel: on the
   * channel's local date of `now`, or on `date` ('YYYY-MM-DD') when given. Undefined without a
   * running plan (none, or finished).
   */
  todaysReading?(channel: DailyChannel, now: Date, date?: string): Promise<Reply | undefined>;
}

/** Whether a PlanService also manages plans (the one main.ts builds does; a test's stub may not). */
export const managesPlans = (p: PlanService | undefined): p is ReadingPlans => !!p && typeof (p as ReadingPlans).start === 'function';
