// The days of the week a daily subscription posts on, as one small value every layer shares:
// the store keeps it as a 7-bit mask, the scheduler asks whether a date is in it, and /daily status
// reads it out ("Monday to Friday", "Saturday and Sunday").

/** ISO weekday: 1 = Monday … 7 = Sunday. */
export type Weekday = 1 | 2 | 3 | 4 | 5 | 6 | 7;

/** A non-empty set of weekdays, ascending from Monday, without repeats. */
export type DaySet = readonly Weekday[];

export const EVERY_DAY: DaySet = [1, 2, 3, 4, 5, 6, 7];
export const WEEKDAYS: DaySet = [1, 2, 3, 4, 5];
export const WEEKENDS: DaySet = [6, 7];

export const DAY_NAMES = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'] as const;

/** The set in canonical order (ascending, no repeats). */
export function daySet(days: Iterable<number>): DaySet {
  return [...new Set(days)].filter((d): d is Weekday => Number.isInteger(d) && d >= 1 && d <= 7).sort((a, b) => a - b);
}

/** Bit d-1 for each day: Monday is 1, every day is 127. */
export const daysToMask = (days: DaySet): number => days.reduce((m, d) => m | (1 << (d - 1)), 0);

export const maskToDays = (mask: number): DaySet => daySet([1, 2, 3, 4, 5, 6, 7].filter((d) => mask & (1 << (d - 1))));

export const sameDays = (a: DaySet, b: DaySet): boolean => daysToMask(a) === daysToMask(b);

/** The ISO weekday of a 'YYYY-MM-DD' calendar date (no zone involved). */
export function isoWeekdayOf(date: string): Weekday {
  return (((new Date(`${date}T00:00:00Z`).getUTCDay() + 6) % 7) + 1) as Weekday;
}

const name = (d: number): string => DAY_NAMES[d - 1]!;

const list = (words: string[]) => (words.length <= 1 ? words.join('') : `${words.slice(0, -1).join(', ')} and ${words[words.length - 1]}`);

/**
 * How a person reads the set: "every day", "Monday to Friday", "Saturday and Sunday", "Tuesdays",
 * "Mondays, Wednesdays and Fridays". Three or more neighbouring days read as a range.
 */
export function describeDays(days: DaySet): string {
  const set = daySet(days);
  if (set.length === 7) return 'every day';
  if (set.length === 1) return `${name(set[0]!)}s`;
  if (set.length === 2) return list(set.map(name));
  // A run of neighbouring days, possibly across Sunday into Monday ("Friday to Monday").
  const start = set.find((d) => !set.includes((((d + 5) % 7) + 1) as Weekday));
  if (start !== undefined) {
    const end = ((start + set.length - 2) % 7) + 1;
    const run = Array.from({ length: set.length }, (_, i) => ((start + i - 1) % 7) + 1);
    if (run.every((d) => set.includes(d as Weekday))) return `${name(start)} to ${name(end)}`;
  }
  return list(set.map((d) => `${name(d)}s`));
}

/** The day-of-week field of a cron expression (0 = Sunday): '*', '1-5', '0,6'. */
export function cronDays(days: DaySet): string {
  const set = daySet(days);
  if (set.length === 7) return '*';
  if (sameDays(set, WEEKDAYS)) return '1-5';
  return set.map((d) => d % 7).sort((a, b) => a - b).join(',');
}
