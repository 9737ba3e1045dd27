// One benchmark scenario in a fresh process (started by scripts/bench.ts with --expose-gc), so no
// JIT or heap state leaks between scenarios. Prints one line "BENCH_RESULT {json}" on stdout;
// progress goes to stderr.
import { parseArgs } from 'node:util';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { execFile } from 'node:child_process';
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { loadCorpus } from '../../src/core/ingest/index.js';
import { Library } from '../../src/core/library/library.js';
import { loadLibrary } from '../../src/core/library/load.js';
import { SearchIndex, buildSearchData } from '../../src/core/search/search-index.js';
import { corpusKey, encodeSnapshot, snapshotPath } from '../../src/core/library/snapshot.js';
import { buildCorpus } from '../../src/core/ingest/passages.js';
import type { IngestedDocument } from '../../src/core/corpus.js';
import { DefaultMiniSearch, LinearScan } from './baselines.js';
import { makeQueryMix, QUERY_KINDS, type BenchQuery, type QueryKind } from './queries.js';
import { latency, PARTIAL_PREFIX, percentile, RESULT_PREFIX, round, type Latency, type ScenarioResult } from './report.js';
import { MB } from './synthetic.js';
import { FLOOR_PREFIX, type FloorResult } from './floor.js';

const { values } = parseArgs({
  options: {
    dir: { type: 'string' },
    name: { type: 'string' },
    'corpus-mb': { type: 'string' },
    queries: { type: 'string', default: '500' },
    seed: { type: 'string', default: '42' },
  },
});
const dir = values.dir!;
const name = values.name ?? dir;
const queryCount = Number(values.queries);
const seed = Number(values.seed);

const progress = (msg: string) => process.stderr.write(`[bench ${name}] ${msg}\n`);
const partial: Partial<ScenarioResult> & { extra: Record<string, unknown> } = { scenario: name, corpusMB: Number(values['corpus-mb']), extra: {} };
/** Records measurements and reports them at once, so a later timeout still leaves them. */
const record = (fields: Partial<ScenarioResult>, extra: Record<string, unknown> = {}) => {
  Object.assign(partial, fields);
  Object.assign(partial.extra, extra, { rssMB: round(process.memoryUsage().rss / MB) });
  process.stdout.write(PARTIAL_PREFIX + JSON.stringify(partial) + '\n');
};
const gc = () => (globalThis as { gc?: () => void }).gc?.();
/** What the library holds: the JS heap plus its typed arrays, which live outside it. */
const heapMB = () => round((process.memoryUsage().heapUsed + process.memoryUsage().arrayBuffers) / MB);
const jsHeapMB = () => round(process.memoryUsage().heapUsed / MB);
const arrayBuffersMB = () => round(process.memoryUsage().arrayBuffers / MB);
const time = <T>(f: () => T): [T, number] => {
  const t = performance.now();
  const v = f();
  return [v, performance.now() - t];
};

// Start-up from nothing, as loadLibrary builds on the worker thread, timed step by step.
const buildCpu = process.cpuUsage();
let t = performance.now();
let documents: IngestedDocument[] | undefined = (await loadCorpus(dir)).documents;
const ingestMs = performance.now() - t;
const documentCount = documents.length;
progress(`ingest ${Math.round(ingestMs)} ms, ${documentCount} documents`);
gc();
record({ documents: documentCount, ingestMs: Math.round(ingestMs) }, { heapAfterIngestMB: heapMB() });
let [built, passagesMs] = time(() => buildCorpus(documents!));
progress(`passages ${Math.round(passagesMs)} ms, ${built.passages.length} passages`);
const passageCount = built.passages.length;
record({ passages: passageCount, passagesMs: Math.round(passagesMs) });
let [searchData, indexMs] = time(() => buildSearchData(built));
const buildCpuUsed = process.cpuUsage(buildCpu);
const buildCpuMs = Math.round((buildCpuUsed.user + buildCpuUsed.system) / 1000);
let builtLibrary: Library | undefined = new Library(built, new SearchIndex(built, searchData));
progress(`index ${Math.round(indexMs)} ms`);
documents = undefined; // the bot keeps only the library
gc();
const heap = (globalThis as { gc?: unknown }).gc ? heapMB() : null;
const extra = partial.extra;
record({ indexMs: Math.round(indexMs), startupMs: Math.round(ingestMs + passagesMs + indexMs) }, { heapAfterBuildMB: heap, heapUsedMB: jsHeapMB(), arrayBuffersMB: arrayBuffersMB(), buildCpuMs });

