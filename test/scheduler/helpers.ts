// Shared fixtures for scheduler tests: a temp database, a settable clock, a recording poster.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Store, Subscription, SubscriptionInput } from '../../src/store/index.js';
import { DailyScheduler, PostError, type DailySchedulerOptions, type Poster } from '../../src/scheduler/index.js';
import { seededRandom } from '../../src/core/search/text.js';
import { EVERY_DAY } from '../../src/bot/days.js';

export function tempDir(): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'daily-'));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

export class FakeClock {
  constructor(public now: Date) {}
  readonly fn = () => new Date(this.now.getTime());
  set(iso: string | Date): void {
    this.now = typeof iso === 'string' ? new Date(iso) : iso;
  }
  advance(ms: number): void {
    this.now = new Date(this.now.getTime() + ms);
  }
}

export interface PostCall {
  platform: string;
  channelId: string;
  passageId: string;
  nonce: string;
  at: Date;
}

/** Records every call; `fail(channelId)` decides per call whether (and how) it fails. */
export class RecordingPoster implements Poster {
  calls: PostCall[] = [];
  private n = 0;
  constructor(
    private readonly clock: () => Date,
    private readonly fail: (channelId: string) => PostError | Error | undefined = () => undefined,
  ) {}
  async post(sub: Subscription, passageId: string, nonce: string): Promise<{ messageId: string }> {
    this.calls.push({ platform: sub.platform, channelId: sub.channelId, passageId, nonce, at: this.clock() });
    const err = this.fail(sub.channelId);
    if (err) throw err;
    return { messageId: `m${++this.n}` };
  }
  forChannel(channelId: string): PostCall[] {
    return this.calls.filter((c) => c.channelId === channelId);
  }
}

export const ids = (n: number, prefix = 'p'): string[] => Array.from({ length: n }, (_, i) => `${prefix}${String(i).padStart(3, '0')}`);

export function subscribe(store: Store, input: Partial<SubscriptionInput> & { channelId: string }, at: Date): Promise<Subscription> {
  return store.subscriptions.upsert(
    { platform: 'discord', time: '09:00', timezone: 'Europe/Berlin', days: EVERY_DAY, createdBy: 'u1', ...input },
    at,
  );
}

export function makeScheduler(
  opts: Partial<DailySchedulerOptions> & Pick<DailySchedulerOptions, 'store' | 'poster' | 'clock'>,
): DailyScheduler {
  return new DailyScheduler({
    eligibleIds: () => ids(20),
    random: seededRandom(1),
    paceMs: 0,
    sleep: async () => {},
    instanceId: 'test',
    log: { debug() {}, info() {}, warn() {}, error() {} },
    sweepCron: false,
    ...opts,
  });
}

export { PostError };
