// The cold-start scenario of `npm run bench`: what one one-shot terminal call costs, from launch to
// exit, on the bundled corpus restored from its snapshot. Issue 15 found most of it spent in npm
// and tsx and in importing libraries the call never used; the bot now runs compiled (dist/) with
// plain node and loads those libraries when first needed. This runs the same call the old way
// (tsx, with and without npm in front) and the new way (plain node, and `npm run cli`), N times
// each, interleaved so a busy machine slows them alike, and prints the medians and the ratio.
//
// CPU is that of the whole process tree (npm, node and anything they start), read from the
// children's rusage by a bash wrapper (`times`), since Node can only report its own process.
//
// The "before" rows run today's sources under tsx, so they already profit from the lazy loading;
// `--before REF` adds the old `npm run cli` on the code of a git commit (say, the one before this
// work), extracted to a temporary folder, which is the honest baseline.
//
//   npx tsx scripts/bench/cold-start.ts [--runs 5] [--before REF] [--json]
import { execFileSync, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { build, buildState, withLock } from '../build.mjs';
import { percentile } from './report.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const CALL = ['quote', '--seed', '1'];

export interface ColdStartVariant {
  name: string;
  /** Old way (tsx) or new (compiled). */
  way: 'before' | 'after';
  command: string;
  /** Medians over the runs: user + system CPU of the process tree, and launch to exit. */
  cpuMs: number;
  userMs: number;
  systemMs: number;
  wallMs: number;
  runs: number;
}

export interface ColdStartResult {
  call: string;
  runs: number;
  variants: ColdStartVariant[];
  /** The row the ratios are taken against: the old code at --before REF, else today's under npm + tsx. */
  baseline: string;
  /** Baseline CPU over the new `npm run cli`, and over plain node on dist/. */
  ratio: { npm: number; node: number };
}

interface Variant {
  name: string;
  way: 'before' | 'after';
  argv: string[];
  /** Where it runs (the checkout unless an old commit's copy) and its own snapshot folder. */
  cwd: string;
  snapshots: string;
}

const NPM_TSX = 'npm + tsx (old npm run cli)';
const NPM_CLI = 'npm run cli (compiled)';
const NODE_DIST = 'node dist/ (compiled)';

function variantsFor(dir: string, old?: { ref: string; root: string }): Variant[] {
  const here = (name: string, way: Variant['way'], argv: string[]): Variant => ({ name, way, argv, cwd: ROOT, snapshots: path.join(dir, 'snapshots') });
  return [
    // The old code shapes its index differently: a snapshot folder of its own, or each would rebuild the other's.
    // Its own package.json's `npm run cli`: tsx then.
    ...(old ? [{ name: `npm run cli at ${old.ref}`, way: 'before' as const, argv: ['npm', '--silent', 'run', 'cli', '--', ...CALL], cwd: old.root, snapshots: path.join(dir, 'snapshots-old') }] : []),
    here(NPM_TSX, 'before', ['npx', '--no-install', 'tsx', 'src/platforms/terminal/cli.ts', ...CALL]),
    here('node --import tsx', 'before', ['node', '--import', 'tsx', 'src/platforms/terminal/cli.ts', ...CALL]),
    here(NPM_CLI, 'after', ['npm', '--silent', 'run', 'cli', '--', ...CALL]),
    here(NODE_DIST, 'after', ['node', 'dist/src/platforms/terminal/cli.js', ...CALL]),
  ];
}

/** The sources of commit `ref` in a folder of their own, with this checkout's installed packages. */
function extractCommit(ref: string, into: string): string {
  const root = path.join(into, 'old');
  mkdirSync(root);
  const tar = execFileSync('git', ['archive', ref, 'src', 'commands', 'package.json', 'tsconfig.json'], { cwd: ROOT, maxBuffer: 256 * 1024 * 1024 });
  execFileSync('tar', ['-x', '-C', root], { input: tar });
  symlinkSync(path.join(ROOT, 'node_modules'), path.join(root, 'node_modules'));
  return root;
}

/** bash's `times`: "0m0.003s 0m0.001s" for the shell, then the same for its waited-for children. */
function parseTimes(out: string): { userMs: number; systemMs: number } {
  const line = out.trim().split('\n').pop() ?? '';
  const m = /^(\d+)m([\d.]+)s (\d+)m([\d.]+)s$/.exec(line.trim());
  if (!m) throw new Error(`cannot read CPU times from "${line}"`);
  return { userMs: (Number(m[1]) * 60 + Number(m[2])) * 1000, systemMs: (Number(m[3]) * 60 + Number(m[4])) * 1000 };
}

/** One call in a bash that reports its children's CPU; fails when the call does. */
function measure(v: Variant, env: NodeJS.ProcessEnv): Promise<{ userMs: number; systemMs: number; wallMs: number }> {
  const { argv } = v;
  const script = '"$@" >/dev/null 2>"$ERR_FILE" </dev/null; rc=$?; times; exit $rc';
  const errFile = path.join(env.BENCH_DIR!, 'stderr.txt');
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn('bash', ['-c', script, 'bash', ...argv], { cwd: v.cwd, env: { ...env, SNAPSHOT_DIR: v.snapshots, ERR_FILE: errFile }, stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      const wallMs = performance.now() - started;
      if (code !== 0) return reject(new Error(`${argv.join(' ')} exited with code ${code} (its stderr: ${errFile})`));
      try {
        resolve({ ...parseTimes(out), wallMs });
      } catch (e) {
        reject(e);
      }
    });
  });
}

