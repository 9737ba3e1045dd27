// The build tokenizes each passage once into shared term ids (src/core/search/analysis.ts) where it
// used to tokenize the same text for each use. That must change nothing a reader sees: the same
// near-duplicate groups (which passages a /topic answer keeps), the same index, the same /topic
// results. The build as it was, string by string, is kept here as the reference.
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureSyntheticCorpus, MB } from '../../scripts/bench/synthetic.js';
import type { Corpus, IngestedDocument, Passage } from '../../src/core/corpus.js';
import { loadCorpus } from '../../src/core/ingest/index.js';
import { buildCorpus, NEAR_DUPLICATE_THRESHOLD } from '../../src/core/ingest/passages.js';
import { Library } from '../../src/core/library/library.js';
import { camelParts } from '../../src/core/search/compounds.js';
import { PostingsBuilder } from '../../src/core/search/postings.js';
import { buildSearchData, SearchIndex, type SearchData } from '../../src/core/search/search-index.js';
import { termOf, terms, tokenize } from '../../src/core/search/text.js';
import { SortedTerms } from '../../src/core/search/vocabulary.js';
import { doc, ENGINEERING, POWER, TRANSLATION } from '../helpers/fixtures.js';

// ---- The reference: the build before term ids, each use tokenizing the text itself. ----

function referenceWordsOf(text: string, isSolid: (word: string) => boolean): string[] {
  const tokens = tokenize(text);
  const out = tokens.map((t) => t.word);
  for (const t of tokens) out.push(...camelParts(text.slice(t.start, t.end)));
  for (let i = 0; i + 1 < tokens.length; i++) {
    const joined = tokens[i]!.word + tokens[i + 1]!.word;
    if (joined.length >= 5 && isSolid(joined) && /^[\s-]?$/.test(text.slice(tokens[i]!.end, tokens[i + 1]!.start))) out.push(joined);
  }
  return out;
}

function referenceSearchData(corpus: Corpus): SearchData {
  const formCount = new Map<string, number>();
  for (const p of corpus.passages) for (const t of tokenize(p.text)) formCount.set(t.word, (formCount.get(t.word) ?? 0) + 1);
  const isSolid = (w: string) => formCount.has(w);
  const builder = new PostingsBuilder(5);
  const analyse = (text: string) => {
    const words = referenceWordsOf(text, isSolid);
    return { terms: words.map((w) => termOf(w)).filter((t): t is string => !!t), length: new Set(words).size };
  };
  corpus.passages.forEach((p, doc) => {
    const context = [corpus.byId.get(p.prevId ?? '')?.sentences.at(-1), corpus.byId.get(p.nextId ?? '')?.sentences[0]].filter(Boolean).join(' ');
    const values = [analyse(p.text), analyse(p.section ?? ''), analyse(p.speaker ?? ''), analyse(corpus.docById.get(p.docId)?.title ?? ''), analyse(context)];
    values.forEach((v, field) => builder.add(doc, field, v.terms, v.length, field !== 4));
  });
  const postings = builder.finish();
  const best = new Map<string, string>();
  for (const [form, count] of formCount) {
    const term = termOf(form);
    if (!term) continue;
    const cur = best.get(term);
    if (cur === undefined || count > formCount.get(cur)!) best.set(term, form);
  }
  const forms = [...formCount.keys()].sort();
  const formIds = new SortedTerms(forms);
  const surface = new Int32Array(postings.terms.length).fill(-1);
  postings.terms.forEach((t, id) => {
    const form = best.get(t);
    surface[id] = form === undefined ? -1 : formIds.get(form)!;
  });
  return { postings, forms, surface };
}

/** Near-duplicate groups as they were found from each passage's own `terms(p.text)`. */
function referenceGroups(passages: Passage[]): string[] {
  const n = passages.length;
  const termIds = new Map<string, number>();
  const vectors = passages.map((p) => {
    const tf = new Map<number, number>();
    for (const t of terms(p.text)) {
      let id = termIds.get(t);
      if (id === undefined) termIds.set(t, (id = termIds.size));
      tf.set(id, (tf.get(id) ?? 0) + 1);
    }
    return { ids: Int32Array.from(tf.keys()), counts: Int32Array.from(tf.values()) };
  });
  const tooShort = (i: number) => vectors[i]!.ids.length < 5;
  const df = new Int32Array(termIds.size);
  for (const v of vectors) for (const id of v.ids) df[id]!++;
  const weights = vectors.map((v) => {
    const w = Float64Array.from(v.ids, (id, k) => (1 + Math.log(v.counts[k]!)) * Math.log(1 + n / df[id]!));
    const norm = Math.sqrt(w.reduce((s, x) => s + x * x, 0)) || 1;
    return w.map((x) => x / norm);
  });
  const maxDf = Math.min(50, Math.max(2, Math.ceil(n * 0.05)));
  const postings: number[][] = [];
  vectors.forEach((v, i) => {
    for (const id of v.ids) if (df[id]! <= maxDf) (postings[id] ??= []).push(i);
  });
  const parent = passages.map((_, i) => i);
  const find = (i: number): number => (parent[i] === i ? i : (parent[i] = find(parent[i]!)));
  // The dot product as the build computes it: the shorter vector walked, the longer spread out.
  const dense = new Float64Array(termIds.size);
  const cosine = (i: number, j: number) => {
    const [a, b] = vectors[i]!.ids.length < vectors[j]!.ids.length ? [i, j] : [j, i];
    vectors[b]!.ids.forEach((id, k) => (dense[id] = weights[b]![k]!));
    let dot = 0;
    vectors[a]!.ids.forEach((id, k) => {
      if (dense[id]) dot += weights[a]![k]! * dense[id]!;
    });
    vectors[b]!.ids.forEach((id) => (dense[id] = 0));
    return dot;
  };
  for (let i = 0; i < n; i++) {
    if (tooShort(i)) continue;
    const v = vectors[i]!;
    const distinctive = Array.from(v.ids.keys())
      .filter((k) => df[v.ids[k]!]! <= maxDf)
      .sort((a, b) => weights[i]![b]! - weights[i]![a]!)
      .slice(0, 12);
    const shared = new Map<number, number>();
    for (const k of distinctive) for (const j of postings[v.ids[k]!] ?? []) if (j > i) shared.set(j, (shared.get(j) ?? 0) + 1);
    for (const [j, count] of shared) {
      if (count < 2 || passages[i]!.docId === passages[j]!.docId || tooShort(j)) continue;
      if (cosine(i, j) >= NEAR_DUPLICATE_THRESHOLD) {
        const a = find(i);
        const b = find(j);
        if (a !== b) parent[Math.max(a, b)] = Math.min(a, b);
      }
    }
  }
  return passages.map((_, i) => passages[find(i)]!.id);
}

