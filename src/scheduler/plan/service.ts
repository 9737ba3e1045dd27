// The reading plans behind /plan, the spoiler limits and the daily posts of a plan channel: a plan
// is stored as a document, a pace, reading days and an anchor (where the group is); everything
// else, the readings themselves included, is worked out from the corpus as it is now, so an edited
// document is followed from the same place in its text and a removed one is explained.
import { EVERY_DAY } from '../../bot/days.js';
import type { DailyChannel } from '../../bot/daily.js';
import type { PlanDayInfo, PlanRequest, PlanStatus, ReadingPlans, Reach } from '../../bot/plan.js';
import type { Reply } from '../../bot/reply.js';
import { UserError } from '../../core/errors.js';
import type { Passage } from '../../core/corpus.js';
import type { Library } from '../../core/library/library.js';
import { log as coreLog } from '../../core/log.js';
import type { PlanRecord, Store } from '../../store/index.js';
import { addDays, localDate } from '../time.js';
import { anchorFor, dateOfReading, firstReadingDay, locateAnchor, readingIndexOn, readsOn } from './calendar.js';
import { planDayReply } from './post.js';
import { describePace, readingUnits, type ReadingUnit } from './units.js';

/** Logged when a plan's document is gone or its place cannot be found after an edit. */
export const PLAN_BROKEN = 'plan_broken';
/** Logged when a channel starts a plan. */
export const PLAN_STARTED = 'plan_started';
/** Logged when a plan is moved by hand (/plan next, /plan back). */
export const PLAN_MOVED = 'plan_moved';
/** Logged when a plan found its place again by a fall-back (the anchored passage itself was edited). */
export const PLAN_REANCHORED = 'plan_reanchored';

type Logger = Pick<typeof coreLog, 'info' | 'warn'>;

/** Where a plan stands on one of its channel's local dates. */
export type PlanView =
  | { kind: 'broken'; plan: PlanRecord; date: string; problem: string; code: 'document_missing' | 'place_lost' }
  | { kind: 'ok'; plan: PlanRecord; date: string; title: string; units: ReadingUnit[]; index: number };

/** What a channel's daily post is on a local date when the channel has a plan. */
export type PlannedPost =
  /** Not a reading day (or the plan has not begun): no post that day. */
  | { kind: 'rest' }
  /** The day's reading, or a post saying why the plan cannot go on. */
  | { kind: 'post'; passageId?: string; reply: Reply };

export interface PlanServiceOptions {
  store: Store;
  library: () => Library;
  /** DAILY_TIMEZONE: the zone of a plan in a channel without daily posts. */
  defaultTimezone?: string;
  log?: Logger;
}

const DATE_FORMAT = new Intl.DateTimeFormat('en-GB', { timeZone: 'UTC', weekday: 'short', day: 'numeric', month: 'short', year: 'numeric' });
/** A local date for people: "Mon 23 Mar 2026". */
export const formatDate = (date: string) => DATE_FORMAT.format(new Date(`${date}T12:00:00Z`)).replace(',', '');

export interface PlanServiceImpl extends ReadingPlans {
  /** The channel's plan on a local date, for the daily post; undefined without a plan or after it finished. */
  plannedPost(channel: DailyChannel, date: string): Promise<PlannedPost | undefined>;
  view(channel: DailyChannel, date?: string, now?: Date): Promise<PlanView | undefined>;
}

