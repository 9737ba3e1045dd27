// `npm run bench`: start-up, memory and query latency of the library on the bundled corpus and on
// synthetic corpora of given sizes, against a linear scan and default minisearch. Each scenario
// runs in a fresh child process; this one generates corpora, collects results, prints one JSON
// line per scenario on stdout and then a table (unless --json). Never exits non-zero for a
// scenario that failed: the failure is a result line of its own.
//
//   npm run bench -- [--sizes 1,10,100] [--queries 500] [--seed 42] [--json] [--out DIR]
//                    [--timeout 1800] [--heap MB] [--no-bundled] [--acks] [--long-line 100,400,800]
//                    [--no-semantic] [--cold-start 5]
//
// --cold-start N: one one-shot terminal call on the bundled corpus, N times each way: the old way
// (tsx, behind npm and without) and compiled (plain node, and npm run cli); CPU of the process
// tree, wall time and the ratio (scripts/bench/cold-start.ts). "0" skips it.
//
// Semantic retrieval (unless --no-semantic; scripts/bench/semantic.ts): the bundled corpus's first
// start to its prompt and to its vectors being served, a restart with them, their build cost and
// size a passage, query embedding and scoring, /topic p99 with semantic on (target 50 ms) and
// autocomplete p99 beside words only; the synthetic corpora's cost projected from it.
//
// --long-line: build time of one document with no line breaks at these sizes in KB, prose and
// unpunctuated, and the ratio of the longest to the shortest (linear ≈ the length ratio;
// scripts/bench/long-line.ts). "0" skips it.
//
// --acks: afterwards, the running bot against the fake Discord and Slack, on the largest synthetic
// corpus requested (the bundled one when there are no sizes): the time to every command's first
// response while the library loads, once it is ready and while it reloads (scripts/bench/acks/;
// target: within 1 s). One more JSON line ("scenario": "acks") and a table of the phases.
import { spawn } from 'node:child_process';
import { readdir, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { formatTables, PARTIAL_PREFIX, RESULT_PREFIX, round, type ScenarioFailure, type ScenarioResult } from './bench/report.js';
import { ensureSyntheticCorpus, MB } from './bench/synthetic.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const CHILD = path.join(ROOT, 'scripts/bench/child.ts');

const { values } = parseArgs({
  options: {
    sizes: { type: 'string', default: '1,10' },
    queries: { type: 'string', default: '500' },
    seed: { type: 'string', default: '42' },
    json: { type: 'boolean', default: false },
    out: { type: 'string' },
    // A 100 MB scenario takes about 11 minutes here, most of it in the baselines.
    timeout: { type: 'string', default: '1800' },
    heap: { type: 'string' },
    'no-bundled': { type: 'boolean', default: false },
    acks: { type: 'boolean', default: false },
    'long-line': { type: 'string', default: '100,400,800' },
    'no-semantic': { type: 'boolean', default: false },
    'cold-start': { type: 'string', default: '5' },
  },
});

const sizes = values.sizes
  .split(',')
  .map((s) => s.trim())
  .filter(Boolean)
  .map(Number);
if (sizes.some((n) => !Number.isFinite(n) || n <= 0)) {
  console.error(`--sizes wants positive numbers of MB, like 1,10,100 (got "${values.sizes}")`);
  process.exit(2);
}
const seed = Number(values.seed);
const queries = Number(values.queries);
const timeoutMs = Number(values.timeout) * 1000;
const outDir = path.resolve(values.out ?? path.join(os.tmpdir(), 'reading-group-bench'));
const note = (msg: string) => process.stderr.write(`[bench] ${msg}\n`);

async function corpusBytes(dir: string): Promise<number> {
  let total = 0;
  for (const n of await readdir(dir)) if (/\.(txt|md)$/i.test(n)) total += (await stat(path.join(dir, n))).size;
  return total;
}

/** The most telling line of a crashed child's stderr. */
const firstError = (stderr: string) =>
  stderr.split('\n').find((l) => /error/i.test(l) && !/^\s+at /.test(l))?.trim() ?? stderr.trim().split('\n').slice(-3).join(' | ');

/** Runs one scenario in a fresh `node --expose-gc --import tsx` and returns its result. */
function runChild(name: string, dir: string, corpusMB: number): Promise<ScenarioResult | ScenarioFailure> {
  const nodeArgs = ['--expose-gc', ...(values.heap ? [`--max-old-space-size=${values.heap}`] : []), '--import', 'tsx'];
  const args = [...nodeArgs, CHILD, '--dir', dir, '--name', name, '--corpus-mb', String(corpusMB), '--queries', String(queries), '--seed', String(seed)];
  return new Promise((resolve) => {
    const started = performance.now();
    const child = spawn(process.execPath, args, { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderrTail = '';
    let timedOut = false;
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => {
      process.stderr.write(d);
      stderrTail = (stderrTail + d.toString()).slice(-2000);
    });
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, timeoutMs);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      const wallMs = Math.round(performance.now() - started);
      const lines = stdout.split('\n');
      const line = lines.find((l) => l.startsWith(RESULT_PREFIX));
      const lastPartial = lines.filter((l) => l.startsWith(PARTIAL_PREFIX)).pop();
      const partial = lastPartial ? (JSON.parse(lastPartial.slice(PARTIAL_PREFIX.length)) as Partial<ScenarioResult>) : {};
      if (line) {
        const r = JSON.parse(line.slice(RESULT_PREFIX.length)) as ScenarioResult;
        r.extra = { ...r.extra, childWallMs: wallMs };
        return resolve(r);
      }
      const oom = /heap out of memory|Allocation failed/i.test(stderrTail);
      const error = timedOut
        ? `stopped after ${values.timeout} s (timeout)`
        : oom
          ? 'ran out of memory'
          : `child exited with ${signal ?? `code ${code}`}: ${firstError(stderrTail)}`;
      resolve({ scenario: name, corpusMB, ...partial, error, extra: { ...partial.extra, childWallMs: wallMs } });
    });
  });
}

