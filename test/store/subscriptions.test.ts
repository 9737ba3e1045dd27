import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openStore, type Store } from '../../src/store/index.js';
import { EVERY_DAY, WEEKDAYS, WEEKENDS } from '../../src/bot/days.js';

let store: Store;
beforeEach(async () => {
  store = await openStore(':memory:');
});
afterEach(() => store.close());

const t0 = new Date('2026-03-01T10:00:00Z');
const base = { platform: 'discord' as const, channelId: 'chan', workspaceId: 'guild', time: '09:00', timezone: 'Europe/Berlin', days: EVERY_DAY, createdBy: 'alice' };

describe('subscriptions', () => {
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
    await expect(store.subscriptions.upsert({ ...base, platform: 'irc' as 'slack' }, t0)).rejects.toThrow();
    // No days at all would never post.
    await expect(store.subscriptions.upsert({ ...base, days: [] }, t0)).rejects.toThrow(/CHECK/);
  });
});
