// `npm start` with a database it cannot use: one line naming DATABASE_PATH, the problem and the
// fix (the newest backup when there is one), no stack trace, and never a hang.
import { mkdtempSync, openSync, readFileSync, writeFileSync, writeSync, closeSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openStore } from '../../src/store/index.js';
import { listBackups } from '../../src/store/sqlite/index.js';
import { withDatabase } from '../helpers/sqlite.js';
import { runNpm } from '../helpers/spawn.js';
import { EVERY_DAY } from '../../src/bot/days.js';

// Generous: each run builds the corpus index on a possibly busy machine. A hang is caught by the
// exit code (a killed run has none), not by this number.
const RUN_MS = 180_000;

const start = (databasePath: string) => runNpm(['start'], { env: { DATABASE_PATH: databasePath }, timeoutMs: RUN_MS });

/** Overwrites page `page` (1-based, 4 KiB pages) of the file with garbage. */
function scribble(file: string, page: number) {
  const fd = openSync(file, 'r+');
  writeSync(fd, Buffer.alloc(4096, 0xab), 0, 4096, (page - 1) * 4096);
  closeSync(fd);
}

function expectOneLine(stderr: string, ...parts: (string | RegExp)[]) {
  const lines = stderr.split('\n').filter((l) => l.trim() && !l.startsWith('Building the search index'));
  expect(lines, stderr).toHaveLength(1);
  expect(stderr).not.toMatch(/^\s+at /m);
  for (const p of parts) expect(lines[0]).toMatch(typeof p === 'string' ? new RegExp(p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')) : p);
}

describe('npm start with a database it cannot use', () => {
  it('fails at once, naming DATABASE_PATH and the fix, when the folder cannot be created (/proc/nope)', async () => {
    const run = await start('/proc/nope/bot.db');
    expect(run.code).toBe(1);
    expectOneLine(run.stderr, 'DATABASE_PATH=/proc/nope/bot.db', 'cannot create the folder /proc/nope', 'Point DATABASE_PATH at a file in a folder the bot can write');
  }, RUN_MS + 10_000);

  it('refuses a file that is not a SQLite database in one line', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'rg-notdb-'));
    const file = path.join(dir, 'bot.db');
    writeFileSync(file, 'these are my notes, not a database\n'.repeat(200));
    const run = await start(file);
    expect(run.code).toBe(1);
    expectOneLine(run.stderr, `DATABASE_PATH=${file}`, 'not a SQLite database', `move ${file} aside`);
  }, RUN_MS + 10_000);

  it('refuses a database with a damaged page and names the newest backup and how to restore it', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'rg-malformed-'));
    const file = path.join(dir, 'bot.db');
    const store = await openStore(file);
    for (let i = 0; i < 50; i++) await store.subscriptions.upsert({ platform: 'slack', channelId: `C${i}`, time: '09:00', timezone: 'UTC', days: EVERY_DAY, createdBy: 'U1' }, new Date());
    await store.protect({ checkEveryMs: 3_600_000 });
    await store.close();
    const [backup] = listBackups(file);
    expect(backup).toBeDefined();
    // Scribble over the subscriptions' index.
    scribble(file, withDatabase(file, (db) => (db.prepare(`SELECT rootpage FROM sqlite_master WHERE type = 'index' AND tbl_name = 'subscriptions'`).get() as { rootpage: number }).rootpage));

    const run = await start(file);
    expect(run.code).toBe(1);
    expectOneLine(run.stderr, `DATABASE_PATH=${file}`, 'the database is damaged', `copy ${backup} over ${file}`, `delete ${file}-wal`);
  }, RUN_MS + 10_000);

  it('says a damaged free page in one line too', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'rg-freelist-'));
    const file = path.join(dir, 'bot.db');
    await (await openStore(file)).close();
    // A dropped table leaves free pages (the migrations' own may all be reused by later ones);
    // quick_check reports a damaged free list as one row of several lines.
    withDatabase(file, (db) => db.exec(`CREATE TABLE filler (x TEXT); INSERT INTO filler VALUES (randomblob(20000)); DROP TABLE filler;`));
    const trunk = readFileSync(file).readUInt32BE(32);
    expect(trunk).toBeGreaterThan(0);
    scribble(file, trunk);
    const error = (await openStore(file).catch((e: unknown) => e)) as Error;
    expect(error.message).toMatch(/the database is damaged \(Freelist: /);
    expect(error.message).not.toContain('\n');
  });
});
