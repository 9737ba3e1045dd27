// Versioned schema. `PRAGMA user_version` holds how many migrations a database has had; start-up
// applies the missing ones, in order, inside one IMMEDIATE transaction (so two processes starting
// together don't both apply them). Re-running is a no-op. Append new steps; never edit old ones.
import type Database from 'better-sqlite3';

export interface Migration {
  version: number;
  name: string;
  steps: string[];
}

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'subscriptions, rotation, posts',
    steps: [
      `CREATE TABLE subscriptions (
        platform        TEXT NOT NULL CHECK (platform IN ('discord', 'slack', 'terminal')),
        channel_id      TEXT NOT NULL,
        workspace_id    TEXT,
        time            TEXT NOT NULL CHECK (time GLOB '[0-2][0-9]:[0-5][0-9]'),
        timezone        TEXT NOT NULL,
        weekdays_only   INTEGER NOT NULL DEFAULT 0 CHECK (weekdays_only IN (0, 1)),
        created_by      TEXT NOT NULL,
        created_at      INTEGER NOT NULL,
        updated_at      INTEGER NOT NULL,
        schedule_since  INTEGER NOT NULL,
        last_error      TEXT,
        last_error_code TEXT,
        last_error_at   INTEGER,
        PRIMARY KEY (platform, channel_id)
      ) STRICT`,
      // Rotation: the passages shown in each cycle. A channel's current cycle is its highest.
      `CREATE TABLE rotation_shown (
        channel_key TEXT NOT NULL,
        cycle       INTEGER NOT NULL,
        passage_id  TEXT NOT NULL,
        shown_at    INTEGER NOT NULL,
        PRIMARY KEY (channel_key, cycle, passage_id)
      ) STRICT`,
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
        claimed_at      INTEGER,
        lease_until     INTEGER,
        next_attempt_at INTEGER,
        message_id      TEXT,
        posted_at       INTEGER,
        error           TEXT,
        error_code      TEXT,
        updated_at      INTEGER NOT NULL,
        UNIQUE (platform, channel_id, local_date)
      ) STRICT`,
      `CREATE INDEX posts_open ON posts (status) WHERE status IN ('claimed', 'retry', 'reserved')`,
      // Every attempt, for the record: who tried, when, and how it ended.
      `CREATE TABLE post_attempts (
        id          INTEGER PRIMARY KEY,
        platform    TEXT NOT NULL,
        channel_id  TEXT NOT NULL,
        local_date  TEXT NOT NULL,
        attempt     INTEGER NOT NULL,
        owner       TEXT NOT NULL,
        started_at  INTEGER NOT NULL,
        finished_at INTEGER,
        outcome     TEXT CHECK (outcome IN ('posted', 'error', 'abandoned')),
        error_code  TEXT,
        error       TEXT
      ) STRICT`,
      `CREATE INDEX post_attempts_by_post ON post_attempts (platform, channel_id, local_date)`,
    ],
  },
  {
    version: 2,
    name: 'subscriptions post on any set of weekdays',
    steps: [
      // Bit d-1 for ISO weekday d (Monday = 1, every day = 127); an empty set would never post.
      `ALTER TABLE subscriptions ADD COLUMN days INTEGER NOT NULL DEFAULT 127 CHECK (days BETWEEN 1 AND 127)`,
      // Existing rows keep their meaning: weekdays only is Monday to Friday, otherwise every day.
      `UPDATE subscriptions SET days = CASE weekdays_only WHEN 1 THEN 31 ELSE 127 END`,
      `ALTER TABLE subscriptions DROP COLUMN weekdays_only`,
    ],
  },
  {
    version: 3,
    name: 'subscriptions take any platform id of a safe shape',
    steps: [
      // SQLite cannot drop a CHECK, so the table is rebuilt: the list of platform names goes (a new
      // platform must not edit the store), a check of the shape platform-id.ts allows comes instead.
      `CREATE TABLE subscriptions_v3 (
        platform        TEXT NOT NULL CHECK (length(platform) BETWEEN 1 AND 32 AND platform GLOB '[a-z]*' AND platform NOT GLOB '*[^a-z0-9_-]*'),
        channel_id      TEXT NOT NULL,
        workspace_id    TEXT,
        time            TEXT NOT NULL CHECK (time GLOB '[0-2][0-9]:[0-5][0-9]'),
        timezone        TEXT NOT NULL,
        days            INTEGER NOT NULL DEFAULT 127 CHECK (days BETWEEN 1 AND 127),
        created_by      TEXT NOT NULL,
        created_at      INTEGER NOT NULL,
        updated_at      INTEGER NOT NULL,
        schedule_since  INTEGER NOT NULL,
        last_error      TEXT,
        last_error_code TEXT,
        last_error_at   INTEGER,
        PRIMARY KEY (platform, channel_id)
      ) STRICT`,
      `INSERT INTO subscriptions_v3 (platform, channel_id, workspace_id, time, timezone, days, created_by, created_at, updated_at, schedule_since, last_error, last_error_code, last_error_at)
       SELECT platform, channel_id, workspace_id, time, timezone, days, created_by, created_at, updated_at, schedule_since, last_error, last_error_code, last_error_at
       FROM subscriptions`,
      `DROP TABLE subscriptions`,
      `ALTER TABLE subscriptions_v3 RENAME TO subscriptions`,
    ],
  },
  {
    version: 4,
    name: 'reading plans, one per channel',
    steps: [
      // Pace and anchor are small JSON objects: their shape belongs to the plan model, which may
      // grow a field without a migration; the columns a query selects by stay columns.
      `CREATE TABLE plans (
        platform     TEXT NOT NULL CHECK (length(platform) BETWEEN 1 AND 32 AND platform GLOB '[a-z]*' AND platform NOT GLOB '*[^a-z0-9_-]*'),
        channel_id   TEXT NOT NULL,
        workspace_id TEXT,
        doc_id       TEXT NOT NULL,
        pace         TEXT NOT NULL CHECK (json_valid(pace)),
        days         INTEGER NOT NULL CHECK (days BETWEEN 1 AND 127),
        timezone     TEXT NOT NULL,
        start_date   TEXT NOT NULL CHECK (start_date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
        anchor       TEXT NOT NULL CHECK (json_valid(anchor)),
        created_by   TEXT NOT NULL,
        created_at   INTEGER NOT NULL,
        updated_at   INTEGER NOT NULL,
        PRIMARY KEY (platform, channel_id)
      ) STRICT`,
    ],
  },
];

export const SCHEMA_VERSION = MIGRATIONS[MIGRATIONS.length - 1]!.version;

export const schemaVersion = (db: Database.Database): number => db.pragma('user_version', { simple: true }) as number;

/** Brings the database up to SCHEMA_VERSION; returns the versions applied (none when current). */
export function migrate(db: Database.Database, migrations: readonly Migration[] = MIGRATIONS): number[] {
  const run = db.transaction(() => {
    const current = schemaVersion(db);
    const latest = migrations[migrations.length - 1]?.version ?? 0;
    if (current > latest) {
      throw new Error(`database schema version ${current} is newer than this code knows (${latest}); upgrade the bot`);
    }
    const applied: number[] = [];
    for (const m of migrations) {
      if (m.version <= current) continue;
      for (const sql of m.steps) db.exec(sql);
      db.pragma(`user_version = ${m.version}`);
      applied.push(m.version);
    }
    return applied;
  });
  return run.immediate();
}
