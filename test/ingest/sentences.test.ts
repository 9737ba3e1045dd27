import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, it, expect } from 'vitest';
import { PROJECT_ROOT } from '../../src/config.js';
import { buildState } from '../../src/core/library/build.js';
import { finishSentence, HARD_MAX, segmentSentences, splitLongRun } from '../../src/core/ingest/sentences.js';
import { texts } from './helpers.js';

const CORPUS = path.join(PROJECT_ROOT, 'data/corpus');

describe('sentence segmentation', () => {
  it('splits on sentence ends but not after common abbreviations or inside a quotation', () => {
    expect(segmentSentences('Mr. Smith went to Washington. He left on Monday.').map((s) => s.text)).toEqual([
      'Mr. Smith went to Washington.',
      'He left on Monday.',
    ]);
    expect(segmentSentences('But Ilya said, ‘We can do it. It will work.’ Then he left.').map((s) => s.text)).toEqual([
      'But Ilya said, ‘We can do it. It will work.’',
      'Then he left.',
    ]);
  });
  it('keeps typographic quotes and normalises whitespace', () => {
    expect(texts('He said   “hello”\tand   left.')).toEqual(['He said “hello” and left.']);
  });
  it('splits a transcript sentence that continues in lower case after a full stop', () => {
    expect(texts('we tried hard. basically it worked out in the end', { kind: 'transcript' })).toEqual([
      'We tried hard.',
      'Basically it worked out in the end.',
    ]);
  });
});

describe('long unpunctuated runs', () => {
  const run =
    'and I think that we just kept going because the results were good and so we decided to scale it up even more ' +
    'but the problem was that nobody knew how far it would go you know and I mean it was a real gamble at the time ' +
    'so we put in more compute and more data and it kept getting better and I remember thinking this is going to work ' +
    'right and then we showed it to people and they could not believe what it was doing with so little supervision';
  it('splits runs over 300 characters into units of at most 400 at discourse markers', () => {
    const pieces = splitLongRun(run);
    expect(pieces.length).toBeGreaterThan(1);
    for (const p of pieces) expect(p.length).toBeLessThanOrEqual(400);
    expect(pieces.join(' ')).toBe(run);
    // Never cut right after a conjunction or an article.
    for (const p of pieces.slice(0, -1)) expect(p).not.toMatch(/\b(and|the|a|to|of|I)$/);
  });
  it('leaves short sentences alone and falls back to spaces when no boundary exists', () => {
    expect(splitLongRun('A short one.')).toEqual(['A short one.']);
    const flat = Array.from({ length: 120 }, (_, i) => `w${i}`).join(' ');
    const pieces = splitLongRun(flat);
    for (const p of pieces) expect(p.length).toBeLessThanOrEqual(400);
    expect(pieces.join(' ')).toBe(flat);
  });
  it('makes each unit read like a sentence', () => {
    expect(finishSentence('and so it went')).toBe('And so it went.');
    expect(finishSentence('iPhone sales rose,')).toBe('iPhone sales rose.');
    expect(finishSentence('Is it done?')).toBe('Is it done?');
  });
});

describe('one very long line', () => {
  // The bundled corpus as one line: prose, transcripts, abbreviations, quotations, lists.
  const corpusLine = readdirSync(CORPUS)
    .filter((f) => f.endsWith('.txt') || f.endsWith('.md'))
    .map((f) => readFileSync(path.join(CORPUS, f), 'utf8'))
    .join(' ')
    .replace(/\s+/g, ' ');
  const whole = (text: string) => segmentSentences(text, 'en', Infinity);

  it('is segmented in windows into exactly the sentences of one pass over the whole line', () => {
    const text = corpusLine.slice(0, 60_000);
    const expected = whole(text);
    expect(expected.length).toBeGreaterThan(200);
    for (const window of [600, 1500, 4096]) expect(segmentSentences(text, 'en', window)).toEqual(expected);
  });

  it('gives the same sentences when a sentence runs past a window, or there is no space at all', () => {
    const unpunctuated = corpusLine.slice(0, 20_000).replace(/[.!?]/g, '');
    const noSpaces = corpusLine.slice(0, 20_000).replace(/\s/g, '');
    const mixed = `${unpunctuated.slice(0, 5000)}. ${corpusLine.slice(0, 5000)} ${noSpaces.slice(0, 5000)}. Last one.`;
    for (const text of [unpunctuated, noSpaces, mixed]) {
      const expected = whole(text);
      for (const window of [600, 1500]) expect(segmentSentences(text, 'en', window)).toEqual(expected);
    }
  });

  // Text saved from the web often has no line breaks at all; a 2 MB line never finished building.
  it('builds a 2 MB document without line breaks into readable units', async () => {
    let text = corpusLine;
    while (text.length < 2_000_000) text += ' ' + text;
    const dir = mkdtempSync(path.join(os.tmpdir(), 'long-line-'));
    writeFileSync(path.join(dir, 'web-page.txt'), text.slice(0, 2_000_000));
    const state = await buildState(dir);
    expect(state.corpus.passages.length).toBeGreaterThan(4000);
    expect(Math.max(...state.corpus.passages.flatMap((p) => p.sentences.map((s) => s.length)))).toBeLessThanOrEqual(HARD_MAX + 10);
  });
});
