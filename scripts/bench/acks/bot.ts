// The bot as a user runs it (`node --import tsx src/main.ts`), in its own process group so the
// whole of it can be stopped at the end whatever it spawned, with its JSON log fed to a BotLog.
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BotLog } from './bot-log.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

/** The environment of a fresh install, like test/helpers/spawn.ts cleanEnv, plus ours. */
function botEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const k of Object.keys(env)) if (/^(DISCORD_|SLACK_|CORPUS_DIR|SNAPSHOT_DIR|LOG_LEVEL|DATABASE_PATH|DAILY_TIMEZONE|ADMIN_USER_IDS|PORT$)/.test(k)) delete env[k];
  return { ...env, NO_COLOR: '1', LOG_LEVEL: 'info', ...extra };
}

/** Spawns the bot with `env` on top of a fresh install's; its stderr goes to `botLog`, spawn errors to `errors`. */
export function spawnBot(env: Record<string, string>, botLog: BotLog, errors: string[], heapMB?: number): ChildProcess {
  const nodeArgs = [...(heapMB ? [`--max-old-space-size=${heapMB}`] : []), '--import', 'tsx', 'src/main.ts'];
  const child = spawn(process.execPath, nodeArgs, {
    cwd: ROOT,
    env: botEnv(env),
    stdio: ['ignore', 'ignore', 'pipe'],
    // Its own process group, so the whole bot can be stopped at the end, whatever it spawned.
    detached: true,
  });
  child.stderr!.setEncoding('utf8');
  child.stderr!.on('data', (chunk: string) => botLog.feed(chunk));
  child.on('exit', (code, signal) => botLog.exit(code, signal));
  child.on('error', (e) => errors.push(`spawn failed: ${e.message}`));
  return child;
}

/** SIGTERM to the bot's process group, SIGKILL if it has not exited in 5 s (a blocked event loop cannot run its handler). */
export async function stopBot(child: ChildProcess | undefined, botLog: BotLog, log: (msg: string) => void): Promise<void> {
  if (!child?.pid || botLog.exited) return;
  const gone = new Promise<void>((resolve) => {
    if (botLog.exited) resolve();
    child.once('exit', () => resolve());
  });
  const signal = (sig: NodeJS.Signals) => {
    try {
      process.kill(-child.pid!, sig);
    } catch {
      /* already gone */
    }
  };
  signal('SIGTERM');
  const timer = setTimeout(() => {
    log('the bot did not stop within 5 s of SIGTERM: SIGKILL');
    signal('SIGKILL');
  }, 5000);
  await gone;
  clearTimeout(timer);
  // Anything left in the group (there should be nothing): gone too.
  signal('SIGKILL');
}