/** The environment of a plain install: no tokens or model, a snapshot folder and database of its own. */
function benchEnv(dir: string): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const k of Object.keys(env)) if (/^(DISCORD_|SLACK_|LLM_|CORPUS_DIR|DATABASE_|SNAPSHOT_DIR|NODE_OPTIONS|LOG_LEVEL)/.test(k)) delete env[k];
  return { ...env, BENCH_DIR: dir, CORPUS_DIR: path.join(ROOT, 'data/corpus'), DATABASE_PATH: path.join(dir, 'bot.db'), SEMANTIC: 'off', LLM_BASE_URL: '', NO_COLOR: '1' };
}

export async function runColdStartScenario(opts: { runs: number; before?: string; log: (msg: string) => void }): Promise<ColdStartResult> {
  if (buildState() !== 'fresh') {
    opts.log('building dist/ first');
    if (!(await withLock(async () => buildState() === 'fresh' || (await build({ quiet: true }))))) throw new Error('npm run build failed');
  }
  const dir = mkdtempSync(path.join(os.tmpdir(), 'rg-cold-start-'));
  try {
    const env = benchEnv(dir);
    const VARIANTS = variantsFor(dir, opts.before ? { ref: opts.before, root: extractCommit(opts.before, dir) } : undefined);
    // Unmeasured: the first call builds the snapshot the others restore, and each way runs once so
    // the file cache and tsx's transform cache are warm, as they are for someone using the bot.
    for (const v of VARIANTS) await measure(v, env);
    const samples = VARIANTS.map(() => [] as { userMs: number; systemMs: number; wallMs: number }[]);
    for (let run = 0; run < opts.runs; run++) {
      for (const [i, v] of VARIANTS.entries()) samples[i]!.push(await measure(v, env));
      opts.log(`cold start: run ${run + 1} of ${opts.runs}`);
    }
    const median = (xs: number[]) => Math.round(percentile(xs, 50));
    const rows = VARIANTS.map((v, i): ColdStartVariant => {
      const s = samples[i]!;
      return {
        name: v.name,
        way: v.way,
        command: v.argv.join(' '),
        cpuMs: median(s.map((x) => x.userMs + x.systemMs)),
        userMs: median(s.map((x) => x.userMs)),
        systemMs: median(s.map((x) => x.systemMs)),
        wallMs: median(s.map((x) => x.wallMs)),
        runs: s.length,
      };
    });
    const cpu = (name: string) => rows.find((v) => v.name === name)!.cpuMs;
    const baseline = VARIANTS[0]!.name;
    const times = (after: string) => Math.round((cpu(baseline) / cpu(after)) * 10) / 10;
    return { call: CALL.join(' '), runs: opts.runs, variants: rows, baseline, ratio: { npm: times(NPM_CLI), node: times(NODE_DIST) } };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export function formatColdStartTable(r: ColdStartResult): string {
  const rows = r.variants.map((v) => `| ${v.way} | ${v.name} | ${v.cpuMs} ms | ${v.userMs} / ${v.systemMs} ms | ${v.wallMs} ms |`);
  return [
    `Cold start: one \`cli ${r.call}\` on the bundled corpus from its snapshot (median of ${r.runs}; CPU of the whole process tree)`,
    '',
    '| | how | CPU | user / system | wall |',
    '|---|---|---|---|---|',
    ...rows,
    '',
    `CPU of "${r.baseline}" over the compiled bot: ${r.ratio.npm}x through npm run cli, ${r.ratio.node}x with plain node.`,
  ].join('\n');
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const { values } = parseArgs({ options: { runs: { type: 'string', default: '5' }, before: { type: 'string' }, json: { type: 'boolean', default: false } } });
  const runs = Number(values.runs);
  if (!Number.isInteger(runs) || runs < 1) {
    console.error(`--runs wants a whole number of runs, 1 or more (got "${values.runs}")`);
    process.exit(2);
  }
  const r = await runColdStartScenario({ runs, ...(values.before ? { before: values.before } : {}), log: (msg) => process.stderr.write(`[cold-start] ${msg}\n`) });
  process.stdout.write(JSON.stringify({ scenario: 'cold-start', ...r }) + '\n');
  if (!values.json) process.stdout.write('\n' + formatColdStartTable(r) + '\n');
}
