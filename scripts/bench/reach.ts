// What a reading plan's spoiler limit costs: /topic, /quote candidates and autocomplete on the
// bundled corpus with a reach (half-way through its largest document) against without, same
// queries. The limit is a filter on the finished index; which words only the part ahead uses is
// read once per word as requests ask (horizon.ts), so the first round pays for that and the second not.
// Run: npx tsx scripts/bench/reach.ts [queries]
import path from 'node:path';
import { PROJECT_ROOT } from '../../src/config.js';
import { loadLibrary } from '../../src/core/library/load.js';
import { configureLog } from '../../src/core/log.js';
import type { ReadingLimit } from '../../src/core/search/horizon.js';
import { makeQueryMix } from './queries.js';

configureLog({ level: 'error' });
const n = Number(process.argv[2] ?? 400);
const { library } = await loadLibrary(path.join(PROJECT_ROOT, 'data/corpus'));
const [docId, passages] = [...library.corpus.byDoc].sort((a, b) => b[1].length - a[1].length)[0]!;
const reach: ReadingLimit = { docId, upTo: passages[Math.floor(passages.length / 2)]!.position };
const queries = makeQueryMix(library.corpus.passages.map((p) => p.text), n, 14);

const first = performance.now();
library.index.horizon(reach);
const tableMs = performance.now() - first;

function time(label: string, run: (q: string) => unknown, texts: string[]): number[] {
  const ms: number[] = [];
  for (const q of texts) {
    const t = performance.now();
    run(q);
    ms.push(performance.now() - t);
  }
  ms.sort((a, b) => a - b);
  const at = (p: number) => ms[Math.min(ms.length - 1, Math.floor(p * ms.length))]!.toFixed(2);
  const mean = (ms.reduce((a, b) => a + b, 0) / ms.length).toFixed(2);
  console.log(`${label.padEnd(34)} n=${ms.length} mean ${mean} ms  p50 ${at(0.5)}  p95 ${at(0.95)}  max ${at(1)}`);
  return ms;
}

const search = queries.filter((q) => q.kind !== 'prefix').map((q) => q.text);
const prefixes = queries.filter((q) => q.kind === 'prefix').map((q) => q.text);
console.log(`corpus: ${library.corpus.passages.length} passages; limit: ${docId} up to ${reach.upTo} of ${passages.length}; set up in ${tableMs.toFixed(1)} ms`);
// Warm both paths once (caches the verdict and phrase pairs share), then measure each in turn, twice.
for (const q of search.slice(0, 50)) {
  library.search(q, { limit: 3 });
  library.search(q, { limit: 3, reach });
}
for (let round = 1; round <= 2; round++) {
  time(`/topic page 1, no plan (round ${round})`, (q) => library.search(q, { limit: 3 }), search);
  time(`/topic page 1, with reach (round ${round})`, (q) => library.search(q, { limit: 3, reach }), search);
  time(`/topic page 3, no plan (round ${round})`, (q) => library.search(q, { offset: 6, limit: 3 }), search);
  time(`/topic page 3, with reach (round ${round})`, (q) => library.search(q, { offset: 6, limit: 3, reach }), search);
  time(`quote candidates, no plan (round ${round})`, (q) => library.quoteCandidates(q), search);
  time(`quote candidates, reach (round ${round})`, (q) => library.quoteCandidates(q, undefined, reach), search);
  time(`autocomplete, no plan (round ${round})`, (q) => library.querySuggestions(q), prefixes);
  time(`autocomplete, with reach (round ${round})`, (q) => library.querySuggestions(q, undefined, reach), prefixes);
}
