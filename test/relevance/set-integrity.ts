// What every labelled question set must hold to be worth scoring, shared by the meeting and check
// sets' tests: unanswerable questions, and only those, expect nothing; every expected phrase is in
// one cleaned passage of its document; every document is asked about.
import { expect } from 'vitest';
import type { Library } from '../../src/core/library/library.js';
import { isAnswerable, type Question } from '../../tools/relevance/evaluate.js';

export function expectUnanswerableMarked(questions: Question[]): void {
  for (const q of questions) {
    expect(isAnswerable(q), q.q).toBe(q.kind !== 'unanswerable');
    if (!isAnswerable(q)) expect(q.expect, q.q).toEqual([]);
  }
}

export function expectPhrasesServed(library: Library, questions: Question[]): void {
  const passages = library.corpus.passages;
  const missing = questions.flatMap((q) =>
    q.expect
      .filter((e) => !passages.some((p) => p.docId === e.doc && e.all.every((w) => p.text.toLowerCase().includes(w.toLowerCase()))))
      .map((e) => `${q.q} -> ${e.doc}: ${e.all.join(' + ')}`),
  );
  expect(missing).toEqual([]);
}

export function expectEveryDocumentAsked(library: Library, questions: Question[]): void {
  const docs = new Set(questions.flatMap((q) => q.expect.map((e) => e.doc)));
  for (const d of library.corpus.documents) expect(docs).toContain(d.id);
}
