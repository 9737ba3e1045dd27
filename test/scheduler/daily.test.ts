// DailyScheduler with an injected clock: nothing here waits for a real cron tick.
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { seededRandom } from '../../src/core/search/text.js';
import { DailyScheduler, localDate, postNonce, type CronLike } from '../../src/scheduler/index.js';
import { openStore, type Store } from '../../src/store/index.js';
import { FakeClock, PostError, RecordingPoster, ids, makeScheduler, subscribe, tempDir } from './helpers.js';
import { WEEKDAYS, WEEKENDS } from '../../src/bot/days.js';

let cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function memStore(): Promise<Store> {
  const s = await openStore(':memory:');
  cleanups.push(() => s.close());
  return s;
}

function fileStorePath(): string {
  const t = tempDir();
  cleanups.push(t.cleanup);
  return join(t.dir, 'state', 'bot.db');
}

async function fileStore(path: string): Promise<Store> {
  const s = await openStore(path);
  cleanups.push(() => s.close());
  return s;
}

const MIN = 60_000;
const DAY = 86_400_000;

/** Runs the scheduler every `stepMs` from `from` to `to` (as a sweep would), collecting posts. */
async function simulate(s: DailyScheduler, clock: FakeClock, from: string, to: string, stepMs = 5 * MIN): Promise<void> {
  for (let t = Date.parse(from); t <= Date.parse(to); t += stepMs) {
    clock.set(new Date(t));
    await s.runDue();
  }
}

describe('posting across daylight saving (simulated every 5 minutes)', () => {
  const cases: [string, string, string, string, string[]][] = [
    // zone, time, from, to, expected post instants (UTC)
    ['Europe/Berlin', '09:00', '2026-03-28T00:00Z', '2026-03-30T23:55Z', ['2026-03-28T08:00:00.000Z', '2026-03-29T07:00:00.000Z', '2026-03-30T07:00:00.000Z']],
    ['Europe/Berlin', '09:00', '2026-10-24T00:00Z', '2026-10-26T23:55Z', ['2026-10-24T07:00:00.000Z', '2026-10-25T08:00:00.000Z', '2026-10-26T08:00:00.000Z']],
    ['America/New_York', '09:00', '2026-03-07T05:00Z', '2026-03-10T03:55Z', ['2026-03-07T14:00:00.000Z', '2026-03-08T13:00:00.000Z', '2026-03-09T13:00:00.000Z']],
    ['America/New_York', '09:00', '2026-10-31T04:00Z', '2026-11-03T04:55Z', ['2026-10-31T13:00:00.000Z', '2026-11-01T14:00:00.000Z', '2026-11-02T14:00:00.000Z']],
    // In the spring-forward gap: the first valid minute after it (03:00), once.
    ['Europe/Berlin', '02:30', '2026-03-28T00:00Z', '2026-03-30T21:55Z', ['2026-03-28T01:30:00.000Z', '2026-03-29T01:00:00.000Z', '2026-03-30T00:30:00.000Z']],
    ['America/New_York', '02:30', '2026-03-07T05:00Z', '2026-03-10T03:55Z', ['2026-03-07T07:30:00.000Z', '2026-03-08T07:00:00.000Z', '2026-03-09T06:30:00.000Z']],
    // In the fall-back overlap: the first occurrence, and not again an hour later.
    ['Europe/Berlin', '02:30', '2026-10-24T00:00Z', '2026-10-26T22:55Z', ['2026-10-24T00:30:00.000Z', '2026-10-25T00:30:00.000Z', '2026-10-26T01:30:00.000Z']],
    ['America/New_York', '01:30', '2026-10-31T04:00Z', '2026-11-03T04:55Z', ['2026-10-31T05:30:00.000Z', '2026-11-01T05:30:00.000Z', '2026-11-02T06:30:00.000Z']],
  ];

  it.each(cases)('%s %s', async (timezone, time, from, to, expected) => {
    const store = await memStore();
    const clock = new FakeClock(new Date('2026-01-01T00:00:00Z'));
    await subscribe(store, { channelId: 'c', time, timezone }, clock.now);
    const poster = new RecordingPoster(clock.fn);
    await simulate(makeScheduler({ store, poster, clock: clock.fn }), clock, from, to);
    expect(poster.calls.map((c) => c.at.toISOString())).toEqual(expected);
  });

  it('weekdays only: five posts in a week, none on Saturday or Sunday', async () => {
    const store = await memStore();
    const clock = new FakeClock(new Date('2026-01-01T00:00:00Z'));
    await subscribe(store, { channelId: 'c', time: '09:00', timezone: 'America/New_York', days: WEEKDAYS }, clock.now);
    const poster = new RecordingPoster(clock.fn);
    // Thursday 5 March to Thursday 12 March 2026 (crossing New York's spring-forward).
    await simulate(makeScheduler({ store, poster, clock: clock.fn }), clock, '2026-03-05T05:00Z', '2026-03-12T04:55Z', 15 * MIN);
    expect(poster.calls.map((c) => c.at.toISOString())).toEqual([
      '2026-03-05T14:00:00.000Z', // Thu
      '2026-03-06T14:00:00.000Z', // Fri
      '2026-03-09T13:00:00.000Z', // Mon (EDT)
      '2026-03-10T13:00:00.000Z',
      '2026-03-11T13:00:00.000Z',
    ]);
  });
});