const results: (ScenarioResult | ScenarioFailure)[] = [];
const emit = (r: ScenarioResult | ScenarioFailure) => {
  results.push(r);
  process.stdout.write(JSON.stringify(r) + '\n');
};

if (!values['no-bundled']) {
  const dir = path.join(ROOT, 'data/corpus');
  note('scenario bundled (data/corpus)');
  emit(await runChild('bundled', dir, round((await corpusBytes(dir)) / MB)));
}
for (const size of sizes) {
  const name = `synthetic-${size}mb`;
  const dir = path.join(outDir, `synthetic-seed${seed}-${size}mb`);
  let generateMs: number | undefined;
  try {
    const { manifest, generated } = await ensureSyntheticCorpus(dir, { sizeBytes: Math.round(size * MB), seed });
    if (generated) generateMs = manifest.generateMs;
    note(`${generated ? 'generated' : 'reusing'} ${dir}: ${manifest.files} files, ${round(manifest.bytes / MB)} MB${generated ? ` in ${manifest.generateMs} ms` : ''}`);
  } catch (e) {
    emit({ scenario: name, corpusMB: size, error: `could not generate the corpus: ${(e as Error).message}` });
    continue;
  }
  note(`scenario ${name}`);
  const r = await runChild(name, dir, round((await corpusBytes(dir)) / MB));
  if (generateMs !== undefined) r.extra = { ...r.extra, generateMs };
  emit(r);
}

if (!values.json) process.stdout.write('\n' + formatTables(results) + '\n');

const longLineKB = values['long-line'].split(',').map(Number).filter((n) => Number.isFinite(n) && n > 0);
if (longLineKB.length >= 2) {
  const { formatLongLineTable, runLongLineScenario } = await import('./bench/long-line.js');
  note(`scenario long-line (${longLineKB.join(', ')} KB)`);
  try {
    const r = await runLongLineScenario({ sizesKB: longLineKB, workDir: outDir, log: (msg) => note(msg) });
    process.stdout.write(JSON.stringify({ scenario: 'long-line', ...r }) + '\n');
    if (!values.json) process.stdout.write('\n' + formatLongLineTable(r) + '\n');
  } catch (e) {
    process.stdout.write(JSON.stringify({ scenario: 'long-line', error: (e as Error).message }) + '\n');
  }
}

