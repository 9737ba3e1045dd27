// Opening the SQLite file: create its folder, WAL so readers never block the writer, a busy
// timeout so two processes sharing the file wait for each other instead of failing, then migrate.
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { log } from '../core/log.js';
import { migrate } from './migrations.js';

export const BUSY_TIMEOUT_MS = 5_000;

export function openDatabase(path: string): Database.Database {
  const memory = path === ':memory:';
  if (!memory) mkdirSync(dirname(path), { recursive: true });
  const db = new Database(path);
  try {
    db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
    if (!memory) {
      const mode = db.pragma('journal_mode = WAL', { simple: true });
      if (mode !== 'wal') log.warn('store_wal_unavailable', { path, mode });
      db.pragma('synchronous = NORMAL');
    }
    db.pragma('foreign_keys = ON');
    const before = db.pragma('user_version', { simple: true }) as number;
    const applied = migrate(db);
    // Upgrading an existing database is worth an info line; creating a fresh one is not.
    if (applied.length) (before > 0 ? log.info : log.debug)('store_migrated', { path, from: before, versions: applied });
    return db;
  } catch (e) {
    db.close();
    throw e;
  }
}
