// `npm run relevance`: prints hit@3 on the labelled question set and every miss, for tuning.
import path from 'node:path';
import { PROJECT_ROOT } from '../src/config.js';
import { loadLibrary } from '../src/core/library/load.js';
import { evaluate, loadQuestions } from '../tools/relevance/evaluate.js';

const file = process.argv[2];
const { library } = await loadLibrary(path.join(PROJECT_ROOT, 'data/corpus'));
const result = evaluate(library, loadQuestions(file ? path.resolve(file) : undefined));
for (const m of result.misses) console.log(`MISS  ${m.q}\n${m.got.map((g) => `      ${g}`).join('\n')}`);
console.log(`hit@3 = ${result.hitAt3.toFixed(3)} (${result.hits}/${result.total})`);
