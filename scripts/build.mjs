// `npm run build`, and the build ensure-build.mjs runs for a new user: compiles src/ and commands/
// to dist/ with tsc, so the bot starts on plain node with no TypeScript loader (after
// `npm ci --omit=dev` there is none). Plain JavaScript because it must run before anything is built.
//
// The tree is compiled into a folder beside dist/ and swapped in whole, under a lock, so a bot
// already running from dist/ (or one starting while another builds) never sees half a build.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { DIST, ROOT } from './build-state.mjs';

export { buildState, DIST, newestSource, ROOT, STAMP } from './build-state.mjs';

const LOCK = path.join(ROOT, 'dist.lock');
/** How long a start waits for another process's build before giving up. */
const LOCK_WAIT_MS = 15 * 60_000;

/** tsc's entry, or undefined when TypeScript is not installed (`npm ci --omit=dev`). */
export function findTsc() {
  try {
    return createRequire(import.meta.url).resolve('typescript/bin/tsc');
  } catch {
    return undefined;
  }
}

function sleep(ms) {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

function alive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return e.code === 'EPERM';
  }
}

/** Runs async `fn` holding dist.lock; a lock whose process has died is taken over. */
export async function withLock(fn) {
  const until = Date.now() + LOCK_WAIT_MS;
  for (;;) {
    try {
      mkdirSync(LOCK);
      break;
    } catch (e) {
      if (e.code !== 'EEXIST') throw e;
      const pid = Number(readFileSync(path.join(LOCK, 'pid'), { encoding: 'utf8', flag: 'a+' }));
      if (pid && !alive(pid)) rmSync(LOCK, { recursive: true, force: true });
      else if (Date.now() > until) throw new Error(`another build has held ${LOCK} for ${LOCK_WAIT_MS / 60_000} minutes; if none is running, delete that folder`);
      else sleep(200);
    }
  }
  writeFileSync(path.join(LOCK, 'pid'), String(process.pid));
  try {
    return await fn();
  } finally {
    rmSync(LOCK, { recursive: true, force: true });
  }
}

/** Compiles into a fresh folder and swaps it in; returns false (tsc's errors already printed) on failure. */
export async function build({ quiet = false } = {}) {
  const tsc = findTsc();
  if (!tsc) throw new Error('TypeScript is not installed: run `npm install` (not `npm ci --omit=dev`) to build.');
  const next = `${DIST}.next-${process.pid}`;
  rmSync(next, { recursive: true, force: true });
  const started = Date.now();
  const ran = spawnSync(process.execPath, [tsc, '-p', path.join(ROOT, 'tsconfig.build.json'), '--outDir', next], { cwd: ROOT, stdio: ['ignore', 'inherit', 'inherit'] });
  if (ran.status !== 0) {
    rmSync(next, { recursive: true, force: true });
    return false;
  }
  // The snapshot key of the sources just compiled (see fingerprint.ts), computed by the compiled module itself.
  const { coreSourceFingerprint, BUILT_FINGERPRINT } = await import(pathToFileURL(path.join(next, 'src/core/library/fingerprint.js')).href);
  const hash = await coreSourceFingerprint(path.join(ROOT, 'src/core'));
  writeFileSync(path.join(next, 'src/core/library', BUILT_FINGERPRINT), JSON.stringify({ hash }) + '\n');
  const stamp = path.join(next, 'build.json');
  writeFileSync(stamp, JSON.stringify({ builtAt: new Date().toISOString(), node: process.version, ms: Date.now() - started }) + '\n');
  // Dated when tsc started, so a source saved while it ran is newer than the build and rebuilds it.
  utimesSync(stamp, started / 1000, started / 1000);
  const old = `${DIST}.old-${process.pid}`;
  if (existsSync(DIST)) renameSync(DIST, old);
  renameSync(next, DIST);
  rmSync(old, { recursive: true, force: true });
  if (!quiet) process.stderr.write(`Built dist/ in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
  return true;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  try {
    process.exitCode = (await withLock(() => build())) ? 0 : 1;
  } catch (e) {
    process.stderr.write(`${e.message}\n`);
    process.exitCode = 1;
  }
}
