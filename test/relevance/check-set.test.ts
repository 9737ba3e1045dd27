// Integrity of the held-out check set (issue 13's "separate, unseen set of questions of the same
// kinds"): it parses, has the kinds and counts it was written with, every expected phrase is in a
// served passage of its document, and the unanswerable questions expect nothing. Its scores and
// match labels are deliberately not asserted: asserting them would invite tuning on it.
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../src/config.js';
import type { Library } from '../../src/core/library/library.js';
import { loadLibrary } from '../../src/core/library/load.js';
import { expectEveryDocumentAsked, expectPhrasesServed, expectUnanswerableMarked } from './set-integrity.js';
import { loadQuestions, QUESTION_SETS, type Question } from '../../tools/relevance/evaluate.js';

let library: Library;
let questions: Question[];
beforeAll(async () => {
  library = (await loadLibrary(path.join(PROJECT_ROOT, 'data/corpus'))).library;
  questions = loadQuestions(QUESTION_SETS.check);
});

describe('the held-out check question set', () => {
  it('has 40 questions: 12 paraphrase, 8 speaker, 10 fact, 10 unanswerable, none repeated nor taken from the other sets', () => {
    expect(questions.length).toBe(40);
    const texts = questions.map((q) => q.q.toLowerCase());
    expect(new Set(texts).size).toBe(texts.length);
    const others = new Set([...loadQuestions(QUESTION_SETS.first), ...loadQuestions(QUESTION_SETS.meeting)].map((q) => q.q.toLowerCase()));
    expect(texts.filter((t) => others.has(t))).toEqual([]);
    const count = (kind: string) => questions.filter((q) => q.kind === kind).length;
    expect(questions.every((q) => q.kind !== undefined)).toBe(true);
    expect([count('paraphrase'), count('speaker'), count('fact'), count('unanswerable')]).toEqual([12, 8, 10, 10]);
  });

  it('marks every unanswerable question answerable: false with no expect, and only those', () => {
    expectUnanswerableMarked(questions);
  });

  it('finds every expect alternative, all its phrases together, in one cleaned passage of its document', () => {
    expectPhrasesServed(library, questions);
  });

  it('spreads its answerable questions over all five documents', () => {
    expectEveryDocumentAsked(library, questions);
  });
});
