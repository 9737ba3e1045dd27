// What a test needs of the suite's PostgreSQL server (test/setup/postgres.ts): a fresh database of
// its own, a way to look at its rows, and describePostgres, which skips with the reason when there
// is no server, or fails when CI is set, since CI must run the Postgres tests.
import pg from 'pg';
import { describe, inject, it } from 'vitest';

/** The server's admin URL, or why there is none. */
export function postgresServer(): { url: string } | { reason: string } {
  try {
    return inject('postgres') ?? { reason: 'the Postgres global setup did not run (test/setup/postgres.ts in vitest.config.ts)' };
  } catch {
    return { reason: 'the Postgres global setup did not run (test/setup/postgres.ts in vitest.config.ts)' };
  }
}

let n = 0;

/** Creates an empty database on the suite's server; returns its URL. */
export async function freshDatabase(): Promise<string> {
  const server = postgresServer();
  if (!('url' in server)) throw new Error(server.reason);
  const name = `t_${process.pid}_${Date.now().toString(36)}_${n++}`;
  const admin = new pg.Client({ connectionString: server.url });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  const url = new URL(server.url);
  url.pathname = `/${name}`;
  return url.toString();
}

/** Runs one query on its own connection to `url` and returns the rows. */
export async function pgRows<T = Record<string, unknown>>(url: string, sql: string, values: unknown[] = []): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(sql, values)).rows as T[];
  } finally {
    await client.end();
  }
}

/** A describe block that needs the server: skipped with the reason when there is none, failed instead under CI. */
export function describePostgres(name: string, fn: () => void): void {
  const server = postgresServer();
  if ('url' in server) {
    describe(name, fn);
  } else if (process.env.CI) {
    describe(name, () => {
      it('needs a PostgreSQL server', () => {
        throw new Error(`${server.reason}. CI is set, so the Postgres tests must run rather than skip.`);
      });
    });
  } else describe.skip(`${name} (skipped: ${server.reason})`, fn);
}
