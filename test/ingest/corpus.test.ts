import { describe, it, expect, beforeAll } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadCorpus } from '../../src/core/ingest/index.js';
import { UserError } from '../../src/core/errors.js';
import type { IngestResult } from '../../src/core/corpus.js';

const CORPUS = path.resolve(import.meta.dirname, '../../data/corpus');

describe('the shipped corpus', () => {
  let result: IngestResult;
  beforeAll(async () => {
    result = await loadCorpus(CORPUS);
  });
  const doc = (prefix: string) => result.documents.find((d) => d.file.startsWith(prefix))!;

  it('loads five documents with metadata from the sidecar and no warnings', () => {
    expect(result.documents).toHaveLength(5);
    expect(result.warnings).toEqual([]);
    expect(doc('000').meta.id).toBe('brockman-aiewf-freetalkhub');
    expect(doc('000').hash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('leaves no page chrome, foreign script or overlong sentence', () => {
    for (const d of result.documents)
      for (const s of d.sentences) {
        for (const junk of ['{{', '.webp', '_Page_', 'cookie', 'Login', 'Leave a Reply', 'Newbie', 'Edited on'])
          expect(s.text, `${d.file}: ${s.text}`).not.toContain(junk);
        expect(s.text).not.toMatch(/\p{Script=Han}/u);
        expect(s.text.length).toBeLessThanOrEqual(600);
        expect(s.text.length).toBeGreaterThan(0);
      }
  });

  it('removes fillers and stutters from transcripts', () => {
    for (const d of result.documents.filter((x) => x.meta.kind === 'transcript'))
      for (const s of d.sentences) {
        expect(s.text, s.text).not.toMatch(/\b(um|uh)\b/i);
        expect(s.text).not.toMatch(/^Mhm\.?$/);
      }
    for (const s of doc('004').sentences) expect(s.text, s.text).not.toMatch(/\bI I\b/);
  });

  it('keeps the headings of 000 and 001 as sections', () => {
    const sections = (p: string) => new Set(doc(p).sentences.map((s) => s.section).filter(Boolean));
    expect(sections('000').size).toBe(7);
    expect(sections('001').size).toBe(7);
    expect([...sections('000')]).toContain('Engineers and researchers are equally important; the first lesson at OpenAI is technical humility');
    expect([...sections('001')][0]).toMatch(/^Engineers and Researchers Are Equally Important/);
    for (const p of ['000', '001']) for (const s of doc(p).sentences) expect(s.text).not.toMatch(/^\d\.\s|^\*\*/);
  });

  it('attributes turns to the labelled speakers', () => {
    for (const p of ['000', '001']) {
      const speakers = new Set(doc(p).sentences.map((s) => s.speaker));
      expect(speakers).toContain('Greg Brockman');
      expect(speakers).toContain('Jensen Huang');
      expect(speakers).toContain('Host');
      expect(speakers).toContain('Question');
    }
    const r2d2 = doc('000').sentences.find((s) => s.text.includes('R2-D2'));
    expect(r2d2?.speaker).toBe('Jensen Huang');
  });

  it('turns the unpunctuated last third of 002 into readable units', () => {
    const s = doc('002').sentences;
    const tail = s.slice(Math.floor((s.length * 2) / 3)).map((x) => x.text.length).sort((a, b) => a - b);
    const median = tail[Math.floor(tail.length / 2)]!;
    expect(median).toBeGreaterThanOrEqual(40);
    expect(median).toBeLessThanOrEqual(300);
    for (const x of s) expect(x.text.length).toBeLessThanOrEqual(400);
    for (const x of s) expect(x.text, x.text).toMatch(/^[\p{Lu}\d"“‘']/u);
  });

  it('drops slide captions and the repeated title from the live blog and finds its subheading', () => {
    const d = doc('003');
    expect(d.sentences.some((s) => /keynote on building a scalable AI infrastructure$/.test(s.text))).toBe(false);
    expect(d.sentences.some((s) => /^close\.?$/i.test(s.text))).toBe(false);
    expect(d.sentences.at(-1)?.section).toBe('Closing words');
  });
});

describe('loadCorpus edge cases', () => {
  const tmp = () => fs.mkdtempSync(path.join(os.tmpdir(), 'ingest-'));
  const PROSE = 'The committee met on Tuesday to discuss the budget. It approved the plan.\n';

  it('throws corpus_missing for a missing folder or a file path', async () => {
    await expect(loadCorpus('/no/such/folder')).rejects.toMatchObject({ code: 'corpus_missing' });
    // Every format's ending is named, however many readers there are.
    await expect(loadCorpus('/no/such/folder')).rejects.toThrow(
      /^Corpus folder not found: \/no\/such\/folder\. Set CORPUS_DIR to a folder of \.txt, \.md(, \.\w+)* or \.\w+ files\.$/,
    );
    const dir = tmp();
    fs.writeFileSync(path.join(dir, 'a.txt'), PROSE);
    await expect(loadCorpus(path.join(dir, 'a.txt'))).rejects.toBeInstanceOf(UserError);
  });

  it('throws corpus_empty when nothing usable is left, with the reasons', async () => {
    const dir = tmp();
    fs.writeFileSync(path.join(dir, 'empty.txt'), '');
    fs.writeFileSync(path.join(dir, 'notes.pdf'), PROSE);
    await expect(loadCorpus(dir)).rejects.toMatchObject({ code: 'corpus_empty' });
  });

  it('skips empty, binary, chrome-only files and files of unknown extensions, each with a warning', async () => {
    const dir = tmp();
    fs.writeFileSync(path.join(dir, 'good.txt'), PROSE);
    fs.writeFileSync(path.join(dir, 'empty.txt'), '   \n');
    fs.writeFileSync(path.join(dir, 'blob.txt'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0x00, 0x01, 0xff]));
    fs.writeFileSync(path.join(dir, 'latin1.txt'), Buffer.from(Array.from({ length: 200 }, (_, i) => (i % 2 ? 0xe9 : 0xff))));
    fs.writeFileSync(path.join(dir, 'chrome.md'), 'Login\nRegister\n{{error.email}}\n');
    fs.writeFileSync(path.join(dir, 'image.png'), Buffer.from([0, 1, 2]));
    fs.writeFileSync(path.join(dir, 'readme.rst'), PROSE);
    const r = await loadCorpus(dir);
    expect(r.documents.map((d) => d.file)).toEqual(['good.txt']);
    const byFile = Object.fromEntries(r.warnings.map((w) => [w.file, w.message]));
    expect(byFile['empty.txt']).toMatch(/empty/);
    expect(byFile['blob.txt']).toMatch(/binary/);
    expect(byFile['latin1.txt']).toMatch(/UTF-8/);
    expect(byFile['chrome.md']).toMatch(/no readable sentences/);
    // Issue 12: no file is left out without a word.
    expect(byFile['image.png']).toMatch(/is not in a format the bot reads \(it reads \.txt/);
    expect(byFile['readme.rst']).toMatch(/is not in a format the bot reads/);
    expect(r.documents[0]!.meta).toMatchObject({ id: 'good', kind: 'article', speakers: [], language: 'en' });
  });

  it('flags a file as binary for NUL bytes anywhere, not only in its first 8 KB', async () => {
    const dir = tmp();
    fs.writeFileSync(path.join(dir, 'good.txt'), PROSE);
    // A text preamble followed by an archive: readable at the top, binary further down.
    fs.writeFileSync(path.join(dir, 'bundle.txt'), Buffer.concat([Buffer.from(PROSE.repeat(200)), Buffer.from([0x50, 0x4b, 0x03, 0x04, 0, 0, 0, 0x08, 0])]));
    const r = await loadCorpus(dir);
    expect(r.documents.map((d) => d.file)).toEqual(['good.txt']);
    expect(r.warnings).toContainEqual({ file: 'bundle.txt', message: expect.stringMatching(/binary/), skipped: true });
  });

  it('reads subfolders, with ids that keep the folder, their own corpus.yaml, and no hidden or tooling folders', async () => {
    const dir = tmp();
    const write = (rel: string, body: string) => {
      fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
      fs.writeFileSync(path.join(dir, rel), body);
    };
    const prose = (topic: string) => `The committee discussed ${topic} at length on Tuesday. It approved the ${topic} plan.\n`;
    write('top.txt', prose('budget'));
    write('notes/old.txt', prose('archive'));
    write('essays/old.txt', prose('essay'));
    write('essays/2024/deep.md', prose('deepest'));
    write('essays/corpus.yaml', 'documents:\n  old.txt:\n    title: The Old Essay\n  2024/deep.md:\n    source: Yearbook\n  gone.txt:\n    title: Nothing\n');
    write('.git/description.txt', prose('hidden'));
    write('node_modules/pkg/README.md', prose('dependency'));
    const r = await loadCorpus(dir);
    const byFile = Object.fromEntries(r.documents.map((d) => [d.file, d.meta]));
    expect(Object.keys(byFile).sort()).toEqual(['essays/2024/deep.md', 'essays/old.txt', 'notes/old.txt', 'top.txt']);
    expect(byFile['notes/old.txt']).toMatchObject({ id: 'notes-old', title: 'old' });
    expect(byFile['essays/old.txt']).toMatchObject({ id: 'essays-old', title: 'The Old Essay' });
    expect(byFile['essays/2024/deep.md']).toMatchObject({ id: 'essays-2024-deep', source: 'Yearbook' });
    expect(byFile['top.txt']).toMatchObject({ id: 'top', title: 'top' });
    expect(r.warnings).toEqual([{ file: 'essays/corpus.yaml', message: expect.stringMatching(/"gone.txt", which is not in the folder/) }]);
  });

  it('reads front matter from .md, which wins over the sidecar', async () => {
    const dir = tmp();
    fs.writeFileSync(
      path.join(dir, 'talk.md'),
      '---\nid: my-talk\ntitle: My Talk\nkind: transcript\nspeakers: [Ann Lee]\ndate: 2024-05-01\n---\n# Opening\n\nAnn Lee: Um, welcome everyone. We we start now.\n',
    );
    fs.writeFileSync(path.join(dir, 'corpus.yaml'), 'documents:\n  talk.md:\n    id: from-sidecar\n    source: Conference\n');
    const r = await loadCorpus(dir);
    const d = r.documents[0]!;
    expect(d.meta).toMatchObject({ id: 'my-talk', title: 'My Talk', kind: 'transcript', source: 'Conference', date: '2024-05-01', speakers: ['Ann Lee'] });
    expect(d.sentences.map((s) => [s.section, s.speaker, s.text])).toEqual([
      ['Opening', 'Ann Lee', 'Welcome everyone.'],
      ['Opening', 'Ann Lee', 'We start now.'],
    ]);
    expect(r.warnings).toEqual([]);
  });

  it('warns about a bad metadata field, names file and field, and falls back to the default', async () => {
    const dir = tmp();
    fs.writeFileSync(path.join(dir, 'a.txt'), PROSE);
    fs.writeFileSync(path.join(dir, 'corpus.yaml'), 'documents:\n  a.txt:\n    kind: podcast\n    date: June 2024\n    title: Budget day\n');
    const r = await loadCorpus(dir);
    expect(r.documents[0]!.meta).toMatchObject({ kind: 'article', title: 'Budget day', id: 'a' });
    expect(r.documents[0]!.meta.date).toBeUndefined();
    expect(r.warnings.some((w) => w.file === 'a.txt' && w.message.includes('"kind"'))).toBe(true);
    expect(r.warnings.some((w) => w.file === 'a.txt' && w.message.includes('"date"'))).toBe(true);
  });

  it('guesses title and kind without metadata, and suffixes duplicate ids', async () => {
    const dir = tmp();
    const transcript = Array.from({ length: 12 }, () => 'so we kind of went ahead and um tried the thing that we had been\nthinking about for a while and it').join('\n');
    fs.writeFileSync(path.join(dir, 'a.txt'), '# Budget Day\n\n' + PROSE);
    fs.writeFileSync(path.join(dir, 'b.txt'), transcript + ' worked.\n');
    fs.writeFileSync(path.join(dir, 'corpus.yaml'), 'documents:\n  b.txt:\n    id: a\n');
    const r = await loadCorpus(dir);
    expect(r.documents.map((d) => d.meta.id)).toEqual(['a', 'a-2']);
    expect(r.documents[0]!.meta).toMatchObject({ title: 'Budget Day', kind: 'article' });
    expect(r.documents[1]!.meta.kind).toBe('transcript');
    expect(r.warnings.some((w) => w.file === 'b.txt' && /already used/.test(w.message))).toBe(true);
  });
});
