// The document readers registry: ingest finds a file's reader by its ending unless another reader
// is surer of the bytes, and a format added to the list is read with ingest untouched.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadCorpus } from '../../src/core/ingest/index.js';
import { listCorpusFiles } from '../../src/core/ingest/files.js';
import { DOCUMENT_READERS, ReaderRegistry, type DocumentReader } from '../../src/core/readers/index.js';
import { markdown } from '../../src/core/readers/md.js';
import { pdf } from '../../src/core/readers/pdf.js';
import { plainText } from '../../src/core/readers/txt.js';

const PROSE = 'The committee met on Tuesday to discuss the budget. It approved the plan.\n';
const bytes = (s: string | number[]) => (typeof s === 'string' ? Buffer.from(s) : Buffer.from(s));
const tmp = () => fs.mkdtempSync(path.join(os.tmpdir(), 'readers-'));

/** A made-up format: a signature line, then the text reversed, then a title in a header line. */
const FAKE_SIGNATURE = 'FAKEDOC/1\n';
const fakeReader: DocumentReader = {
  extensions: ['.fake'],
  sniff: (b) => (Buffer.from(b).subarray(0, FAKE_SIGNATURE.length).toString() === FAKE_SIGNATURE ? 'signature' : 'no'),
  read: (b) => {
    const [, header = '', ...body] = Buffer.from(b).toString('utf8').split('\n');
    const text = body.join('\n').split('').reverse().join('');
    if (!text.trim()) return { error: 'fake document has no body' };
    return { text, metadata: { where: 'fake header', fields: JSON.parse(header) as unknown }, warnings: ['fake reader was here'] };
  },
};
const fakeFile = (fields: object, text: string) => `${FAKE_SIGNATURE}${JSON.stringify(fields)}\n${text.split('').reverse().join('')}`;

describe('the bot’s document readers', () => {
  it('are every format the issue names, by ending, whatever its case', () => {
    expect(DOCUMENT_READERS.extensions).toEqual(['.txt', '.md', '.pdf', '.srt', '.vtt', '.html', '.htm', '.xhtml', '.epub', '.docx']);
    expect(DOCUMENT_READERS.describe()).toBe('.txt, .md, .pdf, .srt, .vtt, .html, .htm, .xhtml, .epub or .docx');
    expect(DOCUMENT_READERS.byName('Paper.PDF')).toBe(pdf);
    expect(DOCUMENT_READERS.byName('notes.txt')).toBe(plainText);
    expect(DOCUMENT_READERS.byName('shelf/talk.md')).toBe(markdown);
    expect(DOCUMENT_READERS.byName('NOTES.TXT')).toBe(plainText);
    expect(DOCUMENT_READERS.byName('Talk.Md')).toBe(markdown);
    for (const name of ['paper.pdf.part', 'README', 'archive.txt.gz', 'notes.', 'talk.markdown']) expect(DOCUMENT_READERS.byName(name), name).toBeUndefined();
  });

  it('let marks in the bytes overrule the ending, but not a mere "this decodes as text"', () => {
    // A .txt holding Markdown is taken by the Markdown reader, which reads text exactly as plain
    // text does (headings are the pipeline's business), so what is served does not change.
    const marked = bytes('# Heading\n\n' + PROSE);
    expect(DOCUMENT_READERS.forFile('notes.txt', marked)).toBe(markdown);
    expect(markdown.read(marked)).toEqual(plainText.read(marked));
    // A .md of plain prose stays Markdown: plain text's "could be" never beats the ending.
    expect(DOCUMENT_READERS.forFile('notes.md', bytes(PROSE))).toBe(markdown);
    expect(DOCUMENT_READERS.forFile('notes.txt', bytes(PROSE))).toBe(plainText);
  });

  it('sniff the bytes for an unknown or missing ending, the surest reader winning', () => {
    expect(DOCUMENT_READERS.forFile('README', bytes('# Budget day\n\n' + PROSE))).toBe(markdown);
    expect(DOCUMENT_READERS.forFile('notes.text', bytes('---\ntitle: Budget day\n---\n' + PROSE))).toBe(markdown);
    expect(DOCUMENT_READERS.forFile('notes.text', bytes(PROSE))).toBe(plainText);
    expect(DOCUMENT_READERS.forFile('image.png', bytes([0x89, 0x50, 0x4e, 0x47, 0x00, 0x00, 0x01, 0xff]))).toBeUndefined();
    expect(DOCUMENT_READERS.forFile('empty', bytes(''))).toBeUndefined();
  });

  it('read front matter as metadata from plain text and Markdown alike, and warn about a broken block', () => {
    for (const reader of [plainText, markdown]) {
      expect(reader.read(bytes('---\ntitle: Budget day\n---\n' + PROSE))).toEqual({ text: PROSE, metadata: { where: 'front matter', fields: { title: 'Budget day' } }, warnings: [] });
      const broken = reader.read(bytes('---\ntitle: [unclosed\n---\n' + PROSE));
      expect(broken).toMatchObject({ text: PROSE, warnings: [expect.stringMatching(/^front matter is not valid YAML/)] });
      expect(reader.read(bytes([0x50, 0x4b, 0x03, 0x04, 0, 0]))).toEqual({ error: expect.stringMatching(/binary/) });
    }
  });

  it('refuse a list where two readers claim one ending, or an ending without its dot', () => {
    expect(() => new ReaderRegistry([plainText, { ...markdown, extensions: ['.TXT'] }])).toThrow(/two document readers claim \.txt/);
    expect(() => new ReaderRegistry([{ ...markdown, extensions: ['md'] }])).toThrow(/must be a dot/);
  });
});