export function createPlanService(opts: PlanServiceOptions): PlanServiceImpl {
  const { store, library } = opts;
  const log = opts.log ?? coreLog;
  // reach() runs on every search and autocomplete in a plan channel: cut each document once per
  // library (a reload is a new library, so an edit is cut afresh).
  const cuts = new WeakMap<Library, Map<string, ReadingUnit[]>>();
  const unitsOf = (lib: Library, plan: PlanRecord, passages: readonly Passage[]) => {
    let byPlan = cuts.get(lib);
    if (!byPlan) cuts.set(lib, (byPlan = new Map()));
    const key = `${plan.docId}\u0000${JSON.stringify(plan.pace)}`;
    let units = byPlan.get(key);
    if (!units) byPlan.set(key, (units = readingUnits(passages, plan.pace)));
    return units;
  };

  const refuseIfBroken = async () => {
    const problem = await store.problem();
    if (problem) throw new UserError(`I can't save reading-plan changes right now. ${problem.message} ${problem.restore}`, 'state_broken');
  };

  /** The plan's view on `date` (default: the plan's local date of `now`); follows the group by moving the anchor forward. */
  async function viewOf(plan: PlanRecord, date: string): Promise<PlanView> {
    const lib = library();
    const passages = lib.corpus.byDoc.get(plan.docId);
    const where = { platform: plan.platform, channel: plan.channelId, doc: plan.docId };
    if (!passages?.length) {
      log.warn(PLAN_BROKEN, { ...where, code: 'document_missing' });
      return {
        kind: 'broken',
        plan,
        date,
        code: 'document_missing',
        problem: `The document this plan reads ("${plan.docId}") is no longer in the library, so the plan cannot go on. Put the file back in the corpus folder, or start another plan with /plan start, or end this one with /plan stop.`,
      };
    }
    const title = lib.doc(plan.docId).title;
    const units = unitsOf(lib, plan, passages);
    const anchorIndex = locateAnchor(units, plan.anchor);
    if (anchorIndex === undefined) {
      log.warn(PLAN_BROKEN, { ...where, code: 'place_lost' });
      return {
        kind: 'broken',
        plan,
        date,
        code: 'place_lost',
        problem: `"${title}" was edited and the place the group had reached is no longer in it, so I cannot tell where to go on. Start the plan again with /plan start and move to your place with /plan next, or end it with /plan stop.`,
      };
    }
    const index = readingIndexOn(plan.days, plan.anchor.localDate, anchorIndex, date);
    // Keep the anchor on the group's current reading, so a later edit earlier in the text cannot
    // move them; and on a passage that exists, once a fall-back found the place.
    const first = units[anchorIndex]!.passages[0]!;
    const moved = date > plan.anchor.localDate && index >= 0 && index < units.length;
    if (moved || first.id !== plan.anchor.passageId) {
      const at = moved ? units[index]!.passages[0]! : first;
      const anchor = anchorFor(passages, at, moved ? date : plan.anchor.localDate);
      if (first.id !== plan.anchor.passageId) log.info(PLAN_REANCHORED, { ...where, from: plan.anchor.passageId, to: first.id });
      await store.plans.setAnchor(plan.platform, plan.channelId, anchor, new Date());
      plan = { ...plan, anchor };
    }
    return { kind: 'ok', plan, date, title, units, index };
  }

  async function view(channel: DailyChannel, date?: string, now = new Date()): Promise<PlanView | undefined> {
    const plan = await store.plans.get(channel.platform, channel.channelId);
    if (!plan) return undefined;
    return viewOf(plan, date ?? localDate(now, plan.timezone));
  }

  const info = (v: Extract<PlanView, { kind: 'ok' }>, index: number, date: string): PlanDayInfo => ({
    label: v.units[index]!.label,
    number: index + 1,
    date: formatDate(date),
  });

  /** The last reading day on or before `date` (the anchor's date when that is later). */
  function lastReadingDay(v: Extract<PlanView, { kind: 'ok' }>): string {
    let d = v.date;
    for (let i = 0; i < 7 && !readsOn(v.plan.days, d) && d > v.plan.anchor.localDate; i++) d = addDays(d, -1);
    return d;
  }

  function statusOf(channel: DailyChannel, v: PlanView): PlanStatus {
    const plan = v.plan;
    const base = { channel, pace: describePace(plan.pace), days: plan.days, timezone: plan.timezone, localDate: v.date };
    if (v.kind === 'broken') {
      return { ...base, doc: { id: plan.docId, title: plan.docId }, totalDays: 0, state: 'broken', problem: v.problem };
    }
    const total = v.units.length;
    const status: PlanStatus = {
      ...base,
      doc: { id: plan.docId, title: v.title },
      totalDays: total,
      state: v.index < 0 ? 'not-started' : v.index >= total ? 'finished' : 'reading',
    };
    if (v.index >= 0 && v.index < total) {
      if (readsOn(plan.days, v.date)) status.today = info(v, v.index, v.date);
      status.current = info(v, v.index, lastReadingDay(v));
    }
    if (v.index < total - 1) {
      const at = Math.max(v.index, -1);
      status.next = info(v, at + 1, dateOfReading(plan.days, v.date, at, at + 1));
      status.finishes = info(v, total - 1, dateOfReading(plan.days, v.date, at, total - 1));
    } else if (v.index === total - 1) status.finishes = info(v, total - 1, lastReadingDay(v));
    return status;
  }

  async function dayReply(v: Extract<PlanView, { kind: 'ok' }>): Promise<Reply> {
    const total = v.units.length;
    const next = v.index + 1 < total ? info(v, v.index + 1, dateOfReading(v.plan.days, v.date, v.index, v.index + 1)) : undefined;
    return planDayReply(library(), { title: v.title, unit: v.units[v.index]!, total, ...(next ? { next } : {}) });
  }

  const problemReply = (v: Extract<PlanView, { kind: 'broken' }>): Reply => ({
    kind: 'notice',
    visibility: 'public',
    title: 'The reading plan is stuck',
    lines: [v.problem],
    notes: [],
    actions: [],
  });

  return {
    view,

    async reach(channel, now): Promise<Reach | undefined> {
      const v = await view(channel, undefined, now);
      if (!v) return undefined;
      if (v.kind === 'broken') {
        // A document that is gone has nothing to hide; a lost place keeps the last one known.
        return v.code === 'document_missing' ? undefined : { docId: v.plan.docId, upTo: v.plan.anchor.position, label: 'where the plan last was' };
      }
      const total = v.units.length;
      if (v.index >= total) {
        const last = v.units[total - 1]!.passages;
        return { docId: v.plan.docId, upTo: last[last.length - 1]!.position, label: `the whole of "${v.title}" (finished)` };
      }
      // Before the first reading day the group is about to read the first reading: that much is theirs.
      const unit = v.units[Math.max(0, v.index)]!;
      return { docId: v.plan.docId, upTo: unit.passages[unit.passages.length - 1]!.position, label: unit.label };
    },

    async start(channel, request: PlanRequest, by, now) {
      await refuseIfBroken();
      const lib = library();
      const doc = lib.resolveSource(request.source);
      const passages = lib.corpus.byDoc.get(doc.id);
      if (!passages?.length) throw new UserError(`"${doc.title}" has no passages to read.`, 'empty_document');
      const sub = await store.subscriptions.get(channel.platform, channel.channelId);
      const days = request.days ?? sub?.days ?? EVERY_DAY;
      const timezone = request.timezone ?? sub?.timezone ?? opts.defaultTimezone ?? 'UTC';
      const today = localDate(now, timezone);
      const units = readingUnits(passages, request.pace);
      // The first reading is today when today is a reading day, else the next reading day.
      const anchor = anchorFor(passages, units[0]!.passages[0]!, firstReadingDay(days, today));
      const plan = await store.plans.put(
        {
          platform: channel.platform,
          channelId: channel.channelId,
          ...(channel.workspaceId ? { workspaceId: channel.workspaceId } : {}),
          docId: doc.id,
          pace: request.pace,
          days,
          timezone,
          startDate: today,
          anchor,
          createdBy: by,
        },
        now,
      );
      log.info(PLAN_STARTED, { platform: channel.platform, channel: channel.channelId, doc: doc.id, readings: units.length });
      return statusOf(channel, await viewOf(plan, today));
    },

    async status(channel, now) {
      const v = await view(channel, undefined, now);
      return v && statusOf(channel, v);
    },

    async move(channel, by, now) {
      const v = await view(channel, undefined, now);
      if (!v) return undefined;
      if (v.kind === 'broken') throw new UserError(v.problem, 'plan_broken');
      await refuseIfBroken();
      const total = v.units.length;
      const from = Math.min(Math.max(v.index, by > 0 ? -1 : 0), total);
      const to = from + by;
      if (to < 0) throw new UserError('The group is at the first reading already; there is nothing before it.', 'plan_at_start');
      if (to >= total) {
        throw new UserError(
          v.index >= total ? 'The group has finished this plan; /plan start begins another.' : 'This is the last reading of the plan; the plan finishes after it on its own.',
          'plan_at_end',
        );
      }
      const passages = library().corpus.byDoc.get(v.plan.docId)!;
      const anchor = anchorFor(passages, v.units[to]!.passages[0]!, v.date);
      await store.plans.setAnchor(v.plan.platform, v.plan.channelId, anchor, now);
      log.info(PLAN_MOVED, { platform: channel.platform, channel: channel.channelId, by, reading: to + 1 });
      return statusOf(channel, await viewOf({ ...v.plan, anchor }, v.date));
    },

    async stop(channel) {
      await refuseIfBroken();
      return store.plans.remove(channel.platform, channel.channelId);
    },

    async todaysReading(channel, now, date) {
      const v = await view(channel, date, now);
      if (!v) return undefined;
      if (v.kind === 'broken') return problemReply(v);
      if (v.index >= v.units.length) return undefined;
      if (v.index < 0 || !readsOn(v.plan.days, v.date)) {
        const s = statusOf(channel, v);
        return {
          kind: 'notice',
          visibility: 'public',
          title: `No reading today, ${formatDate(v.date)}`,
          lines: [s.next ? `Next reading: ${s.next.label}, ${s.next.date}.` : `The plan for "${v.title}" has no reading left.`],
          notes: [],
          actions: [],
        };
      }
      return dayReply(v);
    },

    async plannedPost(channel, date) {
      const v = await view(channel, date);
      if (!v) return undefined;
      // A plan that cannot go on says so on its reading days, not on its rest days too.
      if (v.kind === 'broken') return readsOn(v.plan.days, v.date) ? { kind: 'post', reply: problemReply(v) } : { kind: 'rest' };
      // Once the plan is over the channel's posts go back to the excerpt of the day.
      if (v.index >= v.units.length) return undefined;
      if (v.index < 0 || !readsOn(v.plan.days, v.date)) return { kind: 'rest' };
      return { kind: 'post', passageId: v.units[v.index]!.passages[0]!.id, reply: await dayReply(v) };
    },
  };
}