describe('other day sets', () => {
  it('weekends: Saturday and Sunday in the local zone, not Friday or Monday, across a DST change', async () => {
    const store = await memStore();
    const clock = new FakeClock(new Date('2026-01-01T00:00:00Z'));
    await subscribe(store, { channelId: 'c', time: '08:00', timezone: 'Pacific/Auckland', days: WEEKENDS }, clock.now);
    const poster = new RecordingPoster(clock.fn);
    // Thursday 2 April to Tuesday 7 April 2026 in Auckland; daylight saving ends on Sunday 5 April.
    // Auckland's Saturday morning is still Friday in UTC: the local day is what counts.
    await simulate(makeScheduler({ store, poster, clock: clock.fn }), clock, '2026-04-01T11:00Z', '2026-04-07T10:55Z', 15 * MIN);
    expect(poster.calls.map((c) => [c.at.toISOString(), localDate(c.at, 'Pacific/Auckland')])).toEqual([
      ['2026-04-03T19:00:00.000Z', '2026-04-04'], // Sat 08:00 NZDT
      ['2026-04-04T20:00:00.000Z', '2026-04-05'], // Sun 08:00 NZST
    ]);
  });

  it('a list of days: Monday, Wednesday and Friday, each once', async () => {
    const store = await memStore();
    const clock = new FakeClock(new Date('2026-01-01T00:00:00Z'));
    await subscribe(store, { channelId: 'c', time: '09:00', timezone: 'Europe/Berlin', days: [1, 3, 5] }, clock.now);
    const poster = new RecordingPoster(clock.fn);
    // Monday 2 to Sunday 8 March 2026.
    await simulate(makeScheduler({ store, poster, clock: clock.fn }), clock, '2026-03-01T23:00Z', '2026-03-08T22:55Z', 15 * MIN);
    expect(poster.calls.map((c) => localDate(c.at, 'Europe/Berlin'))).toEqual(['2026-03-02', '2026-03-04', '2026-03-06']);
  });
});

