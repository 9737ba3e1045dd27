// The SQLite migrations (../sqlite/migrations.ts) in Postgres dialect, under the same version
// numbers, so a version means the same tables and columns on either store. Instants stay BIGINT
// milliseconds, as in SQLite, so rows mean the same and convert the same way. Two processes
// starting together take a transaction-scoped advisory lock, so only one applies the steps and the
// other then finds nothing to do. Append new steps; never edit old ones.
import type { PoolClient } from 'pg';

export interface PgMigration {
  version: number;
  name: string;
  steps: string[];
}

/** The shape platform-id.ts allows, as the database checks it. */
const PLATFORM_SHAPE = `platform ~ '^[a-z][a-z0-9_-]{0,31}$'`;

export const PG_MIGRATIONS: readonly PgMigration[] = [
  {
    version: 1,
    name: 'subscriptions, rotation, posts',
    steps: [
      `CREATE TABLE subscriptions (
        platform        TEXT NOT NULL CONSTRAINT subscriptions_platform_known CHECK (platform IN ('discord', 'slack', 'terminal')),
        channel_id      TEXT NOT NULL,
        workspace_id    TEXT,
        time            TEXT NOT NULL CHECK (time ~ '^[0-2][0-9]:[0-5][0-9]$'),
        timezone        TEXT NOT NULL,
        weekdays_only   SMALLINT NOT NULL DEFAULT 0 CHECK (weekdays_only IN (0, 1)),
        created_by      TEXT NOT NULL,
        created_at      BIGINT NOT NULL,
        updated_at      BIGINT NOT NULL,
        schedule_since  BIGINT NOT NULL,
        last_error      TEXT,
        last_error_code TEXT,
        last_error_at   BIGINT,
        PRIMARY KEY (platform, channel_id)
      )`,
      // SQLite orders marks of one cycle by rowid; here an identity column keeps that order.
      `CREATE TABLE rotation_shown (
        id          BIGINT GENERATED ALWAYS AS IDENTITY,
        channel_key TEXT NOT NULL,
        cycle       INTEGER NOT NULL,
        passage_id  TEXT NOT NULL,
        shown_at    BIGINT NOT NULL,
        PRIMARY KEY (channel_key, cycle, passage_id)
      )`,
      // One row per channel and local date: the claim that makes posting exactly-once.
      `CREATE TABLE posts (
        platform        TEXT NOT NULL,
        channel_id      TEXT NOT NULL,
        local_date      TEXT NOT NULL,
        passage_id      TEXT NOT NULL,
        nonce           TEXT NOT NULL,
        status          TEXT NOT NULL CHECK (status IN ('reserved', 'claimed', 'retry', 'posted', 'failed')),
        attempts        INTEGER NOT NULL DEFAULT 0,
        owner           TEXT,
        claimed_at      BIGINT,
        lease_until     BIGINT,
        next_attempt_at BIGINT,
        message_id      TEXT,
        posted_at       BIGINT,
        error           TEXT,
        error_code      TEXT,
        updated_at      BIGINT NOT NULL,
        UNIQUE (platform, channel_id, local_date)
      )`,
      `CREATE INDEX posts_open ON posts (status) WHERE status IN ('claimed', 'retry', 'reserved')`,
      `CREATE TABLE post_attempts (
        id          BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        platform    TEXT NOT NULL,
        channel_id  TEXT NOT NULL,
        local_date  TEXT NOT NULL,
        attempt     INTEGER NOT NULL,
        owner       TEXT NOT NULL,
        started_at  BIGINT NOT NULL,
        finished_at BIGINT,
        outcome     TEXT CHECK (outcome IN ('posted', 'error', 'abandoned')),
        error_code  TEXT,
        error       TEXT
      )`,
      `CREATE INDEX post_attempts_by_post ON post_attempts (platform, channel_id, local_date)`,
    ],
  },
  {
    version: 2,
    name: 'subscriptions post on any set of weekdays',
    steps: [
      `ALTER TABLE subscriptions ADD COLUMN days SMALLINT NOT NULL DEFAULT 127 CHECK (days BETWEEN 1 AND 127)`,
      `UPDATE subscriptions SET days = CASE weekdays_only WHEN 1 THEN 31 ELSE 127 END`,
      `ALTER TABLE subscriptions DROP COLUMN weekdays_only`,
    ],
  },
  {
    version: 3,
    name: 'subscriptions take any platform id of a safe shape',
    // Postgres can drop a CHECK, so no rebuild is needed here.
    steps: [
      `ALTER TABLE subscriptions DROP CONSTRAINT subscriptions_platform_known`,
      `ALTER TABLE subscriptions ADD CONSTRAINT subscriptions_platform_shape CHECK (${PLATFORM_SHAPE})`,
    ],
  },
  {
    version: 4,
    name: 'reading plans, one per channel',
    steps: [
      `CREATE TABLE plans (
        platform     TEXT NOT NULL CHECK (${PLATFORM_SHAPE}),
        channel_id   TEXT NOT NULL,
        workspace_id TEXT,
        doc_id       TEXT NOT NULL,
        pace         JSONB NOT NULL,
        days         SMALLINT NOT NULL CHECK (days BETWEEN 1 AND 127),
        timezone     TEXT NOT NULL,
        start_date   TEXT NOT NULL CHECK (start_date ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}$'),
        anchor       JSONB NOT NULL,
        created_by   TEXT NOT NULL,
        created_at   BIGINT NOT NULL,
        updated_at   BIGINT NOT NULL,
        PRIMARY KEY (platform, channel_id)
      )`,
    ],
  },
];

export const PG_SCHEMA_VERSION = PG_MIGRATIONS[PG_MIGRATIONS.length - 1]!.version;

/** Any constant will do, as long as nothing else in the database takes the same advisory lock. */
const MIGRATION_LOCK = 0x7265_6164; // 'read'

const VERSION_TABLE = `CREATE TABLE IF NOT EXISTS schema_migrations (
  version    INTEGER PRIMARY KEY,
  name       TEXT NOT NULL,
  applied_at TIMESTAMPTZ NOT NULL DEFAULT now()
)`;

export async function pgSchemaVersion(q: Pick<PoolClient, 'query'>): Promise<number> {
  const r = await q.query<{ v: number | null }>(`SELECT max(version) AS v FROM schema_migrations`);
  return r.rows[0]?.v ?? 0;
}

/** Brings the database up to the latest version in one transaction; returns the versions applied. */
export async function migratePg(client: PoolClient, migrations: readonly PgMigration[] = PG_MIGRATIONS): Promise<number[]> {
  await client.query('BEGIN');
  try {
    await client.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
    await client.query(VERSION_TABLE);
    const current = await pgSchemaVersion(client);
    const latest = migrations[migrations.length - 1]?.version ?? 0;
    if (current > latest) {
      throw new Error(`database schema version ${current} is newer than this code knows (${latest}); upgrade the bot`);
    }
    const applied: number[] = [];
    for (const m of migrations) {
      if (m.version <= current) continue;
      for (const sql of m.steps) await client.query(sql);
      await client.query('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [m.version, m.name]);
      applied.push(m.version);
    }
    await client.query('COMMIT');
    return applied;
  } catch (e) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw e;
  }
}
