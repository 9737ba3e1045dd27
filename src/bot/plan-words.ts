// What people type for a reading plan's pace ("1 section a day", "3 passages a day", "2 passages
// weekdays", "sections mon,wed,fri", "2 sections a week"), read into a pace and reading days, with
// a sentence saying what would work for anything else. Shared by every front end's /plan start.
import { UserError } from '../core/errors.js';
import { daySet, type DaySet, type Weekday } from './days.js';
import { DEFAULT_PART_PASSAGES, MAX_DAY_PASSAGES, type PlanPace } from './plan.js';
import { parseDays } from './schedule-words.js';

export interface PaceWords {
  pace: PlanPace;
  /** The reading days, when the words named them. */
  days?: DaySet;
}

export const PACE_EXAMPLES = 'Try "1 section a day", "3 passages a day", "2 passages weekdays", "sections mon,wed,fri" or "2 sections a week".';

const COUNT_WORDS: Record<string, number> = { a: 1, an: 1, one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10 };
const SECTION = /^(sections?|chapters?|parts?)$/i;
const PASSAGE = /^(passages?|excerpts?)$/i;
/** How many reading days "N sections a week" spreads over: as evenly through the week as can be. */
const SPREAD: Record<number, Weekday[]> = { 1: [1], 2: [1, 4], 3: [1, 3, 5], 4: [1, 2, 4, 5], 5: [1, 2, 3, 4, 5], 6: [1, 2, 3, 4, 5, 6], 7: [1, 2, 3, 4, 5, 6, 7] };

const countOf = (w: string | undefined): number | undefined => {
  if (w === undefined) return undefined;
  if (/^\d+$/.test(w)) return Number(w);
  return COUNT_WORDS[w.toLowerCase()];
};

/** Where the pace starts in `/plan start` free text: the first count before a unit, a unit, or a day word. */
export function paceStart(words: readonly string[]): number {
  const isDayish = (w: string) => {
    if (/^(daily|weekly|every|per|each)$/i.test(w)) return true;
    try {
      parseDays(w);
      return true;
    } catch {
      return false;
    }
  };
  for (let i = 0; i < words.length; i++) {
    const w = words[i]!;
    if (SECTION.test(w) || PASSAGE.test(w)) return i;
    if (countOf(w) !== undefined && words[i + 1] !== undefined && (SECTION.test(words[i + 1]!) || PASSAGE.test(words[i + 1]!))) return i;
    // The first word names the document even when it looks like a day ("monday-notes" is not one, "daily" could be).
    if (i > 0 && isDayish(w)) return i;
  }
  return words.length;
}

/** Reads a pace; empty text is one section a day. Throws a UserError saying what would work. */
export function parsePace(text: string | undefined): PaceWords {
  const words = (text ?? '').toLowerCase().replace(/,\s+/g, ',').split(/\s+/).filter(Boolean);
  if (!words.length) return { pace: { unit: 'sections', maxPassages: DEFAULT_PART_PASSAGES } };
  let i = 0;
  let count = countOf(words[0]);
  if (count !== undefined) i++;
  const unitWord = words[i];
  let unit: PlanPace['unit'] | undefined;
  if (unitWord && SECTION.test(unitWord)) unit = 'sections';
  else if (unitWord && PASSAGE.test(unitWord)) unit = 'passages';
  if (unit) i++;
  else if (count !== undefined) throw new UserError(`"${words.slice(0, 2).join(' ')}" says how many but not of what. ${PACE_EXAMPLES}`, 'bad_pace');
  unit ??= 'sections';

  // What is left says when: "a day", "per week", "daily", "weekdays", "on mon,wed,fri".
  let perWeek = false;
  const dayWords: string[] = [];
  for (; i < words.length; i++) {
    const w = words[i]!;
    const next = words[i + 1];
    if (/^(a|an|per|each|every)$/.test(w) && next && /^(days?)$/.test(next)) {
      dayWords.push('every', 'day');
      i++;
    } else if (/^(a|an|per|each|every)$/.test(w) && next && /^weeks?$/.test(next)) {
      perWeek = true;
      i++;
    } else if (w === 'weekly') perWeek = true;
    else if (w === 'daily') dayWords.push('daily');
    else if (!/^(on|and|&|,)$/.test(w)) dayWords.push(w);
  }
  let days: DaySet | undefined;
  if (dayWords.length) {
    try {
      days = parseDays(dayWords.join(' '));
    } catch (e) {
      throw new UserError(`${(e as Error).message.replace(/ Try .*$/, '')} ${PACE_EXAMPLES}`, 'bad_pace');
    }
  }

  if (unit === 'sections') {
    if (perWeek) {
      const n = count ?? 1;
      if (n < 1 || n > 7) throw new UserError(`A week has 7 days, so "${n} sections a week" cannot be read one a day. ${PACE_EXAMPLES}`, 'bad_pace');
      if (days && days.length !== n) throw new UserError(`That names ${days.length} reading days for ${n} sections a week; give one or the other.`, 'bad_pace');
      return { pace: { unit, maxPassages: DEFAULT_PART_PASSAGES }, days: days ?? daySet(SPREAD[n]!) };
    }
    if (count !== undefined && count !== 1) {
      throw new UserError(`A plan by sections reads one section a reading day. To read more a day, give passages ("${Math.min(MAX_DAY_PASSAGES, count * 3)} passages a day"), or read on more days ("sections every day").`, 'bad_pace');
    }
    return { pace: { unit, maxPassages: DEFAULT_PART_PASSAGES }, ...(days ? { days } : {}) };
  }
  if (perWeek) throw new UserError(`Say how many passages a reading day and which days, for example "3 passages mon,wed,fri".`, 'bad_pace');
  const n = count ?? 3;
  if (n < 1 || n > MAX_DAY_PASSAGES) {
    throw new UserError(`A day's post holds 1 to ${MAX_DAY_PASSAGES} passages, so "${n} passages" will not fit; try "${MAX_DAY_PASSAGES} passages a day" or a plan by sections.`, 'bad_pace');
  }
  return { pace: { unit, count: n }, ...(days ? { days } : {}) };
}

/** `/plan start` free text: the document's name, then the pace ("hot-chips 3 passages a day"). */
export function splitPlanArgs(text: string): { source: string; pace: string } {
  const words = text.trim().split(/\s+/).filter(Boolean);
  const at = paceStart(words);
  return { source: words.slice(0, at).join(' '), pace: words.slice(at).join(' ') };
}

