import { describe, expect, it } from 'vitest';
import { UserError } from '../../src/core/errors.js';
import { parseDays, parseScheduleWords, parseTime, parseTimezone, suggestTimezones } from '../../src/bot/schedule-words.js';
import { EVERY_DAY, WEEKDAYS, WEEKENDS } from '../../src/bot/days.js';

function userError(fn: () => unknown): UserError {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(UserError);
    return e as UserError;
  }
  throw new Error('expected a UserError');
}

describe('parseTime', () => {
  it.each([
    ['09:00', '09:00'],
    ['9:00', '09:00'],
    ['9am', '09:00'],
    ['9 AM', '09:00'],
    ['9:30 pm', '21:30'],
    ['9:30PM', '21:30'],
    ['9.30 p.m.', '21:30'],
    ['21:05', '21:05'],
    ['0900', '09:00'],
    ['2105', '21:05'],
    ['930', '09:30'],
    ['9', '09:00'],
    ['12am', '00:00'],
    ['12pm', '12:00'],
    ['12:15 am', '00:15'],
    ['noon', '12:00'],
    ['midnight', '00:00'],
    ['  23:59 ', '23:59'],
    ['0:00', '00:00'],
  ])('%s → %s', (input, expected) => {
    expect(parseTime(input)).toBe(expected);
  });

  it.each(['25:61', '24:00', '12:60', '13pm', '0am', '9:5', 'nine', '', '9:00:00', '-1:00', '9 o clock'])('rejects %j with a friendly message', (input) => {
    const e = userError(() => parseTime(input));
    expect(e.code).toBe('bad_time');
    expect(e.message).toMatch(/Try 09:00/);
  });

  it('says what is wrong with 25:61', () => {
    expect(userError(() => parseTime('25:61')).message).toBe(
      '"25:61" isn\'t a valid time: hours go from 0 to 23 and minutes from 00 to 59. Try 09:00, 9:30, 9am or 9:30 pm.',
    );
  });
});