describe('a third reader in the list', () => {
  const readers = new ReaderRegistry([...DOCUMENT_READERS.readers, fakeReader]);

  it('is listed, read and named in messages by ingest, which knows nothing of it', async () => {
    const dir = tmp();
    fs.writeFileSync(path.join(dir, 'plain.txt'), PROSE);
    fs.writeFileSync(path.join(dir, 'minutes.FAKE'), fakeFile({ title: 'Minutes of the fake', kind: 'podcast' }, 'The fake committee met on Monday. It rejected the plan.\n'));
    expect((await listCorpusFiles(dir)).documents).toEqual(['plain.txt']);
    expect((await listCorpusFiles(dir, readers)).documents).toEqual(['minutes.FAKE', 'plain.txt']);

    const r = await loadCorpus(dir, { readers });
    const fake = r.documents.find((d) => d.file === 'minutes.FAKE')!;
    expect(fake.meta).toMatchObject({ id: 'minutes', title: 'Minutes of the fake', kind: 'article' });
    expect(fake.sentences.map((s) => s.text)).toEqual(['The fake committee met on Monday.', 'It rejected the plan.']);
    expect(r.warnings).toEqual([
      { file: 'minutes.FAKE', message: 'fake reader was here' },
      { file: 'minutes.FAKE', message: expect.stringMatching(/^fake header metadata field "kind" is invalid/) },
    ]);
    // The bot's own list still ignores the ending.
    expect((await loadCorpus(dir)).documents.map((d) => d.file)).toEqual(['plain.txt']);
  });

  it('reports its own refusal as the reason the file is skipped, and is named in the empty-folder message', async () => {
    const dir = tmp();
    fs.writeFileSync(path.join(dir, 'hollow.fake'), fakeFile({}, ''));
    await expect(loadCorpus(dir, { readers })).rejects.toThrow(/add \.txt, \.md, (\.\w+, )*\.pdf(, \.\w+)* or \.fake files with readable text\. Problems: hollow\.fake: fake document has no body; skipped/);
  });

  it('may read asynchronously, and a reader that throws on a damaged file costs that file only', async () => {
    const slow: DocumentReader = { extensions: ['.slow'], sniff: () => 'no', read: async (b) => ({ text: Buffer.from(b).toString('utf8'), warnings: [] }) };
    const choking: DocumentReader = {
      extensions: ['.choke'],
      sniff: () => 'no',
      read: async () => {
        throw new Error('Invalid XRef stream header');
      },
    };
    const dir = tmp();
    fs.writeFileSync(path.join(dir, 'plain.txt'), PROSE);
    fs.writeFileSync(path.join(dir, 'later.slow'), 'The slow reader answered later. Nothing was lost.\n');
    fs.writeFileSync(path.join(dir, 'broken.choke'), 'whatever');
    const r = await loadCorpus(dir, { readers: new ReaderRegistry([...DOCUMENT_READERS.readers, slow, choking]) });
    expect(r.documents.map((d) => d.file).sort()).toEqual(['later.slow', 'plain.txt']);
    expect(r.warnings).toEqual([{ file: 'broken.choke', message: 'could not be read (Invalid XRef stream header); skipped', skipped: true }]);
  });

  it('wins the sniff by its signature over plain text', () => {
    expect(readers.forFile('minutes', bytes(fakeFile({}, PROSE)))).toBe(fakeReader);
  });
});
