import { existsSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { openStore } from '../../src/store/index.js';
import { MIGRATIONS, SCHEMA_VERSION, migrate } from '../../src/store/sqlite/index.js';
import { withDatabase } from '../helpers/sqlite.js';
import { tempDir } from '../scheduler/helpers.js';
import { EVERY_DAY, WEEKDAYS } from '../../src/bot/days.js';

let cleanup: () => unknown = () => {};
afterEach(() => cleanup());

describe('migrations', () => {
  it('creates the folder and a WAL database at the latest version', async () => {
    const t = tempDir();
    cleanup = t.cleanup;
    const path = join(t.dir, 'nested', 'state', 'bot.db');
    const store = await openStore(path);
    expect(existsSync(path)).toBe(true);
    expect(await store.schemaVersion()).toBe(SCHEMA_VERSION);
    withDatabase(path, (db) => {
      expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
      const tables = db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name`).all() as { name: string }[];
      expect(tables.map((r) => r.name)).toEqual(expect.arrayContaining(['post_attempts', 'posts', 'rotation_shown', 'subscriptions']));
    });
    await store.close();
  });

  it('re-running is a no-op and keeps the data', async () => {
    const t = tempDir();
    cleanup = t.cleanup;
    const path = join(t.dir, 'bot.db');
    const a = await openStore(path);
    await a.subscriptions.upsert(
      { platform: 'slack', channelId: 'C1', time: '09:00', timezone: 'UTC', days: EVERY_DAY, createdBy: 'U1' },
      new Date('2026-01-01T00:00:00Z'),
    );
    withDatabase(path, (db) => {
      expect(migrate(db)).toEqual([]);
      expect(migrate(db)).toEqual([]);
    });
    await a.close();
    const b = await openStore(path);
    expect(await b.schemaVersion()).toBe(SCHEMA_VERSION);
    expect(await b.subscriptions.list()).toHaveLength(1);
    await b.close();
  });

  it('applies only missing steps, in order, and rolls back a failing one entirely', () => {
    const db = new Database(':memory:');
    expect(migrate(db)).toEqual(MIGRATIONS.map((m) => m.version));
    const extra = [
      ...MIGRATIONS,
      { version: SCHEMA_VERSION + 1, name: 'good', steps: ['CREATE TABLE extra_a (x INTEGER)'] },
      { version: SCHEMA_VERSION + 2, name: 'bad', steps: ['CREATE TABLE extra_b (x INTEGER)', 'THIS IS NOT SQL'] },
    ];
    expect(() => migrate(db, extra)).toThrow();
    // The whole run is one transaction: neither the good step nor the half of the bad one stays.
    expect(db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
    expect(db.prepare(`SELECT name FROM sqlite_master WHERE name LIKE 'extra_%'`).all()).toEqual([]);
    expect(migrate(db, extra.slice(0, -1))).toEqual([SCHEMA_VERSION + 1]);
    expect(migrate(db, extra.slice(0, -1))).toEqual([]);
    db.close();
  });

  it('refuses a database written by newer code', async () => {
    const t = tempDir();
    cleanup = t.cleanup;
    const path = join(t.dir, 'bot.db');
    const db = new Database(path);
    db.pragma(`user_version = ${SCHEMA_VERSION + 5}`);
    db.close();
    await expect(openStore(path)).rejects.toThrow(/newer than this code/);
  });

  it('a database from before day sets keeps each schedule: weekdays only is Monday to Friday, else every day', async () => {
    const t = tempDir();
    cleanup = t.cleanup;
    const path = join(t.dir, 'bot.db');
    const old = new Database(path);
    migrate(old, MIGRATIONS.filter((m) => m.version === 1));
    const insert = old.prepare(
      `INSERT INTO subscriptions (platform, channel_id, time, timezone, weekdays_only, created_by, created_at, updated_at, schedule_since)
       VALUES ('slack', ?, '09:00', 'Europe/Berlin', ?, 'U1', 1, 1, 1)`,
    );
    insert.run('weekdays', 1);
    insert.run('daily', 0);
    old.close();

    const store = await openStore(path);
    cleanup = async () => {
      await store.close();
      t.cleanup();
    };
    expect(await store.schemaVersion()).toBe(SCHEMA_VERSION);
    expect(await store.subscriptions.get('slack', 'weekdays')).toMatchObject({ days: WEEKDAYS, scheduleSince: new Date(1) });
    expect(await store.subscriptions.get('slack', 'daily')).toMatchObject({ days: EVERY_DAY, scheduleSince: new Date(1) });
    // The column is checked: no empty set (it would never post) and nothing past Sunday.
    withDatabase(path, (db) => {
      const raw = db.prepare(`UPDATE subscriptions SET days = ? WHERE channel_id = 'daily'`);
      expect(() => raw.run(0)).toThrow(/CHECK/);
      expect(() => raw.run(128)).toThrow(/CHECK/);
    });
    expect((await store.subscriptions.get('slack', 'daily'))!.days).toEqual(EVERY_DAY);
  });

  it('works in memory', async () => {
    const store = await openStore(':memory:');
    expect(await store.schemaVersion()).toBe(SCHEMA_VERSION);
    await store.close();
    await store.close(); // closing twice is harmless
  });
});
