// Pure time functions across daylight-saving changes in two zones (2026: New York springs forward
// on 8 March and falls back on 1 November; Berlin on 29 March and 25 October).
import { describe, expect, it } from 'vitest';
import {
  cronExpression,
  formatLocal,
  isDue,
  localDate,
  localTime,
  nextPostTime,
  zonedInstant,
  type Schedule,
} from '../../src/scheduler/index.js';
import { EVERY_DAY, WEEKDAYS, WEEKENDS } from '../../src/bot/days.js';

const since = new Date('2026-01-01T00:00:00Z');
const sched = (time: string, timezone: string, weekdaysOnly = false): Schedule => ({ time, timezone, days: weekdaysOnly ? WEEKDAYS : EVERY_DAY, scheduleSince: since });
const iso = (d: Date) => d.toISOString();

/** The next `n` post times from `from`, in UTC. */
function nextN(sub: Schedule, from: string, n: number): string[] {
  const out: string[] = [];
  let now = new Date(from);
  for (let i = 0; i < n; i++) {
    now = nextPostTime(sub, now);
    out.push(iso(now));
  }
  return out;
}

describe('localDate / localTime', () => {
  it('reads the wall clock of the zone', () => {
    const t = new Date('2026-03-29T22:30:00Z');
    expect(localDate(t, 'Europe/Berlin')).toBe('2026-03-30');
    expect(localTime(t, 'Europe/Berlin')).toBe('00:30');
    expect(localDate(t, 'America/New_York')).toBe('2026-03-29');
    expect(localTime(t, 'America/New_York')).toBe('18:30');
    expect(localTime(new Date('2026-01-01T00:00:00Z'), 'UTC')).toBe('00:00');
  });
});

describe('zonedInstant', () => {
  it('maps a time in the spring-forward gap to the first valid minute after it', () => {
    expect(iso(zonedInstant('2026-03-29', '02:30', 'Europe/Berlin'))).toBe('2026-03-29T01:00:00.000Z'); // 03:00 CEST
    expect(iso(zonedInstant('2026-03-08', '02:30', 'America/New_York'))).toBe('2026-03-08T07:00:00.000Z'); // 03:00 EDT
    expect(iso(zonedInstant('2026-03-08', '02:00', 'America/New_York'))).toBe('2026-03-08T07:00:00.000Z');
    expect(iso(zonedInstant('2026-03-08', '03:00', 'America/New_York'))).toBe('2026-03-08T07:00:00.000Z');
  });

  it('maps a time in the fall-back overlap to its first occurrence', () => {
    expect(iso(zonedInstant('2026-10-25', '02:30', 'Europe/Berlin'))).toBe('2026-10-25T00:30:00.000Z'); // 02:30 CEST, not CET
    expect(iso(zonedInstant('2026-11-01', '01:30', 'America/New_York'))).toBe('2026-11-01T05:30:00.000Z'); // 01:30 EDT, not EST
  });

  it('handles ordinary and half-hour zones', () => {
    expect(iso(zonedInstant('2026-06-01', '09:00', 'Asia/Kolkata'))).toBe('2026-06-01T03:30:00.000Z');
    expect(iso(zonedInstant('2026-06-01', '00:00', 'UTC'))).toBe('2026-06-01T00:00:00.000Z');
  });
});

