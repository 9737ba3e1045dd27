// The compiled bot as a production image runs it: dist/ (built once by the suite's global setup)
// in a tree whose node_modules holds what `npm ls --omit=dev` lists, as `npm ci --omit=dev` would
// (no tsx, no TypeScript), started with plain node or npm and nothing preloaded by NODE_OPTIONS.
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, realpathSync, rmSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../src/config.js';
import { codeFingerprint } from '../../src/core/library/fingerprint.js';
import { cleanEnv, SPAWN_HANG_GUARD_MS } from '../helpers/spawn.js';

/** The terminal's quotation: “…”, then the credit on the next line. */
const QUOTED_AND_CREDITED = /“[\s\S]{40,}”\n\s+— \S/;

interface Ran {
  code: number | null;
  stdout: string;
  stderr: string;
}

function run(cmd: string, args: string[], cwd: string, opts: { input?: string; env?: Record<string, string> } = {}): Promise<Ran> {
  return new Promise((resolve, reject) => {
    // The bundled corpus by its own path, so the suite's shared snapshot serves it.
    const env = cleanEnv({ CORPUS_DIR: path.join(PROJECT_ROOT, 'data/corpus'), NODE_OPTIONS: '', ...opts.env });
    const child = spawn(cmd, args, { cwd, env, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    const timer = setTimeout(() => child.kill('SIGKILL'), SPAWN_HANG_GUARD_MS);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
    child.stdin.end(opts.input ?? '');
  });
}

/** The top-level folders of node_modules that `npm ls --omit=dev` lists. */
function productionPackages(modules: string): string[] {
  const listed = spawnSync('npm', ['ls', '--omit=dev', '--all', '--parseable'], { cwd: PROJECT_ROOT, encoding: 'utf8' }).stdout;
  const names = new Set<string>();
  for (const line of listed.split('\n')) {
    const rel = path.relative(modules, realpathOrSelf(line.trim()));
    if (!line.trim() || rel.startsWith('..') || path.isAbsolute(rel)) continue;
    const parts = rel.split(path.sep);
    names.add(parts[0]!.startsWith('@') ? `${parts[0]}/${parts[1]}` : parts[0]!);
  }
  if (names.size < 10) throw new Error(`npm ls --omit=dev listed too few packages:\n${listed}`);
  return [...names];
}

function realpathOrSelf(p: string): string {
  try {
    return realpathSync(p);
  } catch {
    return p;
  }
}

/** A tree with dist/, the start scripts, package.json and the runtime dependencies only. */
function productionTree(withDist: boolean): string {
  const root = mkdtempSync(path.join(os.tmpdir(), 'rg-prod-'));
  if (withDist) cpSync(path.join(PROJECT_ROOT, 'dist'), path.join(root, 'dist'), { recursive: true, preserveTimestamps: true });
  mkdirSync(path.join(root, 'scripts'));
  for (const f of ['build.mjs', 'build-state.mjs', 'ensure-build.mjs']) cpSync(path.join(PROJECT_ROOT, 'scripts', f), path.join(root, 'scripts', f));
  cpSync(path.join(PROJECT_ROOT, 'package.json'), path.join(root, 'package.json'));
  // What npm ci --omit=dev installs: the packages npm itself lists for production, each linked
  // from the real node_modules (nested copies come along inside their parents).
  const modules = realpathSync(path.join(PROJECT_ROOT, 'node_modules'));
  mkdirSync(path.join(root, 'node_modules'));
  for (const name of productionPackages(modules)) {
    if (name.includes('/')) mkdirSync(path.join(root, 'node_modules', name.split('/')[0]!), { recursive: true });
    symlinkSync(path.join(modules, name), path.join(root, 'node_modules', name));
  }
  return root;
}

describe('the compiled bot, without development dependencies', () => {
  let tree: string;
  let bare: string;
  beforeAll(() => {
    tree = productionTree(true);
    bare = productionTree(false);
  });
  afterAll(() => {
    rmSync(tree, { recursive: true, force: true });
    rmSync(bare, { recursive: true, force: true });
  });

  it('has neither tsx nor TypeScript to import', async () => {
    const r = await run('node', ['--input-type=module', '-e', "for (const m of ['tsx', 'typescript']) console.log(m, await import(m).then(() => 'found', () => 'absent'))"], tree);
    expect(r.stdout).toBe('tsx absent\ntypescript absent\n');
  });

  it('starts the terminal bot with plain node and answers /quote', async () => {
    const r = await run('node', ['dist/src/main.js'], tree, { input: '/quote\n' });
    expect(r.stderr).not.toMatch(/error|tsx/i);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/Reading-group bot: \d+ passages from 5 documents/);
    // A quotation and, under it, who said it or where it is from. A passage may quote a title
    // (“Attention is All You Need”) inside itself, so the quotation runs to the last ” before the dash.
    expect(r.stdout).toMatch(QUOTED_AND_CREDITED);
  });

  it('starts with npm start, through the build check, as after npm ci --omit=dev', async () => {
    const r = await run('npm', ['--silent', 'start'], tree, { input: '/quote\n/sources\n' });
    expect(r.code).toBe(0);
    expect(r.stderr.replace(/^npm warn.*\n/gm, '')).toBe('');
    expect(r.stdout).toMatch(QUOTED_AND_CREDITED);
    expect(r.stdout).toMatch(/Hot Chips/);
  });

  it('answers a one-shot npm run cli call', async () => {
    const r = await run('npm', ['--silent', 'run', 'cli', '--', 'quote', 'scaling', '--json'], tree);
    expect(r.code).toBe(0);
    const reply = JSON.parse(r.stdout) as { results: { text: string }[] };
    expect(reply.results.length).toBeGreaterThan(0);
  });

  it('loads no YAML, zip or SQLite library for a one-shot answer from the snapshot, only when a command needs them', async () => {
    // CommonJS packages show in require's cache; the process prints them as it exits.
    const oneShot = (args: string[]) =>
      run('node', ['--input-type=module', '-e', [
        "import { createRequire } from 'node:module';",
        "const cache = createRequire(process.cwd() + '/').cache;",
        "process.on('exit', () => process.stderr.write(JSON.stringify([...new Set(Object.keys(cache).flatMap((f) => f.match(/node_modules\\/((?:@[^/]+\\/)?[^/]+)\\//)?.[1] ?? []))])));",
        `process.argv.splice(1, Infinity, "cli.js", ...${JSON.stringify(args)});`,
        "await import('./dist/src/platforms/terminal/cli.js');",
      ].join('\n')], tree);
    const quote = await oneShot(['quote', '--json']);
    expect(JSON.parse(quote.stdout).results.length).toBe(1);
    const loaded = JSON.parse(quote.stderr) as string[];
    for (const lib of ['yaml', 'fflate', 'better-sqlite3']) expect(loaded).not.toContain(lib);
    // The check sees a library once a command uses it: a channel's plan lives in the database.
    const plan = await oneShot(['plan', 'status', '--channel', 'book-club', '--json']);
    expect(JSON.parse(plan.stderr.slice(plan.stderr.lastIndexOf('['))) as string[]).toContain('better-sqlite3');
  });

  it('keys its snapshots as the sources do, so a compiled bot restores a snapshot a bot run from source saved', async () => {
    const r = await run('node', ['--input-type=module', '-e', "console.log(await (await import('./dist/src/core/library/fingerprint.js')).codeFingerprint())"], tree);
    expect(r.stdout.trim()).toBe(await codeFingerprint());
    expect(r.stdout.trim()).toMatch(/^[0-9a-f]{64}$/);
  });

  it('says what to do when there is no dist/ and no TypeScript to build it', async () => {
    const r = await run('npm', ['--silent', 'start'], bare, { input: '/quote\n' });
    expect(r.code).not.toBe(0);
    expect(r.stderr).toMatch(/dist\/ is missing and TypeScript is not installed/);
    expect(r.stderr).toMatch(/npm install && npm run build/);
    expect(r.stdout).toBe('');
  });

  it('builds a corpus in the build worker thread from the compiled job', async () => {
    const corpus = mkdtempSync(path.join(os.tmpdir(), 'rg-prod-corpus-'));
    try {
      const para = (n: number) =>
        `Paragraph ${n} says that a reading group keeps its notes in one shared place, so that every member can find what was said about chapter ${n} and argue about it the following week.`;
      writeFileSync(path.join(corpus, 'notes.txt'), ['Notes on reading', '', ...Array.from({ length: 8 }, (_, i) => para(i + 1) + '\n')].join('\n'));
      writeFileSync(path.join(corpus, 'more.md'), `# More notes\n\n${Array.from({ length: 6 }, (_, i) => para(i + 20)).join('\n\n')}\n`);
      const script = [
        "const { loadLibrary } = await import('./dist/src/core/library/load.js');",
        "const { BuildThread } = await import('./dist/src/core/library/build-thread.js');",
        'const thread = new BuildThread();',
        `const loaded = await loadLibrary(${JSON.stringify(corpus)}, { thread, useWorker: true });`,
        'console.log(JSON.stringify({ thread: loaded.thread, source: loaded.source, documents: loaded.library.corpus.documents.length, passages: loaded.library.corpus.passages.length }));',
      ].join('\n');
      const r = await run('node', ['--input-type=module', '-e', script], tree);
      expect(r.stderr).toBe('');
      const out = JSON.parse(r.stdout) as { thread: string; source: string; documents: number; passages: number };
      expect(out).toMatchObject({ thread: 'worker', source: 'build', documents: 2 });
      expect(out.passages).toBeGreaterThan(2);
    } finally {
      rmSync(corpus, { recursive: true, force: true });
    }
  });
});

describe('the build check that npm start runs first', () => {
  // A copy of the build script in a tree of its own, where sources and stamp times are set by hand.
  let root: string;
  const state = async () => (await run('node', ['--input-type=module', '-e', "console.log((await import('./scripts/build.mjs')).buildState())"], root)).stdout.trim();
  const at = (p: string, seconds: number) => utimesSync(path.join(root, p), seconds, seconds);
  beforeAll(() => {
    root = mkdtempSync(path.join(os.tmpdir(), 'rg-stale-'));
    mkdirSync(path.join(root, 'scripts'));
    for (const f of ['build.mjs', 'build-state.mjs']) cpSync(path.join(PROJECT_ROOT, 'scripts', f), path.join(root, 'scripts', f));
    mkdirSync(path.join(root, 'src/core'), { recursive: true });
    writeFileSync(path.join(root, 'src/core/a.ts'), 'export const a = 1;\n');
    writeFileSync(path.join(root, 'src/core/b.ts'), 'export const b = 2;\n');
    for (const p of ['scripts/build.mjs', 'scripts/build-state.mjs', 'scripts', 'src/core/a.ts', 'src/core/b.ts', 'src/core', 'src']) at(p, 1_000_000);
  });
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('calls a tree with no finished build missing, one older than any source stale, else fresh', async () => {
    expect(await state()).toBe('missing');
    mkdirSync(path.join(root, 'dist'));
    writeFileSync(path.join(root, 'dist/build.json'), '{}\n');
    at('dist/build.json', 2_000_000);
    expect(await state()).toBe('fresh');
    // An edited source.
    at('src/core/a.ts', 3_000_000);
    expect(await state()).toBe('stale');
    at('dist/build.json', 4_000_000);
    expect(await state()).toBe('fresh');
    // A deleted source: only its folder's time changes.
    rmSync(path.join(root, 'src/core/b.ts'));
    at('src/core', 5_000_000);
    expect(await state()).toBe('stale');
  });
});
