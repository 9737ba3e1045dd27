// Whether dist/ is up to date with the sources: what `npm start` checks before every start, so it
// loads nothing but fs and path (build.mjs, with tsc and the lock, is loaded only to rebuild).
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const DIST = path.join(ROOT, 'dist');
/** Written last: a dist/ without it is a build that never finished. */
export const STAMP = path.join(DIST, 'build.json');

/** The sources a build reads; anything newer than the stamp (a file, or a folder that lost one) makes it stale. */
const SOURCES = ['src', 'commands', 'scripts/discord-register.ts', 'scripts/slack-manifest.ts', 'tsconfig.json', 'tsconfig.build.json'];

/** The newest mtime among the sources, in ms. */
export function newestSource() {
  let newest = 0;
  const visit = (p) => {
    let st;
    try {
      st = statSync(p);
    } catch {
      return;
    }
    newest = Math.max(newest, st.mtimeMs);
    if (st.isDirectory()) for (const name of readdirNames(p)) visit(path.join(p, name));
  };
  for (const s of SOURCES) visit(path.join(ROOT, s));
  return newest;
}

function readdirNames(dir) {
  try {
    return readdirSync(dir);
  } catch {
    return [];
  }
}

/** 'missing', 'stale' or 'fresh'. */
export function buildState() {
  let stamp;
  try {
    stamp = statSync(STAMP).mtimeMs;
  } catch {
    return 'missing';
  }
  return newestSource() > stamp ? 'stale' : 'fresh';
}
