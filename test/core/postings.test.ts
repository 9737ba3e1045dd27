import MiniSearch from 'minisearch';
import { describe, expect, it } from 'vitest';
import { Postings, PostingsBuilder, topK } from '../../src/core/search/postings.js';

// Our compact index must rank exactly as minisearch's BM25+ did, which relevance was tuned with.
const docs = [
  { id: 'a', text: 'scaling laws predict loss from compute and data', title: 'scaling' },
  { id: 'b', text: 'data data data pipelines feed the training run', title: 'pipelines' },
  { id: 'c', text: 'compute clusters need power and cooling', title: 'power' },
  { id: 'd', text: 'the loss curve of a long training run with more data and more compute', title: 'training' },
  { id: 'e', text: 'monorepo tooling for research code', title: 'tooling' },
];
const fields = ['text', 'title'] as const;
const boosts = [2, 0.5];
const split = (s: string) => s.split(' ').filter(Boolean);

function build() {
  const mini = new MiniSearch({ fields: [...fields], tokenize: split, searchOptions: { boost: { text: 2, title: 0.5 } } });
  mini.addAll(docs);
  const builder = new PostingsBuilder(fields.length);
  docs.forEach((d, i) => fields.forEach((f, fi) => builder.add(i, fi, split(d[f]), new Set(split(d[f])).size, true)));
  const data = builder.finish();
  const docBoost = new Float64Array(docs.length).fill(1);
  docBoost[1] = 0.7;
  return { mini, data, postings: new Postings(data, boosts, docBoost) };
}

describe('Postings', () => {
  const { mini, data, postings } = build();
  const id = (t: string) => data.terms.indexOf(t);
  const boostDocument = (docId: string) => (docId === 'b' ? 0.7 : 1);

  it('scores OR queries exactly as minisearch does', () => {
    for (const q of ['data', 'compute data', 'loss training power', 'tooling scaling']) {
      const expected = mini.search(q, { boostDocument });
      const m = postings.match(split(q).map((t) => ({ key: t, boost: 1, expansions: [{ termId: id(t), weight: 1 }] })));
      const got = new Map([...m.docs].map((d, i) => [docs[d]!.id, m.scores[i]!]));
      expect(got.size).toBe(expected.length);
      for (const r of expected) expect(got.get(r.id)).toBeCloseTo(r.score, 10);
    }
  });

  it('scores prefix expansions and AND queries as minisearch does', () => {
    const expected = mini.search('training da', { combineWith: 'AND', prefix: (_t, i) => i === 1, boostDocument });
    const m = postings.match(
      [
        { key: 'training', boost: 1, expansions: [{ termId: id('training'), weight: 1 }] },
        // "da" is not a term; its prefix match "data" is weighted by length, as minisearch does.
        { key: 'da', boost: 1, expansions: [{ termId: id('data'), weight: (0.375 * 4) / (4 + 0.3 * 2) }] },
      ],
      { and: true },
    );
    expect([...m.docs].map((d) => docs[d]!.id).sort()).toEqual(expected.map((r) => r.id).sort());
    expected.forEach((r) => expect(m.scores[[...m.docs].findIndex((d) => docs[d]!.id === r.id)]).toBeCloseTo(r.score, 10));
  });

  it('filters documents and leaves no state behind between queries', () => {
    const q = [{ key: 'data', boost: 1, expansions: [{ termId: id('data'), weight: 1 }] }];
    const filtered = postings.match(q, { filter: (d) => d !== 1 });
    expect([...filtered.docs].map((d) => docs[d]!.id).sort()).toEqual(['a', 'd']);
    const again = postings.match(q);
    expect(again.docs.length).toBe(3);
    expect([...again.scores]).toEqual([...postings.match(q).scores]);
  });
});

describe('topK', () => {
  it('returns the positions of the k best scores, best first, earlier first on ties', () => {
    const scores = [3, 9, 1, 9, 4, 7, 0, 8];
    expect(topK(scores, 3)).toEqual([1, 3, 7]);
    expect(topK(scores, 20)).toEqual([1, 3, 7, 5, 4, 0, 2, 6]);
    expect(topK(new Float64Array(0), 5)).toEqual([]);
  });
});
