// The daily-post machinery as the bot wires it (store, scheduler, service, per-platform posters),
// on an injected clock and with no cron firing, for tests that drive it through a fake platform.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Library } from '../../src/core/library/library.js';
import { DailyScheduler, type DailySchedulerOptions } from '../../src/scheduler/daily.js';
import type { Poster } from '../../src/scheduler/poster.js';
import { createDailyService, routingPoster } from '../../src/scheduler/service.js';
import { openStore, type PlatformId } from '../../src/store/index.js';

export class Clock {
  constructor(public now: Date) {}
  readonly fn = () => new Date(this.now.getTime());
  advance(ms: number) {
    this.now = new Date(this.now.getTime() + ms);
  }
}

/** Cron that never fires: the tests call the scheduler themselves. */
export const quietCron = { schedule: () => ({ destroy: () => undefined }) };

export async function dailyStack(platform: PlatformId, clock: Clock, library: () => Library, extra: Partial<DailySchedulerOptions> = {}) {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'daily-stack-'));
  const store = await openStore(path.join(dir, 'bot.db'));
  const posters: Partial<Record<PlatformId, Poster>> = {};
  const scheduler = new DailyScheduler({
    store,
    poster: routingPoster(posters),
    eligibleIds: () => library().eligible.map((p) => p.id),
    clock: clock.fn,
    paceMs: 0,
    sleep: async () => undefined,
    sweepCron: false,
    cron: quietCron,
    platforms: [platform],
    ...extra,
  });
  const cleanup = async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  };
  return { store, posters, scheduler, daily: createDailyService(store, scheduler, clock.fn), cleanup };
}
