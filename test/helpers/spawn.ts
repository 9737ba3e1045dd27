// Runs the bot's own npm scripts as a user would, with a clean environment (no platform tokens).
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { inject } from 'vitest';
import { PROJECT_ROOT } from '../../src/config.js';

export interface Ran {
  code: number | null;
  stdout: string;
  stderr: string;
  ms: number;
}

/** A spawned bot is killed only if it hangs: far beyond what the slowest honest run takes. */
export const SPAWN_HANG_GUARD_MS = 150_000;

/**
 * The snapshot folder the suite's global setup filled with the bundled corpus's index: every
 * spawned bot restores it rather than rebuilding. A test that wants its own passes SNAPSHOT_DIR.
 */
function sharedSnapshotDir(state: string): string {
  try {
    return inject('sharedSnapshotDir') || path.join(state, 'snapshots');
  } catch {
    return path.join(state, 'snapshots');
  }
}

/** The environment of a fresh install: no tokens, a database of its own, and the suite's shared index snapshot. */
export function cleanEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const k of Object.keys(env)) if (/^(DISCORD_|SLACK_|LLM_|CORPUS_DIR|LOG_LEVEL|DATABASE_PATH|DATABASE_URL|SNAPSHOT_DIR|DAILY_TIMEZONE|ADMIN_USER_IDS|PORT$)/.test(k)) delete env[k];
  const state = mkdtempSync(path.join(os.tmpdir(), 'rg-db-'));
  // Set empty rather than left unset, so a developer's .env cannot send the suite's passages to a model.
  return { ...env, NO_COLOR: '1', DATABASE_PATH: path.join(state, 'bot.db'), SNAPSHOT_DIR: sharedSnapshotDir(state), LLM_BASE_URL: '', ...extra };
}

export function runNpm(args: string[], opts: { input?: string; env?: Record<string, string>; timeoutMs?: number } = {}): Promise<Ran> {
  const started = Date.now();
  return new Promise((resolve, reject) => {
    const child = spawn('npm', ['--silent', ...args], { cwd: PROJECT_ROOT, env: cleanEnv(opts.env), stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    const timer = setTimeout(() => child.kill('SIGKILL'), Math.max(opts.timeoutMs ?? 0, SPAWN_HANG_GUARD_MS));
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr: stderr.replace(/^npm warn.*\n/gm, ''), ms: Date.now() - started });
    });
    child.stdin.end(opts.input ?? '');
  });
}

export interface RunningBot {
  /** Everything the bot has logged so far. */
  stderr(): string;
  stdout(): string;
  /** Resolves with the exit code once the process group has closed its pipes. */
  exited: Promise<number | null>;
  /** Sends a signal to the whole process group (npm, tsx and node), as a service manager would. */
  signal(sig: NodeJS.Signals): void;
}

/**
 * `npm start` left running, in its own process group so a signal reaches npm, tsx and node
 * alike. `use` gets the bot; whatever happens, the group is killed afterwards.
 */
export async function withRunningBot<T>(env: Record<string, string>, use: (bot: RunningBot) => Promise<T>): Promise<T> {
  const child = spawn('npm', ['--silent', 'start'], { cwd: PROJECT_ROOT, env: cleanEnv(env), stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d) => (stdout += d));
  child.stderr.on('data', (d) => (stderr += d));
  const exited = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
  const signal = (sig: NodeJS.Signals) => {
    try {
      process.kill(-child.pid!, sig);
    } catch {
      // Already gone.
    }
  };
  try {
    return await use({ stderr: () => stderr, stdout: () => stdout, exited, signal });
  } finally {
    signal('SIGKILL');
  }
}
