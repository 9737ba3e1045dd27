// Which reading a plan is on for a local date, and where that reading sits in a document that
// may have been edited since. Pure: dates are local calendar dates in the plan's zone
// ('YYYY-MM-DD', counted as days, not hours), so a daylight-saving change never skips or repeats
// a reading, and the corpus comes in as an argument.
import { isoWeekdayOf, type DaySet } from '../../bot/days.js';
import type { Passage } from '../../core/corpus.js';
import type { PlanAnchor } from '../../store/types.js';
import { addDays } from '../time.js';
import type { ReadingUnit } from './units.js';

const DAY_MS = 86_400_000;
const dayNumber = (date: string) => Math.round(Date.parse(`${date}T00:00:00Z`) / DAY_MS);

export const readsOn = (days: DaySet, date: string): boolean => days.includes(isoWeekdayOf(date));

/** Reading days d with from < d <= to (0 when to <= from). */
export function readingDaysBetween(days: DaySet, from: string, to: string): number {
  const span = dayNumber(to) - dayNumber(from);
  if (span <= 0) return 0;
  const weeks = Math.floor(span / 7);
  let n = weeks * days.length;
  for (let d = weeks * 7 + 1; d <= span; d++) if (readsOn(days, addDays(from, d))) n++;
  return n;
}

/**
 * The index of the reading on `date`, given that the group read reading `anchorIndex` on
 * `anchorDate`: one more each reading day after it, one fewer each reading day back to it. Below 0
 * the plan has not started; at or past the number of readings it has finished.
 */
export function readingIndexOn(days: DaySet, anchorDate: string, anchorIndex: number, date: string): number {
  return date >= anchorDate ? anchorIndex + readingDaysBetween(days, anchorDate, date) : anchorIndex - readingDaysBetween(days, date, anchorDate);
}

/** The first reading day on or after `date`. */
export function firstReadingDay(days: DaySet, date: string): string {
  for (let i = 0; i < 7; i++) if (readsOn(days, addDays(date, i))) return addDays(date, i);
  throw new Error('a plan needs at least one reading day a week');
}

/** The date of reading `index`, for an index at or after the one `date` is on (`index` >= `atIndex`). */
export function dateOfReading(days: DaySet, date: string, atIndex: number, index: number): string {
  let d = date;
  for (let i = atIndex; i < index; ) {
    d = addDays(d, 1);
    if (readsOn(days, d)) i++;
  }
  return d;
}

/** Section run boundaries: the first position of the run each passage sits in. */
function runStart(passages: readonly Passage[], at: number): number {
  let i = at;
  while (i > 0 && (passages[i - 1]!.section ?? '') === (passages[at]!.section ?? '')) i--;
  return i;
}

/** What a plan stores to find a passage again after an edit. */
export function anchorFor(passages: readonly Passage[], passage: Passage, localDate: string): PlanAnchor {
  const sorted = [...passages].sort((a, b) => a.position - b.position);
  const at = sorted.findIndex((p) => p.id === passage.id);
  return {
    localDate,
    passageId: passage.id,
    ...(at > 0 ? { prevId: sorted[at - 1]!.id } : {}),
    ...(at >= 0 && at < sorted.length - 1 ? { nextId: sorted[at + 1]!.id } : {}),
    position: passage.position,
    ...(passage.section ? { section: passage.section } : {}),
    sectionOffset: at >= 0 ? at - runStart(sorted, at) : 0,
  };
}

/**
 * The index of the reading that holds the anchored place in the document as it is now: the
 * passage itself; else (its text was edited) the passage after its old predecessor, or before its
 * old successor; else the same offset into a section of the same name; else, in a text without
 * sections, the same position. Undefined when none of these is left.
 */
export function locateAnchor(units: readonly ReadingUnit[], anchor: PlanAnchor): number | undefined {
  const sorted = units.flatMap((u) => u.passages);
  const unitOf = new Map<string, number>();
  for (const u of units) for (const p of u.passages) unitOf.set(p.id, u.index);
  const at = (i: number) => (i >= 0 && i < sorted.length ? unitOf.get(sorted[i]!.id) : undefined);
  const indexOf = (id: string | undefined) => (id === undefined ? -1 : sorted.findIndex((p) => p.id === id));

  if (unitOf.has(anchor.passageId)) return unitOf.get(anchor.passageId);
  const prev = indexOf(anchor.prevId);
  if (prev >= 0) return at(prev + 1) ?? at(prev);
  const next = indexOf(anchor.nextId);
  if (next >= 0) return at(next - 1) ?? at(next);
  if (anchor.section !== undefined) {
    const start = sorted.findIndex((p) => p.section === anchor.section);
    if (start < 0) return undefined;
    let end = start;
    while (end + 1 < sorted.length && sorted[end + 1]!.section === anchor.section) end++;
    return at(Math.min(end, start + anchor.sectionOffset));
  }
  if (sorted.every((p) => !p.section)) return at(Math.min(anchor.position, sorted.length - 1));
  return undefined;
}
