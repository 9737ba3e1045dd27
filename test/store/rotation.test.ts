// Each channel's rotation: no passage repeats before all were shown, on either store.
import { expect, it } from 'vitest';
import { seededRandom } from '../../src/core/search/text.js';
import type { Store } from '../../src/store/index.js';
import { ids } from '../scheduler/helpers.js';
import { forEachStore } from '../helpers/stores.js';

/** Picks and marks one passage a day for `days` days; returns the picks. */
async function run(store: Store, key: string, days: number, eligible: () => string[], random = seededRandom(7)): Promise<string[]> {
  const out: string[] = [];
  for (let d = 0; d < days; d++) {
    const id = await store.rotation.nextPassage(key, eligible(), random);
    await store.rotation.markShown(key, id, new Date(Date.UTC(2026, 0, 1 + d, 9)));
    out.push(id);
  }
  return out;
}

forEachStore('rotation', (kind) => {
  it('shows 150 passages in 150 days without a repeat, then starts a new cycle', async () => {
    const store = await kind.open();
    const all = ids(150);
    const picks = await run(store, 'discord:c', 200, () => all);
    const first = picks.slice(0, 150);
    expect(new Set(first).size).toBe(150);
    expect([...first].sort()).toEqual(all);
    const second = picks.slice(150);
    expect(new Set(second).size).toBe(50); // no repeats inside the new cycle either
    expect(picks[150]).not.toBe(picks[149]); // no back-to-back repeat at the boundary
    expect(await store.rotation.cycle('discord:c')).toBe(1);
    expect((await store.rotation.shownInCycle('discord:c')).size).toBe(50);
    await store.close();
  });

  it('nextPassage records nothing', async () => {
    const store = await kind.open();
    const random = seededRandom(3);
    const a = await store.rotation.nextPassage('k', ids(5), () => 0.5);
    expect(await store.rotation.nextPassage('k', ids(5), () => 0.5)).toBe(a);
    expect((await store.rotation.shownInCycle('k')).size).toBe(0);
    await expect(store.rotation.nextPassage('k', [], random)).rejects.toThrow();
    await store.close();
  });

  it('includes passages added mid-cycle in the same cycle', async () => {
    const store = await kind.open();
    let eligible = ids(150);
    const added = ids(10, 'new');
    const picks: string[] = [];
    const random = seededRandom(11);
    picks.push(...(await run(store, 'k', 50, () => eligible, random)));
    eligible = [...eligible, ...added];
    picks.push(...(await run(store, 'k', 110, () => eligible, random)));
    // 160 days, 160 distinct passages: the new ones joined the first cycle.
    expect(new Set(picks).size).toBe(160);
    for (const id of added) expect(picks).toContain(id);
    expect(await store.rotation.cycle('k')).toBe(0);
    // The next pick starts cycle 1.
    picks.push(...(await run(store, 'k', 1, () => eligible, random)));
    expect(await store.rotation.cycle('k')).toBe(1);
    await store.close();
  });

  it('skips passages removed from the corpus', async () => {
    const store = await kind.open();
    const all = ids(150);
    const random = seededRandom(5);
    const early = await run(store, 'k', 50, () => all, random);
    const notYetShown = all.filter((id) => !early.includes(id));
    const removed = new Set(notYetShown.slice(0, 20));
    const remaining = all.filter((id) => !removed.has(id));
    const later = await run(store, 'k', 80, () => remaining, random);
    for (const id of later) expect(removed.has(id)).toBe(false);
    // 50 + 80 = all 130 remaining, each once; the cycle is complete.
    expect(new Set([...early, ...later]).size).toBe(130);
    expect(await store.rotation.cycle('k')).toBe(0);
    await run(store, 'k', 1, () => remaining, random);
    expect(await store.rotation.cycle('k')).toBe(1);
    await store.close();
  });

  it('keeps channels apart and survives a restart', async () => {
    const place = await kind.place();
    const all = ids(30);
    let store = await place.open();
    const a1 = await run(store, 'discord:a', 12, () => all, seededRandom(1));
    await run(store, 'discord:b', 30, () => all, seededRandom(2));
    await store.close();
    store = await place.open();
    const a2 = await run(store, 'discord:a', 18, () => all, seededRandom(99));
    expect(new Set([...a1, ...a2]).size).toBe(30);
    expect(await store.rotation.cycle('discord:b')).toBe(0);
    await store.close();
  });

  it('unmarkShown returns a passage to the pool', async () => {
    const store = await kind.open();
    await store.rotation.markShown('k', 'p001');
    await store.rotation.markShown('k', 'p002');
    await store.rotation.unmarkShown('k', 'p001');
    expect([...(await store.rotation.shownInCycle('k'))]).toEqual(['p002']);
    await store.close();
  });
});
