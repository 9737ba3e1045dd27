// /plan as every front end runs it (runCommand): admins only for changes, a pace it cannot read
// explained, free text and options alike, status for everyone, and /daily today in a plan channel.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runCommand } from '../../commands/index.js';
import type { CommandContext } from '../../src/bot/command.js';
import type { Reply } from '../../src/bot/reply.js';
import { WEEKDAYS } from '../../src/bot/days.js';
import { DailyScheduler } from '../../src/scheduler/daily.js';
import { createPlanService } from '../../src/scheduler/plan/service.js';
import { createDailyService } from '../../src/scheduler/service.js';
import { zonedInstant } from '../../src/scheduler/time.js';
import { openStore, type Store } from '../../src/store/index.js';
import { book, bookLibrary, CHAPTERS } from './book.js';

const stores: { store: Store; dir: string }[] = [];
afterEach(async () => {
  for (const { store, dir } of stores.splice(0)) {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
});

async function context(over: Partial<CommandContext> = {}): Promise<CommandContext> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'plan-cmd-'));
  const store = await openStore(path.join(dir, 'bot.db'));
  stores.push({ store, dir });
  const library = bookLibrary(book('b', CHAPTERS));
  return {
    library,
    now: zonedInstant('2026-03-02', '12:00', 'UTC'),
    random: () => 0.5,
    channelKey: 'terminal:club',
    here: { platform: 'slack', channelId: 'C1' },
    plans: createPlanService({ store, library: () => library, log: { info: () => undefined, warn: () => undefined } }),
    mayManage: async () => true,
    ...over,
  };
}

const text = (r: Reply) => (r.kind === 'error' ? r.message : r.kind === 'notice' ? [r.title, ...r.lines].join('\n') : (r.title ?? ''));

describe('/plan', () => {
  it('starts from free text, then status shows where the group is, what is next and when it finishes', async () => {
    const ctx = await context();
    const started = await runCommand(ctx, 'plan', { subcommand: 'start', args: 'b 2 passages weekdays' });
    expect(started.kind).toBe('notice');
    expect(text(started)).toMatch(/Today \(day 1 of 7\)/);
    const status = await runCommand({ ...ctx, now: zonedInstant('2026-03-03', '12:00', 'UTC') }, 'plan', { subcommand: 'status' });
    expect(status.visibility).toBe('public');
    expect(text(status)).toMatch(/day 2 of 7/);
    expect(text(status)).toMatch(/Next: .*Wed 4 Mar 2026/);
    expect(text(status)).toMatch(/Finishes Tue 10 Mar 2026/);
  });

  it('takes the structured options Discord sends', async () => {
    const ctx = await context();
    const r = await runCommand(ctx, 'plan', { subcommand: 'start', source: 'b', pace: 'sections', days: 'mon,wed,fri' });
    expect(text(r)).toMatch(/Mondays, Wednesdays and Fridays/);
  });

  it("reads on the channel's posting days unless told otherwise, and says when reading days will not be posted", async () => {
    const ctx = await context();
    const store = stores.at(-1)!.store;
    const daily = createDailyService(store, new DailyScheduler({ store, poster: { post: async () => ({ messageId: 'x' }) }, eligibleIds: () => [], sweepCron: false }));
    await store.subscriptions.upsert({ platform: 'slack', channelId: 'C1', time: '09:00', timezone: 'Europe/Berlin', days: WEEKDAYS, createdBy: 'U1' }, ctx.now);
    const inherited = await runCommand({ ...ctx, daily }, 'plan', { subcommand: 'start', args: 'b sections' });
    expect(text(inherited)).toMatch(/Monday to Friday \(Europe\/Berlin\)/);
    expect(inherited.notes).toEqual([]);
    const saturdays = await runCommand({ ...ctx, daily }, 'plan', { subcommand: 'start', args: 'b sections sat' });
    expect(text(saturdays)).toMatch(/Saturdays/);
    expect(saturdays.notes.join(' ')).toMatch(/will not be posted/);
  });

  it('refuses changes to people who may not manage the channel, but shows them the status', async () => {
    const ctx = await context({ mayManage: async () => false });
    for (const subcommand of ['start', 'next', 'back', 'stop']) {
      const r = await runCommand(ctx, 'plan', { subcommand, args: 'b' });
      expect(r).toMatchObject({ kind: 'error', code: 'not_allowed' });
    }
    expect((await runCommand(ctx, 'plan', { subcommand: 'status' })).kind).toBe('notice');
  });

  it('explains a pace it cannot read, an unknown document and a missing one', async () => {
    const ctx = await context();
    const pace = await runCommand(ctx, 'plan', { subcommand: 'start', args: 'b 40 passages a day' });
    expect(pace).toMatchObject({ kind: 'error', message: expect.stringMatching(/passages.*try/i) });
    const unit = await runCommand(ctx, 'plan', { subcommand: 'start', source: 'b', pace: 'two fortnights' });
    expect(unit).toMatchObject({ kind: 'error', message: expect.stringMatching(/Try "1 section a day"/) });
    const unknown = await runCommand(ctx, 'plan', { subcommand: 'start', args: 'nonesuch' });
    expect(unknown.kind).toBe('error');
    const missing = await runCommand(ctx, 'plan', { subcommand: 'start' });
    expect(missing).toMatchObject({ kind: 'error', message: expect.stringMatching(/Which document/) });
  });

  it('says plans are not set up where there is no store, and how to start one where there is no plan', async () => {
    const bare = await context({ plans: undefined });
    expect(await runCommand(bare, 'plan', { subcommand: 'status' })).toMatchObject({ kind: 'error', message: expect.stringMatching(/not set up/) });
    expect(text(await runCommand(await context(), 'plan', {}))).toMatch(/\/plan start/);
  });

  it('moves by hand and stops; /daily today shows the plan\'s day in a plan channel', async () => {
    const ctx = await context();
    await runCommand(ctx, 'plan', { subcommand: 'start', args: 'b sections' });
    const today = await runCommand(ctx, 'daily', { subcommand: 'today' });
    expect(today).toMatchObject({ kind: 'discussion', title: 'Today: Chapter 1' });
    expect(text(await runCommand(ctx, 'plan', { subcommand: 'next' }))).toMatch(/Chapter 2, part 1 of 3/);
    expect(await runCommand(ctx, 'daily', { subcommand: 'today' })).toMatchObject({ title: 'Today: Chapter 2, part 1 of 3' });
    expect(await runCommand(ctx, 'daily', { subcommand: 'today', date: '2026-03-03' })).toMatchObject({ title: 'Today: Chapter 2, part 2 of 3' });
    expect(text(await runCommand(ctx, 'plan', { subcommand: 'stop' }))).toMatch(/stopped/);
    expect((await runCommand(ctx, 'daily', { subcommand: 'today' })).title).toMatch(/Excerpt of the day/);
  });
});
