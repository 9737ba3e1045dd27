// What only the Postgres store has: migrations under an advisory lock on a shared server, the
// answers an operator gets when DATABASE_URL points at a server that is down (one line naming the
// variable, never the password), and problem() when the server goes away under a running bot.
import pg from 'pg';
import { afterEach, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { openStore, type Store } from '../../src/store/index.js';
import { PG_MIGRATIONS, PG_SCHEMA_VERSION, STORE_UNREACHABLE, migratePg } from '../../src/store/postgres/index.js';
import { configureLog } from '../../src/core/log.js';
import { EVERY_DAY, WEEKDAYS } from '../../src/bot/days.js';
import { closedPort } from '../helpers/ports.js';
import { describePostgres, freshDatabase, pgRows, postgresServer } from '../helpers/postgres.js';
import { runNpm } from '../helpers/spawn.js';

const open: Store[] = [];
afterEach(async () => {
  for (const s of open.splice(0)) await s.close();
});
const track = (s: Store) => (open.push(s), s);

/** Runs `fn` on a plain client of its own, as an operator's psql would be. */
async function withClient<T>(url: string, fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    return await fn(c);
  } finally {
    await c.end();
  }
}

describePostgres('postgres migrations', () => {
  it('creates the tables at the latest version; opening again applies nothing and keeps the data', async () => {
    const url = await freshDatabase();
    const a = track(await openStore({ url }));
    expect(await a.schemaVersion()).toBe(PG_SCHEMA_VERSION);
    const tables = (await pgRows<{ table_name: string }>(url, `SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY table_name`)).map((r) => r.table_name);
    expect(tables).toEqual(['plans', 'post_attempts', 'posts', 'rotation_shown', 'schema_migrations', 'subscriptions']);
    await a.subscriptions.upsert({ platform: 'slack', channelId: 'C1', time: '09:00', timezone: 'UTC', days: EVERY_DAY, createdBy: 'U1' }, new Date(1));
    await a.close();
    const b = track(await openStore({ url }));
    expect(await b.schemaVersion()).toBe(PG_SCHEMA_VERSION);
    expect(await b.subscriptions.list()).toHaveLength(1);
    expect(await withClient(url, async (c) => (await c.query('SELECT count(*)::int AS n FROM schema_migrations')).rows[0].n)).toBe(PG_MIGRATIONS.length);
  });

  it('four pools opening a new database at once: one migrates, the others wait for its lock, none fails', async () => {
    const url = await freshDatabase();
    const stores = await Promise.all(Array.from({ length: 4 }, () => openStore({ url })));
    stores.forEach(track);
    for (const s of stores) expect(await s.schemaVersion()).toBe(PG_SCHEMA_VERSION);
    const versions = await pgRows<{ version: number }>(url, 'SELECT version FROM schema_migrations ORDER BY version');
    expect(versions.map((v) => v.version)).toEqual(PG_MIGRATIONS.map((m) => m.version));
  });

  it('rolls back a failing migration entirely, and refuses a database written by newer code', async () => {
    const url = await freshDatabase();
    await withClient(url, async (c) => {
      const pool = { query: c.query.bind(c), release: () => {} } as unknown as pg.PoolClient;
      expect(await migratePg(pool)).toEqual(PG_MIGRATIONS.map((m) => m.version));
      const extra = [
        ...PG_MIGRATIONS,
        { version: PG_SCHEMA_VERSION + 1, name: 'good', steps: ['CREATE TABLE extra_a (x INTEGER)'] },
        { version: PG_SCHEMA_VERSION + 2, name: 'bad', steps: ['CREATE TABLE extra_b (x INTEGER)', 'THIS IS NOT SQL'] },
      ];
      await expect(migratePg(pool, extra)).rejects.toThrow();
      expect((await c.query(`SELECT max(version) AS v FROM schema_migrations`)).rows[0].v).toBe(PG_SCHEMA_VERSION);
      expect((await c.query(`SELECT table_name FROM information_schema.tables WHERE table_name LIKE 'extra_%'`)).rows).toEqual([]);
      expect(await migratePg(pool, extra.slice(0, -1))).toEqual([PG_SCHEMA_VERSION + 1]);
    });
    await expect(openStore({ url })).rejects.toThrow(/DATABASE_URL=.*newer than this code/);
  });

  it('a version 1 database keeps each schedule and takes any platform id of a safe shape after the upgrade', async () => {
    const url = await freshDatabase();
    await withClient(url, async (c) => {
      const client = { query: c.query.bind(c) } as unknown as pg.PoolClient;
      await migratePg(client, PG_MIGRATIONS.filter((m) => m.version === 1));
      await c.query(
        `INSERT INTO subscriptions (platform, channel_id, time, timezone, weekdays_only, created_by, created_at, updated_at, schedule_since)
         VALUES ('slack', 'weekdays', '09:00', 'Europe/Berlin', 1, 'U1', 1, 1, 1), ('slack', 'daily', '09:00', 'Europe/Berlin', 0, 'U1', 1, 1, 1)`,
      );
    });
    const store = track(await openStore({ url }));
    expect(await store.schemaVersion()).toBe(PG_SCHEMA_VERSION);
    expect(await store.subscriptions.get('slack', 'weekdays')).toMatchObject({ days: WEEKDAYS, scheduleSince: new Date(1) });
    expect(await store.subscriptions.get('slack', 'daily')).toMatchObject({ days: EVERY_DAY, scheduleSince: new Date(1) });
    await store.subscriptions.upsert({ platform: 'matrix', channelId: 'M1', time: '09:00', timezone: 'UTC', days: EVERY_DAY, createdBy: 'm' }, new Date(13));
    await withClient(url, async (c) => {
      for (const bad of ['Matrix', 'irc:x', 'a b', '', 'a'.repeat(33)]) {
        await expect(c.query(`INSERT INTO subscriptions (platform, channel_id, time, timezone, created_by, created_at, updated_at, schedule_since) VALUES ($1, 'X', '09:00', 'UTC', 'u', 1, 1, 1)`, [bad])).rejects.toThrow(/check constraint/);
      }
      await expect(c.query(`UPDATE subscriptions SET days = 0`)).rejects.toThrow(/check constraint/);
    });
  });
});

