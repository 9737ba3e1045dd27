// The house only holds if imports go downwards: platforms and commands stand on the protocol
// (src/bot), the protocol and the commands on the core, and a daily post never climbs back up
// into commands/. madge reads the import graph (type imports included) as tsc resolves it; the
// package names come from each file's own import lines, so a package without typings is seen too.
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import madge from 'madge';
import ts from 'typescript';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const TSCONFIG = join(ROOT, 'tsconfig.json');
const EXTENSIONS = ['ts', 'mjs'];

/** Each file under `dirs` (relative to `base`) to the files it imports. */
async function importGraph(base: string, dirs: string[]) {
  const graph = await madge(
    dirs.map((d) => join(base, d)),
    { baseDir: base, fileExtensions: EXTENSIONS, tsConfig: TSCONFIG },
  );
  return { imports: graph.obj(), loops: graph.circular(), unresolved: graph.warnings().skipped };
}

/** Every source file under `dir`, relative to the repo root. */
function filesUnder(dir: string): string[] {
  return readdirSync(join(ROOT, dir), { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && EXTENSIONS.some((x) => e.name.endsWith(`.${x}`)))
    .map((e) => relative(ROOT, join(e.parentPath, e.name)).split('\\').join('/'));
}

/** The packages a file imports by name ("@slack/bolt", "discord.js"), from its import lines. */
function packagesOf(file: string): string[] {
  const { importedFiles } = ts.preProcessFile(readFileSync(join(ROOT, file), 'utf8'), true, true);
  return importedFiles
    .map((f) => f.fileName)
    .filter((s) => !s.startsWith('.') && !s.startsWith('/') && !s.startsWith('node:'))
    .map((s) => s.split('/').slice(0, s.startsWith('@') ? 2 : 1).join('/'));
}

/** Platform SDKs and the store's and scheduler's own libraries. */
const INFRASTRUCTURE = [/^discord\.js$/, /^@discordjs\//, /^@slack\//, /^better-sqlite3$/, /^pg$/, /^node-cron$/];

let imports: Record<string, string[]>;
let loops: string[][];
let unresolved: string[];

beforeAll(async () => {
  ({ imports, loops, unresolved } = await importGraph(ROOT, ['src', 'commands']));
});

/** The files under `dir` and what each imports, as "file -> import" lines for readable failures. */
function edgesFrom(dir: string): string[] {
  return Object.entries(imports)
    .filter(([file]) => file.startsWith(`${dir}/`))
    .flatMap(([file, deps]) => deps.map((d) => `${file} -> ${d}`));
}

describe('the import graph of src/ and commands/', () => {
  it('is the whole code, every import resolved (so an empty answer below means something)', () => {
    expect(Object.keys(imports).sort()).toEqual([...filesUnder('src'), ...filesUnder('commands')].sort());
    // Packages may go unresolved (a plain .mjs file's subpath exports); the bot's own files may not.
    expect(unresolved.filter((s) => s.startsWith('.') || s.startsWith('/'))).toEqual([]);
    // Imports written with .js resolve to the .ts files, type-only ones included.
    expect(imports['commands/index.ts']).toContain('commands/help.ts');
    expect(imports['src/bot/command.ts']).toContain('src/core/library/library.ts');
  });

  it('has no import loop', () => {
    expect(loops).toEqual([]);
  });

  it('keeps the core and the protocol off platforms, the store, the scheduler and the commands', () => {
    const upward = /^(src\/(platforms|store|scheduler)|commands)\//;
    const wrong = ['src/core', 'src/bot'].flatMap((dir) => [
      ...edgesFrom(dir).filter((e) => upward.test(e.split(' -> ')[1]!)),
      ...filesUnder(dir).flatMap((f) => packagesOf(f).filter((p) => INFRASTRUCTURE.some((re) => re.test(p))).map((p) => `${f} -> ${p}`)),
    ]);
    expect(wrong).toEqual([]);
  });

  it('keeps the store and the scheduler off the platforms and the commands', () => {
    for (const dir of ['src/store', 'src/scheduler']) {
      expect(edgesFrom(dir).filter((e) => /^(src\/platforms|commands)\//.test(e.split(' -> ')[1]!)), dir).toEqual([]);
    }
  });

  it('has the language-model client (network code) constructed only by main.ts and the one-shot CLI', () => {
    const into = Object.entries(imports).flatMap(([file, deps]) => deps.filter((d) => d.startsWith('src/llm/')).map((d) => `${file} -> ${d}`));
    expect(into.filter((e) => !/^(src\/llm\/|src\/main\.ts |src\/platforms\/terminal\/cli\.ts )/.test(e))).toEqual([]);
    // The check sees the edges it allows, so an empty answer above means something.
    expect(into).toContain('src/main.ts -> src/llm/index.ts');
  });

  it('has platforms reach commands only through the command list, never one command by name', () => {
    expect(edgesFrom('src/platforms').filter((e) => /-> commands\//.test(e) && !e.endsWith('-> commands/index.ts'))).toEqual([]);
  });
});

describe('the loop check itself', () => {
  let dir: string;
  beforeAll(() => {
    // A loop written the way this code writes imports: .js specifiers for .ts files, one type-only.
    dir = mkdtempSync(join(tmpdir(), 'rg-loop-'));
    writeFileSync(join(dir, 'a.ts'), "import { b } from './b.js';\nexport const a = () => b;\n");
    writeFileSync(join(dir, 'b.ts'), "import type { C } from './c.js';\nexport const b = 1 as unknown as C;\n");
    writeFileSync(join(dir, 'c.ts'), "import { a } from './a.js';\nexport type C = ReturnType<typeof a>;\n");
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('finds a planted loop', async () => {
    const planted = await importGraph(dir, ['.']);
    expect(planted.loops).toEqual([['a.ts', 'b.ts', 'c.ts']]);
  });
});
