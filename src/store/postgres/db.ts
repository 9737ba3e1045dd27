// What every Postgres table here shares: something to run a query on (the pool, or one client
// inside a transaction), the conversions pg needs (BIGINT columns arrive as strings), and a
// transaction helper that always gives its client back.
import type { Pool, PoolClient, QueryResultRow } from 'pg';

/** The pool, or one client holding a transaction: the tables run the same SQL on either. */
export interface Queryable {
  query<R extends QueryResultRow = QueryResultRow>(text: string, values?: unknown[]): Promise<{ rows: R[]; rowCount: number | null }>;
}

/** A BIGINT (a string from pg) or INTEGER as a number. */
export const num = (v: string | number): number => (typeof v === 'number' ? v : Number(v));

/** A BIGINT millisecond column as a Date, or undefined for NULL. */
export const when = (v: string | number | null): Date | undefined => (v === null ? undefined : new Date(num(v)));

/** Runs `fn` in one transaction on one client from the pool: COMMIT when it returns, ROLLBACK when it throws. */
export async function inTransaction<T>(pool: Pool, fn: (client: PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    const out = await fn(client);
    await client.query('COMMIT');
    return out;
  } catch (e) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw e;
  } finally {
    client.release();
  }
}

/**
 * Serialises writes to one channel's rotation (pick, mark, unmark) between processes until the
 * transaction ends: the two-key advisory lock space, apart from the migration lock's.
 */
export const lockChannel = (q: Queryable, channelKey: string) =>
  q.query('SELECT pg_advisory_xact_lock(1, hashtext($1))', [channelKey]);
