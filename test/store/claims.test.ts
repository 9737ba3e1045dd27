// The exactly-once core: claims under a UNIQUE key, leases, takeover with the same nonce. The same
// cases run on SQLite (two connections to one file) and PostgreSQL (two pools on one database).
import { expect, it } from 'vitest';
import type { Store } from '../../src/store/index.js';
import { forEachStore, type StorePlace } from '../helpers/stores.js';

const key = { platform: 'discord' as const, channelId: 'c1', localDate: '2026-03-29' };
const t0 = new Date('2026-03-29T07:00:00Z');
// One eligible id: the rotation can only pick `passage`.
const req = (owner: string, now: Date, passage = 'p1') => ({
  ...key,
  nonce: 'nonce-1',
  owner,
  now,
  leaseMs: 180_000,
  eligibleIds: [passage],
  random: Math.random,
});

forEachStore('claims', (kind) => {
  let place: StorePlace;
  async function twoStores(): Promise<[Store, Store]> {
    place = await kind.place();
    return [await place.open(), await place.open()];
  }

  it('two connections to one database: only one claim wins', async () => {
    const [a, b] = await twoStores();
    const ca = await a.posts.claim(req('A', t0, 'pa'));
    const cb = await b.posts.claim(req('B', t0, 'pb'));
    expect(ca?.via).toBe('new');
    expect(cb).toBeUndefined();
    const row = (await b.posts.get(key))!;
    expect(row).toMatchObject({ status: 'claimed', owner: 'A', passageId: 'pa', nonce: 'nonce-1', attempts: 1 });
    // The rotation mark was written in the same transaction.
    expect([...(await b.rotation.shownInCycle('discord:c1'))]).toEqual(['pa']);
  });

  it('a claim inside its lease cannot be taken; after it, it is taken over with the same passage and nonce', async () => {
    const [a, b] = await twoStores();
    await a.posts.claim(req('A', t0, 'pa'));
    expect(await b.posts.claim(req('B', new Date(t0.getTime() + 179_000), 'pb'))).toBeUndefined();
    const taken = (await b.posts.claim(req('B', new Date(t0.getTime() + 180_000), 'pb')))!;
    expect(taken.via).toBe('takeover');
    expect(taken.record).toMatchObject({ owner: 'B', passageId: 'pa', nonce: 'nonce-1', attempts: 2 });
    const attempts = await place.rows('SELECT owner, outcome, error_code FROM post_attempts ORDER BY id');
    expect(attempts).toEqual([
      { owner: 'A', outcome: 'abandoned', error_code: 'lease_expired' },
      { owner: 'B', outcome: null, error_code: null },
    ]);
    // A's late success is still recorded: the message id is the truth.
    await a.posts.complete(key, 'msg-A', new Date(t0.getTime() + 181_000));
    expect(await b.posts.get(key)).toMatchObject({ status: 'posted', messageId: 'msg-A' });
    expect(await b.posts.claim(req('C', new Date(t0.getTime() + 999_000)))).toBeUndefined();
  });

  it('a retry can be claimed only once it is due; giving up returns the passage to the rotation', async () => {
    const [a, b] = await twoStores();
    await a.posts.claim(req('A', t0, 'pa'));
    const retryAt = new Date(t0.getTime() + 60_000);
    expect(await a.posts.fail(key, 'A', { message: 'slow down', code: 'rate_limited' }, t0, retryAt)).toBe(true);
    expect(await b.posts.get(key)).toMatchObject({ status: 'retry', nextAttemptAt: retryAt, error: { code: 'rate_limited' } });
    expect(await b.posts.claim(req('B', new Date(t0.getTime() + 59_000)))).toBeUndefined();
    const c = (await b.posts.claim(req('B', retryAt)))!;
    expect(c.via).toBe('retry');
    // Someone who no longer holds the claim can't record a failure over it.
    expect(await a.posts.fail(key, 'A', { message: 'x', code: 'x' }, retryAt)).toBe(false);
    expect(await b.posts.fail(key, 'B', { message: 'gone', code: 'channel_not_found' }, retryAt)).toBe(true);
    expect(await a.posts.get(key)).toMatchObject({ status: 'failed', error: { code: 'channel_not_found' } });
    expect((await a.rotation.shownInCycle('discord:c1')).size).toBe(0);
  });

  it('a reserved passage is the one that gets claimed', async () => {
    const [a, b] = await twoStores();
    const r = await a.posts.reserve({ ...key, nonce: 'nonce-1', now: t0, eligibleIds: ['early'], random: Math.random });
    expect(r).toMatchObject({ status: 'reserved', passageId: 'early', attempts: 0 });
    expect((await a.posts.reserve({ ...key, nonce: 'nonce-1', now: t0, eligibleIds: ['other'], random: Math.random })).passageId).toBe('early');
    const c = (await b.posts.claim(req('B', t0, 'other')))!;
    expect(c.via).toBe('reserved');
    expect(c.record.passageId).toBe('early');
    expect(await b.posts.lastClaimedDate('discord', 'c1')).toBe('2026-03-29');
  });
});
