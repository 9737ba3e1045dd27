// The plans table: one plan per (platform, channel), read back as it was written, moved by its
// anchor alone, and kept apart from subscriptions (stopping daily posts leaves the plan).
import { beforeEach, expect, it } from 'vitest';
import { WEEKDAYS, EVERY_DAY } from '../../src/bot/days.js';
import { PlatformIdError, type PlanRecord, type Store } from '../../src/store/index.js';
import { forEachStore } from '../helpers/stores.js';


const t0 = new Date('2026-03-01T10:00:00Z');
const anchor = { localDate: '2026-03-02', passageId: 'book:aaaa', nextId: 'book:bbbb', position: 0, section: 'Chapter 1', sectionOffset: 0 };
const plan: Omit<PlanRecord, 'createdAt' | 'updatedAt'> = {
  platform: 'slack',
  channelId: 'C1',
  workspaceId: 'T1',
  docId: 'book',
  pace: { unit: 'passages', count: 3 },
  days: WEEKDAYS,
  timezone: 'Europe/Berlin',
  startDate: '2026-03-01',
  anchor,
  createdBy: 'U1',
};

forEachStore('plans', (kind) => {
  let store: Store;
  beforeEach(async () => {
    store = await kind.open();
  });

  it('reads a plan back as written, and keeps one per channel', async () => {
    expect(await store.plans.put(plan, t0)).toEqual({ ...plan, createdAt: t0, updatedAt: t0 });
    const t1 = new Date('2026-03-05T10:00:00Z');
    await store.plans.put({ ...plan, docId: 'other', pace: { unit: 'sections', maxPassages: 4 }, days: EVERY_DAY }, t1);
    expect(await store.plans.list()).toHaveLength(1);
    expect(await store.plans.get('slack', 'C1')).toMatchObject({ docId: 'other', pace: { unit: 'sections' }, days: EVERY_DAY, createdAt: t1 });
    await store.plans.put({ ...plan, platform: 'discord' }, t1);
    expect((await store.plans.list()).map((p) => p.platform)).toEqual(['discord', 'slack']);
  });

  it('moves only the anchor, and says when there was no plan to move or stop', async () => {
    await store.plans.put(plan, t0);
    const moved = { ...anchor, localDate: '2026-03-03', passageId: 'book:cccc', position: 3 };
    expect(await store.plans.setAnchor('slack', 'C1', moved, new Date('2026-03-03T08:00:00Z'))).toBe(true);
    expect(await store.plans.get('slack', 'C1')).toMatchObject({ anchor: moved, docId: 'book', createdAt: t0 });
    expect(await store.plans.setAnchor('slack', 'nope', moved, t0)).toBe(false);
    expect(await store.plans.remove('slack', 'C1')).toBe(true);
    expect(await store.plans.remove('slack', 'C1')).toBe(false);
    expect(await store.plans.get('slack', 'C1')).toBeUndefined();
  });

  it('outlives the channel\'s daily posts, and refuses a platform name of the wrong shape', async () => {
    await store.subscriptions.upsert({ platform: 'slack', channelId: 'C1', time: '09:00', timezone: 'UTC', days: EVERY_DAY, createdBy: 'U1' }, t0);
    await store.plans.put(plan, t0);
    await store.subscriptions.remove('slack', 'C1');
    expect(await store.plans.get('slack', 'C1')).toBeDefined();
    await expect(store.plans.put({ ...plan, platform: 'Not A Platform!' }, t0)).rejects.toBeInstanceOf(PlatformIdError);
  });
});