describe('catch-up', () => {
  it('posts a missed post at start-up while its local day lasts, once', async () => {
    const store = await memStore();
    const clock = new FakeClock(new Date('2026-03-01T00:00:00Z'));
    await subscribe(store, { channelId: 'c' }, clock.now);
    const poster = new RecordingPoster(clock.fn);
    clock.set('2026-03-02T10:15:00Z'); // 11:15 in Berlin: the bot was down at 09:00
    const s = makeScheduler({ store, poster, clock: clock.fn });
    const report = await s.start();
    expect(report.posted.map((p) => p.localDate)).toEqual(['2026-03-02']);
    clock.advance(30 * MIN);
    await s.runDue();
    expect(poster.calls).toHaveLength(1);
    await s.stop();
  });

  it('does not post a day that has ended', async () => {
    const store = await memStore();
    const clock = new FakeClock(new Date('2026-03-01T00:00:00Z'));
    await subscribe(store, { channelId: 'c' }, clock.now);
    const poster = new RecordingPoster(clock.fn);
    clock.set('2026-03-02T23:30:00Z'); // 00:30 on the 3rd in Berlin: the 2nd is over, the 3rd not yet due
    const s = makeScheduler({ store, poster, clock: clock.fn });
    await s.runDue();
    expect(poster.calls).toHaveLength(0);
    clock.set('2026-03-03T08:00:00Z');
    await s.runDue();
    expect(poster.calls.map((c) => c.at.toISOString())).toEqual(['2026-03-03T08:00:00.000Z']);
  });

  it('does not owe a post whose time had passed when the channel subscribed', async () => {
    const store = await memStore();
    const clock = new FakeClock(new Date('2026-03-02T10:00:00Z')); // 11:00 Berlin
    await subscribe(store, { channelId: 'c' }, clock.now);
    const poster = new RecordingPoster(clock.fn);
    const s = makeScheduler({ store, poster, clock: clock.fn });
    await s.runDue();
    expect(poster.calls).toHaveLength(0);
    expect((await s.status('discord', 'c'))!.nextPostAt.toISOString()).toBe('2026-03-03T08:00:00.000Z');
  });
});

describe('restart between claim and post', () => {
  it('a new scheduler on the same file takes over after the lease, with the same passage and nonce', async () => {
    const path = fileStorePath();
    const clock = new FakeClock(new Date('2026-03-01T00:00:00Z'));
    const storeA = await openStore(path);
    await subscribe(storeA, { channelId: 'c' }, clock.now);
    clock.set('2026-03-02T08:00:00Z');
    // Instance A claims and calls the platform, then "crashes": its post never returns.
    const seen: { passageId: string; nonce: string }[] = [];
    const hang = { post: (_s: unknown, passageId: string, nonce: string) => (seen.push({ passageId, nonce }), new Promise<never>(() => {})) };
    const a = makeScheduler({ store: storeA, poster: hang, clock: clock.fn, instanceId: 'A', postTimeoutMs: 0 });
    void a.runDue();
    await new Promise((r) => setImmediate(r));
    expect(seen).toHaveLength(1);
    await storeA.close();

    const storeB = await fileStore(path);
    const row = (await storeB.posts.get({ platform: 'discord', channelId: 'c', localDate: '2026-03-02' }))!;
    expect(row).toMatchObject({ status: 'claimed', owner: 'A' });
    expect(row.nonce).toBe(postNonce('discord', 'c', '2026-03-02'));

    const poster = new RecordingPoster(clock.fn);
    const b = makeScheduler({ store: storeB, poster, clock: clock.fn, instanceId: 'B' });
    clock.advance(1 * MIN); // A's lease (3 min) still holds: it may still be posting
    await b.start();
    expect(poster.calls).toHaveLength(0);
    clock.advance(2 * MIN); // lease over: reconciled by re-posting with the same nonce
    await b.runDue();
    expect(poster.calls).toEqual([expect.objectContaining({ passageId: seen[0]!.passageId, nonce: seen[0]!.nonce })]);
    expect(await storeB.posts.get({ platform: 'discord', channelId: 'c', localDate: '2026-03-02' })).toMatchObject({
      status: 'posted',
      owner: 'B',
      attempts: 2,
      messageId: 'm1',
    });
    clock.advance(10 * MIN);
    await b.runDue();
    expect(poster.calls).toHaveLength(1);
    // The rotation counted the passage once.
    expect([...(await storeB.rotation.shownInCycle('discord:c'))]).toEqual([seen[0]!.passageId]);
    await b.stop();
  });

  it('an abandoned claim whose day has ended is closed, not posted late', async () => {
    const path = fileStorePath();
    const clock = new FakeClock(new Date('2026-03-01T00:00:00Z'));
    const store = await fileStore(path);
    await subscribe(store, { channelId: 'c' }, clock.now);
    await store.posts.claim({
      platform: 'discord',
      channelId: 'c',
      localDate: '2026-03-02',
      nonce: postNonce('discord', 'c', '2026-03-02'),
      owner: 'dead',
      now: new Date('2026-03-02T08:00:00Z'),
      leaseMs: 3 * MIN,
      eligibleIds: ['p001'],
      random: Math.random,
    });
    clock.set('2026-03-03T07:00:00Z'); // 08:00 on the 3rd in Berlin
    const poster = new RecordingPoster(clock.fn);
    const s = makeScheduler({ store, poster, clock: clock.fn });
    await s.runDue();
    expect(poster.calls).toHaveLength(0);
    expect(await store.posts.get({ platform: 'discord', channelId: 'c', localDate: '2026-03-02' })).toMatchObject({ status: 'failed', error: { code: 'abandoned' } });
    expect((await s.status('discord', 'c'))!.lastError).toMatchObject({ code: 'abandoned' });
    // It may have reached the channel, so it stays counted in the rotation.
    expect((await store.rotation.shownInCycle('discord:c')).has('p001')).toBe(true);
    clock.set('2026-03-03T08:00:00Z');
    await s.runDue();
    expect(poster.calls).toHaveLength(1);
    expect(poster.calls[0]!.passageId).not.toBe('p001');
  });
});

