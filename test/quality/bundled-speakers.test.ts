// The hand-labelled speakers of the bundled documents stay honest: every phrase is really in its
// raw file (so a phrase "lost" in the figures is lost by the pipeline, not by a typo), is free of
// the fillers and stutters that display cleaning removes (so it can survive cleaning), and every
// label is a speaker of its document or one of the documented roles. The figures themselves are
// measured by `npm run quality`, not asserted: the speaker rules are still being tuned.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { BUNDLED_DIR, HOST, NARRATOR, REPORTED, creditIsRight, evaluateBundled, isNarratorSpeaker, loadBundledLabels, scoreBundled } from '../../tools/quality/bundled.js';
import type { Corpus, DocumentMeta, Passage } from '../../src/core/corpus.js';

const labels = loadBundledLabels();
const sidecar = parseYaml(readFileSync(path.join(BUNDLED_DIR, 'corpus.yaml'), 'utf8')) as {
  documents: Record<string, { id: string; kind: string; speakers?: string[]; source?: string }>;
};
const byId = new Map(Object.entries(sidecar.documents).map(([file, meta]) => [meta.id, { file, ...meta }]));
const flat = (s: string) => s.replace(/\s+/g, ' ').trim();
const TRANSCRIPTS = ['brockman-wang-fireside', 'pretraining-gpt-4-5'];

