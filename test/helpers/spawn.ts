// Runs the bot's own npm scripts as a user would, with a clean environment (no platform tokens).
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PROJECT_ROOT } from '../../src/config.js';

export interface Ran {
  code: number | null;
  stdout: string;
  stderr: string;
  ms: number;
}

/** The environment of a fresh install: no tokens, and a database and snapshots of its own in a temp folder. */
export function cleanEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const k of Object.keys(env)) if (/^(DISCORD_|SLACK_|CORPUS_DIR|LOG_LEVEL|DATABASE_PATH|SNAPSHOT_DIR|DAILY_TIMEZONE|ADMIN_USER_IDS|PORT$)/.test(k)) delete env[k];
  const state = mkdtempSync(path.join(os.tmpdir(), 'rg-db-'));
  return { ...env, NO_COLOR: '1', DATABASE_PATH: path.join(state, 'bot.db'), SNAPSHOT_DIR: path.join(state, 'snapshots'), ...extra };
}

export function runNpm(args: string[], opts: { input?: string; env?: Record<string, string>; timeoutMs?: number } = {}): Promise<Ran> {
  const started = Date.now();
  return new Promise((resolve, reject) => {
    const child = spawn('npm', ['--silent', ...args], { cwd: PROJECT_ROOT, env: cleanEnv(opts.env), stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    const timer = setTimeout(() => child.kill('SIGKILL'), opts.timeoutMs ?? 15_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr: stderr.replace(/^npm warn.*\n/gm, ''), ms: Date.now() - started });
    });
    child.stdin.end(opts.input ?? '');
  });
}