describe('two instances on one database file', () => {
  it('post exactly once between them, per channel', async () => {
    const path = fileStorePath();
    const clock = new FakeClock(new Date('2026-03-01T00:00:00Z'));
    const a = await fileStore(path);
    const b = await fileStore(path);
    const channels = ['c1', 'c2', 'c3', 'c4', 'c5'];
    for (const c of channels) await subscribe(a, { channelId: c }, clock.now);
    clock.set('2026-03-02T08:00:00Z');
    const poster = new RecordingPoster(clock.fn);
    // Async posts, so the two runs interleave.
    const slow = { post: async (...args: Parameters<RecordingPoster['post']>) => (await new Promise((r) => setTimeout(r, 5)), poster.post(...args)) };
    const sa = makeScheduler({ store: a, poster: slow, clock: clock.fn, instanceId: 'A' });
    const sb = makeScheduler({ store: b, poster: slow, clock: clock.fn, instanceId: 'B' });
    const [ra, rb] = await Promise.all([sa.runDue(), sb.runDue()]);
    expect(poster.calls.map((c) => c.channelId).sort()).toEqual(channels);
    expect(ra.posted.length + rb.posted.length).toBe(5);
    // They really competed: some claims were lost to the other instance.
    expect(ra.lost.length + rb.lost.length).toBeGreaterThan(0);
    expect(await a.posts.listOpen()).toEqual([]);
    await Promise.all([sa.runDue(), sb.runDue()]);
    expect(poster.calls).toHaveLength(5);
  });
});

