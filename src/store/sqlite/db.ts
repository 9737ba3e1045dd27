// Opening the SQLite file: create its folder, WAL so readers never block the writer, a busy
// timeout so two processes sharing the file wait for each other instead of failing, a quick
// integrity check, then migrate. Anything wrong with the file or its folder becomes one line for
// the operator naming DATABASE_PATH, the problem and the fix (the newest backup when there is one).
import { statSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { errorMessage, UserError } from '../../core/errors.js';
import { FolderError, makeFolder } from '../../core/folders.js';
import { log } from '../../core/log.js';
import { newestBackup, restoreAdvice } from './backups.js';
import { migrate } from './migrations.js';

export const BUSY_TIMEOUT_MS = 5_000;

/** Why the database cannot be used, written for whoever sets DATABASE_PATH. */
export class StateError extends UserError {
  constructor(message: string, code = 'bad_database') {
    super(message, code);
    this.name = 'StateError';
  }
}

const reason = errorMessage;
const errno = (e: unknown) => (e as { code?: string }).code;

/** Makes the database's folder, or says in one line why DATABASE_PATH cannot be used. */
export function ensureFolder(dir: string, dbPath: string): void {
  try {
    makeFolder(dir);
  } catch (e) {
    if (!(e instanceof FolderError)) throw e;
    const fix = 'Point DATABASE_PATH at a file in a folder the bot can write, such as state/bot.db.';
    throw new StateError(`DATABASE_PATH=${dbPath}: ${e.message}. ${fix}`);
  }
}

/** The operator's line for a file SQLite refuses: what is wrong and how to get back. */
function damaged(path: string, problem: string): StateError {
  return new StateError(`DATABASE_PATH=${path}: ${problem}. ${restoreAdvice(path)}`, 'damaged_database');
}

function classify(path: string, e: unknown): StateError {
  if (e instanceof StateError) return e;
  const code = errno(e);
  if (code === 'SQLITE_NOTADB') return damaged(path, 'the file is not a SQLite database');
  if (code?.startsWith('SQLITE_CORRUPT')) return damaged(path, `the database is damaged (${reason(e)})`);
  if (code?.startsWith('SQLITE_CANTOPEN') || code?.startsWith('SQLITE_READONLY') || code?.startsWith('SQLITE_IOERR') || code === 'SQLITE_PERM') {
    return new StateError(`DATABASE_PATH=${path}: cannot open or write the database (${reason(e)}). Point DATABASE_PATH at a file the bot can write, such as state/bot.db.`);
  }
  return new StateError(`DATABASE_PATH=${path}: cannot use the database (${reason(e)}).`);
}

export function openDatabase(path: string): Database.Database {
  const memory = path === ':memory:';
  if (!memory) {
    ensureFolder(dirname(path), path);
    try {
      const st = statSync(path);
      if (st.isDirectory()) throw new StateError(`DATABASE_PATH=${path} is a folder; point it at a file inside it, such as ${path}/bot.db.`);
      // SQLite would take an empty file for a new database and start over without a word.
      if (st.size === 0 && newestBackup(path)) throw damaged(path, 'the database file is empty (0 bytes) but backups of it exist');
    } catch (e) {
      if (e instanceof StateError) throw e;
    }
  }
  let db: Database.Database;
  try {
    db = new Database(path);
  } catch (e) {
    throw classify(path, e);
  }
  try {
    db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
    if (!memory) {
      const mode = db.pragma('journal_mode = WAL', { simple: true });
      if (mode !== 'wal') log.warn('store_wal_unavailable', { path, mode });
      db.pragma('synchronous = NORMAL');
      // A damaged page would otherwise surface later, as a stack trace in the middle of a post.
      const check = (db.pragma('quick_check(5)') as { quick_check: string }[]).map((r) => r.quick_check);
      // A row may hold several problems, one per line; the operator gets the first, on one line.
      const first = check.flatMap((r) => r.split('\n')).find((l) => l.trim() && !l.startsWith('***'));
      if (check[0] !== 'ok') throw damaged(path, `the database is damaged (${first ?? 'quick_check failed'})`);
    }
    db.pragma('foreign_keys = ON');
    const before = db.pragma('user_version', { simple: true }) as number;
    const applied = migrate(db);
    // Upgrading an existing database is worth an info line; creating a fresh one is not.
    if (applied.length) (before > 0 ? log.info : log.debug)('store_migrated', { path, from: before, versions: applied });
    return db;
  } catch (e) {
    db.close();
    throw classify(path, e);
  }
}
