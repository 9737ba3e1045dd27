import { describe, expect, it } from 'vitest';
import { highlightRanges } from '../../src/core/search/search-index.js';
import { terms } from '../../src/core/search/text.js';
import { doc, ENGINEERING, library, POWER, TRANSLATION } from '../helpers/fixtures.js';

const lib = library(ENGINEERING, POWER, TRANSLATION);
const top = (q: string, opts = {}) => lib.search(q, opts).hits[0]?.passage;
const marked = (q: string) => {
  const hit = lib.search(q).hits[0]!;
  return hit.highlights.map(([s, e]) => hit.passage.text.slice(s, e).toLowerCase());
};

describe('search', () => {
  it('finds the passage that answers a paraphrased question (stemming, stop words)', () => {
    expect(top('why does unsupervised learning work')?.text).toMatch(/^Unsupervised learning works/);
    expect(top('what about electricity for the data centers')?.docId).toBe('power');
  });

  it('tolerates misspellings', () => {
    expect(top('checkpiont restoring')?.text).toMatch(/checkpoint/i);
    expect(top('electrcity')?.text).toMatch(/electricity/);
  });

  it('matches the word being typed as a prefix', () => {
    expect(top('liquid cool')?.text).toMatch(/Liquid cooling/);
    expect(top('compres')?.text).toMatch(/compress/);
  });

  it('ranks an exact phrase above the same words scattered', () => {
    expect(top('blast radius')?.text).toMatch(/blast radius/i);
  });

  it('marks the matched words of the result text', () => {
    expect(marked('blast radius')).toContain('blast radius');
    expect(marked('saving checkpoints')).toEqual(expect.arrayContaining(['saving checkpoints']));
  });

  it('shows one passage per near-duplicate group', () => {
    const { hits } = lib.search('checkpoint false confidence', { limit: 10 });
    const groups = hits.map((h) => h.passage.groupId);
    expect(new Set(groups).size).toBe(groups.length);
    expect(hits.filter((h) => /false confidence/.test(h.passage.text))).toHaveLength(1);
  });

  it('filters by document and pages through results', () => {
    expect(lib.search('power', { docId: 'eng' }).hits.every((h) => h.passage.docId === 'eng')).toBe(true);
    const all = lib.search('the cluster power failures checkpoints', { limit: 50 }).hits.map((h) => h.passage.id);
    const page2 = lib.search('the cluster power failures checkpoints', { offset: 1, limit: 1 }).hits.map((h) => h.passage.id);
    expect(page2).toEqual(all.slice(1, 2));
  });

  it('returns nothing for a query of stop words only', () => {
    expect(lib.search('the and of').hits).toHaveLength(0);
  });

  it('highlights only whole words whose stem matched', () => {
    const text = 'Scaling laws scale; the scalar did not.';
    const ranges = highlightRanges(text, new Set(terms('scaling')));
    expect(ranges.map(([s, e]) => text.slice(s, e))).toEqual(['Scaling', 'scale']);
  });

  it('finds the answer when the question uses an everyday synonym of the text\'s word', () => {
    expect(top('what breaks at this scale')?.text).toMatch(/hardware failures/);
  });

  it('meets split and joined spellings of one word (mis-heard transcripts)', () => {
    const l = library(
      ENGINEERING,
      doc({ id: 'talk', kind: 'transcript' }, [
        ['We joke that a model is its monor repo loss, and somehow that loss tells you how it will behave.'],
        ['Open AI started as a research lab with no product for five years.'],
      ]),
      doc({ id: 'news' }, [['OpenAI shipped a product in 2020, and the monorepo grew with it every single week.']]),
    );
    const ids = (q: string) => l.search(q, { limit: 5 }).hits.map((h) => h.passage.docId);
    expect(ids('monorepo loss')[0]).toBe('talk');
    expect(ids('openai research lab')[0]).toBe('talk');
  });

  it('brings up the answer, led in by the interviewer question that matches the query', () => {
    const l = library(
      doc({ id: 'qa', kind: 'transcript' }, [
        { speaker: 'Host', sentences: ['Why does unsupervised learning work at all?'] },
        { speaker: 'Dan', sentences: ['Because prediction is compression, and a good compressor has to model the world that produced its data.'] },
        { speaker: 'Host', sentences: ['What about the hardware side of it, and the people who run the machines?'] },
        { speaker: 'Amin', sentences: ['Supervised labels help a little, but learning from raw text is where most of the signal comes from.'] },
      ]),
    );
    const found = l.search('why does unsupervised learning work', { limit: 2 }).hits;
    const answer = found.find((h) => h.passage.text.startsWith('Because prediction is compression'));
    expect(answer?.leadIn?.text).toBe('Why does unsupervised learning work at all?');
    expect(found.map((h) => h.passage.text)).not.toContain('Why does unsupervised learning work at all?');
  });

  it('counts every match in the total and pages deep, even past the re-ranked few', () => {
    const many = doc(
      { id: 'many' },
      Array.from({ length: 450 }, (_, i) => [`Passage ${i} mentions alpha once, with filler words number ${i} to keep it distinct from the others.`]),
    );
    const l = library(many);
    const n = l.corpus.passages.length;
    expect(n).toBeGreaterThan(200);
    const first = l.search('alpha', { limit: 3 });
    expect(first.total).toBe(n);
    const deep = l.search('alpha', { offset: n - 30, limit: 30 });
    expect(deep.hits).toHaveLength(30);
    expect(new Set([...first.hits, ...deep.hits].map((h) => h.passage.id)).size).toBe(33);
  });
});
