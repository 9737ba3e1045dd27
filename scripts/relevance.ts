// `npm run relevance`: prints, for the first labelled set and the meeting set, every miss, hit@3 and
// MRR overall and per kind, and what search puts first for the questions the documents cannot
// answer, for tuning. `npm run relevance -- file.json` scores one set file instead.
import path from 'node:path';
import { PROJECT_ROOT } from '../src/config.js';
import { loadLibrary } from '../src/core/library/load.js';
import { evaluate, type Evaluation, loadQuestions, QUESTION_SETS } from '../tools/relevance/evaluate.js';

const file = process.argv[2];
const { library } = await loadLibrary(path.join(PROJECT_ROOT, 'data/corpus'));
const sets: [string, string][] = file ? [[path.basename(file), path.resolve(file)]] : Object.entries(QUESTION_SETS);

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

for (const [name, f] of sets) report(name, evaluate(library, loadQuestions(f)));