// ---- The comparisons. ----

const plain = (d: SearchData) => ({
  docCount: d.postings.docCount,
  terms: d.postings.terms,
  termCounts: [...d.postings.termCounts],
  fields: d.postings.fields.map((f) => ({ offsets: [...f.offsets], docs: [...f.docs], tfs: [...f.tfs], lengths: [...f.lengths], avgLength: f.avgLength })),
  forms: d.forms,
  surface: [...d.surface],
});

/** /topic as the bot answers it: the passages shown and their order, per query. */
const topics = (library: Library, queries: string[]) =>
  queries.map((q) => {
    const r = library.search(q, { limit: 3 });
    return { q, match: r.match, hits: r.hits.map((h) => [h.passage.id, h.score.toFixed(9), JSON.stringify(h.highlights)]) };
  });

function expectSameAsBefore(documents: IngestedDocument[], queries: string[]) {
  const corpus = buildCorpus(documents);
  // Near-duplicates: the same passages share a group, so the same ones are kept in an answer.
  const groups = corpus.passages.map((p) => p.groupId);
  expect(groups).toEqual(referenceGroups(corpus.passages.map((p) => ({ ...p }))));
  const built = buildSearchData(corpus);
  const reference = referenceSearchData(corpus);
  expect(plain(built)).toEqual(plain(reference));
  // What a user sees: the same /topic answers from either index.
  const ours = new Library(corpus, new SearchIndex(corpus, built));
  const before = new Library(corpus, new SearchIndex(corpus, reference));
  expect(topics(ours, queries)).toEqual(topics(before, queries));
  return { corpus, groups };
}

describe('tokenizing once into shared term ids', () => {
  it('keeps the bundled corpus\'s near-duplicate groups, index and /topic answers', async () => {
    const { documents } = await loadCorpus(path.resolve('data/corpus'));
    const { groups } = expectSameAsBefore(documents, [
      'checkpoint design',
      'scaling laws',
      'research versus engineering',
      'power and cooling in the data centre',
      'ImageGen',
      'pre training',
      'open ai',
      'GPT 4.5',
      'what does Greg think about AGI',
    ]);
    // The two translations of one interview are still found to say the same things.
    expect(new Set(groups).size).toBeLessThan(groups.length);
  });

  it('reads joined spellings, camel case and sentences split across neighbours alike', () => {
    const joins = doc({ id: 'joins', title: 'OpenAI and ImageGen notes' }, [
      { section: 'Pre-training', sentences: ['We talked about pre-training at Open AI and about ImageGen', 'Then pretraining came up again and the openai team said image gen is hard'] },
      { speaker: 'Ada Lovelace', sentences: ['Data centre power', 'centre workloads and datacentre capacity grow with GPT4 and GPT-4 models', 'The last line ends open'] },
      // The host's question sits between a line ending "open" and one starting "ai": its context reads "open ai".
      { speaker: 'Host', sentences: ['What did the team say about safety after that?'] },
      { speaker: 'Ada Lovelace', sentences: ['ai safety is where the talk ended and the GPUs went quiet.'] },
    ]);
    expectSameAsBefore([ENGINEERING, POWER, TRANSLATION, joins], ['pretraining', 'openai', 'image gen', 'datacentre', 'open ai safety', 'checkpoint restore']);
  });

  it('reads a hand-made corpus whose passage text is not its sentences joined', () => {
    const corpus = buildCorpus([ENGINEERING, POWER, TRANSLATION]);
    // As a test or a tool might build one: the context field must then come from the strings.
    const odd = corpus.passages[1]!;
    odd.text = `${odd.text}  (edited)`;
    odd.sentences = [...odd.sentences.slice(0, -1), 'A checkpoint that cannot be restored misleads everyone'];
    const reference = referenceSearchData(corpus);
    expect(plain(buildSearchData(corpus))).toEqual(plain(reference));
  });

  describe('on a synthetic shelf', () => {
    let dir: string;
    beforeAll(async () => {
      dir = await mkdtemp(path.join(os.tmpdir(), 'shared-terms-'));
      await ensureSyntheticCorpus(dir, { sizeBytes: Math.round(0.3 * MB), seed: 11 });
    });
    afterAll(() => rm(dir, { recursive: true, force: true }));

    it('builds the same index as before', async () => {
      const { documents } = await loadCorpus(dir);
      const corpus = buildCorpus(documents);
      const words = corpus.passages.slice(0, 40).map((p) => p.text.split(/\s+/).slice(2, 5).join(' '));
      expectSameAsBefore(documents, words);
    });
  });
});
