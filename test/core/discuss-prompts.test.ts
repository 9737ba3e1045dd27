import { readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../src/config.js';
import type { Passage } from '../../src/core/corpus.js';
import { discussionPrompt, type Comparison } from '../../src/core/discuss/questions.js';
import { cutsMarked, ELLIPSIS, isFaithful, quotedSpans, quoteSentence } from '../../src/core/discuss/quoting.js';
import { QUESTION_KINDS, STEMS } from '../../src/core/discuss/stems.js';
import { sentencesOf } from '../../src/core/discuss/worth.js';
import { nounPhrases } from '../../src/core/library/discussion.js';
import type { Library } from '../../src/core/library/library.js';
import { loadLibrary } from '../../src/core/library/load.js';
import { seededRandom } from '../../src/core/search/text.js';
import { doc, library as makeLibrary } from '../helpers/fixtures.js';

interface Labelled {
  id: string;
  style: string;
  text: string;
  speaker?: string;
}
const FIXTURES: Labelled[] = JSON.parse(readFileSync(new URL('../fixtures/discuss/passages.json', import.meta.url), 'utf8')).passages;

let bundled: Library;
beforeAll(async () => {
  bundled = (await loadLibrary(path.join(PROJECT_ROOT, 'data/corpus'))).library;
});

/** The held-out passages as a shelf of their own, one document each. */
const fixtureShelf = () =>
  makeLibrary(
    ...FIXTURES.map((f) =>
      doc({ id: f.id, title: `Fixture ${f.id}`, kind: f.style === 'podcast' || f.style === 'captions' ? 'transcript' : 'article' }, [
        { speaker: f.speaker, sentences: sentencesOf(f.text) },
      ]),
    ),
  );

/**
 * Every quotation in a prompt is verbatim and every cut is marked: sentences quoted from the
 * passage or the compared one, key phrases as written, and the compared document's title.
 */
function expectFaithful(questions: string[], stems: string[], p: Passage, comparison?: Comparison) {
  const sources = comparison ? [p.text, comparison.passage.text] : [p.text];
  questions.forEach((q, i) => {
    expect(q).not.toMatch(/Do you agree/i);
    const phrases = /^(term|connect):/.test(stems[i]!);
    for (const span of quotedSpans(q)) {
      if (comparison && span === comparison.doc.title) continue;
      expect(isFaithful(span, ...sources), `not verbatim: “${span}” in ${p.id}`).toBe(true);
      if (!phrases) expect(sources.some((s) => isFaithful(span, s) && cutsMarked(span, s)), `unmarked cut: “${span}” in ${p.id}`).toBe(true);
    }
  });
  expect(new Set(stems).size, 'a stem repeats within a prompt').toBe(stems.length);
}

describe('faithful quotations', () => {
  it('keeps a sentence that fits whole, and marks every cut with "…"', () => {
    const short = 'Checkpoints are cheap when they are asynchronous.';
    expect(quoteSentence(short)).toBe(short);
    const long =
      "In the future, when we have agents doing work for us, they won't be just one or ten copies, but hundreds, thousands, or even tens of thousands of copies working in parallel across every data centre we run.";
    for (const max of [60, 90, 120, 160]) {
      const q = quoteSentence(long, max);
      expect(q.endsWith(ELLIPSIS)).toBe(true);
      expect(isFaithful(q, long)).toBe(true);
      // Never cut where a list item ends ("copies, but hundreds" without the "thousands" after it),
      // nor after a word that leans on what follows.
      const kept = q.slice(0, -ELLIPSIS.length);
      expect(long.startsWith(kept)).toBe(true);
      expect(long.slice(kept.length)).not.toMatch(/^,/);
      expect(kept).not.toMatch(/\b(or|and|but|of|the|a)$/);
    }
  });

  it('refuses a reworded quotation and an unmarked cut', () => {
    const text = 'Power supply will be a major challenge, as the electricity available worldwide is limited.';
    expect(isFaithful('Power supply will be a challenge', text)).toBe(false);
    expect(isFaithful('Power supply will be a major challenge…', text)).toBe(true);
    expect(cutsMarked('Power supply will be a major challenge', text)).toBe(false);
    expect(cutsMarked('Power supply will be a major challenge…', text)).toBe(true);
    expect(cutsMarked(text, text)).toBe(true);
  });

  it('names whole noun phrases, never a piece of a compound or a lone adjective or verb', async () => {
    const phrases = await nounPhrases('The scaling laws methodology anticipated the kinds of models we trained. Clearly, it is fast.');
    expect(phrases).not.toContain('laws methodology');
    expect(phrases).not.toContain('anticipated');
    expect(phrases).not.toContain('fast');
  });

  it('starts a key term after words that only point or count ("their own", "several")', async () => {
    const phrases = await nounPhrases('Growers will harvest their own rainwater. Several community gardens share one pump.');
    expect(phrases).toContain('rainwater');
    expect(phrases).not.toContain('own rainwater');
    expect(phrases.join(' | ')).not.toMatch(/\bseveral\b/i);
  });
});

describe('discussion prompts on every bundled passage and every held-out passage', () => {
  it('quotes only what the bundled passages say, marks every cut, and never asks "Do you agree?"', async () => {
    let compared = 0;
    for (const [i, p] of bundled.corpus.passages.entries()) {
      const comparison = bundled.worth(p).worthy ? await bundled.discussionComparison(p) : undefined;
      const prompt = await discussionPrompt(p, bundled.doc(p.docId), bundled.phraseStats, { random: seededRandom(i), comparison });
      expect(prompt.questions.length).toBeLessThanOrEqual(3);
      if (bundled.worth(p).worthy) expect(prompt.questions.length, p.id).toBeGreaterThanOrEqual(2);
      expectFaithful(prompt.questions, prompt.stems, p, comparison);
      if (prompt.stems.some((s) => s.startsWith('compare:'))) compared++;
    }
    // Retrieval finds a real second view for some passages, not for all.
    expect(compared).toBeGreaterThan(0);
  }, 120_000);

  it('does the same on the held-out passages in every style', async () => {
    const shelf = fixtureShelf();
    for (const [i, p] of shelf.corpus.passages.entries()) {
      const prompt = await discussionPrompt(p, shelf.doc(p.docId), shelf.phraseStats, { random: seededRandom(i) });
      expectFaithful(prompt.questions, prompt.stems, p);
      if (shelf.worth(p).worthy) expect(prompt.questions.length, p.id).toBeGreaterThanOrEqual(2);
    }
  });

  it('asks what a figure is compared with, not whether one agrees with it', async () => {
    const shelf = makeLibrary(doc({ id: 'n', title: 'Numbers' }, [['After the move, median page load fell from 4.1 seconds to 1.2 seconds for every visitor we measured.']]));
    const p = shelf.corpus.passages[0]!;
    for (let seed = 0; seed < 8; seed++) {
      const prompt = await discussionPrompt(p, shelf.doc(p.docId), shelf.phraseStats, { random: seededRandom(seed) });
      expect(prompt.stems[0]).toMatch(/^figure:/);
      expect(prompt.questions.join(' ')).not.toMatch(/agree/i);
    }
  });
});

describe('garbled transcript clauses', () => {
  it('quotes the clean statement of a spoken passage, not the clause full of restarts', async () => {
    const garbled = 'And the the thing I think the thing we should do is we should basically we should rebuild the whole pipeline from the ground up every single time and then you see it and everybody got.';
    const clean = 'We should rebuild the pipeline, because every patch we add makes the next failure harder to find.';
    const shelf = makeLibrary(
      doc({ id: 't', title: 'Standup', kind: 'transcript' }, [{ speaker: 'Rosa Vell', sentences: [garbled, clean, 'That is the real cost of moving fast.'] }]),
    );
    const p = shelf.corpus.passages[0]!;
    for (let seed = 0; seed < 6; seed++) {
      const prompt = await discussionPrompt(p, shelf.doc(p.docId), shelf.phraseStats, { random: seededRandom(seed) });
      const quoted = prompt.questions.flatMap((q) => quotedSpans(q)).join(' ');
      expect(quoted, prompt.questions.join(' | ')).not.toMatch(/the the|we should basically/);
      expect(quoted).toMatch(/rebuild the pipeline/);
    }
  });
});

describe('a passage of one sentence', () => {
  it('is not quoted twice in one prompt', async () => {
    const shelf = makeLibrary(
      doc({ id: 'one', title: 'Garden notes' }, [['Within ten years most allotments will have to harvest their own rainwater, because the council cannot keep the standpipes running through a drought.']]),
    );
    const p = shelf.corpus.passages[0]!;
    for (let seed = 0; seed < 6; seed++) {
      const prompt = await discussionPrompt(p, shelf.doc(p.docId), shelf.phraseStats, { random: seededRandom(seed) });
      expect(prompt.questions.length).toBeGreaterThanOrEqual(2);
      const spans = prompt.questions.flatMap((q) => quotedSpans(q)).filter((q) => q.split(' ').length > 4);
      expect(new Set(spans).size, prompt.questions.join(' | ')).toBe(spans.length);
    }
  });
});

describe('varied wording', () => {
  it('has several stems for every kind of question', () => {
    for (const kind of QUESTION_KINDS) expect(STEMS[kind].length, kind).toBeGreaterThanOrEqual(3);
  });

  it('repeats few stems across a week of prompts', async () => {
    const stems: string[] = [];
    const seen = new Set<string>();
    for (let seed = 1; seen.size < 7 && seed < 60; seed++) {
      const random = seededRandom(seed);
      const hit = bundled.discussionPassage(undefined, random);
      if (!hit || seen.has(hit.passage.id)) continue;
      seen.add(hit.passage.id);
      stems.push(...(await bundled.discussionPrompt(hit.passage, random)).stems);
    }
    expect(seen.size).toBe(7);
    const repeats = stems.length - new Set(stems).size;
    // Measured 2026-12-02: 5 of 16 stems repeated over this week (1 to 5 over four other weeks);
    // a stem chosen at random among 3-7 per kind cannot promise fewer without memory of past days.
    expect(stems.length).toBeGreaterThanOrEqual(14);
    expect(repeats).toBeLessThanOrEqual(5);
  });
});