describe('failures', () => {
  it('a failing channel does not stop a working one; it retries with backoff, then gives up for the day', async () => {
    const store = await memStore();
    const clock = new FakeClock(new Date('2026-03-01T00:00:00Z'));
    await subscribe(store, { channelId: 'bad' }, clock.now);
    await subscribe(store, { channelId: 'good' }, clock.now);
    const poster = new RecordingPoster(clock.fn, (c) => (c === 'bad' ? new PostError('Missing Permissions', { code: 'missing_permission' }) : undefined));
    const s = makeScheduler({ store, poster, clock: clock.fn });

    clock.set('2026-03-02T08:00:00Z');
    const first = await s.runDue();
    expect(first.posted.map((p) => p.channelId)).toEqual(['good']);
    expect(first.failed).toEqual([expect.objectContaining({ channelId: 'bad', code: 'missing_permission', permanent: false, retryAt: new Date('2026-03-02T08:01:00Z') })]);
    const st = (await s.status('discord', 'bad'))!;
    expect(st.lastError).toMatchObject({ code: 'missing_permission', message: 'Missing Permissions', atLocal: 'Mon 2 Mar 2026, 09:00 CET' });
    expect(st.today).toMatchObject({ status: 'retry', nextAttemptLocal: 'Mon 2 Mar 2026, 09:01 CET' });

    // Every minute for two hours: attempts at +0, +1, +6 (1+5), +36 (6+30) minutes, then none.
    await simulate(s, clock, '2026-03-02T08:00:30Z', '2026-03-02T10:00:00Z', 30_000);
    expect(poster.forChannel('bad').map((c) => c.at.toISOString().slice(11, 16))).toEqual(['08:00', '08:01', '08:06', '08:36']);
    expect(poster.forChannel('good')).toHaveLength(1);
    expect(await store.posts.get({ platform: 'discord', channelId: 'bad', localDate: '2026-03-02' })).toMatchObject({ status: 'failed', attempts: 4 });
    // The passage it never managed to post goes back into its rotation.
    expect((await store.rotation.shownInCycle('discord:bad')).size).toBe(0);

    // The next day both are tried again; the good one is unaffected.
    clock.set('2026-03-03T08:00:00Z');
    await s.runDue();
    expect(poster.forChannel('bad')).toHaveLength(5);
    expect(poster.forChannel('good')).toHaveLength(2);
  });

  it('permanent errors are not retried the same day; plain exceptions are retried', async () => {
    const store = await memStore();
    const clock = new FakeClock(new Date('2026-03-01T00:00:00Z'));
    await subscribe(store, { channelId: 'gone' }, clock.now);
    await subscribe(store, { channelId: 'flaky' }, clock.now);
    let flakyFails = 1;
    const poster = new RecordingPoster(clock.fn, (c) => {
      if (c === 'gone') return new PostError('Unknown Channel', { code: 'channel_not_found', permanent: true });
      if (flakyFails-- > 0) return new TypeError('socket hang up');
      return undefined;
    });
    const s = makeScheduler({ store, poster, clock: clock.fn });
    await simulate(s, clock, '2026-03-02T08:00:00Z', '2026-03-02T09:00:00Z', MIN);
    expect(poster.forChannel('gone')).toHaveLength(1);
    expect(await s.status('discord', 'gone')).toMatchObject({ lastError: { code: 'channel_not_found' }, today: { status: 'failed' } });
    expect(poster.forChannel('flaky')).toHaveLength(2);
    expect(await s.status('discord', 'flaky')).toMatchObject({ lastError: { code: 'unknown', message: 'socket hang up', resolved: true }, today: { status: 'posted' } });
    expect((await s.status('discord', 'gone'))!.lastError!.resolved).toBe(false);
  });

  it('honours a rate limit retry-after longer than the backoff', async () => {
    const store = await memStore();
    const clock = new FakeClock(new Date('2026-03-01T00:00:00Z'));
    await subscribe(store, { channelId: 'c' }, clock.now);
    const poster = new RecordingPoster(clock.fn, () => new PostError('429', { code: 'rate_limited', retryAfterMs: 3 * MIN }));
    const s = makeScheduler({ store, poster, clock: clock.fn });
    clock.set('2026-03-02T08:00:00Z');
    const r = await s.runDue();
    expect(r.failed[0]!.retryAt).toEqual(new Date('2026-03-02T08:03:00Z'));
  });

  it('gives up rather than retrying into the next local day', async () => {
    const store = await memStore();
    const clock = new FakeClock(new Date('2026-03-01T00:00:00Z'));
    await subscribe(store, { channelId: 'c', time: '23:50' }, clock.now);
    const poster = new RecordingPoster(clock.fn, () => new PostError('503', { code: 'platform_error' }));
    const s = makeScheduler({ store, poster, clock: clock.fn });
    await simulate(s, clock, '2026-03-02T22:50:00Z', '2026-03-03T01:00:00Z', MIN);
    // 23:50 and 23:51 (+1 min); the next (+5 min) would be 23:56, then 00:26 on the 3rd: given up.
    expect(poster.calls.map((c) => c.at.toISOString().slice(11, 16))).toEqual(['22:50', '22:51', '22:56']);
    expect((await store.posts.get({ platform: 'discord', channelId: 'c', localDate: '2026-03-02' }))!.status).toBe('failed');
  });
});

