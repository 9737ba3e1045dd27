// Runs once before the suite: starts ONE real PostgreSQL server (Debian's binaries, initdb in a
// temp folder, a free port on 127.0.0.1) for every Postgres test, and stops it at the end. Each
// test asks it for a database of its own (test/helpers/postgres.ts). No mock: the claims' row
// locks and unique keys are what is under test. Without binaries it says why, and the Postgres
// tests skip with that reason, or fail when CI is set (CI must run them).
import { execFileSync, spawnSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { closedPort } from '../helpers/ports.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The server's admin URL, or why there is no server. */
    postgres: { url: string } | { reason: string };
  }
}

export const POSTGRES_MISSING =
  'PostgreSQL not found: install Debian\'s postgresql package (apt-get install postgresql) or put initdb and pg_ctl on PATH to run the Postgres store tests';

const hasTools = (dir: string) => existsSync(path.join(dir, 'initdb')) && existsSync(path.join(dir, 'pg_ctl'));

/** The folder holding initdb and pg_ctl: pg_config's, Debian's newest, or one on PATH. */
export function findPostgresBin(): string | undefined {
  try {
    const dir = execFileSync('pg_config', ['--bindir'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    if (dir && hasTools(dir)) return dir;
  } catch {
    // No pg_config (it comes with the client or dev package): look elsewhere.
  }
  const debian = '/usr/lib/postgresql';
  if (existsSync(debian)) {
    const versions = readdirSync(debian).filter((v) => /^\d+$/.test(v)).sort((a, b) => Number(b) - Number(a));
    for (const v of versions) if (hasTools(path.join(debian, v, 'bin'))) return path.join(debian, v, 'bin');
  }
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) if (dir && hasTools(dir)) return dir;
  return undefined;
}

interface Server {
  url: string;
  stop: () => void;
}

/** Runs a PostgreSQL tool as the postgres user when we are root (the server refuses to run as root). */
function run(bin: string, tool: string, args: string[], cwd: string, asUser: boolean): void {
  const [cmd, argv] = asUser ? ['runuser', ['-u', 'postgres', '--', path.join(bin, tool), ...args]] : [path.join(bin, tool), args];
  const r = spawnSync(cmd, argv as string[], { cwd, encoding: 'utf8', timeout: 120_000 });
  if (r.status !== 0) throw new Error(`${tool} failed (${r.status ?? r.signal}): ${(r.stderr || r.stdout || String(r.error ?? '')).trim().split('\n').slice(-3).join(' ')}`);
}

export async function startPostgres(bin: string): Promise<Server> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'rg-pg-'));
  const asUser = process.getuid?.() === 0;
  if (asUser) {
    const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim());
    const gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim());
    chownSync(dir, uid, gid);
  }
  const data = path.join(dir, 'data');
  const logFile = path.join(dir, 'log');
  const stop = () => {
    try {
      run(bin, 'pg_ctl', ['-D', data, '-m', 'immediate', '-w', 'stop'], dir, asUser);
    } catch {
      // Never started, or already gone.
    }
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    run(bin, 'initdb', ['-D', data, '-A', 'trust', '-U', 'rg', '-E', 'UTF8', '--locale=C', '--no-sync'], dir, asUser);
    // A port from the system can be taken by someone else before the server binds it: try again.
    for (let attempt = 1; ; attempt++) {
      const port = await closedPort();
      // Durability is not under test: without fsync a test database is created in milliseconds.
      const opts = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200`;
      try {
        run(bin, 'pg_ctl', ['-D', data, '-o', opts, '-l', logFile, '-w', '-t', '60', 'start'], dir, asUser);
        return { url: `postgres://rg@127.0.0.1:${port}/postgres`, stop };
      } catch (e) {
        if (attempt >= 3) throw e;
      }
    }
  } catch (e) {
    const tail = existsSync(logFile) ? ` (server log: ${readFileSync(logFile, 'utf8').trim().split('\n').slice(-2).join(' ')})` : '';
    stop();
    throw new Error(`${(e as Error).message}${tail}`);
  }
}

export default async function setup(project: TestProject): Promise<() => void> {
  const bin = findPostgresBin();
  let reason = POSTGRES_MISSING;
  if (bin) {
    try {
      const server = await startPostgres(bin);
      project.provide('postgres', { url: server.url });
      return server.stop;
    } catch (e) {
      reason = `PostgreSQL (${bin}) could not be started: ${(e as Error).message}`;
    }
  }
  // Said once, up front; each skipped block repeats it in its name.
  console.warn(`${reason}. ${process.env.CI ? 'CI is set: the Postgres tests will fail.' : 'Skipping the Postgres tests.'}`);
  project.provide('postgres', { reason });
  return () => {};
}
