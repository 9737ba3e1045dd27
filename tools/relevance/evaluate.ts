// Scores search against the labelled question set: hit@3 = share of questions where one of the
// top three results is a passage from an expected document containing all the expected words.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import type { Library } from '../../src/core/library/library.js';

const Question = z.object({
  q: z.string().min(1),
  expect: z.array(z.object({ doc: z.string(), all: z.array(z.string().min(1)).min(1) })).min(1),
  note: z.string().optional(),
});
export type Question = z.infer<typeof Question>;

export function loadQuestions(file = path.join(path.dirname(fileURLToPath(import.meta.url)), 'questions.json')): Question[] {
  return z.array(Question).parse(JSON.parse(readFileSync(file, 'utf8')));
}

export interface Evaluation {
  hitAt3: number;
  hits: number;
  total: number;
  misses: { q: string; got: string[] }[];
}

export function evaluate(library: Library, questions: Question[], k = 3): Evaluation {
  const misses: Evaluation['misses'] = [];
  let hits = 0;
  for (const question of questions) {
    const top = library.search(question.q, { limit: k }).hits.map((h) => h.passage);
    const ok = top.some((p) =>
      question.expect.some((e) => e.doc === p.docId && e.all.every((w) => p.text.toLowerCase().includes(w.toLowerCase()))),
    );
    if (ok) hits++;
    else misses.push({ q: question.q, got: top.map((p) => `${p.docId}: ${p.text.slice(0, 100)}`) });
  }
  return { hitAt3: hits / questions.length, hits, total: questions.length, misses };
}
