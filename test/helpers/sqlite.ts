// The Store hands out no connection, so tests that look under it (rows, pragmas, a CHECK firing)
// or break it on purpose open the SQLite file themselves, beside the store's own connection.
import Database from 'better-sqlite3';

/** Runs `fn` on a second connection to the database file at `path`, then closes it. */
export function withDatabase<T>(path: string, fn: (db: Database.Database) => T): T {
  const db = new Database(path, { fileMustExist: true });
  try {
    db.pragma('busy_timeout = 5000');
    return fn(db);
  } finally {
    db.close();
  }
}