describe('parseTimezone', () => {
  it.each([
    ['Europe/Berlin', 'Europe/Berlin'],
    ['europe/berlin', 'Europe/Berlin'],
    ['EUROPE/BERLIN', 'Europe/Berlin'],
    ['America/New_York', 'America/New_York'],
    ['america/new york', 'America/New_York'],
    ['UTC', 'UTC'],
    ['utc', 'UTC'],
    ['Etc/UTC', 'UTC'],
    ['GMT', 'UTC'],
    ['berlin', 'Europe/Berlin'],
    ['US/Eastern', 'America/New_York'],
  ])('%s → %s', (input, expected) => {
    expect(parseTimezone(input)).toBe(expected);
  });

  it('accepts every zone the runtime lists', () => {
    for (const z of Intl.supportedValuesOf('timeZone')) expect(parseTimezone(z.toLowerCase())).toBe(z);
  });

  it('rejects unknown zones, suggesting close names', () => {
    const berln = userError(() => parseTimezone('Europe/Berln'));
    expect(berln.code).toBe('unknown_timezone');
    expect(berln.message).toBe('I don\'t know the time zone "Europe/Berln". Did you mean Europe/Berlin?');
    expect(userError(() => parseTimezone('Amerika/Chicago')).message).toMatch(/Did you mean America\/Chicago\?/);
    expect(userError(() => parseTimezone('Tokio')).message).toMatch(/Asia\/Tokyo/);
    expect(suggestTimezones('Europe/Pari')).toEqual(['Europe/Paris']);
  });

  it('rejects Mars/Olympus with the closest real names and examples', () => {
    const e = userError(() => parseTimezone('Mars/Olympus'));
    expect(e.code).toBe('unknown_timezone');
    expect(e.message).toMatch(/^I don't know the time zone "Mars\/Olympus"\./);
    const named = /closest names I know are ([^;]+);/.exec(e.message)![1]!.split(', ');
    expect(named).toHaveLength(3);
    for (const z of named) expect(() => parseTimezone(z)).not.toThrow();
    expect(e.message).toMatch(/Europe\/Berlin/);
  });

  it('refuses abbreviations that ignore daylight saving, and empty input', () => {
    expect(userError(() => parseTimezone('EST')).message).toMatch(/place name rather than the abbreviation "EST"/);
    expect(userError(() => parseTimezone('CET')).code).toBe('bad_timezone');
    expect(userError(() => parseTimezone('  ')).code).toBe('bad_timezone');
  });
});

describe('parseScheduleWords (free text after /daily subscribe)', () => {
  it.each([
    ['9am Europe/Berlin weekdays', { time: '09:00', timezone: 'Europe/Berlin', days: WEEKDAYS }],
    ['weekdays Europe/Berlin 9am', { time: '09:00', timezone: 'Europe/Berlin', days: WEEKDAYS }],
    ['9:30 pm America/New York', { time: '21:30', timezone: 'America/New_York' }],
    ['America/New York every day 07:15', { time: '07:15', timezone: 'America/New_York', days: EVERY_DAY }],
    ['at 8 in berlin on weekdays', { time: '08:00', timezone: 'Europe/Berlin', days: WEEKDAYS }],
    ['new york 6am', { time: '06:00', timezone: 'America/New_York' }],
    ['utc daily', { timezone: 'UTC', days: EVERY_DAY }],
    ['9am Europe/Berlin weekends', { time: '09:00', timezone: 'Europe/Berlin', days: WEEKENDS }],
    ['saturday 10:00', { time: '10:00', days: [6] }],
    ['on Saturdays and Sundays at 10', { time: '10:00', days: WEEKENDS }],
    ['mon,wed,fri 7am', { time: '07:00', days: [1, 3, 5] }],
    ['mon, wed and fri 7am', { time: '07:00', days: [1, 3, 5] }],
    ['Mon-Thu America/Port-au-Prince', { timezone: 'America/Port-au-Prince', days: [1, 2, 3, 4] }],
    ['mon-fri', { days: WEEKDAYS }],
    ['thu-sun', { days: [4, 5, 6, 7] }],
    ['fri-mon', { days: [1, 5, 6, 7] }],
    ['tues,thurs', { days: [2, 4] }],
    ['Etc/GMT-5 9am', { time: '09:00', timezone: 'Etc/GMT-5' }],
    ['<#C0123ABC|book-club> noon', { time: '12:00', channel: 'C0123ABC' }],
    ['', {}],
  ])('%j', (input, expected) => {
    expect(parseScheduleWords(input, 'slack')).toEqual(expected);
  });

  it('reads each word by its shape, never gluing a keyword into the zone', () => {
    const range = userError(() => parseScheduleWords('9am Europe/Berlin mon-xyz', 'slack'));
    expect(range.code).toBe('bad_days');
    expect(range.message).toMatch(/"mon-xyz" isn't a range of days/);
    expect(range.message).not.toMatch(/time zone/);
    const list = userError(() => parseScheduleWords('9am mon,funday', 'slack'));
    expect(list.message).toMatch(/"funday" in "mon,funday" isn't a day/);
    expect(list.message).toMatch(/mon,wed,fri/);
    const stray = userError(() => parseScheduleWords('9am Europe/Berlin please', 'slack'));
    expect(stray.message).toMatch(/"please"/);
    expect(stray.message).not.toMatch(/Berlin_please/);
    // A word that looks like a zone still gets the zone's own answer, with suggestions.
    expect(userError(() => parseScheduleWords('9am Europe/Berln', 'slack')).message).toMatch(/Did you mean Europe\/Berlin\?/);
    expect(userError(() => parseScheduleWords('9am Mars/Olympus', 'slack')).message).toMatch(/time zone "Mars\/Olympus"/);
    expect(userError(() => parseScheduleWords('9am Europe/Berlin Asia/Tokyo', 'slack')).message).toMatch(/two time zones/);
  });

  it('names the days in an unknown word\'s answer', () => {
    expect(userError(() => parseScheduleWords('9am fortnightly', 'slack')).message).toMatch(/"fortnightly".*weekends/);
  });

  it('gives the channel hint of the platform the command came from', () => {
    expect(userError(() => parseScheduleWords('9am #general', 'slack')).message).toMatch(/Slack's # list/);
    const discord = userError(() => parseScheduleWords('9am #general', 'discord'));
    expect(discord.message).not.toMatch(/Slack/);
    expect(discord.message).toMatch(/channel option/);
    const terminal = userError(() => parseScheduleWords('9am #general', 'terminal'));
    expect(terminal.message).not.toMatch(/Slack|Discord/);
    expect(terminal.message).toMatch(/terminal/);
  });
});

describe('parseDays (the days option)', () => {
  it.each([
    ['weekends', WEEKENDS],
    ['every day', EVERY_DAY],
    ['Weekdays', WEEKDAYS],
    ['mon, wed and fri', [1, 3, 5]],
    ['sunday', [7]],
    ['sat-mon', [1, 6, 7]],
    ['thu-sun', [4, 5, 6, 7]],
    ['wed-wed', [3]],
  ])('%j', (input, expected) => {
    expect(parseDays(input)).toEqual(expected);
  });

  it('refuses what is not days, saying what would work', () => {
    for (const bad of ['fortnightly', 'mon-xyz', 'mon and 9am', '', ' , ']) {
      const e = userError(() => parseDays(bad));
      expect(e.code).toBe('bad_days');
      expect(e.message).toMatch(/weekends/);
    }
  });
});
