import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../src/config.js';
import type { Library } from '../../src/core/library/library.js';
import { loadLibrary } from '../../src/core/library/load.js';
import { evaluate, loadQuestions } from '../../tools/relevance/evaluate.js';

let library: Library;
beforeAll(async () => {
  library = (await loadLibrary(path.join(PROJECT_ROOT, 'data/corpus'))).library;
});

describe('search relevance on the labelled question set', () => {
  it('has at least 30 questions covering every document', () => {
    const questions = loadQuestions();
    expect(questions.length).toBeGreaterThanOrEqual(30);
    const docs = new Set(questions.flatMap((q) => q.expect.map((e) => e.doc)));
    for (const d of library.corpus.documents) expect(docs).toContain(d.id);
  });

  it('puts an answer in the top 3 for at least 90% of questions (hit@3 >= 0.9)', () => {
    const result = evaluate(library, loadQuestions());
    if (result.hitAt3 < 0.9) console.log(JSON.stringify(result.misses, null, 2));
    expect(result.hitAt3).toBeGreaterThanOrEqual(0.9);
  });

  it('calls its answers strong matches: at most one in ten found answers labelled weak or none (measured: 4 of 59)', () => {
    const { labels } = evaluate(library, loadQuestions());
    expect(labels.answeredNotStrong / labels.answered).toBeLessThanOrEqual(0.1);
  });
});
