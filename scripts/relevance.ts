// `npm run relevance`: prints, for the first labelled set and the meeting set, every miss, hit@3 and
// MRR overall and per kind, and what search puts first for the questions the documents cannot
// answer, for tuning. `npm run relevance -- file.json` scores one set file instead.
// Search is scored as the bot serves it: with semantic retrieval when SEMANTIC (default auto) has
// it on, the vectors computed once and kept in the snapshot (SNAPSHOT_DIR), so later runs are quick;
// a last line per set gives the figures by words alone.
import path from 'node:path';
import { loadConfig, PROJECT_ROOT } from '../src/config.js';
import { loadLibrary } from '../src/core/library/load.js';
import { VectorUpkeep } from '../src/core/library/live-vectors.js';
import type { Library } from '../src/core/library/library.js';
import { evaluate, type Evaluation, loadQuestions, QUESTION_SETS } from '../tools/relevance/evaluate.js';

const file = process.argv[2];
const config = loadConfig();
const loaded = await loadLibrary(path.join(PROJECT_ROOT, 'data/corpus'), { snapshotDir: config.SNAPSHOT_DIR });
const lexical = loaded.library;
let library: Library = lexical;
if (config.SEMANTIC !== 'off') {
  if (!loaded.vectors) console.error('Computing semantic vectors for the bundled corpus (once; kept in the snapshot)…');
  const upkeep = new VectorUpkeep({ mode: config.SEMANTIC, modelDir: config.SEMANTIC_MODEL_DIR });
  await upkeep.attach(loaded, () => lexical, (l) => (library = l));
  upkeep.close();
}
const sets: [string, string][] = file ? [[path.basename(file), path.resolve(file)]] : Object.entries(QUESTION_SETS);
// Query vectors first, so the (synchronous) evaluation sees them.
for (const [, f] of sets) for (const q of loadQuestions(f)) await library.semantic?.prepare(q.q);
console.log(`semantic retrieval: ${library.semantic ? `on (${library.semantic.vectors.data.model})` : 'off'}`);

const pct = (x: number) => x.toFixed(3);
function report(name: string, result: Evaluation) {
  console.log(`\n== ${name}`);
  for (const m of result.misses) console.log(`MISS  ${m.kind ? `[${m.kind}] ` : ''}${m.q}\n${m.got.map((g) => `      ${g}`).join('\n')}`);
  for (const u of result.unanswerable) console.log(`NONE? ${u.q}\n      match: ${u.match ?? '(no label)'}; top: ${u.top ?? '(nothing)'}`);
  const kinds = Object.entries(result.byKind);
  if (kinds.length > 1 || !result.byKind.unlabelled) {
    for (const [kind, s] of kinds) console.log(`  ${kind.padEnd(12)} hit@3 = ${pct(s.hitAt3)} (${s.hits}/${s.total})  MRR = ${pct(s.mrr)}`);
  }
  if (result.unanswerable.length) {
    const c = Object.entries(result.confusion).map(([m, n]) => `${m} ${n}`).join(', ');
    console.log(`  unanswerable ${result.unanswerable.length}: ${c}`);
  }
  const l = result.labels;
  console.log(`  labels: answered but not called strong ${l.answeredNotStrong}/${l.answered}; missed but called strong ${l.missedStrong}/${l.missed}`);
  console.log(`MRR@10 = ${pct(result.mrr)}`);
  console.log(`hit@3 = ${pct(result.hitAt3)} (${result.hits}/${result.total})`);
}

for (const [name, f] of sets) {
  const questions = loadQuestions(f);
  report(name, evaluate(library, questions));
  if (library !== lexical) {
    const words = evaluate(lexical, questions);
    const kinds = Object.entries(words.byKind).filter(([k]) => k !== 'unlabelled').map(([k, s]) => `${k} ${pct(s.hitAt3)}`).join(', ');
    console.log(`words only: hit@3 = ${pct(words.hitAt3)} MRR@10 = ${pct(words.mrr)}${kinds ? ` (${kinds})` : ''}`);
  }
}
