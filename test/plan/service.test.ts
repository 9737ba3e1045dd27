// Reading plans through the service the bot wires in, on a real SQLite file and a clock the test
// moves: pacing on chosen weekdays and across daylight-saving changes, moving by hand, documents
// edited or removed mid-plan, two channels at once, and a restart.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { EVERY_DAY, WEEKDAYS } from '../../src/bot/days.js';
import type { DailyChannel } from '../../src/bot/daily.js';
import type { Library } from '../../src/core/library/library.js';
import { createPlanService } from '../../src/scheduler/plan/service.js';
import { addDays, zonedInstant } from '../../src/scheduler/time.js';
import { openStore, type Store } from '../../src/store/index.js';
import { book, bookLibrary, CHAPTERS } from './book.js';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0)) await c();
});

async function stack(initial: Library) {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'plan-'));
  const file = path.join(dir, 'bot.db');
  const state = { lib: initial, store: await openStore(file) as Store };
  const service = (store: Store) => createPlanService({ store, library: () => state.lib, defaultTimezone: 'UTC', log: { info: () => undefined, warn: () => undefined } });
  const s = { state, file, plans: service(state.store), reopen: async () => {
    await state.store.close();
    state.store = await openStore(file);
    s.plans = service(state.store);
  } };
  cleanups.push(async () => {
    await state.store.close();
    rmSync(dir, { recursive: true, force: true });
  });
  return s;
}

const at = (date: string, tz: string, time = '12:00') => zonedInstant(date, time, tz);
const channel = (id: string): DailyChannel => ({ platform: 'terminal', channelId: id });
const perPassage = { unit: 'passages', count: 1 } as const;
const bySection = { unit: 'sections', maxPassages: 4 } as const;

describe('pacing', () => {
  for (const [tz, first, change] of [
    ['Europe/Berlin', '2026-03-25', '2026-03-29'],
    ['America/New_York', '2026-03-04', '2026-03-08'],
    ['America/New_York', '2026-10-28', '2026-11-01'],
  ] as const) {
    it(`gives each local date in ${tz} the next reading across the change of ${change}, just after midnight and just before`, async () => {
      const s = await stack(bookLibrary(book('b', CHAPTERS)));
      await s.plans.start(channel('c'), { source: 'b', pace: perPassage, days: EVERY_DAY, timezone: tz }, 'u', at(first, tz));
      const seen: number[] = [];
      for (let i = 0; i < 9; i++) {
        const date = addDays(first, i);
        const early = await s.plans.status(channel('c'), at(date, tz, '00:30'));
        const late = await s.plans.status(channel('c'), at(date, tz, '23:30'));
        expect(early!.localDate).toBe(date);
        expect(late!.today!.number).toBe(early!.today!.number);
        seen.push(early!.today!.number);
      }
      expect(seen).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
    });
  }

  it('reads on chosen weekdays only: a plan started on Saturday begins on Monday, and weekends keep the last reading', async () => {
    const s = await stack(bookLibrary(book('b', CHAPTERS)));
    const started = await s.plans.start(channel('c'), { source: 'b', pace: perPassage, days: WEEKDAYS }, 'u', at('2026-03-28', 'UTC'));
    expect(started.state).toBe('not-started');
    expect(started.next).toMatchObject({ number: 1, date: 'Mon 30 Mar 2026' });
    expect((await s.plans.plannedPost(channel('c'), '2026-03-29'))?.kind).toBe('rest');
    const numbers = [];
    for (let i = 0; i < 10; i++) {
      const st = await s.plans.status(channel('c'), at(addDays('2026-03-30', i), 'UTC'));
      numbers.push(st!.today?.number ?? `rest ${st!.current!.number}`);
    }
    expect(numbers).toEqual([1, 2, 3, 4, 5, 'rest 5', 'rest 5', 6, 7, 8]);
    const st = await s.plans.status(channel('c'), at('2026-04-08', 'UTC'));
    expect(st!.finishes).toMatchObject({ number: 14, date: 'Thu 16 Apr 2026' });
  });

  it('moves one reading forward or back by hand, and later days follow from there', async () => {
    const s = await stack(bookLibrary(book('b', CHAPTERS)));
    await s.plans.start(channel('c'), { source: 'b', pace: bySection, days: EVERY_DAY }, 'u', at('2026-03-02', 'UTC'));
    const moved = await s.plans.move(channel('c'), 1, at('2026-03-02', 'UTC'));
    expect(moved!.today).toMatchObject({ number: 2, label: 'Chapter 2, part 1 of 3' });
    expect((await s.plans.status(channel('c'), at('2026-03-03', 'UTC')))!.today!.number).toBe(3);
    await s.plans.move(channel('c'), -1, at('2026-03-03', 'UTC'));
    expect((await s.plans.status(channel('c'), at('2026-03-04', 'UTC')))!.today!.number).toBe(3);
    await expect(s.plans.move(channel('c'), -1, at('2026-03-01', 'UTC')).then(() => s.plans.move(channel('c'), -1, at('2026-03-01', 'UTC')))).rejects.toThrow(/first reading/);
  });
});

