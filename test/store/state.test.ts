// The state under a running bot: backups beside the database, and a database file deleted,
// emptied or replaced while the bot runs is said in the log and in /daily status, with the
// backup that restores it, instead of the bot carrying on as if all were well.
import { copyFileSync, existsSync, mkdtempSync, renameSync, rmSync, truncateSync, unlinkSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { renderReply } from '../../src/platforms/terminal/render.js';
import { TerminalSession } from '../../src/platforms/terminal/session.js';
import { configureLog } from '../../src/core/log.js';
import { DailyScheduler } from '../../src/scheduler/daily.js';
import { createDailyService } from '../../src/scheduler/service.js';
import { openStore } from '../../src/store/index.js';
import { BACKUP_GENERATIONS, listBackups, STATE_FILE_CHANGED, takeBackup } from '../../src/store/sqlite/index.js';
import { withDatabase } from '../helpers/sqlite.js';
import { ENGINEERING, library, POWER } from '../helpers/fixtures.js';

const lib = library(ENGINEERING, POWER);
let cleanup: () => Promise<void> | void = () => {};
afterEach(async () => {
  await cleanup();
  configureLog({ level: 'error', sink: () => undefined });
});

async function setup() {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'state-'));
  const file = path.join(dir, 'bot.db');
  const store = await openStore(file);
  const logs: { event: string; level: string; [k: string]: unknown }[] = [];
  configureLog({ level: 'info', sink: (line) => logs.push(JSON.parse(line)) });
  const now = () => new Date('2026-03-27T07:00:00Z');
  const scheduler = new DailyScheduler({
    store,
    poster: { post: async () => ({ messageId: 'x' }) },
    eligibleIds: () => lib.eligible.map((p) => p.id),
    clock: now,
    sweepCron: false,
    cron: { schedule: () => ({ destroy: () => undefined }) },
    platforms: ['terminal'],
  });
  const session = new TerminalSession(lib, { daily: createDailyService(store, scheduler, now), defaultTimezone: 'Europe/Berlin', now });
  const say = async (line: string) => renderReply((await session.handle(line))!, { width: 400, color: false });
  cleanup = async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  };
  return { dir, file, store, say, logs };
}

const subscriptionsIn = (file: string) => {
  const db = new Database(file, { readonly: true });
  try {
    return (db.prepare('SELECT channel_id FROM subscriptions').all() as { channel_id: string }[]).map((r) => r.channel_id);
  } finally {
    db.close();
  }
};

describe('backups', () => {
  it('takes one at start beside the database and keeps the newest three, each a whole copy', async () => {
    const { file, store, say } = await setup();
    expect(await say('/daily subscribe 9:00')).toContain('Daily excerpts are on');
    await store.protect({ checkEveryMs: 3_600_000 });
    const first = listBackups(file);
    expect(first).toHaveLength(1);
    expect(path.dirname(first[0]!)).toBe(path.join(path.dirname(file), 'backups'));
    expect(subscriptionsIn(first[0]!)).toEqual(['terminal']);

    // Each on a connection of its own: the store hands out none.
    const db = new Database(file);
    for (let i = 0; i < 4; i++) await takeBackup(db, file, new Date(Date.UTC(2026, 3, 1, 0, 0, i)));
    db.close();
    const kept = listBackups(file);
    expect(kept).toHaveLength(BACKUP_GENERATIONS);
    expect(kept.every((f) => !f.endsWith('.tmp'))).toBe(true);
    for (const f of kept) expect(subscriptionsIn(f)).toEqual(['terminal']);
  });
});

describe('the database file changing under the running bot', () => {
  it('deleted: says so once in the log and in /daily status, refuses changes, and names a rescued copy that restores everything', async () => {
    const { file, store, say, logs } = await setup();
    await say('/daily subscribe 9:00');
    await store.protect({ checkEveryMs: 3_600_000 });
    expect(await say('/daily status')).toContain('Daily excerpts in this channel');

    unlinkSync(file);
    for (const x of ['-wal', '-shm']) if (existsSync(file + x)) unlinkSync(file + x);

    const status = await say('/daily status');
    expect(status).toContain('the saved state is damaged');
    expect(status).toContain(`The database file ${file} was deleted`);
    expect(await say('/daily subscribe 10:00')).toMatch(/can't save daily-post changes right now/);
    expect(await say('/daily status')).toContain('was deleted');
    const events = logs.filter((l) => l.event === STATE_FILE_CHANGED);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ level: 'error', path: file, problem: 'missing' });

    // The advice names a copy that holds the subscription; following it brings the state back.
    // The rescue copy is written in the background; wait for the advice to name it.
    let rescued: string | undefined;
    await expect
      .poll(async () => (rescued = /copy (\S+-rescued\.db) over/.exec(await say('/daily status'))?.[1]), { timeout: 60_000 })
      .toBeDefined();
    copyFileSync(rescued!, file);
    expect(subscriptionsIn(file)).toEqual(['terminal']);
  });

  it('emptied: /daily status says the file was emptied and which backup restores it', async () => {
    const { file, store, say, logs } = await setup();
    await say('/daily subscribe 9:00');
    await store.protect({ checkEveryMs: 3_600_000 });
    const [backup] = listBackups(file);
    // Everything into the main file first, so emptying it loses the state. FULL, not TRUNCATE: a
    // WAL reset by another connection would make the bot's connection drop its page cache and
    // read the emptied file, where the bot's own checkpoint (as it auto-checkpoints) would not.
    withDatabase(file, (db) => db.pragma('wal_checkpoint(FULL)'));
    truncateSync(file, 0);

    const status = await say('/daily status');
    expect(status).toContain(`The database file ${file} was emptied or overwritten`);
    expect(status).toContain(`copy ${backup} over ${file}`);
    expect(logs.filter((l) => l.event === STATE_FILE_CHANGED)).toEqual([expect.objectContaining({ problem: 'truncated', backup })]);
    expect(subscriptionsIn(backup!)).toEqual(['terminal']);
  });

  it('replaced: says the bot still uses the file it opened', async () => {
    const { dir, file, store, say } = await setup();
    await store.protect({ checkEveryMs: 3_600_000 });
    const other = path.join(dir, 'other.db');
    const db = new Database(other);
    db.exec('CREATE TABLE t (x)');
    db.close();
    // Renamed over it, as a restore without stopping the bot would: a new file at the same path.
    renameSync(other, file);
    expect(await say('/daily status')).toContain('was replaced while the bot was running');
  });
});

