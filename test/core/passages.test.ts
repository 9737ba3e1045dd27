import { describe, expect, it } from 'vitest';
import { buildCorpus, draftPassages, PASSAGE_MAX } from '../../src/core/ingest/passages.js';
import type { Sentence } from '../../src/core/corpus.js';
import { doc, ENGINEERING, POWER, TRANSLATION } from '../helpers/fixtures.js';

const sentence = (text: string, paragraph = 0, extra: Partial<Sentence> = {}): Sentence => ({ text, paragraph, ...extra });
const long = (n: number, word = 'word') => `${Array.from({ length: n }, () => word).join(' ')}.`;

describe('passages', () => {
  it('keeps whole sentences and never exceeds the size or sentence limits', () => {
    const sentences = Array.from({ length: 30 }, (_, i) => sentence(`Sentence number ${i} says something about scaling ${'a'.repeat(i * 7)}.`));
    const drafts = draftPassages('d', sentences);
    const rejoined = drafts.flatMap((d) => d.sentences);
    expect(rejoined).toEqual(sentences.map((s) => s.text));
    for (const d of drafts) {
      expect(d.text.length).toBeLessThanOrEqual(PASSAGE_MAX);
      expect(d.sentences.length).toBeLessThanOrEqual(4);
    }
  });

  it('does not mix speakers or sections in one passage', () => {
    const drafts = draftPassages('d', [
      sentence('Short question from the host?', 0, { speaker: 'Host' }),
      sentence('A short answer.', 1, { speaker: 'Greg' }),
      sentence('Another short answer.', 1, { speaker: 'Greg', section: 'Two' }),
    ]);
    expect(drafts.map((d) => d.speaker)).toEqual(['Host', 'Greg', 'Greg']);
    expect(drafts[2]!.section).toBe('Two');
  });

  it('merges short paragraphs of one voice so a passage reaches a readable length', () => {
    const drafts = draftPassages('d', [sentence('Yes.', 0), sentence('That is right, and here is why it matters so much.', 1), sentence(long(20), 2)]);
    expect(drafts).toHaveLength(1);
    expect(drafts[0]!.text.startsWith('Yes. That is right')).toBe(true);
  });

  it('gives ids that survive a restart and the addition of another document', () => {
    const a = buildCorpus([ENGINEERING]);
    const b = buildCorpus([POWER, ENGINEERING, TRANSLATION]);
    const idsA = a.byDoc.get('eng')!.map((p) => p.id);
    const idsB = b.byDoc.get('eng')!.map((p) => p.id);
    expect(idsB).toEqual(idsA);
    expect(new Set(b.passages.map((p) => p.id)).size).toBe(b.passages.length);
    for (const id of idsA) expect(id.startsWith('eng:')).toBe(true);
  });

  it('links neighbours and positions within a document', () => {
    const c = buildCorpus([ENGINEERING]);
    const list = c.byDoc.get('eng')!;
    expect(list.length).toBeGreaterThan(2);
    list.forEach((p, i) => {
      expect(p.position).toBe(i);
      expect(p.prevId).toBe(list[i - 1]?.id);
      expect(p.nextId).toBe(list[i + 1]?.id);
    });
  });

  it('groups a passage with its paraphrase from another translation, and nothing unrelated', () => {
    const c = buildCorpus([ENGINEERING, POWER, TRANSLATION]);
    const original = c.byDoc.get('eng')![0]!;
    const paraphrase = c.byDoc.get('eng-2')![0]!;
    expect(paraphrase.groupId).toBe(original.groupId);
    const others = c.passages.filter((p) => p !== original && p !== paraphrase);
    for (const p of others) expect(p.groupId).not.toBe(original.groupId);
  });

  it('rates a host question as less quotable than an opinionated answer', () => {
    const c = buildCorpus([ENGINEERING]);
    const question = c.passages.find((p) => p.speaker === 'Host')!;
    const answer = c.passages.find((p) => p.text.startsWith('I think hardware failures'))!;
    expect(answer.quotability).toBeGreaterThan(question.quotability);
    expect(question.quotability).toBeLessThan(0.5);
  });

  it('keeps a repeated passage distinct by id', () => {
    const d = doc({ id: 'rep' }, [[long(40, 'alpha')], [long(40, 'beta')], [long(40, 'alpha')]]);
    const ids = buildCorpus([d]).passages.map((p) => p.id);
    expect(new Set(ids).size).toBe(3);
  });
});
