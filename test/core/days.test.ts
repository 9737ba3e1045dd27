// How a set of days reads in /daily status, and the cron field it becomes.
import { describe, expect, it } from 'vitest';
import { EVERY_DAY, WEEKDAYS, WEEKENDS, cronDays, daysToMask, describeDays, maskToDays, type DaySet } from '../../src/bot/days.js';

describe('describeDays', () => {
  it.each<[DaySet, string]>([
    [EVERY_DAY, 'every day'],
    [WEEKDAYS, 'Monday to Friday'],
    [WEEKENDS, 'Saturday and Sunday'],
    [[1, 3, 5], 'Mondays, Wednesdays and Fridays'],
    [[2], 'Tuesdays'],
    [[4, 5, 6, 7], 'Thursday to Sunday'],
    [[1, 5, 6, 7], 'Friday to Monday'],
    [[1, 2, 4, 5], 'Mondays, Tuesdays, Thursdays and Fridays'],
  ])('%j reads "%s"', (days, text) => {
    expect(describeDays(days)).toBe(text);
  });
});

describe('stored mask and cron field', () => {
  it('round-trips every set through the mask the store keeps', () => {
    for (let mask = 1; mask <= 127; mask++) expect(daysToMask(maskToDays(mask))).toBe(mask);
    expect(daysToMask(EVERY_DAY)).toBe(127);
    expect(daysToMask(WEEKDAYS)).toBe(31);
  });

  it('numbers Sunday 0 for cron', () => {
    expect(cronDays(EVERY_DAY)).toBe('*');
    expect(cronDays(WEEKDAYS)).toBe('1-5');
    expect(cronDays(WEEKENDS)).toBe('0,6');
    expect(cronDays([7])).toBe('0');
  });
});
