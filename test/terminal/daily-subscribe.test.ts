// /daily subscribe typed at the terminal prompt: free text read word by word, a re-subscription
// that keeps what it does not change, and hints that speak of the terminal, not of Slack.
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { renderReply } from '../../src/platforms/terminal/render.js';
import { TerminalSession } from '../../src/platforms/terminal/session.js';
import { DailyScheduler } from '../../src/scheduler/daily.js';
import { createDailyService } from '../../src/scheduler/service.js';
import { openStore, type Store } from '../../src/store/index.js';
import { ENGINEERING, library, POWER } from '../helpers/fixtures.js';

let cleanup: (() => Promise<void>) | undefined;
afterEach(async () => {
  await cleanup?.();
  cleanup = undefined;
});

async function terminal(defaultTimezone = 'UTC') {
  const lib = library(ENGINEERING, POWER);
  const store: Store = await openStore(path.join(mkdtempSync(path.join(os.tmpdir(), 'daily-sub-')), 'bot.db'));
  const now = new Date('2026-03-25T07:00:00Z'); // a Wednesday
  const scheduler = new DailyScheduler({
    store,
    poster: { post: async () => ({ messageId: 'm1' }) },
    eligibleIds: () => lib.eligible.map((p) => p.id),
    clock: () => now,
    sweepCron: false,
    cron: { schedule: () => ({ destroy: () => undefined }) },
    platforms: ['terminal'],
  });
  cleanup = async () => {
    await scheduler.stop();
    await store.close();
  };
  const session = new TerminalSession(lib, { daily: createDailyService(store, scheduler, () => now), defaultTimezone, now: () => now });
  return async (line: string) => renderReply((await session.handle(line))!, { width: 100, color: false });
}

describe('/daily subscribe at the terminal', () => {
  it('subscribes "9am Europe/Berlin weekends" for Saturday and Sunday, and status says so', async () => {
    const type = await terminal();
    const out = await type('/daily subscribe 9am Europe/Berlin weekends');
    expect(out).toContain('Posts at 09:00 Europe/Berlin, Saturday and Sunday.');
    expect(out).toContain('Next post: Sat 28 Mar 2026, 09:00 CET.');
    const status = await type('/daily status');
    expect(status).toContain('Posts at 09:00 Europe/Berlin, Saturday and Sunday.');
    // A later change of time keeps the weekend.
    expect(await type('/daily subscribe 10:00')).toContain('Posts at 10:00 Europe/Berlin, Saturday and Sunday.');
  });

  it('reads day names, lists and ranges, and refuses days it cannot read without subscribing', async () => {
    const type = await terminal();
    expect(await type('/daily subscribe mon,wed,fri 8am')).toContain('Posts at 08:00 UTC, Mondays, Wednesdays and Fridays.');
    expect(await type('/daily subscribe thu-sun')).toContain('Posts at 08:00 UTC, Thursday to Sunday.');
    expect(await type('/daily subscribe saturday')).toContain('Posts at 08:00 UTC, Saturdays.');
    const bad = await type('/daily subscribe mon-funday');
    expect(bad).toMatch(/"mon-funday" isn't a range of days/);
    expect(await type('/daily status')).toContain('Saturdays.');
  });

  it('understands a zone written with a space, and days in any position', async () => {
    const type = await terminal();
    expect(await type('/daily subscribe weekdays 7:15 America/New York')).toContain('Posts at 07:15 America/New_York, Monday to Friday.');
  });

  it('keeps the zone, time and days a channel already has when a new command leaves them out', async () => {
    const type = await terminal('UTC');
    expect(await type('/daily subscribe 9am Europe/Berlin weekdays')).toContain('Posts at 09:00 Europe/Berlin, Monday to Friday.');
    expect(await type('/daily subscribe 10:30')).toContain('Posts at 10:30 Europe/Berlin, Monday to Friday.');
    expect(await type('/daily subscribe every day')).toContain('Posts at 10:30 Europe/Berlin, every day.');
    expect(await type('/daily subscribe Asia/Tokyo')).toContain('Posts at 10:30 Asia/Tokyo, every day.');
    // After unsubscribing, a new subscription starts from the defaults again.
    await type('/daily unsubscribe');
    expect(await type('/daily subscribe')).toContain('Posts at 09:00 UTC, every day.');
  });

  it('answers a #channel with a hint for the terminal, not for Slack', async () => {
    const type = await terminal();
    const out = await type('/daily subscribe 9am #general');
    expect(out).not.toMatch(/Slack/);
    expect(out).toMatch(/terminal/);
  });
});
