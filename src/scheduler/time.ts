// Wall-clock arithmetic in IANA zones with nothing but Intl.DateTimeFormat. Every function is pure:
// instants come in as arguments, so tests move a fake clock across daylight-saving changes.
//
// Dates are 'YYYY-MM-DD' and times 'HH:MM' (24h) in the zone's local wall clock.
import { cronDays, isoWeekdayOf, type DaySet } from '../bot/days.js';

export interface LocalParts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(tz: string): Intl.DateTimeFormat {
  let f = formatters.get(tz);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: tz,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(tz, f);
  }
  return f;
}

/** The wall-clock reading of `instant` in `tz`. */
export function localParts(instant: Date, tz: string): LocalParts {
  const out: Record<string, number> = {};
  for (const p of formatter(tz).formatToParts(instant)) {
    if (p.type !== 'literal') out[p.type] = Number(p.value);
  }
  return {
    year: out.year!,
    month: out.month!,
    day: out.day!,
    // Some engines print midnight as 24 even with h23; normalise.
    hour: out.hour! % 24,
    minute: out.minute!,
    second: out.second!,
  };
}

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

/** 'YYYY-MM-DD' of `instant` in `tz`. */
export function localDate(instant: Date, tz: string): string {
  const p = localParts(instant, tz);
  return `${pad(p.year, 4)}-${pad(p.month)}-${pad(p.day)}`;
}

/** 'HH:MM' of `instant` in `tz`. */
export function localTime(instant: Date, tz: string): string {
  const p = localParts(instant, tz);
  return `${pad(p.hour)}:${pad(p.minute)}`;
}

/** Minutes the zone is ahead of UTC at `instant` (Berlin in summer: 120). */
export function utcOffsetMinutes(instant: Date, tz: string): number {
  const p = localParts(instant, tz);
  const asUtc = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
  return Math.round((asUtc - Math.floor(instant.getTime() / 1000) * 1000) / 60_000);
}

/** 0 = Sunday … 6 = Saturday, for a 'YYYY-MM-DD' calendar date (no zone involved). */
export function weekdayOf(date: string): number {
  return new Date(`${date}T00:00:00Z`).getUTCDay();
}

/** The calendar date `days` after `date`. */
export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

function wallKey(p: LocalParts): number {
  return Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute);
}

/**
 * The UTC instant at which the wall clock in `tz` reads `time` on `date`.
 * - In a fall-back overlap (the time happens twice) it is the first occurrence.
 * - In a spring-forward gap (the time never happens) it is the first valid minute after the gap
 *   (02:30 on the Berlin spring-forward day is 03:00 CEST).
 */
export function zonedInstant(date: string, time: string, tz: string): Date {
  const [y, mo, d] = date.split('-').map(Number) as [number, number, number];
  const [h, mi] = time.split(':').map(Number) as [number, number];
  const target = Date.UTC(y, mo - 1, d, h, mi);
  // Offsets a day either side bracket any transition near the target.
  const offsets = new Set([
    utcOffsetMinutes(new Date(target - 86_400_000), tz),
    utcOffsetMinutes(new Date(target), tz),
    utcOffsetMinutes(new Date(target + 86_400_000), tz),
  ]);
  const exact = [...offsets]
    .map((o) => target - o * 60_000)
    .filter((t) => wallKey(localParts(new Date(t), tz)) === target)
    .sort((a, b) => a - b);
  if (exact.length) return new Date(exact[0]!);
  // A gap: find the first minute whose wall reading is at or after the target. Wall time is
  // monotonic across a gap, so a binary search over the bracketing instants finds it.
  const cands = [...offsets].map((o) => target - o * 60_000);
  let lo = Math.min(...cands) - 60_000;
  let hi = Math.max(...cands) + 60_000;
  while (hi - lo > 60_000) {
    const mid = lo + Math.floor((hi - lo) / 120_000) * 60_000;
    if (wallKey(localParts(new Date(mid), tz)) >= target) hi = mid;
    else lo = mid;
  }
  return new Date(hi);
}

/** What the scheduling functions need to know about a subscription. */
export interface Schedule {
  /** 'HH:MM', 24h, local to `timezone`. */
  time: string;
  timezone: string;
  /** The local weekdays it posts on. */
  days: DaySet;
  /** When time, zone or days were last set: occurrences before this are not owed. */
  scheduleSince: Date;
}

/** Whether `date` (local) is a day the subscription posts on. */
export const postsOn = (sub: Pick<Schedule, 'days'>, date: string): boolean => sub.days.includes(isoWeekdayOf(date));

/** The instant of the subscription's post on local `date`, or undefined if it doesn't post then. */
export function occurrenceOn(sub: Schedule, date: string): Date | undefined {
  if (!postsOn(sub, date)) return undefined;
  const at = zonedInstant(date, sub.time, sub.timezone);
  return at.getTime() >= sub.scheduleSince.getTime() ? at : undefined;
}

/** The next UTC instant strictly after `now` at which the subscription posts. */
export function nextPostTime(sub: Schedule, now: Date): Date {
  const today = localDate(now, sub.timezone);
  for (let i = 0; i < 14; i++) {
    const at = occurrenceOn(sub, addDays(today, i));
    if (at && at.getTime() > now.getTime()) return at;
  }
  throw new Error(`no post time within two weeks for ${sub.time} ${sub.timezone}`);
}

/**
 * Whether today's post (today in the subscriber's zone) is owed at `now`: today is a posting
 * day, its time has come, and nothing has been posted (or claimed) for today. Also the catch-up
 * rule: a post missed earlier today is still due; one missed on a day that has ended is not.
 */
export function isDue(sub: Schedule, now: Date, lastPostedLocalDate: string | undefined): boolean {
  const today = localDate(now, sub.timezone);
  if (lastPostedLocalDate !== undefined && lastPostedLocalDate >= today) return false;
  const at = occurrenceOn(sub, today);
  return !!at && now.getTime() >= at.getTime();
}

/** A human-readable local time, e.g. 'Mon 30 Mar 2026, 09:00 CEST' or '… 09:00 EDT'. */
export function formatLocal(instant: Date, tz: string): string {
  const base = new Intl.DateTimeFormat('en-GB', {
    timeZone: tz,
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).format(instant);
  return `${base} ${zoneAbbreviation(instant, tz)}`.replace(/^(\w+),/, '$1');
}

/** The zone's short name at `instant`: CEST, EDT, or GMT+5:30 where no abbreviation is common. */
export function zoneAbbreviation(instant: Date, tz: string): string {
  const name = (locale: string) =>
    new Intl.DateTimeFormat(locale, { timeZone: tz, timeZoneName: 'short' }).formatToParts(instant).find((p) => p.type === 'timeZoneName')?.value ?? tz;
  const gb = name('en-GB');
  if (!/^GMT[+-]/.test(gb)) return gb;
  const us = name('en-US');
  return /^GMT[+-]/.test(us) ? gb : us;
}

/** The node-cron expression that fires at the subscription's local time (minute hour * * dow). */
export function cronExpression(sub: Pick<Schedule, 'time' | 'days'>): string {
  const [h, m] = sub.time.split(':').map(Number) as [number, number];
  return `${m} ${h} * * ${cronDays(sub.days)}`;
}
