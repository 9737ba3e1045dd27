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

  it('a v2 database keeps every row when its list of platform names gives way to a shape check', async () => {
    const t = tempDir();
    const path = join(t.dir, 'bot.db');
    const old = new Database(path);
    migrate(old, MIGRATIONS.filter((m) => m.version <= 2));
    const sub = old.prepare(
      `INSERT INTO subscriptions (platform, channel_id, workspace_id, time, timezone, days, created_by, created_at, updated_at, schedule_since, last_error, last_error_code, last_error_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    sub.run('discord', 'D1', 'G1', '09:00', 'Europe/Berlin', 31, 'u1', 1, 2, 3, 'Missing Access', 'missing_permission', 4);
    sub.run('slack', 'S1', null, '17:30', 'UTC', 96, 'U1', 5, 6, 7, null, null, null);
    sub.run('terminal', 'terminal', null, '08:00', 'Asia/Tokyo', 127, 'you', 8, 9, 10, null, null, null);
    old.prepare(`INSERT INTO rotation_shown (channel_key, cycle, passage_id, shown_at) VALUES ('discord:D1', 0, 'p1', 11)`).run();
    old.prepare(
      `INSERT INTO posts (platform, channel_id, local_date, passage_id, nonce, status, attempts, owner, message_id, posted_at, updated_at)
       VALUES ('discord', 'D1', '2026-03-02', 'p1', 'n1', 'posted', 1, 'A', 'm1', 12, 12)`,
    ).run();
    old.prepare(`INSERT INTO post_attempts (platform, channel_id, local_date, attempt, owner, started_at, finished_at, outcome) VALUES ('discord', 'D1', '2026-03-02', 1, 'A', 11, 12, 'posted')`).run();
    old.close();

    const store = await openStore(path);
    cleanup = async () => {
      await store.close();
      t.cleanup();
    };
    expect(await store.schemaVersion()).toBe(SCHEMA_VERSION);
    expect(await store.subscriptions.list()).toEqual([
      {
        platform: 'discord',
        channelId: 'D1',
        workspaceId: 'G1',
        time: '09:00',
        timezone: 'Europe/Berlin',
        days: WEEKDAYS,
        createdBy: 'u1',
        createdAt: new Date(1),
        updatedAt: new Date(2),
        scheduleSince: new Date(3),
        lastError: { message: 'Missing Access', code: 'missing_permission', at: new Date(4) },
      },
      { platform: 'slack', channelId: 'S1', time: '17:30', timezone: 'UTC', days: [6, 7], createdBy: 'U1', createdAt: new Date(5), updatedAt: new Date(6), scheduleSince: new Date(7) },
      { platform: 'terminal', channelId: 'terminal', time: '08:00', timezone: 'Asia/Tokyo', days: EVERY_DAY, createdBy: 'you', createdAt: new Date(8), updatedAt: new Date(9), scheduleSince: new Date(10) },
    ]);
    // The tables the rebuild did not touch keep their rows too.
    expect(await store.posts.get({ platform: 'discord', channelId: 'D1', localDate: '2026-03-02' })).toMatchObject({ status: 'posted', messageId: 'm1', passageId: 'p1' });
    expect([...(await store.rotation.shownInCycle('discord:D1'))]).toEqual(['p1']);
    expect(await store.posts.firstAttemptAt({ platform: 'discord', channelId: 'D1', localDate: '2026-03-02' })).toEqual(new Date(11));
    // A platform the old list did not name subscribes; the database itself refuses other shapes.
    await store.subscriptions.upsert({ platform: 'matrix', channelId: 'M1', time: '09:00', timezone: 'UTC', days: EVERY_DAY, createdBy: 'm' }, new Date(13));
    expect(await store.subscriptions.get('matrix', 'M1')).toMatchObject({ platform: 'matrix' });
    withDatabase(path, (db) => {
      const raw = db.prepare(`INSERT INTO subscriptions (platform, channel_id, time, timezone, created_by, created_at, updated_at, schedule_since) VALUES (?, 'X', '09:00', 'UTC', 'u', 1, 1, 1)`);
      for (const bad of ['Matrix', 'irc:x', 'a b', '', 'a'.repeat(33)]) expect(() => raw.run(bad)).toThrow(/CHECK/);
      expect(() => raw.run('a'.repeat(32))).not.toThrow();
      const sql = (db.prepare(`SELECT sql FROM sqlite_master WHERE name = 'subscriptions'`).get() as { sql: string }).sql;
      expect(sql).not.toMatch(/platform IN/);
      expect(db.prepare(`SELECT name FROM sqlite_master WHERE name LIKE 'subscriptions_%'`).all()).toEqual([]);
    });
  });

  it('works in memory', async () => {
    const store = await openStore(':memory:');
    expect(await store.schemaVersion()).toBe(SCHEMA_VERSION);
    await store.close();
    await store.close(); // closing twice is harmless
  });
});