// The floor beside it: the same files read and tokenized once, in a fresh process (floor.ts).
const floor = await new Promise<FloorResult | null>((resolve) => {
  execFile(process.execPath, ['--import', 'tsx', fileURLToPath(new URL('./floor.ts', import.meta.url)), '--dir', dir], { maxBuffer: 1 << 20 }, (err, stdout) => {
    const line = stdout.split('\n').find((l) => l.startsWith(FLOOR_PREFIX));
    resolve(err || !line ? null : (JSON.parse(line.slice(FLOOR_PREFIX.length)) as FloorResult));
  });
});
if (floor) {
  const buildMs = Math.round(ingestMs + passagesMs + indexMs);
  progress(`floor (read + tokenize once) ${floor.cpuMs} ms CPU, ${floor.wallMs} ms wall; build ${buildCpuMs} ms CPU = ${round(buildCpuMs / floor.cpuMs)}x`);
  record({}, { floor, buildVsFloor: { cpu: round(buildCpuMs / floor.cpuMs), wall: round(buildMs / floor.wallMs) } });
} else progress('floor: the read + tokenize run failed');

// The snapshot the bot saves, and a restart from it (corpus hash, read, check, decode, restore).
const snapshotDir = await mkdtemp(path.join(os.tmpdir(), 'bench-snap-'));
const { key } = await corpusKey(dir);
let [encoded, saveMs] = time(() => encodeSnapshot({ corpus: built, search: searchData, warnings: [] }, key));
await mkdir(snapshotDir, { recursive: true });
await writeFile(snapshotPath(snapshotDir, dir), encoded);
const snapshotMB = round(encoded.length / MB);
extra.snapshotSaveMs = round(saveMs);
encoded = Buffer.alloc(0);
builtLibrary = undefined;
built = undefined!;
searchData = undefined!;
gc();
// The restart in a fresh process (the honest figure: module loading, no leftovers of the build),
// then here too, for the queries below.
const fresh = await new Promise<Record<string, number | string>>((resolve, reject) => {
  execFile(
    process.execPath,
    ['--expose-gc', '--import', 'tsx', fileURLToPath(new URL('./restart.ts', import.meta.url)), '--dir', dir, '--snapshot-dir', snapshotDir],
    { maxBuffer: 1 << 20 },
    (err, stdout) => {
      const line = stdout.split('\n').find((l) => l.startsWith('RESTART '));
      if (err || !line) reject(err ?? new Error('restart printed nothing'));
      else resolve(JSON.parse(line.slice('RESTART '.length)));
    },
  );
});
if (fresh.source !== 'snapshot') throw new Error('the restart did not use the snapshot');
const snapshotLoadMs = Number(fresh.loadMs);
extra.restart = fresh;
// What a serving bot holds: the restarted process's JS heap plus typed arrays.
const heldMB = Number(fresh.heapUsedMB) + Number(fresh.arrayBuffersMB);
const restarted = await loadLibrary(dir, { snapshotDir });
const library = restarted.library;
const corpus = library.corpus;
progress(`snapshot ${snapshotMB} MB, save ${Math.round(saveMs)} ms, restart from it ${snapshotLoadMs} ms (launch to ready ${fresh.launchToReadyMs} ms, ${Number(fresh.heapUsedMB) + Number(fresh.arrayBuffersMB)} MB held)`);
await rm(snapshotDir, { recursive: true, force: true });
record({ snapshotMB, snapshotLoadMs, heapMB: heldMB });