describe('a day of the plan as the daily post shows it', () => {
  it('carries the day\'s passages in order, the "Today:" line, a prompt and a thread; the last says the group finished', async () => {
    const s = await stack(bookLibrary(book('b', CHAPTERS)));
    await s.plans.start(channel('c'), { source: 'b', pace: bySection, days: EVERY_DAY }, 'u', at('2026-03-02', 'UTC'));
    const day = await s.plans.plannedPost(channel('c'), '2026-03-03');
    expect(day?.kind).toBe('post');
    const reply = (day as { reply: { kind: string; title?: string; passages: { id: string }[]; questions: string[]; follow?: string; notes: string[] } }).reply;
    expect(reply.kind).toBe('discussion');
    expect(reply.title).toBe('Today: Chapter 2, part 1 of 3');
    const chapter2 = s.state.lib.corpus.byDoc.get('b')!.filter((p) => p.section === 'Chapter 2');
    expect(reply.passages.map((p) => p.id)).toEqual(chapter2.slice(0, reply.passages.length).map((p) => p.id));
    expect(reply.questions.length).toBeGreaterThan(0);
    expect(reply.follow).toBe('thread');
    const last = await s.plans.plannedPost(channel('c'), '2026-03-06');
    expect((last as { reply: { notes: string[] } }).reply.notes.join(' ')).toMatch(/finished "The b book"/);
    // After the last reading the channel goes back to the excerpt of the day.
    expect(await s.plans.plannedPost(channel('c'), '2026-03-07')).toBeUndefined();
    expect((await s.plans.status(channel('c'), at('2026-03-07', 'UTC')))!.state).toBe('finished');
  });
});

