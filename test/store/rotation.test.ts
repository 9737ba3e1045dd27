import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { seededRandom } from '../../src/core/search/text.js';
import { openStore, type Store } from '../../src/store/index.js';
import { ids, tempDir } from '../scheduler/helpers.js';

let cleanup = () => {};
afterEach(() => cleanup());

/** Picks and marks one passage a day for `days` days; returns the picks. */
function run(store: Store, key: string, days: number, eligible: () => string[], random = seededRandom(7)): string[] {
  const out: string[] = [];
  for (let d = 0; d < days; d++) {
    const id = store.rotation.nextPassage(key, eligible(), random);
    store.rotation.markShown(key, id, new Date(Date.UTC(2026, 0, 1 + d, 9)));
    out.push(id);
  }
  return out;
}

describe('rotation', () => {
  it('shows 150 passages in 150 days without a repeat, then starts a new cycle', () => {
    const store = openStore(':memory:');
    const all = ids(150);
    const picks = run(store, 'discord:c', 200, () => all);
    const first = picks.slice(0, 150);
    expect(new Set(first).size).toBe(150);
    expect([...first].sort()).toEqual(all);
    const second = picks.slice(150);
    expect(new Set(second).size).toBe(50); // no repeats inside the new cycle either
    expect(picks[150]).not.toBe(picks[149]); // no back-to-back repeat at the boundary
    expect(store.rotation.cycle('discord:c')).toBe(1);
    expect(store.rotation.shownInCycle('discord:c').size).toBe(50);
    store.close();
  });

  it('nextPassage records nothing', () => {
    const store = openStore(':memory:');
    const random = seededRandom(3);
    const a = store.rotation.nextPassage('k', ids(5), () => 0.5);
    expect(store.rotation.nextPassage('k', ids(5), () => 0.5)).toBe(a);
    expect(store.rotation.shownInCycle('k').size).toBe(0);
    expect(() => store.rotation.nextPassage('k', [], random)).toThrow();
    store.close();
  });

  it('includes passages added mid-cycle in the same cycle', () => {
    const store = openStore(':memory:');
    let eligible = ids(150);
    const added = ids(10, 'new');
    const picks: string[] = [];
    const random = seededRandom(11);
    picks.push(...run(store, 'k', 50, () => eligible, random));
    eligible = [...eligible, ...added];
    picks.push(...run(store, 'k', 110, () => eligible, random));
    // 160 days, 160 distinct passages: the new ones joined the first cycle.
    expect(new Set(picks).size).toBe(160);
    for (const id of added) expect(picks).toContain(id);
    expect(store.rotation.cycle('k')).toBe(0);
    // The next pick starts cycle 1.
    picks.push(...run(store, 'k', 1, () => eligible, random));
    expect(store.rotation.cycle('k')).toBe(1);
    store.close();
  });

  it('skips passages removed from the corpus', () => {
    const store = openStore(':memory:');
    const all = ids(150);
    const random = seededRandom(5);
    const early = run(store, 'k', 50, () => all, random);
    const notYetShown = all.filter((id) => !early.includes(id));
    const removed = new Set(notYetShown.slice(0, 20));
    const remaining = all.filter((id) => !removed.has(id));
    const later = run(store, 'k', 80, () => remaining, random);
    for (const id of later) expect(removed.has(id)).toBe(false);
    // 50 + 80 = all 130 remaining, each once; the cycle is complete.
    expect(new Set([...early, ...later]).size).toBe(130);
    expect(store.rotation.cycle('k')).toBe(0);
    run(store, 'k', 1, () => remaining, random);
    expect(store.rotation.cycle('k')).toBe(1);
    store.close();
  });

  it('keeps channels apart and survives a restart', () => {
    const t = tempDir();
    cleanup = t.cleanup;
    const path = join(t.dir, 'bot.db');
    const all = ids(30);
    let store = openStore(path);
    const a1 = run(store, 'discord:a', 12, () => all, seededRandom(1));
    run(store, 'discord:b', 30, () => all, seededRandom(2));
    store.close();
    store = openStore(path);
    const a2 = run(store, 'discord:a', 18, () => all, seededRandom(99));
    expect(new Set([...a1, ...a2]).size).toBe(30);
    expect(store.rotation.cycle('discord:b')).toBe(0);
    store.close();
  });

  it('unmarkShown returns a passage to the pool', () => {
    const store = openStore(':memory:');
    store.rotation.markShown('k', 'p001');
    store.rotation.markShown('k', 'p002');
    store.rotation.unmarkShown('k', 'p001');
    expect([...store.rotation.shownInCycle('k')]).toEqual(['p002']);
    store.close();
  });
});
