// One benchmark scenario in a fresh process (started by scripts/bench.ts with --expose-gc), so no
// JIT or heap state leaks between scenarios. Prints one line "BENCH_RESULT {json}" on stdout;
// progress goes to stderr.
import { parseArgs } from 'node:util';
import MiniSearch from 'minisearch';
import { loadCorpus } from '../../src/core/ingest/index.js';
import { Library } from '../../src/core/library.js';
import { buildCorpus } from '../../src/core/passages.js';
import type { IngestedDocument } from '../../src/core/types.js';
import { DefaultMiniSearch, LinearScan } from './baselines.js';
import { makeQueryMix, QUERY_KINDS, type BenchQuery, type QueryKind } from './queries.js';
import { latency, PARTIAL_PREFIX, percentile, RESULT_PREFIX, round, type Latency, type ScenarioResult } from './report.js';
import { MB } from './synthetic.js';

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
const heapMB = () => round(process.memoryUsage().heapUsed / MB);
const time = <T>(f: () => T): [T, number] => {
  const t = performance.now();
  const v = f();
  return [v, performance.now() - t];
};

// Start-up, as loadLibrary does it, timed step by step.
let t = performance.now();
let documents: IngestedDocument[] | undefined = (await loadCorpus(dir)).documents;
const ingestMs = performance.now() - t;
const documentCount = documents.length;
progress(`ingest ${Math.round(ingestMs)} ms, ${documentCount} documents`);
gc();
record({ documents: documentCount, ingestMs: Math.round(ingestMs) }, { heapAfterIngestMB: heapMB() });
const [corpus, passagesMs] = time(() => buildCorpus(documents!));
progress(`passages ${Math.round(passagesMs)} ms, ${corpus.passages.length} passages`);
record({ passages: corpus.passages.length, passagesMs: Math.round(passagesMs) });
const [library, indexMs] = time(() => new Library(corpus));
const readyAfterLaunchMs = performance.now();
progress(`index ${Math.round(indexMs)} ms`);
documents = undefined; // the bot keeps only the library
gc();
const heap = (globalThis as { gc?: unknown }).gc ? heapMB() : null;
record(
  { indexMs: Math.round(indexMs), startupMs: Math.round(ingestMs + passagesMs + indexMs), heapMB: heap },
  { readyAfterLaunchMs: round(readyAfterLaunchMs), projectExposesSnapshot: false },
);

// Index snapshot. SearchIndex keeps its MiniSearch private and offers no toJSON: reach in.
const extra = partial.extra;
let snapshotMB: number | null = null;
let snapshotLoadMs: number | null = null;
try {
  const mini = (library.index as unknown as { mini: MiniSearch & { _options: { fields: string[] } } }).mini;
  let [json, saveMs] = time(() => JSON.stringify(mini));
  snapshotMB = round(Buffer.byteLength(json) / MB);
  const [, loadMs] = time(() => MiniSearch.loadJSON(json!, { fields: mini._options.fields }));
  snapshotLoadMs = round(loadMs);
  extra.snapshotSaveMs = round(saveMs);
  json = '';
  progress(`snapshot ${snapshotMB} MB, save ${Math.round(saveMs)} ms, load ${Math.round(loadMs)} ms`);
} catch (e) {
  extra.snapshotError = (e as Error).message;
  progress(`snapshot failed: ${(e as Error).message}`);
}
gc();
record({ snapshotMB, snapshotLoadMs });

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
  passages: corpus.passages.length,
  ingestMs: Math.round(ingestMs),
  passagesMs: Math.round(passagesMs),
  indexMs: Math.round(indexMs),
  startupMs: Math.round(ingestMs + passagesMs + indexMs),
  heapMB: heap,
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
