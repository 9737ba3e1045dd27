// Word documents: heading styles become sections, the core properties give title, author and
// date, and a Word file is told apart from other zips by its main part, not by its name.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { strToU8, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { loadCorpus } from '../../src/core/ingest/index.js';
import { docx, readDocx } from '../../src/core/readers/docx.js';
import { DOCUMENT_READERS } from '../../src/core/readers/index.js';
import { buildDocx, buildEpub } from './build.js';

const MEMO = buildDocx(
  [
    { style: 'Heading1', text: 'Harbour Survey Findings' },
    { text: 'The eastern wall has shifted by four centimetres since the spring. Divers found fresh cracks below the waterline.' },
    { style: 'Heading2', text: 'Recommended repairs' },
    { text: 'The council should fund a grout injection before the winter storms arrive.' },
    { text: '' },
    { text: 'A second survey will follow in March.' },
  ],
  { title: 'Harbour wall survey 2024', creator: 'Priya Lindqvist', created: '2024-02-14T09:12:00Z' },
);

const tmp = () => fs.mkdtempSync(path.join(os.tmpdir(), 'docx-reader-'));

describe('the DOCX reader', () => {
  it('knows a Word file by its main part, and not an EPUB or a plain zip', () => {
    expect(docx.sniff(MEMO)).toBe('signature');
    expect(docx.sniff(buildEpub({ title: 'T', chapters: [{ file: 'a.xhtml', body: '<p>Hi.</p>' }] }))).toBe('no');
    expect(docx.sniff(zipSync({ 'word/notes.txt': strToU8('not a document') }))).toBe('no');
    expect(docx.sniff(Buffer.from('word/document.xml is just words here'))).toBe('no');
    expect(DOCUMENT_READERS.forFile('memo', MEMO)).toBe(docx);
  });

  it('takes title, author and date from the core properties', async () => {
    const read = await readDocx(MEMO);
    if ('error' in read) throw new Error(read.error);
    expect(read.metadata?.fields).toEqual({ title: 'Harbour wall survey 2024', author: 'Priya Lindqvist', date: '2024-02-14' });
  });

  it('serves heading styles as sections of whole sentences through the corpus', async () => {
    const dir = tmp();
    fs.writeFileSync(path.join(dir, 'survey.docx'), MEMO);
    const { documents, warnings } = await loadCorpus(dir);
    expect(warnings).toEqual([]);
    const doc = documents[0]!;
    expect(doc.meta).toMatchObject({ title: 'Harbour wall survey 2024', author: 'Priya Lindqvist', date: '2024-02-14' });
    expect(doc.sentences.find((s) => s.text.startsWith('Divers found'))?.section).toBe('Harbour Survey Findings');
    expect(doc.sentences.find((s) => s.text.startsWith('The council should'))?.section).toBe('Recommended repairs');
    expect(doc.sentences.map((s) => s.text)).toContain('A second survey will follow in March.');
  });

  it('names the file when it is a damaged Word document', async () => {
    const dir = tmp();
    fs.writeFileSync(path.join(dir, 'broken.docx'), MEMO.subarray(0, 200));
    fs.writeFileSync(path.join(dir, 'hollow.docx'), zipSync({ 'word/other.xml': strToU8('<x/>') }));
    fs.writeFileSync(path.join(dir, 'ok.txt'), 'A plain note keeps the folder usable. It has two sentences.');
    const { documents, warnings } = await loadCorpus(dir);
    expect(documents.map((d) => d.file)).toEqual(['ok.txt']);
    expect(warnings).toEqual([
      { file: 'broken.docx', message: expect.stringMatching(/damaged zip archive/), skipped: true },
      { file: 'hollow.docx', message: expect.stringMatching(/not a Word document \(word\/document\.xml is missing\)/), skipped: true },
    ]);
  });
});
