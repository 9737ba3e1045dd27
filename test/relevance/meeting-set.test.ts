// Integrity of the meeting-style question set (issue 13): it parses, it is big enough and has the
// kinds the issue asks for, every expected phrase is in a served passage of its document, and the
// unanswerable questions expect nothing; and the match labels search gives it: no unanswerable
// question called strong, most found answers called strong.
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../src/config.js';
import type { Library } from '../../src/core/library/library.js';
import { loadLibrary } from '../../src/core/library/load.js';
import { expectEveryDocumentAsked, expectPhrasesServed, expectUnanswerableMarked } from './set-integrity.js';
import { evaluate, isAnswerable, loadQuestions, QUESTION_SETS, type Question } from '../../tools/relevance/evaluate.js';

let library: Library;
let questions: Question[];
beforeAll(async () => {
  library = (await loadLibrary(path.join(PROJECT_ROOT, 'data/corpus'))).library;
  questions = loadQuestions(QUESTION_SETS.meeting);
});

describe('the meeting question set', () => {
  it('has at least 60 questions, none repeated nor copied from the first set, with the minimum of each kind', () => {
    expect(questions.length).toBeGreaterThanOrEqual(60);
    const texts = questions.map((q) => q.q.toLowerCase());
    expect(new Set(texts).size).toBe(texts.length);
    const first = new Set(loadQuestions().map((q) => q.q.toLowerCase()));
    expect(texts.filter((t) => first.has(t))).toEqual([]);
    const count = (kind: string) => questions.filter((q) => q.kind === kind).length;
    expect(questions.every((q) => q.kind !== undefined)).toBe(true);
    expect(count('paraphrase')).toBeGreaterThanOrEqual(20);
    expect(count('speaker')).toBeGreaterThanOrEqual(12);
    expect(count('fact')).toBeGreaterThanOrEqual(15);
    expect(count('unanswerable')).toBeGreaterThanOrEqual(12);
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

  it('is scored per kind, and the unanswerable questions are reported rather than counted as misses', () => {
    const result = evaluate(library, questions);
    expect(Object.keys(result.byKind).sort()).toEqual(['fact', 'paraphrase', 'speaker']);
    expect(result.total).toBe(questions.filter(isAnswerable).length);
    expect(result.unanswerable.length).toBe(questions.length - result.total);
    expect(result.mrr).toBeGreaterThanOrEqual(result.hitAt3 / 3);
  });

  it('finds the answer in the top three for half the questions by words alone (measured 0.516, MRR 0.452)', () => {
    const result = evaluate(library, questions);
    expect(result.hitAt3).toBeGreaterThanOrEqual(0.5);
    expect(result.mrr).toBeGreaterThanOrEqual(0.44);
  });

  it('never calls a question the documents cannot answer a strong match (all 14 are none or weak)', () => {
    const result = evaluate(library, questions);
    const strong = result.unanswerable.filter((u) => u.match === 'strong').map((u) => u.q);
    expect(strong).toEqual([]);
    expect(result.unanswerable.every((u) => u.match === 'none' || u.match === 'weak')).toBe(true);
    // Most of them name something no document mentions, and say so.
    expect(result.confusion.none ?? 0).toBeGreaterThanOrEqual(10);
  });

  it('calls most questions it answers in the top three a strong match (measured: 24 of 29)', () => {
    const { labels } = evaluate(library, questions);
    expect(labels.answeredNotStrong / labels.answered).toBeLessThanOrEqual(0.3);
  });
});