// Queries from the corpus's own text; a separate warm-up set first, as a running bot is warm.
const texts = corpus.passages.map((p) => p.text);
const queries = makeQueryMix(texts, queryCount, seed);
const warmup = makeQueryMix(texts, Math.min(50, Math.ceil(queryCount / 10)), seed + 1);
const searchQueries = queries.filter((q) => q.kind !== 'prefix');

function measure(qs: BenchQuery[], run: (q: BenchQuery) => unknown): { all: number[]; byKind: Map<QueryKind, number[]>; errors: number } {
  const all: number[] = [];
  const byKind = new Map<QueryKind, number[]>();
  let errors = 0;
  for (const q of qs) {
    const started = performance.now();
    try {
      run(q);
    } catch {
      errors++;
    }
    const ms = performance.now() - started;
    all.push(ms);
    const list = byKind.get(q.kind);
    if (list) list.push(ms);
    else byKind.set(q.kind, [ms]);
  }
  return { all, byKind, errors };
}

const ours = (q: BenchQuery) => (q.kind === 'prefix' ? library.querySuggestions(q.text) : library.search(q.text, { limit: 3 }));
measure(warmup, ours);
t = performance.now();
const measured = measure(queries, ours);
progress(`${queries.length} queries in ${Math.round(performance.now() - t)} ms`);
const searchSamples = queries.flatMap((q, i) => (q.kind === 'prefix' ? [] : [measured.all[i]!]));
const autocompleteSamples = measured.byKind.get('prefix') ?? [];
const byKind: Record<string, Latency> = {};
for (const k of QUERY_KINDS) if (measured.byKind.get(k)?.length) byKind[k] = latency(measured.byKind.get(k)!);
extra.queryByKind = byKind;
extra.queryCounts = { search: searchSamples.length, autocomplete: autocompleteSamples.length, errors: measured.errors };
const query = latency(searchSamples);
record({ query, autocomplete: latency(autocompleteSamples, false) });

// Baselines on the same passages and search queries.
const passages = corpus.passages.map((p) => ({ id: p.id, text: p.text }));
let [scan, scanBuildMs] = time(() => new LinearScan(passages));
measure(warmup.filter((q) => q.kind !== 'prefix'), (q) => scan!.search(q.text, 3));
const scanSamples = measure(searchQueries, (q) => scan!.search(q.text, 3)).all;
progress(`scan baseline done`);
record({ scan: latency(scanSamples, false) }, { scanBuildMs: round(scanBuildMs) });
scan = undefined!;
gc();
const [def, defaultBuildMs] = time(() => new DefaultMiniSearch(passages));
measure(warmup.filter((q) => q.kind !== 'prefix'), (q) => def.search(q.text, 3));
const defaultSamples = measure(searchQueries, (q) => def.search(q.text, 3)).all;
progress(`minisearch default baseline done`);
extra.minisearchDefaultBuildMs = round(defaultBuildMs);
extra.peakRssMB = round(process.resourceUsage().maxRSS / 1024);
extra.rssMB = round(process.memoryUsage().rss / MB);

const scanLatency = latency(scanSamples, false);
const defaultLatency = latency(defaultSamples, false);
const result: ScenarioResult = {
  scenario: name,
  corpusMB: Number(values['corpus-mb']),
  documents: documentCount,
  passages: passageCount,
  ingestMs: Math.round(ingestMs),
  passagesMs: Math.round(passagesMs),
  indexMs: Math.round(indexMs),
  startupMs: Math.round(ingestMs + passagesMs + indexMs),
  heapMB: heldMB,
  snapshotMB,
  snapshotLoadMs,
  query,
  autocomplete: latency(autocompleteSamples, false),
  scan: scanLatency,
  minisearchDefault: defaultLatency,
  ratios: {
    vsScanP99: round(percentile(searchSamples, 99) / percentile(scanSamples, 99)),
    vsDefaultP99: round(percentile(searchSamples, 99) / percentile(defaultSamples, 99)),
  },
  extra,
};
process.stdout.write(RESULT_PREFIX + JSON.stringify(result) + '\n');