describe('a document edited or removed mid-plan', () => {
  async function midPlan() {
    const s = await stack(bookLibrary(book('b', CHAPTERS)));
    await s.plans.start(channel('c'), { source: 'b', pace: bySection, days: EVERY_DAY }, 'u', at('2026-03-02', 'UTC'));
    // Day 3: Chapter 2, part 2 of 3.
    const before = await s.plans.plannedPost(channel('c'), '2026-03-04');
    return { s, first: (before as { reply: { passages: { text: string }[] } }).reply.passages[0]!.text };
  }
  const todayFirst = async (s: Awaited<ReturnType<typeof stack>>, date: string) =>
    ((await s.plans.plannedPost(channel('c'), date)) as { reply: { passages: { text: string }[]; title?: string } }).reply;

  it('goes on from the same place when passages are inserted before it', async () => {
    const { s, first } = await midPlan();
    s.state.lib = bookLibrary(book('b', [['Prologue', 3], ...CHAPTERS]));
    const reply = await todayFirst(s, '2026-03-04');
    expect(reply.passages[0]!.text).toBe(first);
    expect(reply.title).toBe('Today: Chapter 2, part 2 of 3');
    // And the next day is the next part, not a repeat.
    expect((await todayFirst(s, '2026-03-05')).title).toBe('Today: Chapter 2, part 3 of 3');
  });

  it('goes on from the same place when passages are added after it', async () => {
    const { s, first } = await midPlan();
    s.state.lib = bookLibrary(book('b', [...CHAPTERS, ['Chapter 4', 5]]));
    expect((await todayFirst(s, '2026-03-04')).passages[0]!.text).toBe(first);
  });

  it("goes on from the same place when that passage's own text was edited", async () => {
    const { s, first } = await midPlan();
    s.state.lib = bookLibrary(book('b', CHAPTERS, (_, paras) => paras.map((p) => (p[0] === first ? [first.replace('argument', 'argument, as revised,')] : p))));
    const reply = await todayFirst(s, '2026-03-04');
    expect(reply.passages[0]!.text).toContain('as revised');
    expect(reply.title).toBe('Today: Chapter 2, part 2 of 3');
  });

  it('says why and what to do when the document is gone, and the spoiler limit lets go of it', async () => {
    const { s } = await midPlan();
    s.state.lib = bookLibrary(book('other', CHAPTERS));
    const status = await s.plans.status(channel('c'), at('2026-03-05', 'UTC'));
    expect(status!.state).toBe('broken');
    expect(status!.problem).toMatch(/no longer in the library.*\/plan stop/);
    const post = await s.plans.plannedPost(channel('c'), '2026-03-05');
    expect(post).toMatchObject({ kind: 'post', reply: { kind: 'notice' } });
    expect(await s.plans.reach(channel('c'), at('2026-03-05', 'UTC'))).toBeUndefined();
    await expect(s.plans.move(channel('c'), 1, at('2026-03-05', 'UTC'))).rejects.toThrow(/no longer in the library/);
  });

  it('says it cannot find the place when the part the group was in is gone', async () => {
    const { s } = await midPlan();
    s.state.lib = bookLibrary(book('b', [['Chapter 1', 3], ['Chapter 3', 2]]));
    const status = await s.plans.status(channel('c'), at('2026-03-05', 'UTC'));
    expect(status).toMatchObject({ state: 'broken', problem: expect.stringMatching(/edited.*\/plan start/) });
  });
});

describe('state', () => {
  it('keeps two channels on their own plans and reaches', async () => {
    const s = await stack(bookLibrary(book('b', CHAPTERS), book('d', [['Part A', 6]])));
    await s.plans.start(channel('one'), { source: 'b', pace: bySection, days: EVERY_DAY }, 'u', at('2026-03-02', 'UTC'));
    await s.plans.start(channel('two'), { source: 'd', pace: { unit: 'passages', count: 2 }, days: WEEKDAYS }, 'u', at('2026-03-02', 'UTC'));
    const day = at('2026-03-03', 'UTC');
    const [one, two] = [await s.plans.reach(channel('one'), day), await s.plans.reach(channel('two'), day)];
    expect(one).toMatchObject({ docId: 'b', label: 'Chapter 2, part 1 of 3' });
    expect(two).toMatchObject({ docId: 'd', upTo: 3 });
    expect(await s.plans.reach(channel('three'), day)).toBeUndefined();
    await s.plans.stop(channel('one'));
    expect(await s.plans.status(channel('one'), day)).toBeUndefined();
    expect((await s.plans.status(channel('two'), day))!.today!.number).toBe(2);
  });

  it('survives a restart: the reopened file has the plan where the group was', async () => {
    const s = await stack(bookLibrary(book('b', CHAPTERS)));
    await s.plans.start(channel('c'), { source: 'b', pace: bySection, days: WEEKDAYS, timezone: 'Europe/Berlin' }, 'u', at('2026-03-02', 'Europe/Berlin'));
    await s.plans.move(channel('c'), 1, at('2026-03-03', 'Europe/Berlin'));
    const before = await s.plans.status(channel('c'), at('2026-03-04', 'Europe/Berlin'));
    await s.reopen();
    expect(await s.plans.status(channel('c'), at('2026-03-04', 'Europe/Berlin'))).toEqual(before);
  });
});
