// Unseen documents of each kind, messier than the shipped corpus in ways it is not: they check that
// the cleaning rules are about classes of junk, not about the five files the bot ships with.
import { describe, it, expect } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import { analyzeText } from '../../src/core/ingest/index.js';
import type { DocKind, Sentence } from '../../src/core/corpus.js';
import { meta } from './helpers.js';

const read = (name: string) => fs.readFileSync(path.join(import.meta.dirname, 'fixtures', name), 'utf8');
const analyse = (name: string, kind: DocKind) => analyzeText(read(name), meta({ kind }));

/** Words and marks that only page chrome or transcription tools produce. */
const CHROME =
  /\b(?:skip to|subscribe|share this|twitter|facebook|linkedin|whatsapp|reddit|pinterest|cookies?|posted by|comments?\b|min read|related articles|read more|advertisement|sponsored|privacy policy|all rights reserved|image credit|photo:|getty|reuters|home >|topics|aceptar|accepte|paramètres|refresh|key events|most read|speaker \d:|inaudible|crosstalk|laughter|laughs|blank_audio|music)\b|\[|\]|\(\d|\d{1,2}:\d{2}|©|\|/i;

function expectClean(sentences: Sentence[]) {
  expect(sentences.length).toBeGreaterThan(0);
  for (const s of sentences) {
    expect(s.text, s.text).not.toMatch(CHROME);
    // Readable: starts with a capital (or a quote), ends like a sentence, no doubled spaces.
    expect(s.text, s.text).toMatch(/^["“‘]?[\p{Lu}\d]/u);
    expect(s.text, s.text).toMatch(/[.!?…]["”’]?$/);
    expect(s.text, s.text).not.toMatch(/\s{2}|\s[,.;:!?]/);
  }
}

describe('unseen live blog with a page header, share bar and Q&A (live-blog-neurips.txt)', () => {
  const a = analyse('live-blog-neurips.txt', 'live blog');
  it('has no chrome, and the title is a section, not a sentence', () => {
    expectClean(a.sentences);
    expect(a.titleGuess).toBe('Live from NeurIPS: Building inference at planet scale');
    expect(a.sentences[0]).toMatchObject({ section: 'Live from NeurIPS: Building inference at planet scale', text: 'The speaker opened by noting that inference now dominates their fleet.' });
    expect(a.sentences.some((s) => /NeurIPS|News|Reviews|Haftungsausschluss/.test(s.text))).toBe(false);
  });
  it('gives the question and the answer separate speakers and paragraphs', () => {
    const q = a.sentences.find((s) => s.text.startsWith('How do you handle'))!;
    const ans = a.sentences.find((s) => s.text.startsWith('We hedge'))!;
    expect(q).toMatchObject({ speaker: 'Question', section: 'Q&A' });
    expect(ans).toMatchObject({ speaker: 'Speaker', section: 'Q&A' });
    expect(ans.paragraph).not.toBe(q.paragraph);
  });
});

describe('unseen news article (news-article.txt)', () => {
  const a = analyse('news-article.txt', 'article');
  it('has no chrome: banners, breadcrumbs, menus, byline, contents, credits, link lists, footer', () => {
    expectClean(a.sentences);
    expect(a.sentences.some((s) => /Frankfurt|Europe's AI act|insurer cut|Saltar|Nous utilisons|Careers/.test(s.text))).toBe(false);
  });
  it('keeps every body paragraph once, and drops the pull quote', () => {
    const texts = a.sentences.map((s) => s.text);
    expect(texts[0]).toMatch(/^For most of the past three years/);
    expect(texts.filter((t) => t.includes('paying more for inference'))).toHaveLength(1);
    expect(texts.at(-1)).toBe('Her team routes those to a larger model in the cloud.');
    expect(texts).toHaveLength(11);
  });
  it('finds the title and the three headings, and not the contents list', () => {
    expect(a.titleGuess).toBe('Why small language models are suddenly everywhere');
    expect([...new Set(a.sentences.map((s) => s.section))]).toEqual([
      'Why small language models are suddenly everywhere',
      'The cost problem',
      'What changed in 2024',
      'Where small models fail',
    ]);
  });
});

describe('unseen podcast transcript with timestamped labels (podcast-transcript.txt)', () => {
  const a = analyse('podcast-transcript.txt', 'transcript');
  it('has no timestamps, stage directions or fillers', () => {
    expectClean(a.sentences);
    for (const s of a.sentences) expect(s.text).not.toMatch(/\b(?:um|uh)\b|\bon a, on a\b/i);
  });
  it('attributes every sentence to the labelled speaker, including the numbered one', () => {
    expect(a.sentences.every((s) => s.speaker !== undefined)).toBe(true);
    expect(new Set(a.sentences.map((s) => s.speaker))).toEqual(new Set(['Lisa Wong', 'John Smith', 'Speaker 3']));
    expect(a.sentences.find((s) => s.text.startsWith('Quotas, mostly'))?.speaker).toBe('John Smith');
    expect(a.sentences.find((s) => s.text.startsWith('How do you stop one team'))?.speaker).toBe('Speaker 3');
    expect(a.sentences.find((s) => s.text === 'Forty percent?')?.speaker).toBe('Lisa Wong');
  });
  it('keeps the sentences around removed marks whole', () => {
    const t = a.sentences.map((s) => s.text);
    expect(t).toContain("It's embarrassingly low.");
    expect(t).toContain('And nobody notices, because the job still finishes, it just finishes twice as late as it should.');
    expect(t).toContain('We measured it once and utilisation was under forty percent.');
  });
  it('takes the episode title as the section and drops the machine-transcript note', () => {
    expect(a.titleGuess).toBe('The Compute Frontier, Episode 42: Why GPUs sit idle');
    expect(a.sentences.some((s) => /generated automatically/.test(s.text))).toBe(false);
  });
});

describe('unseen meeting transcript, one "[time] SPEAKER N: text" line per turn (meeting-transcript.txt)', () => {
  const a = analyse('meeting-transcript.txt', 'transcript');
  it('recognises a label after a timestamp and gives each turn its own paragraph', () => {
    expectClean(a.sentences);
    expect(new Set(a.sentences.map((s) => s.speaker))).toEqual(new Set(['Speaker 1', 'Speaker 2', 'Speaker 3']));
    expect(new Set(a.sentences.map((s) => s.paragraph)).size).toBe(10);
    expect(a.sentences.find((s) => s.text.startsWith('That is on me') || s.text.startsWith("That's on me"))?.speaker).toBe('Speaker 3');
  });
  it('repairs lower-case "i" and weekday names', () => {
    const t = a.sentences.map((s) => s.text).join(' ');
    expect(t).toContain("Yes I'll have it by tomorrow.");
    expect(t).toContain('by Friday');
    expect(t).not.toMatch(/\bi\b/);
  });
});

describe('unseen live blog with update markers (live-blog-keynote.txt)', () => {
  const a = analyse('live-blog-keynote.txt', 'live blog');
  it('has no chrome: badge, byline, breadcrumbs, key-events list, credits, captions, share bar, link list', () => {
    expectClean(a.sentences);
    expect(a.sentences.some((s) => /Sam Carter|laptops|Update|Keynote begins|Slide/.test(s.text))).toBe(false);
  });
  it('starts each update as its own paragraph without its time marker', () => {
    const first = a.sentences.find((s) => s.text === "That's a wrap.")!;
    const second = a.sentences.find((s) => s.text === 'Developer tools got a long segment.')!;
    expect(first.paragraph).not.toBe(second.paragraph);
    expect(a.sentences.at(-1)?.text).toBe('Stay with us for the whole keynote.');
  });
  it('finds the title and the subhead set right above its paragraph', () => {
    expect(a.titleGuess).toBe('DevCon 2025 keynote live: every announcement as it happens');
    expect(a.sentences.find((s) => s.text.startsWith('Pricing for the assistant'))?.section).toBe('Pricing');
  });
  it('attributes the quotation to the full name, and only the quotation', () => {
    const q = a.sentences.find((s) => s.text.startsWith('"We stopped asking'))!;
    expect(q.speaker).toBe('Dana Ruiz');
    expect(a.sentences.find((s) => s.text.startsWith('The assistant now works offline'))?.speaker).toBeUndefined();
  });
});
