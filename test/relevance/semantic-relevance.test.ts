// The figures issue 13 reached, as the bot serves search with semantic retrieval on: both labelled
// sets scored on the bundled corpus with its sentence vectors (computed once here, about a minute
// of one core, in a snapshot of this test's own). The held-out check set is scored by
// `npm run relevance` and asserted nowhere, so nobody tunes toward it.
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../src/config.js';
import { VectorUpkeep } from '../../src/core/library/live-vectors.js';
import type { Library } from '../../src/core/library/library.js';
import { loadLibrary } from '../../src/core/library/load.js';
import { configureLog } from '../../src/core/log.js';
import { evaluate, loadQuestions, QUESTION_SETS } from '../../tools/relevance/evaluate.js';

// Embedding the corpus is a minute of CPU, more on a busy machine: this limit only catches a hang.
const HANG = 1_200_000;
let library: Library;

beforeAll(async () => {
  configureLog({ level: 'error' });
  const loaded = await loadLibrary(path.join(PROJECT_ROOT, 'data/corpus'), { snapshotDir: mkdtempSync(path.join(os.tmpdir(), 'relevance-semantic-')) });
  let current: Library = loaded.library;
  const upkeep = new VectorUpkeep({ mode: 'on' });
  await upkeep.attach(loaded, () => loaded.library, (l) => (current = l));
  upkeep.close();
  library = current;
  for (const f of [QUESTION_SETS.first, QUESTION_SETS.meeting]) for (const q of loadQuestions(f)) await library.semantic?.prepare(q.q);
}, HANG);

describe('relevance with semantic retrieval on', () => {
  it('has the vectors of the bundled corpus', () => {
    expect(library.semantic).toBeDefined();
  });

  it('keeps the first set at hit@3 >= 0.9 (measured 0.908, MRR 0.816)', () => {
    const r = evaluate(library, loadQuestions(QUESTION_SETS.first));
    expect(r.hitAt3).toBeGreaterThanOrEqual(0.9);
    expect(r.mrr).toBeGreaterThanOrEqual(0.8);
  });

  it('answers the meeting set better than words alone (measured hit@3 0.581, MRR 0.463; words alone 0.516, 0.452)', () => {
    const r = evaluate(library, loadQuestions(QUESTION_SETS.meeting));
    expect(r.hitAt3).toBeGreaterThanOrEqual(0.56);
    expect(r.mrr).toBeGreaterThanOrEqual(0.45);
    expect(r.byKind.fact!.hitAt3).toBeGreaterThanOrEqual(0.8);
    // Meaning brings passages in, but never makes a question the shelf cannot answer look answered.
    expect(r.unanswerable.filter((u) => u.match === 'strong').map((u) => u.q)).toEqual([]);
  });
});
