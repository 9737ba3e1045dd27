// Daily posts with no chat platform: subscribe in the terminal, and the excerpt is printed there.
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { terminalPoster } from '../../src/platforms/terminal/daily.js';
import { renderReply } from '../../src/platforms/terminal/render.js';
import { TerminalSession } from '../../src/platforms/terminal/session.js';
import { DailyScheduler } from '../../src/scheduler/daily.js';
import { createDailyService } from '../../src/scheduler/service.js';
import { openStore } from '../../src/store/index.js';
import { ENGINEERING, library, POWER } from '../helpers/fixtures.js';

describe('daily posts in the terminal', () => {
  it('subscribes from the prompt and prints the excerpt when it is due, once, surviving a restart', async () => {
    const lib = library(ENGINEERING, POWER);
    const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'daily-term-')), 'bot.db');
    let now = new Date('2026-03-27T07:59:00Z'); // Friday 08:59 in Berlin (CET)
    const printed: string[] = [];
    const boot = async () => {
      const store = await openStore(file);
      const scheduler = new DailyScheduler({
        store,
        poster: terminalPoster(() => lib, (t) => printed.push(t), () => now, () => 80),
        eligibleIds: () => lib.eligible.map((p) => p.id),
        clock: () => now,
        sweepCron: false,
        cron: { schedule: () => ({ destroy: () => undefined }) },
        platforms: ['terminal'],
      });
      const session = new TerminalSession(lib, { daily: createDailyService(store, scheduler, () => now), defaultTimezone: 'Europe/Berlin', now: () => now });
      return { store, scheduler, session };
    };

    let { store, scheduler, session } = await boot();
    const ok = await session.handle('/daily subscribe 9:00');
    expect(renderReply(ok!, { width: 80, color: false })).toContain('Posts at 09:00 Europe/Berlin, every day.');
    const today = await session.handle('/daily today');
    const todayText = renderReply(today!, { width: 80, color: false });

    await scheduler.runDue();
    expect(printed).toHaveLength(0);
    now = new Date('2026-03-27T08:00:30Z');
    await scheduler.runDue();
    expect(printed).toHaveLength(1);
    expect(printed[0]).toContain('Excerpt of the day, 2026-03-27');
    // What /daily today showed before 09:00 is what was posted at 09:00.
    expect(printed[0]).toContain(todayText.split('\n')[2]!);

    // A restart later that day posts nothing new; the next day (after the DST change) it does, at 09:00 CEST.
    await scheduler.stop();
    await store.close();
    ({ store, scheduler, session } = await boot());
    now = new Date('2026-03-27T12:00:00Z');
    await scheduler.start();
    expect(printed).toHaveLength(1);
    // Saturday passed with the bot down: that day is over, so nothing is posted late for it.
    now = new Date('2026-03-29T06:59:00Z'); // Sunday 08:59 CEST, after the spring-forward
    await scheduler.runDue();
    expect(printed).toHaveLength(1);
    now = new Date('2026-03-29T07:00:10Z');
    await scheduler.runDue();
    expect(printed).toHaveLength(2);
    expect(printed[1]).toContain('2026-03-29');
    const status = renderReply((await session.handle('/daily status'))!, { width: 100, color: false });
    expect(status).toContain('Next post: Mon 30 Mar 2026, 09:00 CEST');
    await scheduler.stop();
    await store.close();
  });
});
