// The store contract runs against every store: each test file describes its cases once, inside
// forEachStore, and gets them run on SQLite and on the suite's real PostgreSQL server. A place is
// an empty state of that kind that can be opened as often as a test likes (two connections, two
// "processes", a restart), and looked at underneath with plain SQL both stores understand.
import { join } from 'node:path';
import { afterEach, describe } from 'vitest';
import { openStore, type Store, type StoreTarget } from '../../src/store/index.js';
import { tempDir } from '../scheduler/helpers.js';
import { describePostgres, freshDatabase, pgRows } from './postgres.js';
import { withDatabase } from './sqlite.js';

export interface StorePlace {
  target: StoreTarget;
  /** Opens a store on this state; each call is another connection (pool), as another process would have. */
  open(): Promise<Store>;
  /** Rows of one SELECT, read beside the store's own connections. */
  rows<T = Record<string, unknown>>(sql: string): Promise<T[]>;
}

export interface StoreKind {
  name: 'sqlite' | 'postgres';
  /** A new, empty state. What it opens is closed, and its files removed, after each test. */
  place(): Promise<StorePlace>;
  /** A store on a new, empty state: the common case. */
  open(): Promise<Store>;
}

type Track = (f: () => unknown) => void;

function sqlite(track: Track): StoreKind['place'] {
  return async () => {
    const t = tempDir();
    track(t.cleanup);
    const path = join(t.dir, 'bot.db');
    return {
      target: path,
      open: async () => {
        const s = await openStore(path);
        track(() => s.close());
        return s;
      },
      rows: async <T>(sql: string) => withDatabase(path, (db) => db.prepare(sql).all() as T[]),
    };
  };
}

function postgres(track: Track): StoreKind['place'] {
  return async () => {
    const url = await freshDatabase();
    return {
      target: { url },
      open: async () => {
        const s = await openStore({ url });
        track(() => s.close());
        return s;
      },
      rows: <T>(sql: string) => pgRows<T>(url, sql),
    };
  };
}

/** Describes the same cases once for each store: SQLite, and PostgreSQL when a server runs (see describePostgres). */
export function forEachStore(name: string, cases: (kind: StoreKind) => void): void {
  const each = (kindName: StoreKind['name'], make: (track: Track) => StoreKind['place']) => () => {
    // Closed in reverse: stores before the folders holding their files.
    const undo: (() => unknown)[] = [];
    const place = make((f) => undo.push(f));
    afterEach(async () => {
      for (const f of undo.splice(0).reverse()) await f();
    });
    cases({ name: kindName, place, open: async () => (await place()).open() });
  };
  describe(`${name} (sqlite)`, each('sqlite', sqlite));
  describePostgres(`${name} (postgres)`, each('postgres', postgres));
}