describe('pacing', () => {
  it('waits paceMs between posts on one platform; platforms are paced separately', async () => {
    const store = await memStore();
    const clock = new FakeClock(new Date('2026-03-01T00:00:00Z'));
    for (const c of ['d1', 'd2', 'd3']) await subscribe(store, { channelId: c }, clock.now);
    for (const c of ['s1', 's2']) await subscribe(store, { channelId: c, platform: 'slack' }, clock.now);
    const events: string[] = [];
    const poster = { post: async (sub: { platform: string; channelId: string }) => (events.push(`post ${sub.channelId}`), { messageId: 'x' }) };
    const sleeps: number[] = [];
    const sleep = async (ms: number) => {
      sleeps.push(ms);
      events.push(`sleep ${ms}`);
    };
    const s = makeScheduler({ store, poster, clock: clock.fn, paceMs: 1000, sleep });
    clock.set('2026-03-02T08:00:00Z');
    await s.runDue();
    expect(sleeps).toEqual([1000, 1000, 1000]); // 2 between discord's 3 posts, 1 between slack's 2
    expect(events.filter((e) => e.startsWith('post'))).toHaveLength(5);
    // Never two posts on one platform without a sleep between them.
    const seq = events.map((e) => (e.startsWith('post d') ? 'D' : e.startsWith('post s') ? 'S' : '-'));
    for (const p of ['D', 'S']) {
      const mine = seq.filter((x) => x === p || x === '-').join('');
      expect(mine).not.toMatch(new RegExp(`${p}${p}`));
    }
  });
});

describe('rotation through the scheduler', () => {
  it('200 days with 150 eligible passages: 150 distinct, then a new cycle; survives restarts', async () => {
    const path = fileStorePath();
    const clock = new FakeClock(new Date('2026-01-01T00:00:00Z'));
    let store = await openStore(path);
    await subscribe(store, { channelId: 'c', timezone: 'UTC' }, clock.now);
    const poster = new RecordingPoster(clock.fn);
    const all = ids(150);
    const random = seededRandom(42);
    let s = makeScheduler({ store, poster, clock: clock.fn, eligibleIds: () => all, random });
    for (let d = 0; d < 200; d++) {
      if (d === 75) {
        await store.close();
        store = await openStore(path);
        s = makeScheduler({ store, poster, clock: clock.fn, eligibleIds: () => all, random });
      }
      clock.set(new Date(Date.parse('2026-01-02T09:00:00Z') + d * DAY));
      await s.runDue();
    }
    await store.close();
    const picks = poster.calls.map((c) => c.passageId);
    expect(picks).toHaveLength(200);
    expect(new Set(picks.slice(0, 150)).size).toBe(150);
    expect(new Set(picks.slice(150)).size).toBe(50);
    expect(picks[150]).not.toBe(picks[149]);
  });

  it('passages added mid-cycle are included; removed ones are skipped', async () => {
    const store = await memStore();
    const clock = new FakeClock(new Date('2026-01-01T00:00:00Z'));
    await subscribe(store, { channelId: 'c', timezone: 'UTC' }, clock.now);
    const poster = new RecordingPoster(clock.fn);
    let eligible = ids(150);
    const s = makeScheduler({ store, poster, clock: clock.fn, eligibleIds: () => eligible, random: seededRandom(9) });
    const day = async (d: number) => {
      clock.set(new Date(Date.parse('2026-01-02T09:00:00Z') + d * DAY));
      await s.runDue();
    };
    for (let d = 0; d < 40; d++) await day(d);
    const shown = new Set(poster.calls.map((c) => c.passageId));
    const removed = ids(150).filter((id) => !shown.has(id)).slice(0, 30);
    const added = ids(20, 'new');
    eligible = [...ids(150).filter((id) => !removed.includes(id)), ...added];
    for (let d = 40; d < 140; d++) await day(d); // 40 + 100 = 140 = 150 - 30 + 20: exactly one cycle
    const picks = poster.calls.map((c) => c.passageId);
    expect(new Set(picks).size).toBe(140);
    for (const id of added) expect(picks).toContain(id);
    for (const id of removed) expect(picks).not.toContain(id);
    expect(await store.rotation.cycle('discord:c')).toBe(0);
  });
});