describe('nextPostTime across daylight saving', () => {
  it('Europe/Berlin 09:00: once at 09:00 local on both transition Sundays', () => {
    expect(nextN(sched('09:00', 'Europe/Berlin'), '2026-03-28T08:00:01Z', 3)).toEqual([
      '2026-03-29T07:00:00.000Z', // Sun 09:00 CEST (UTC+2)
      '2026-03-30T07:00:00.000Z',
      '2026-03-31T07:00:00.000Z',
    ]);
    expect(nextN(sched('09:00', 'Europe/Berlin'), '2026-10-24T07:00:01Z', 3)).toEqual([
      '2026-10-25T08:00:00.000Z', // Sun 09:00 CET (UTC+1)
      '2026-10-26T08:00:00.000Z',
      '2026-10-27T08:00:00.000Z',
    ]);
  });

  it('America/New_York 09:00: once at 09:00 local on both transition Sundays', () => {
    expect(nextN(sched('09:00', 'America/New_York'), '2026-03-07T14:00:01Z', 2)).toEqual([
      '2026-03-08T13:00:00.000Z', // EDT
      '2026-03-09T13:00:00.000Z',
    ]);
    expect(nextN(sched('09:00', 'America/New_York'), '2026-10-31T13:00:01Z', 2)).toEqual([
      '2026-11-01T14:00:00.000Z', // EST
      '2026-11-02T14:00:00.000Z',
    ]);
  });

  it('times in the gap and in the overlap happen exactly once that day', () => {
    expect(nextN(sched('02:30', 'Europe/Berlin'), '2026-03-28T12:00:00Z', 3)).toEqual([
      '2026-03-29T01:00:00.000Z', // gap: 03:00 CEST
      '2026-03-30T00:30:00.000Z',
      '2026-03-31T00:30:00.000Z',
    ]);
    expect(nextN(sched('02:30', 'Europe/Berlin'), '2026-10-24T12:00:00Z', 3)).toEqual([
      '2026-10-25T00:30:00.000Z', // first 02:30 (CEST); the second (01:30Z) is skipped
      '2026-10-26T01:30:00.000Z',
      '2026-10-27T01:30:00.000Z',
    ]);
    expect(nextN(sched('02:30', 'America/New_York'), '2026-03-07T12:00:00Z', 2)).toEqual([
      '2026-03-08T07:00:00.000Z', // gap: 03:00 EDT
      '2026-03-09T06:30:00.000Z',
    ]);
    expect(nextN(sched('01:30', 'America/New_York'), '2026-10-31T12:00:00Z', 2)).toEqual([
      '2026-11-01T05:30:00.000Z', // first 01:30 (EDT); not again at 06:30Z
      '2026-11-02T06:30:00.000Z',
    ]);
  });

  it('weekdays only skips Saturday and Sunday', () => {
    // Friday 6 March 2026, after 09:00 in New York: next is Monday 9 March (already EDT).
    expect(nextN(sched('09:00', 'America/New_York', true), '2026-03-06T15:00:00Z', 3)).toEqual([
      '2026-03-09T13:00:00.000Z',
      '2026-03-10T13:00:00.000Z',
      '2026-03-11T13:00:00.000Z',
    ]);
    // Friday 23 October, Berlin: Monday 26 October is after the fall-back.
    expect(nextN(sched('09:00', 'Europe/Berlin', true), '2026-10-23T08:00:00Z', 1)).toEqual(['2026-10-26T08:00:00.000Z']);
    // The weekend is judged in the subscriber's zone: Friday 23:30 in New York is Saturday in UTC.
    expect(iso(nextPostTime(sched('23:30', 'America/New_York', true), new Date('2026-03-06T12:00:00Z')))).toBe('2026-03-07T04:30:00.000Z');
  });

  it('is strictly after now', () => {
    const at = new Date('2026-03-30T07:00:00Z');
    expect(iso(nextPostTime(sched('09:00', 'Europe/Berlin'), at))).toBe('2026-03-31T07:00:00.000Z');
    expect(iso(nextPostTime(sched('09:00', 'Europe/Berlin'), new Date(at.getTime() - 1)))).toBe(iso(at));
  });
});

describe('isDue', () => {
  const berlin = sched('09:00', 'Europe/Berlin');

  it('is due from the post time until the local day ends, unless already posted that day', () => {
    expect(isDue(berlin, new Date('2026-03-29T06:59:59Z'), '2026-03-28')).toBe(false);
    expect(isDue(berlin, new Date('2026-03-29T07:00:00Z'), '2026-03-28')).toBe(true);
    expect(isDue(berlin, new Date('2026-03-29T21:59:00Z'), undefined)).toBe(true); // 23:59 local: catch-up still owed
    expect(isDue(berlin, new Date('2026-03-29T07:00:00Z'), '2026-03-29')).toBe(false);
    // 00:30 on the 30th: the 29th is over and the 30th's time hasn't come.
    expect(isDue(berlin, new Date('2026-03-29T22:30:00Z'), '2026-03-28')).toBe(false);
  });

  it('is not due on weekends for weekdays-only subscriptions', () => {
    const wk = sched('09:00', 'Europe/Berlin', true);
    expect(isDue(wk, new Date('2026-03-28T12:00:00Z'), undefined)).toBe(false); // Saturday
    expect(isDue(wk, new Date('2026-03-30T12:00:00Z'), undefined)).toBe(true); // Monday
  });

  it('owes nothing scheduled before the subscription was made', () => {
    const late = { ...berlin, scheduleSince: new Date('2026-03-30T08:00:00Z') }; // subscribed at 10:00 local
    expect(isDue(late, new Date('2026-03-30T09:00:00Z'), undefined)).toBe(false);
    expect(iso(nextPostTime(late, new Date('2026-03-30T09:00:00Z')))).toBe('2026-03-31T07:00:00.000Z');
    expect(isDue(late, new Date('2026-03-31T07:00:00Z'), undefined)).toBe(true);
  });
});

describe('helpers', () => {
  it('builds the cron expression node-cron gets', () => {
    expect(cronExpression({ time: '09:05', days: EVERY_DAY })).toBe('5 9 * * *');
    expect(cronExpression({ time: '21:00', days: WEEKDAYS })).toBe('0 21 * * 1-5');
    // node-cron counts Sunday as 0.
    expect(cronExpression({ time: '10:30', days: WEEKENDS })).toBe('30 10 * * 0,6');
    expect(cronExpression({ time: '07:00', days: [1, 3, 5] })).toBe('0 7 * * 1,3,5');
  });

  it('formats a local time with the zone abbreviation', () => {
    expect(formatLocal(new Date('2026-03-30T07:00:00Z'), 'Europe/Berlin')).toBe('Mon 30 Mar 2026, 09:00 CEST');
    expect(formatLocal(new Date('2026-11-02T14:00:00Z'), 'America/New_York')).toBe('Mon 2 Nov 2026, 09:00 EST');
  });
});