describePostgres('the bot on postgres', () => {
  it('npm start with DATABASE_URL keeps its subscriptions on the server, and another start reads them back', async () => {
    const url = await freshDatabase();
    const first = await runNpm(['start'], { input: '/daily subscribe 9:00 Europe/Berlin weekdays\n', env: { DATABASE_URL: url } });
    expect(first.code, first.stderr).toBe(0);
    const rows = await pgRows(url, `SELECT platform, channel_id, time, timezone, days FROM subscriptions`);
    expect(rows).toEqual([{ platform: 'terminal', channel_id: 'terminal', time: '09:00', timezone: 'Europe/Berlin', days: 31 }]);
    const second = await runNpm(['start'], { input: '/daily status\n', env: { DATABASE_URL: url } });
    expect(second.code, second.stderr).toBe(0);
    expect(second.stdout).toMatch(/09:00 Europe\/Berlin/);
  });
});

describePostgres('postgres server trouble', () => {
  it('a database that goes away under a running bot is a problem() that says so; close twice is harmless; protect keeps no files', async () => {
    const url = await freshDatabase();
    const store = track(await openStore({ url }));
    await expect(store.protect()).resolves.toBeUndefined();
    expect(await store.problem()).toBeUndefined();
    const name = new URL(url).pathname.slice(1);
    await withClient((postgresServer() as { url: string }).url, (c) => c.query(`DROP DATABASE ${name} WITH (FORCE)`));
    const logged: string[] = [];
    configureLog({ level: 'error', sink: (line) => logged.push(line) });
    try {
      const problem = await store.problem();
      // What chat users see names no server; the operator's log line says which and why.
      expect(problem).toMatchObject({ kind: 'unreachable', message: "The bot's database server cannot be reached right now." });
      expect(problem!.restore).toMatch(/Nothing was lost/);
    } finally {
      configureLog({ level: 'info', sink: (line) => process.stderr.write(line + '\n') });
    }
    expect(logged.map((l) => JSON.parse(l) as Record<string, unknown>)).toEqual([
      expect.objectContaining({ event: STORE_UNREACHABLE, database: expect.stringMatching(/^postgres:\/\/rg@127\.0\.0\.1:\d+\/t_\w+$/) }),
    ]);
    await store.close();
    await store.close();
  });
});

it('DATABASE_URL must be a postgres:// URL; the error names the variable and never repeats the value', () => {
  const load = (DATABASE_URL: string) => loadConfig({ DATABASE_URL }, { dotenvPath: false });
  expect(load('postgres://bot:s3cret@db.example.com:5432/reading').DATABASE_URL).toBe('postgres://bot:s3cret@db.example.com:5432/reading');
  expect(load('postgresql://bot@db/reading').DATABASE_URL).toBe('postgresql://bot@db/reading');
  expect(loadConfig({}, { dotenvPath: false }).DATABASE_URL).toBeUndefined();
  for (const bad of ['mysql://root:s3cret@db/x', 'state/bot.db', 'postgres://bot:s3cret@']) {
    let message = '';
    try {
      load(bad);
    } catch (e) {
      message = (e as Error).message;
    }
    expect(message).toMatch(/DATABASE_URL: (must be a postgres:\/\/ URL|is not a valid URL)/);
    expect(message).not.toContain('s3cret');
  }
});

it('a server that is down: openStore rejects with one line naming DATABASE_URL, without the password', async () => {
  const url = `postgres://bot:s3cret@127.0.0.1:${await closedPort()}/reading`;
  const error = await openStore({ url }).then(
    () => undefined,
    (e: unknown) => e as Error,
  );
  expect(error?.message).toMatch(/^DATABASE_URL=postgres:\/\/bot@127\.0\.0\.1:\d+\/reading: cannot use the database \(.*ECONNREFUSED.*\)\. Check that the PostgreSQL server is running/);
  expect(error?.message).not.toContain('s3cret');
  expect(error?.message.split('\n')).toHaveLength(1);
});

it('a server that is down: the bot stops with that line and exit code 1, no stack trace', async () => {
  const url = `postgres://bot:s3cret@127.0.0.1:${await closedPort()}/reading`;
  const ran = await runNpm(['start'], { input: '/quote\n', env: { DATABASE_URL: url } });
  expect(ran.code).not.toBe(0);
  expect(ran.stderr).toMatch(/DATABASE_URL=postgres:\/\/bot@127\.0\.0\.1:\d+\/reading: cannot use the database/);
  expect(ran.stderr).not.toMatch(/\n\s+at /);
  expect(ran.stderr + ran.stdout).not.toContain('s3cret');
});