describe('bundled speaker labels: integrity', () => {
  it('labels only bundled documents', () => {
    for (const id of Object.keys(labels.docs)) expect(byId.has(id), id).toBe(true);
  });

  it('has every phrase verbatim in its raw file (whitespace and line breaks aside)', () => {
    for (const [id, items] of Object.entries(labels.docs)) {
      const raw = flat(readFileSync(path.join(BUNDLED_DIR, byId.get(id)!.file), 'utf8'));
      for (const { phrase } of items) expect(raw.includes(flat(phrase)), `${id}: ${phrase}`).toBe(true);
    }
  });

  it('has phrases of 6 to 12 words with no filler, stutter or repeated word', () => {
    for (const [id, items] of Object.entries(labels.docs))
      for (const { phrase } of items) {
        // Words as written ("GPT4.5", "10,000" and "pre-tuning" are one word each).
        const n = phrase.trim().split(/\s+/).length;
        expect(n, `${id}: ${phrase}`).toBeGreaterThanOrEqual(6);
        expect(n, `${id}: ${phrase}`).toBeLessThanOrEqual(12);
        const w = phrase.toLowerCase().match(/[\p{L}\p{N}'’]+/gu) ?? [];
        expect(/\b(um|uh|mhm|like)\b|\byou know\b/i.test(phrase), `${id}: ${phrase}`).toBe(false);
        expect(w.some((x, i) => x === w[i + 1]), `${id}: ${phrase}`).toBe(false);
      }
  });

  it('credits every label to a speaker of its document or a documented role', () => {
    for (const [id, items] of Object.entries(labels.docs)) {
      const meta = byId.get(id)!;
      const allowed = meta.kind === 'live blog' ? [NARRATOR, REPORTED] : [...(meta.speakers ?? []), ...(meta.kind === 'article' ? [HOST] : [])];
      for (const { phrase, speaker } of items) expect(allowed, `${id}: ${phrase}`).toContain(speaker);
    }
  });

  it('labels enough of each transcript, every speaker included, spread over the whole file', () => {
    for (const id of TRANSCRIPTS) {
      const items = labels.docs[id] ?? [];
      expect(items.length, id).toBeGreaterThanOrEqual(40);
      expect(new Set(items.map((i) => i.speaker)), id).toEqual(new Set(byId.get(id)!.speakers));
      const raw = flat(readFileSync(path.join(BUNDLED_DIR, byId.get(id)!.file), 'utf8'));
      const at = items.map((i) => raw.indexOf(flat(i.phrase)) / raw.length);
      // Every fifth of the file has labels, so the figures are not about its opening only.
      for (let part = 0; part < 5; part++) expect(at.some((x) => x >= part / 5 && x < (part + 1) / 5), `${id} part ${part}`).toBe(true);
    }
  });

  it('labels both voices of the live blog and the askers of the articles', () => {
    const blog = (labels.docs['openai-hot-chips-2024'] ?? []).map((i) => i.speaker);
    expect(blog).toContain(NARRATOR);
    expect(blog).toContain(REPORTED);
    for (const id of ['brockman-aiewf-freetalkhub', 'brockman-aiewf-ttm']) expect((labels.docs[id] ?? []).map((i) => i.speaker), id).toContain(HOST);
  });
});

describe('bundled speaker scoring', () => {
  const blogMeta: DocumentMeta = { id: 'blog', title: 'Blog', kind: 'live blog', speakers: [], source: 'Example Outlet', language: 'en' };
  const talkMeta: DocumentMeta = { id: 'talk', title: 'Talk', kind: 'transcript', speakers: ['Ada Lovelace', 'Bo Chen'], language: 'en' };
  const passage = (docId: string, position: number, text: string, speaker?: string): Passage => ({
    id: `${docId}-${position}`,
    docId,
    text,
    position,
    groupId: `${docId}-${position}`,
    quotability: 0.5,
    sentences: [text],
    ...(speaker ? { speaker } : {}),
  });

  it('takes the publisher or a name saying narrator or live blog as the narrator, and nothing else', () => {
    expect(isNarratorSpeaker('Example Outlet', blogMeta)).toBe(true);
    expect(isNarratorSpeaker('Narrator', blogMeta)).toBe(true);
    expect(isNarratorSpeaker('Live blog', blogMeta)).toBe(true);
    expect(isNarratorSpeaker('OpenAI', blogMeta)).toBe(false);
    expect(isNarratorSpeaker(undefined, blogMeta)).toBe(false);
    expect(creditIsRight(REPORTED, 'OpenAI', blogMeta)).toBe(true);
    expect(creditIsRight(REPORTED, 'Example Outlet', blogMeta)).toBe(false);
    expect(creditIsRight(NARRATOR, 'OpenAI', blogMeta)).toBe(false);
    expect(creditIsRight('Ada Lovelace', 'ada lovelace', talkMeta)).toBe(true);
    // The one asking in an interview is the host whether the label says Q, Question or Host; a named person is not.
    expect(creditIsRight(HOST, 'Question', talkMeta)).toBe(true);
    expect(creditIsRight(HOST, 'Q', talkMeta)).toBe(true);
    expect(creditIsRight(HOST, 'Bo Chen', talkMeta)).toBe(false);
    expect(creditIsRight('Bo Chen', 'Question', talkMeta)).toBe(false);
  });

  it('counts found, credited and right per document, the transcript passages attributed and the passages with residue', () => {
    const passages = [
      passage('talk', 0, 'Welcome everyone to the session on engines and looms today.', 'Bo Chen'),
      passage('talk', 1, 'I built the analytical engine notes in the autumn of that year.', 'Bo Chen'),
      passage('talk', 2, 'Yeah. Yeah. The loom was the model for every card we punched by hand.'),
      passage('blog', 0, 'This is much like what we do at our own office every week.', 'Example Outlet'),
      passage('blog', 1, 'The keynote said demand for compute grows fourfold every single year.', 'Example Outlet'),
    ];
    const corpus = {
      documents: [talkMeta, blogMeta],
      passages,
      byId: new Map(passages.map((p) => [p.id, p])),
      byDoc: new Map([
        ['talk', passages.slice(0, 3)],
        ['blog', passages.slice(3)],
      ]),
    } as unknown as Corpus;
    const report = scoreBundled(corpus, {
      docs: {
        talk: [
          { phrase: 'welcome everyone to the session on engines', speaker: 'Bo Chen', why: 'host' },
          { phrase: 'I built the analytical engine notes in the autumn', speaker: 'Ada Lovelace', why: 'her notes' },
          { phrase: 'the model for every card we punched', speaker: 'Ada Lovelace', why: 'her cards' },
          { phrase: 'a phrase the pipeline lost along the way', speaker: 'Bo Chen', why: 'lost' },
        ],
        blog: [
          { phrase: 'like what we do at our own office', speaker: NARRATOR, why: 'aside' },
          { phrase: 'demand for compute grows fourfold every single year', speaker: REPORTED, why: 'keynote' },
        ],
      },
    });
    const talk = report.documents.find((d) => d.id === 'talk')!;
    expect([talk.labelled, talk.found, talk.credited, talk.right]).toEqual([4, 3, 2, 1]);
    expect(talk.wrong).toEqual([{ phrase: 'I built the analytical engine notes in the autumn', expected: 'Ada Lovelace', got: 'Bo Chen' }]);
    expect([talk.transcriptAttributed, talk.transcriptPassages]).toEqual([2, 3]);
    const blog = report.documents.find((d) => d.id === 'blog')!;
    expect([blog.credited, blog.right]).toEqual([2, 1]);
    expect(report.totals.precision).toBeCloseTo(2 / 4);
    expect(report.totals.coverage).toBeCloseTo(4 / 6);
    expect(report.totals.transcriptAttributedShare).toBeCloseTo(2 / 3);
    expect([talk.residue, blog.residue, report.totals.residue]).toEqual([1, 0, 1]);
    expect(talk.residueSamples[0]?.what).toBe('interjection run "Yeah. Yeah."');
  });
});

describe('bundled documents: who the bot credits', () => {
  it('credits the right person at least 95% of the time on the hand-labelled phrases, and serves every one of them', async () => {
    const report = await evaluateBundled();
    const t = report.totals;
    // A wrong name is worse than none: precision is the floor; coverage only may not fall back to nothing.
    expect(t.precision).toBeGreaterThanOrEqual(0.95);
    expect(t.found / t.labelled).toBeGreaterThanOrEqual(0.95);
    expect(t.coverage).toBeGreaterThanOrEqual(0.3);
    expect(report.documents.filter((d) => d.residue > 0).map((d) => `${d.id}: ${d.residueSamples[0]?.what}`)).toEqual([]);
  });
});
