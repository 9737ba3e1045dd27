import { beforeEach, expect, it } from 'vitest';
import { PlatformIdError, type Store } from '../../src/store/index.js';
import { forEachStore } from '../helpers/stores.js';
import { EVERY_DAY, WEEKDAYS, WEEKENDS } from '../../src/bot/days.js';

const t0 = new Date('2026-03-01T10:00:00Z');
const base = { platform: 'discord' as const, channelId: 'chan', workspaceId: 'guild', time: '09:00', timezone: 'Europe/Berlin', days: EVERY_DAY, createdBy: 'alice' };

forEachStore('subscriptions', (kind) => {
  let store: Store;
  beforeEach(async () => {
    store = await kind.open();
  });

  it('stores every field and reads it back typed', async () => {
    const sub = await store.subscriptions.upsert(base, t0);
    expect(sub).toEqual({ ...base, createdAt: t0, updatedAt: t0, scheduleSince: t0 });
    expect(await store.subscriptions.get('discord', 'chan')).toEqual(sub);
    expect(await store.subscriptions.get('slack', 'chan')).toBeUndefined();
  });

  it('keeps one subscription per (platform, channel): subscribing again updates it', async () => {
    await store.subscriptions.upsert(base, t0);
    const t1 = new Date('2026-03-02T10:00:00Z');
    const sub = await store.subscriptions.upsert({ ...base, time: '17:30', days: WEEKDAYS, createdBy: 'bob' }, t1);
    expect(await store.subscriptions.list()).toHaveLength(1);
    expect(sub).toMatchObject({ time: '17:30', days: WEEKDAYS, createdBy: 'bob', createdAt: t0, updatedAt: t1, scheduleSince: t1 });
    // The same channel id on another platform is another subscription.
    await store.subscriptions.upsert({ ...base, platform: 'slack' }, t1);
    expect((await store.subscriptions.list()).map((s) => s.platform)).toEqual(['discord', 'slack']);
  });

  it('moves scheduleSince only when the schedule changes', async () => {
    await store.subscriptions.upsert(base, t0);
    const t1 = new Date('2026-03-02T10:00:00Z');
    const same = await store.subscriptions.upsert({ ...base, createdBy: 'bob' }, t1);
    expect(same.scheduleSince).toEqual(t0);
    const tz = await store.subscriptions.upsert({ ...base, timezone: 'America/New_York' }, t1);
    expect(tz.scheduleSince).toEqual(t1);
    // Changing only the days is a change of schedule too; giving the same days again is not.
    const t2 = new Date('2026-03-03T10:00:00Z');
    const weekends = await store.subscriptions.upsert({ ...base, timezone: 'America/New_York', days: WEEKENDS }, t2);
    expect(weekends).toMatchObject({ days: WEEKENDS, scheduleSince: t2 });
    const again = await store.subscriptions.upsert({ ...base, timezone: 'America/New_York', days: [7, 6] }, new Date('2026-03-04T10:00:00Z'));
    expect(again).toMatchObject({ days: WEEKENDS, scheduleSince: t2 });
  });

  it('lists by workspace, removes, and records errors', async () => {
    await store.subscriptions.upsert(base, t0);
    await store.subscriptions.upsert({ ...base, channelId: 'other', workspaceId: 'guild2' }, t0);
    expect((await store.subscriptions.list({ platform: 'discord', workspaceId: 'guild' })).map((s) => s.channelId)).toEqual(['chan']);
    await store.subscriptions.recordError('discord', 'chan', { message: 'Missing Access', code: 'missing_permission' }, t0);
    expect((await store.subscriptions.get('discord', 'chan'))!.lastError).toEqual({ message: 'Missing Access', code: 'missing_permission', at: t0 });
    expect(await store.subscriptions.remove('discord', 'chan')).toBe(true);
    expect(await store.subscriptions.remove('discord', 'chan')).toBe(false);
    expect((await store.subscriptions.list()).map((s) => s.channelId)).toEqual(['other']);
  });

  it('rejects a malformed row at the database level', async () => {
    await expect(store.subscriptions.upsert({ ...base, time: '9:00' }, t0)).rejects.toThrow();
    // A platform id of another shape (the store keeps no list of names; see 'platform ids' below).
    await expect(store.subscriptions.upsert({ ...base, platform: 'IRC chat' }, t0)).rejects.toThrow();
    // No days at all would never post.
    await expect(store.subscriptions.upsert({ ...base, days: [] }, t0)).rejects.toThrow(/CHECK|check constraint/);
  });
});

forEachStore('platform ids', (kind) => {
  let store: Store;
  beforeEach(async () => {
    store = await kind.open();
  });

  it('takes any platform id of a safe shape, with no list of platforms to edit', async () => {
    for (const platform of ['irc', 'matrix-chat_2', 'x', 'a'.repeat(32)]) await store.subscriptions.upsert({ ...base, platform }, t0);
    expect((await store.subscriptions.list()).map((s) => s.platform)).toEqual(['a'.repeat(32), 'irc', 'matrix-chat_2', 'x']);
    expect(await store.subscriptions.get('irc', 'chan')).toMatchObject({ platform: 'irc', channelId: 'chan' });
    const claim = await store.posts.claim({ platform: 'irc', channelId: 'chan', localDate: '2026-03-02', nonce: 'n', owner: 'A', now: t0, leaseMs: 60_000, eligibleIds: ['p1'], random: Math.random });
    expect(claim?.record).toMatchObject({ platform: 'irc', passageId: 'p1' });
    expect([...(await store.rotation.shownInCycle('irc:chan'))]).toEqual(['p1']);
  });

  it('refuses any other shape with an error that says what a platform id looks like, and writes nothing', async () => {
    const bad = ['', 'Discord', '1chat', 'irc:x', 'a b', 'ü', 'a'.repeat(33), 'irc\n'];
    for (const platform of bad) {
      const error = await store.subscriptions.upsert({ ...base, platform }, t0).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(PlatformIdError);
      expect((error as Error).message).toMatch(/platform id .* is 1 to 32 characters, lowercase letters, digits, - or _, starting with a letter/);
    }
    const key = { platform: 'Not Ok', channelId: 'chan', localDate: '2026-03-02', nonce: 'n', now: t0, eligibleIds: ['p1'], random: Math.random };
    await expect(store.posts.claim({ ...key, owner: 'A', leaseMs: 60_000 })).rejects.toThrow(PlatformIdError);
    await expect(store.posts.reserve(key)).rejects.toThrow(PlatformIdError);
    expect(await store.subscriptions.list()).toEqual([]);
    expect(await store.posts.listOpen()).toEqual([]);
  });
});
