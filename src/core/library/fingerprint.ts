// The code half of a snapshot's key. A snapshot must be rebuilt when the code that cleans and
// indexes documents changes, and only then: rewording a reply must not throw away a 100 MB index.
// So the fingerprint hashes exactly the source files the index build reaches through its runtime
// imports, found by following them from the build's entry file rather than by naming folders.
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

// Static and dynamic imports and re-exports with a relative specifier. `import type` and
// `export type` lines are left out: types are erased and cannot change what a build produces.
const IMPORT = /(?:^|\n)\s*(import|export)(?!\s+type\b)[^;'"]*?\bfrom\s*['"](\.{1,2}\/[^'"]+)['"]|(?:^|\n)\s*import\s*['"](\.{1,2}\/[^'"]+)['"]|\bimport\(\s*['"](\.{1,2}\/[^'"]+)['"]\s*\)/g;

/** The relative source files a module imports at run time (`.js` specifiers resolve to `.ts`). */
async function runtimeImports(file: string, text: string): Promise<string[]> {
  const found: string[] = [];
  for (const m of text.matchAll(IMPORT)) {
    const spec = m[2] ?? m[3] ?? m[4];
    if (spec) found.push(await resolveSource(path.resolve(path.dirname(file), spec)));
  }
  return found;
}

async function resolveSource(target: string): Promise<string> {
  if (!target.endsWith('.js')) return target;
  const ts = target.slice(0, -3) + '.ts';
  try {
    await readFile(ts);
    return ts;
  } catch {
    return target;
  }
}

/**
 * sha256 over the entry files and every source file they reach, each with its path relative to
 * `root`. Unreadable files count as a fixed marker, so the result is always a string.
 */
export async function sourceFingerprint(entries: string[], root: string): Promise<{ hash: string; files: string[] }> {
  const seen = new Map<string, Buffer | null>();
  const queue = entries.map((e) => path.resolve(e));
  while (queue.length > 0) {
    const file = queue.pop()!;
    if (seen.has(file)) continue;
    const bytes = await readFile(file).catch(() => null);
    seen.set(file, bytes);
    if (bytes) queue.push(...(await runtimeImports(file, bytes.toString('utf8'))));
  }
  const files = [...seen.keys()].sort();
  const hash = createHash('sha256');
  for (const f of files) hash.update(`${path.relative(root, f)}\n`).update(seen.get(f) ?? 'unreadable').update('\n');
  return { hash: hash.digest('hex'), files };
}

/** Running compiled from dist/ (this module is .js), where the sources are not beside the code. */
const COMPILED = import.meta.url.endsWith('.js');
const EXT = COMPILED ? '.js' : '.ts';

/** What shapes a snapshot: the build (documents to index) and the snapshot's own encoding. */
export const FINGERPRINT_ENTRIES = [`./build${EXT}`, `./snapshot${EXT}`].map((f) => fileURLToPath(new URL(f, import.meta.url)));
const CORE = fileURLToPath(new URL('..', import.meta.url));

/**
 * Where `npm run build` leaves the fingerprint of the sources it compiled, beside this module in
 * dist/. A compiled bot keys its snapshots by the TypeScript it came from, so it shares them with a
 * bot run from source (tests, `npm run dev`) and needs no src/ folder at run time.
 */
export const BUILT_FINGERPRINT = 'fingerprint.json';

/** The fingerprint of the sources under a `src/core` folder: what the build writes to BUILT_FINGERPRINT. */
export async function coreSourceFingerprint(coreDir: string): Promise<string> {
  const entries = ['build.ts', 'snapshot.ts'].map((f) => path.join(coreDir, 'library', f));
  return (await sourceFingerprint(entries, coreDir)).hash;
}

async function builtFingerprint(): Promise<string | undefined> {
  try {
    const saved = JSON.parse(await readFile(new URL(`./${BUILT_FINGERPRINT}`, import.meta.url), 'utf8')) as { hash?: unknown };
    return typeof saved.hash === 'string' && /^[0-9a-f]{64}$/.test(saved.hash) ? saved.hash : undefined;
  } catch {
    return undefined;
  }
}

let cached: Promise<string> | undefined;

/** The fingerprint of this installation's index-building code, read once per process. */
export function codeFingerprint(): Promise<string> {
  // A compiled tree without the build's file (tsc run by hand) hashes the code it runs instead.
  cached ??= (COMPILED ? builtFingerprint() : Promise.resolve(undefined))
    .then(async (built) => built ?? (await sourceFingerprint(FINGERPRINT_ENTRIES, CORE)).hash)
    .catch(() => 'unknown');
  return cached;
}
