// The semantic-retrieval scenario of `npm run bench` (run in a process of its own by bench.ts):
// the bundled corpus started as a user starts it (terminal front end, SEMANTIC=auto, no snapshot),
// timed to its prompt and to its vectors being served; a restart from the snapshot with vectors;
// then, in this process, what vectors cost: build ms a passage, bytes a passage, query embedding
// and scoring, /topic p99 with semantic on (fresh and repeated queries) and autocomplete p99 beside
// words-only. Larger corpora are projected from the measured cost per passage (auto leaves them
// off). Prints "SEMANTIC {json}" on stdout; progress on stderr.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { loadLibrary } from '../../src/core/library/load.js';
import { SEMANTIC_AUTO_MAX_PASSAGES, withStoredVectors } from '../../src/core/library/live-vectors.js';
import { makeQueryMix } from './queries.js';
import { latency, round } from './report.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const { values } = parseArgs({ options: { queries: { type: 'string', default: '300' }, seed: { type: 'string', default: '42' }, project: { type: 'string', default: '' } } });
const note = (msg: string) => process.stderr.write(`[bench semantic] ${msg}\n`);
const corpusDir = path.join(ROOT, 'data/corpus');
const state = mkdtempSync(path.join(os.tmpdir(), 'bench-semantic-'));
const snapshotDir = path.join(state, 'snapshots');

/** `npm start` on the bundled corpus: ms to the prompt, to "semantic_ready", and to exit after input ends. */
function start(): Promise<{ promptMs: number; semanticReadyMs: number | null; ready?: Record<string, unknown>; exitAfterInputMs: number }> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const env: NodeJS.ProcessEnv = { ...process.env, SEMANTIC: 'auto', SNAPSHOT_DIR: snapshotDir, DATABASE_PATH: path.join(state, 'bot.db'), CORPUS_DIR: corpusDir, LOG_LEVEL: 'info', NO_COLOR: '1' };
    for (const k of Object.keys(env)) if (/^(DISCORD_|SLACK_)/.test(k)) delete env[k];
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, 'src/main.ts')], { cwd: ROOT, env, stdio: ['pipe', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    let promptMs: number | undefined;
    let semanticReadyMs: number | null = null;
    let ready: Record<string, unknown> | undefined;
    let endedAt = 0;
    const finish = () => {
      endedAt = performance.now();
      child.stdin.end('/topic how far into training did the crash bug survive\n');
    };
    // A corpus auto leaves lexical never logs semantic_ready: give up waiting after 15 minutes.
    const giveUp = setTimeout(finish, 15 * 60_000);
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      if (promptMs === undefined && out.includes('Reading-group bot:')) promptMs = performance.now() - started;
    });
    child.stderr.on('data', (d: Buffer) => {
      err += d.toString();
      const line = err.split('\n').find((l) => l.includes('"semantic_ready"'));
      if (line && semanticReadyMs === null) {
        semanticReadyMs = performance.now() - started;
        ready = JSON.parse(line) as Record<string, unknown>;
        clearTimeout(giveUp);
        finish();
      }
    });
    child.on('close', (code) => {
      clearTimeout(giveUp);
      if (code !== 0 || promptMs === undefined) return reject(new Error(`npm start exited ${code}: ${err.slice(-500)}`));
      resolve({ promptMs: Math.round(promptMs), semanticReadyMs: semanticReadyMs && Math.round(semanticReadyMs), ready, exitAfterInputMs: Math.round(performance.now() - endedAt) });
    });
    child.on('error', reject);
  });
}

try {
  note('first start (no snapshot): prompt, then vectors in the background');
  const first = await start();
  note(`prompt ${first.promptMs} ms, vectors served ${first.semanticReadyMs} ms`);
  note('restart from the snapshot with vectors');
  const restart = await start();
  note(`prompt ${restart.promptMs} ms, vectors served ${restart.semanticReadyMs} ms`);

  const loaded = await loadLibrary(corpusDir, { snapshotDir });
  const lexical = loaded.library;
  const library = await withStoredVectors(loaded, { mode: 'on' });
  const semantic = library.semantic;
  if (!semantic || !loaded.vectors) throw new Error('the snapshot has no vectors after a first start');
  const passages = lexical.corpus.passages.length;
  const sentences = loaded.vectors.scales.length;
  const vectorBytes = loaded.vectors.values.byteLength + loaded.vectors.scales.byteLength;
  const buildMs = Number(first.ready?.ms ?? NaN);

  const texts = lexical.corpus.passages.map((p) => p.text);
  const mix = makeQueryMix(texts, Number(values.queries), Number(values.seed));
  const searches = [...new Set(mix.filter((q) => q.kind !== 'prefix').map((q) => q.text))];
  const prefixes = mix.filter((q) => q.kind === 'prefix').map((q) => q.text);
  const timed = async (f: () => unknown) => {
    const t = performance.now();
    await f();
    return performance.now() - t;
  };
  // Warm-up, as a running bot is warm.
  for (const q of makeQueryMix(texts, 30, Number(values.seed) + 1)) await library.searchAsync(q.text, { limit: 3 });
  const embed: number[] = [];
  const fresh: number[] = [];
  for (const q of searches) fresh.push(await timed(() => library.searchAsync(q, { limit: 3 })));
  for (const q of searches.map((q) => `${q} again`)) embed.push(await timed(() => semantic.prepare(q)));
  const cached: number[] = [];
  const scoring: number[] = [];
  for (const q of searches) {
    cached.push(await timed(() => library.searchAsync(q, { limit: 3 })));
    scoring.push(await timed(() => semantic.similarity(q)));
  }
  const words: number[] = [];
  for (const q of searches) words.push(await timed(() => lexical.search(q, { limit: 3 })));
  const ac = (lib: typeof library) => prefixes.map((p) => {
    const t = performance.now();
    lib.querySuggestions(p);
    return performance.now() - t;
  });
  ac(lexical);
  const autocompleteWords = ac(lexical);
  const autocompleteSemantic = ac(library);

  const msPerPassage = buildMs / passages;
  const bytesPerPassage = vectorBytes / passages;
  // Other corpora: "name:passages" pairs from bench.ts's scenarios, projected at the measured cost.
  const projected = values.project
    .split(',')
    .filter(Boolean)
    .map((pair) => {
      const [name, n] = pair.split(':');
      const count = Number(n);
      return {
        scenario: name,
        passages: count,
        auto: count <= SEMANTIC_AUTO_MAX_PASSAGES ? 'on' : 'off by default (auto)',
        projectedBuildMin: round((count * msPerPassage) / 60_000),
        projectedVectorMB: round((count * bytesPerPassage) / (1024 * 1024)),
      };
    });
  const result = {
    scenario: 'semantic',
    model: loaded.vectors.model,
    passages,
    sentences,
    firstStart: first,
    restart,
    buildMs,
    msPerPassage: round(msPerPassage),
    msPerSentence: round(buildMs / sentences),
    vectorBytes,
    bytesPerPassage: round(bytesPerPassage),
    queryEmbed: latency(embed),
    scoring: latency(scoring),
    topicFresh: latency(fresh),
    topicRepeated: latency(cached),
    topicWordsOnly: latency(words),
    autocompleteWordsOnly: latency(autocompleteWords, false),
    autocompleteSemanticOn: latency(autocompleteSemantic, false),
    autoMaxPassages: SEMANTIC_AUTO_MAX_PASSAGES,
    projected,
  };
  process.stdout.write('SEMANTIC ' + JSON.stringify(result) + '\n');
} finally {
  rmSync(state, { recursive: true, force: true });
}
