// The benchmark's result shape, percentiles, rounding and the readable table.

/** How a scenario's child process marks its result line on stdout. */
export const RESULT_PREFIX = 'BENCH_RESULT ';
/** What it has measured so far, after each phase: kept when a later phase times out or crashes. */
export const PARTIAL_PREFIX = 'BENCH_PARTIAL ';

export interface Latency {
  p50: number;
  p99: number;
  max?: number;
}

export interface ScenarioResult {
  scenario: string;
  corpusMB: number;
  documents: number;
  passages: number;
  ingestMs: number;
  passagesMs: number;
  indexMs: number;
  /** First start with no snapshot: ingest + passages + index ("build ms" in the table). */
  startupMs: number;
  /** What a restarted bot holds once ready: JS heap plus typed arrays ("held MB"). */
  heapMB: number | null;
  snapshotMB: number | null;
  /** A restart in a fresh process: corpus hash, snapshot read, check and restore ("restart ms"). */
  snapshotLoadMs: number | null;
  query: Latency;
  autocomplete: Latency;
  scan: Latency;
  minisearchDefault: Latency;
  ratios: { vsScanP99: number; vsDefaultP99: number };
  /** Extras, not in every consumer's schema: context for reading the figures above. */
  extra?: Record<string, unknown>;
}

/** A scenario that did not finish: what it measured before it stopped, and why it stopped. */
export type ScenarioFailure = Partial<ScenarioResult> & {
  scenario: string;
  corpusMB: number;
  error: string;
};

/** Nearest-rank percentile of unsorted samples. */
export function percentile(samples: number[], p: number): number {
  if (!samples.length) return NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.min(sorted.length, Math.max(1, Math.ceil((p / 100) * sorted.length)));
  return sorted[rank - 1]!;
}

/** Three significant digits below 1000, whole numbers above. */
export function round(x: number): number;
export function round(x: number | null | undefined): number | null;
export function round(x: number | null | undefined): number | null {
  if (x === null || x === undefined || !Number.isFinite(x)) return null;
  if (Math.abs(x) >= 1000) return Math.round(x);
  return Number(x.toPrecision(3));
}

export function latency(samples: number[], withMax = true): Latency {
  const l: Latency = { p50: round(percentile(samples, 50)), p99: round(percentile(samples, 99)) };
  if (withMax) l.max = round(Math.max(...samples));
  return l;
}

/** "12.3x faster" for a ratio ours/baseline below 1, "2.0x slower" above. */
export function speedup(ratio: number | null | undefined): string {
  if (ratio === null || ratio === undefined || !Number.isFinite(ratio) || ratio <= 0) return '-';
  return ratio <= 1 ? `${round(1 / ratio)}x faster` : `${round(ratio)}x slower`;
}

function table(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

const s = (x: number | string | null | undefined) => (x === null || x === undefined ? '-' : String(x));
const pair = (l: Latency | undefined) => (l ? `${s(l.p50)} / ${s(l.p99)}` : '-');

export function formatTables(results: (ScenarioResult | ScenarioFailure)[]): string {
  const ok = results as Partial<ScenarioResult>[];
  const failed = results.filter((r): r is ScenarioFailure => 'error' in r);
  const build = table(
    ['scenario', 'MB', 'docs', 'passages', 'ingest ms', 'passages ms', 'index ms', 'build ms', 'held MB', 'snapshot MB', 'restart ms'],
    ok.map((r) => [s(r.scenario), s(r.corpusMB), s(r.documents), s(r.passages), s(r.ingestMs), s(r.passagesMs), s(r.indexMs), s(r.startupMs), s(r.heapMB), s(r.snapshotMB), s(r.snapshotLoadMs)]),
  );
  const queries = table(
    ['scenario', 'search p50/p99/max ms', 'autocomplete p50/p99', 'scan p50/p99', 'minisearch default p50/p99', 'vs scan (p99)', 'vs default (p99)'],
    ok.map((r) => [
      s(r.scenario),
      r.query ? `${pair(r.query)} / ${s(r.query.max)}` : '-',
      pair(r.autocomplete),
      pair(r.scan),
      pair(r.minisearchDefault),
      speedup(r.ratios?.vsScanP99),
      speedup(r.ratios?.vsDefaultP99),
    ]),
  );
  const out = [build, '', queries, ...floorTable(ok)];
  if (failed.length) out.push('', 'failed:', ...failed.map((f) => `  ${f.scenario} (${f.corpusMB} MB): ${f.error}`));
  return out.join('\n');
}

/** The first build beside the floor (reading the files and tokenizing their text once; floor.ts). */
function floorTable(results: Partial<ScenarioResult>[]): string[] {
  type Floor = { cpuMs: number; wallMs: number };
  const rows = results.flatMap((r) => {
    const x = r.extra as { floor?: Floor; buildCpuMs?: number; buildVsFloor?: { cpu: number; wall: number } } | undefined;
    if (!x?.floor) return [];
    return [[s(r.scenario), s(r.startupMs), s(x.buildCpuMs), s(x.floor.wallMs), s(x.floor.cpuMs), `${s(x.buildVsFloor?.wall)}x`, `${s(x.buildVsFloor?.cpu)}x`]];
  });
  if (!rows.length) return [];
  return ['', 'First build against the floor (read the same files and tokenize + stem their text once)', table(['scenario', 'build ms', 'build CPU ms', 'floor ms', 'floor CPU ms', 'build/floor wall', 'build/floor CPU'], rows)];
}