describe('todaysPassage and status', () => {
  it('/daily today before the post shows the passage that is then posted', async () => {
    const store = await memStore();
    const clock = new FakeClock(new Date('2026-03-01T00:00:00Z'));
    await subscribe(store, { channelId: 'c' }, clock.now);
    const poster = new RecordingPoster(clock.fn);
    const s = makeScheduler({ store, poster, clock: clock.fn });
    clock.set('2026-03-02T06:00:00Z'); // 07:00 Berlin
    const early = await s.todaysPassage('discord', 'c');
    expect(early).toBeDefined();
    expect(await s.todaysPassage('discord', 'c', '2026-03-02')).toBe(early);
    await s.runDue();
    expect(poster.calls).toHaveLength(0); // reserving doesn't post
    clock.set('2026-03-02T08:00:00Z');
    await s.runDue();
    expect(poster.calls.map((c) => c.passageId)).toEqual([early]);
    expect(await s.todaysPassage('discord', 'c')).toBe(early);
    // Unsubscribed channels and days without a post have none.
    expect(await s.todaysPassage('discord', 'nope')).toBeUndefined();
    expect(await s.todaysPassage('discord', 'c', '2026-02-01')).toBeUndefined();
  });

  it('status shows the schedule, next post in the local zone, last post and last error', async () => {
    const store = await memStore();
    const clock = new FakeClock(new Date('2026-03-01T00:00:00Z'));
    await subscribe(store, { channelId: 'c', time: '09:30', timezone: 'America/New_York', days: WEEKDAYS }, clock.now);
    const poster = new RecordingPoster(clock.fn);
    const s = makeScheduler({ store, poster, clock: clock.fn });
    clock.set('2026-03-06T14:30:00Z'); // Fri 09:30 EST
    await s.runDue();
    clock.set('2026-03-06T18:00:00Z');
    expect(await s.status('discord', 'c')).toMatchObject({
      time: '09:30',
      timezone: 'America/New_York',
      days: WEEKDAYS,
      nextPostAt: new Date('2026-03-09T13:30:00Z'),
      nextPostLocal: 'Mon 9 Mar 2026, 09:30 EDT',
      lastPost: { at: new Date('2026-03-06T14:30:00Z'), atLocal: 'Fri 6 Mar 2026, 09:30 EST', localDate: '2026-03-06', messageId: 'm1' },
      today: { localDate: '2026-03-06', status: 'posted' },
    });
    expect((await s.status('discord', 'c'))!.lastError).toBeUndefined();
    expect(await s.status('slack', 'c')).toBeUndefined();
  });
});