const coldStartRuns = Number(values['cold-start']);
if (Number.isInteger(coldStartRuns) && coldStartRuns > 0) {
  const { formatColdStartTable, runColdStartScenario } = await import('./bench/cold-start.js');
  note(`scenario cold-start (${coldStartRuns} runs each way)`);
  try {
    const r = await runColdStartScenario({ runs: coldStartRuns, log: (msg) => note(msg) });
    process.stdout.write(JSON.stringify({ scenario: 'cold-start', ...r }) + '\n');
    if (!values.json) process.stdout.write('\n' + formatColdStartTable(r) + '\n');
  } catch (e) {
    process.stdout.write(JSON.stringify({ scenario: 'cold-start', error: (e as Error).message }) + '\n');
  }
}

if (!values['no-semantic']) {
  note('scenario semantic (bundled corpus; larger ones projected)');
  const project = results.flatMap((r) => (r.scenario !== 'bundled' && r.passages ? [`${r.scenario}:${r.passages}`] : [])).join(',');
  const line = await new Promise<string>((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, 'scripts/bench/semantic.ts'), '--project', project, '--seed', String(seed)], { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.on('close', (code) => resolve(out.split('\n').find((l) => l.startsWith('SEMANTIC ')) ?? `SEMANTIC ${JSON.stringify({ scenario: 'semantic', error: `exited ${code}` })}`));
  });
  const r = JSON.parse(line.slice('SEMANTIC '.length)) as Record<string, any>;
  process.stdout.write(JSON.stringify(r) + '\n');
  if (!values.json && !r.error) {
    const l = (x: { p50: number; p99: number }) => `${x.p50} / ${x.p99}`;
    process.stdout.write(
      [
        '',
        `Semantic retrieval (${r.model}, bundled: ${r.passages} passages, ${r.sentences} sentences)`,
        `  first start: prompt ${r.firstStart.promptMs} ms, vectors served ${r.firstStart.semanticReadyMs} ms; restart: prompt ${r.restart.promptMs} ms, vectors served ${r.restart.semanticReadyMs} ms`,
        `  build ${r.buildMs} ms = ${r.msPerPassage} ms/passage (${r.msPerSentence} ms/sentence); size ${r.vectorBytes} bytes = ${r.bytesPerPassage} bytes/passage`,
        `  ms p50 / p99: query embed ${l(r.queryEmbed)}, scoring ${l(r.scoring)}, /topic fresh query ${l(r.topicFresh)}, repeated ${l(r.topicRepeated)}, words only ${l(r.topicWordsOnly)}`,
        `  autocomplete p50 / p99: words only ${l(r.autocompleteWordsOnly)}, semantic on ${l(r.autocompleteSemanticOn)} (it never uses vectors)`,
        ...r.projected.map((p: Record<string, unknown>) => `  ${p.scenario}: ${p.passages} passages, ${p.auto} (auto <= ${r.autoMaxPassages}); projected ${p.projectedBuildMin} min of one core, ${p.projectedVectorMB} MB`),
      ].join('\n') + '\n',
    );
  }
}

if (values.acks) {
  const { formatAckTable, runAckScenario, withoutSamples } = await import('./bench/acks/index.js');
  const largest = sizes.length ? Math.max(...sizes) : undefined;
  const dir =
    largest !== undefined ? path.join(outDir, `synthetic-seed${seed}-${largest}mb`) : values['no-bundled'] ? undefined : path.join(ROOT, 'data/corpus');
  if (!dir) note('--acks: no corpus to run on (--no-bundled and no --sizes)');
  else {
    note(`scenario acks on ${dir}`);
    const r = await runAckScenario({
      corpusDir: dir,
      startTimeoutMs: timeoutMs,
      heapMB: values.heap ? Number(values.heap) : undefined,
      log: (msg) => note(`acks: ${msg}`),
    });
    process.stdout.write(JSON.stringify({ scenario: 'acks', ...withoutSamples(r) }) + '\n');
    if (!values.json) process.stdout.write('\n' + formatAckTable(r) + '\n');
  }
}
