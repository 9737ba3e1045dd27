// The floor a first build is compared with (issue 15): reading the corpus's files and tokenizing
// and stemming their text once, with the bot's own tokenizer, and nothing else. A build can never
// be cheaper than this, so build / floor says how much of the build is work beyond it. Run in a
// fresh process (child.ts starts it), so neither the stem cache nor the JIT is warm from a build.
//
//   node --import tsx scripts/bench/floor.ts --dir DIR   -> prints "FLOOR {json}"
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { listCorpusFiles } from '../../src/core/ingest/files.js';
import { termOf, tokenize } from '../../src/core/search/text.js';

export const FLOOR_PREFIX = 'FLOOR ';

export interface FloorResult {
  files: number;
  bytes: number;
  tokens: number;
  /** Tokens that have an index term (stop words and single letters have none). */
  terms: number;
  /** CPU (user + system) and wall time of reading and tokenizing, in ms. */
  cpuMs: number;
  wallMs: number;
}

/** Reads every document file of `dir` and tokenizes + stems its text once. */
export async function measureFloor(dir: string): Promise<FloorResult> {
  const cpu = process.cpuUsage();
  const started = performance.now();
  const { documents } = await listCorpusFiles(dir);
  let bytes = 0;
  let tokens = 0;
  let withTerm = 0;
  for (const file of documents) {
    const buf = await readFile(path.join(dir, file));
    bytes += buf.length;
    for (const t of tokenize(buf.toString('utf8'))) {
      tokens++;
      if (termOf(t.word) !== null) withTerm++;
    }
  }
  const wallMs = performance.now() - started;
  const used = process.cpuUsage(cpu);
  return { files: documents.length, bytes, tokens, terms: withTerm, cpuMs: Math.round((used.user + used.system) / 1000), wallMs: Math.round(wallMs) };
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const { values } = parseArgs({ options: { dir: { type: 'string' } } });
  if (!values.dir) {
    process.stderr.write('floor.ts wants --dir DIR (a corpus folder)\n');
    process.exit(2);
  }
  process.stdout.write(FLOOR_PREFIX + JSON.stringify(await measureFloor(values.dir)) + '\n');
}