describe('start, refresh, unschedule, stop', () => {
  it('schedules one node-cron job per subscription in its zone, plus a UTC sweep', async () => {
    const store = await memStore();
    const clock = new FakeClock(new Date('2026-03-01T00:00:00Z'));
    await subscribe(store, { channelId: 'a', time: '09:00', timezone: 'Europe/Berlin' }, clock.now);
    await subscribe(store, { channelId: 'b', time: '17:45', timezone: 'America/New_York', days: WEEKDAYS }, clock.now);
    const jobs: { expr: string; tz?: string; name?: string; fn: () => unknown; destroyed: boolean }[] = [];
    const cron: CronLike = {
      schedule(expr, fn, o) {
        const job = { expr, tz: o.timezone, name: o.name, fn, destroyed: false };
        jobs.push(job);
        return { destroy: () => void (job.destroyed = true) };
      },
    };
    const poster = new RecordingPoster(clock.fn);
    const s = makeScheduler({ store, poster, clock: clock.fn, cron, sweepCron: '* * * * *' });
    await s.start();
    expect(jobs.map((j) => [j.expr, j.tz, j.name])).toEqual([
      ['0 9 * * *', 'Europe/Berlin', 'daily:discord:a'],
      ['45 17 * * 1-5', 'America/New_York', 'daily:discord:b'],
      ['* * * * *', 'UTC', 'daily:sweep'],
    ]);
    // A tick only triggers the check; the check decides.
    clock.set('2026-03-02T08:00:00Z');
    await jobs[0]!.fn();
    expect(poster.calls.map((c) => c.channelId)).toEqual(['a']);
    await jobs[0]!.fn();
    expect(poster.calls).toHaveLength(1);

    const changed = await subscribe(store, { channelId: 'a', time: '07:15', timezone: 'Europe/Berlin' }, clock.now);
    s.refresh(changed);
    expect(jobs[0]!.destroyed).toBe(true);
    expect(jobs.at(-1)!.expr).toBe('15 7 * * *');
    s.unschedule({ platform: 'discord', channelId: 'b' });
    expect(jobs[1]!.destroyed).toBe(true);
    expect(s.scheduledChannels()).toEqual(['discord:a']);
    await s.stop();
    expect(jobs.every((j) => j.destroyed)).toBe(true);
  });

  it('works with the real node-cron (jobs are created and destroyed)', async () => {
    const store = await memStore();
    const clock = new FakeClock(new Date('2026-03-01T00:00:00Z'));
    await subscribe(store, { channelId: 'a' }, clock.now);
    const s = makeScheduler({ store, poster: new RecordingPoster(clock.fn), clock: clock.fn, sweepCron: '* * * * *' });
    await s.start();
    expect(s.scheduledChannels()).toEqual(['discord:a']);
    await s.stop();
    expect(s.scheduledChannels()).toEqual([]);
  });

  it('a channel whose poster throws synchronously, or a broken eligible list, never crashes the run', async () => {
    const store = await memStore();
    const clock = new FakeClock(new Date('2026-03-01T00:00:00Z'));
    await subscribe(store, { channelId: 'a' }, clock.now);
    await subscribe(store, { channelId: 'b' }, clock.now);
    const posted: string[] = [];
    const poster = {
      post(sub: { channelId: string }) {
        if (sub.channelId === 'a') throw new Error('boom');
        posted.push(sub.channelId);
        return Promise.resolve({ messageId: 'x' });
      },
    };
    const s = makeScheduler({ store, poster, clock: clock.fn });
    clock.set('2026-03-02T08:00:00Z');
    const r = await s.runDue();
    expect(posted).toEqual(['b']);
    expect(r.failed.map((f) => f.channelId)).toEqual(['a']);
    const empty = makeScheduler({ store, poster, clock: clock.fn, eligibleIds: () => [] });
    clock.set('2026-03-03T08:00:00Z');
    await expect(empty.runDue()).resolves.toMatchObject({ posted: [] });
  });
});
