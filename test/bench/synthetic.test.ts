// The benchmark's inputs: the synthetic corpus generator and the query mix.
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { makeQueryMix, QUERY_KINDS } from '../../scripts/bench/queries.js';
import { ensureSyntheticCorpus, generateDocuments, makeVocabulary, MB, VOCABULARY_SIZE } from '../../scripts/bench/synthetic.js';

const vocab = makeVocabulary(7);
const sizeBytes = Math.round(0.2 * MB);
const docsOf = (seed: number) => [...generateDocuments({ sizeBytes, seed }, vocab)];

describe('synthetic corpus', () => {
  it('has a large vocabulary of distinct pseudo-words', () => {
    expect(new Set(vocab).size).toBe(VOCABULARY_SIZE);
    expect(VOCABULARY_SIZE).toBeGreaterThanOrEqual(200_000);
  });

  it('is the same for the same seed and different for another', () => {
    const a = docsOf(7);
    expect(docsOf(7)).toEqual(a);
    expect(docsOf(8).map((d) => d.text).join('')).not.toBe(a.map((d) => d.text).join(''));
  });

  it('hits the size within 5% in at least 5 files of every kind, with labels and headings', () => {
    const docs = docsOf(7);
    const bytes = docs.reduce((n, d) => n + Buffer.byteLength(d.text), 0);
    expect(Math.abs(bytes - sizeBytes) / sizeBytes).toBeLessThanOrEqual(0.05);
    expect(docs.length).toBeGreaterThanOrEqual(5);
    const all = docs.map((d) => d.text).join('\n');
    expect(all).toMatch(/^Host: /m);
    expect(all).toMatch(/^## /m);
    expect(all).toMatch(/\bthe\b/);
  });

  it('writes the files once and reuses them', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'bench-test-'));
    try {
      const first = await ensureSyntheticCorpus(path.join(dir, 'c'), { sizeBytes, seed: 7 });
      expect(first.generated).toBe(true);
      expect((await readdir(path.join(dir, 'c'))).filter((n) => n.endsWith('.txt'))).toHaveLength(first.manifest.files);
      const again = await ensureSyntheticCorpus(path.join(dir, 'c'), { sizeBytes, seed: 7 });
      expect(again.generated).toBe(false);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('query mix', () => {
  const texts = docsOf(7).flatMap((d) => d.text.split('\n\n')).slice(0, 200);

  it('has every kind, deterministically', () => {
    const qs = makeQueryMix(texts, 60, 1);
    expect(makeQueryMix(texts, 60, 1)).toEqual(qs);
    for (const k of QUERY_KINDS) expect(qs.some((q) => q.kind === k)).toBe(true);
    for (const q of qs) expect(q.text.trim().length).toBeGreaterThan(0);
    const phrase3 = qs.find((q) => q.kind === 'phrase3')!;
    expect(phrase3.text.split(' ')).toHaveLength(3);
    const miss = qs.filter((q) => q.kind === 'misspelling');
    for (const m of miss) expect(m.text.length).toBeGreaterThanOrEqual(4);
  });
});
