// The format is chosen by content as well as by ending: a file whose bytes carry another format's
// marks is read as what it is (a PDF or captions saved as .txt), while an ending keeps any file
// whose content is only "some text", and keeps a tie.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadCorpus } from '../../src/core/ingest/index.js';
import { DOCUMENT_READERS, ReaderRegistry, type DocumentReader } from '../../src/core/readers/index.js';
import { markdown } from '../../src/core/readers/md.js';
import { pdf } from '../../src/core/readers/pdf.js';
import { plainText } from '../../src/core/readers/txt.js';
import { column, writePdf } from '../helpers/pdf-writer.js';

const PROSE = 'The ferry left at dawn with forty passengers aboard. The crossing took two hours.\n';
const tmp = () => fs.mkdtempSync(path.join(os.tmpdir(), 'format-'));

/** A caption-like format with a signature line, standing in for any format with marks of its own. */
const cues: DocumentReader = {
  extensions: ['.cues'],
  sniff: (b) => (Buffer.from(b).subarray(0, 5).toString() === 'CUES\n' ? 'signature' : 'no'),
  read: (b) => ({ text: Buffer.from(b).toString('utf8').split('\n').filter((l) => !/^CUES$|^\d+ --> \d+$/.test(l)).join('\n'), warnings: [] }),
};
/** A markup format whose marks merely show, as HTML's tags do. */
const markup: DocumentReader = {
  extensions: ['.mk'],
  sniff: (b) => (/^<doc>/.test(Buffer.from(b).toString('utf8')) ? 'looks-like' : 'no'),
  read: (b) => ({ text: Buffer.from(b).toString('utf8').replace(/<\/?doc>/g, ''), warnings: [] }),
};
const readers = new ReaderRegistry([...DOCUMENT_READERS.readers, cues, markup]);

describe('choosing a file’s reader', () => {
  it('reads captions saved as .txt as captions: a signature beats plain text', async () => {
    const dir = tmp();
    fs.writeFileSync(path.join(dir, 'talk.txt'), `CUES\n1 --> 4\nThe ferry left at dawn with forty passengers aboard.\n5 --> 9\nThe crossing took two hours.\n`);
    const r = await loadCorpus(dir, { readers });
    expect(r.documents[0]!.sentences.map((s) => s.text)).toEqual(['The ferry left at dawn with forty passengers aboard.', 'The crossing took two hours.']);
  });

  it('reads marked-up text saved as .txt by the markup reader, but not plain prose', () => {
    expect(readers.forFile('page.txt', Buffer.from(`<doc>${PROSE}</doc>`))).toBe(markup);
    expect(readers.forFile('page.txt', Buffer.from(PROSE))).toBe(plainText);
  });

  it('keeps the ending on a tie: Markdown marks in a markup file do not move it', () => {
    const both = Buffer.from(`<doc>\n# Ferries\n\n${PROSE}</doc>`);
    expect(markdown.sniff(both)).toBe('looks-like');
    expect(readers.forFile('page.mk', both)).toBe(markup);
    expect(readers.forFile('notes.md', both)).toBe(markdown);
  });

  it('reads a PDF saved as .txt or .md as a PDF, and keeps a .pdf that is really text a PDF (which says so)', async () => {
    const bytes = writePdf({ pages: [column(['The ferry left at dawn with forty passengers aboard.', 'The crossing took two hours.'])] });
    expect(DOCUMENT_READERS.forFile('ferry.txt', bytes)).toBe(pdf);
    expect(DOCUMENT_READERS.forFile('ferry.md', bytes)).toBe(pdf);
    expect(DOCUMENT_READERS.forFile('ferry.pdf', Buffer.from(PROSE))).toBe(pdf);
    const dir = tmp();
    fs.writeFileSync(path.join(dir, 'ferry.md'), bytes);
    fs.writeFileSync(path.join(dir, 'notes.pdf'), PROSE);
    fs.writeFileSync(path.join(dir, 'other.txt'), PROSE);
    const r = await loadCorpus(dir);
    expect(r.documents.find((d) => d.file === 'ferry.md')!.sentences.map((s) => s.text)).toEqual([
      'The ferry left at dawn with forty passengers aboard.',
      'The crossing took two hours.',
    ]);
    expect(r.warnings).toEqual([{ file: 'notes.pdf', message: expect.stringMatching(/is not a readable PDF.*; skipped$/), skipped: true }]);
  });
});

describe('the PDF signature', () => {
  it('is a PDF header opening the file, or after a preamble in a binary file, never a header quoted in notes', () => {
    const bytes = writePdf({ pages: [column(['The ferry left at dawn.'])] });
    expect(pdf.sniff(bytes)).toBe('signature');
    expect(pdf.sniff(Buffer.concat([Buffer.from('X-Gateway: scanned\r\n\r\n'), bytes]))).toBe('signature');
    const notes = Buffer.from(`Notes on the format.\nA file opens with %PDF-1.4 and then its objects.\n${PROSE}`);
    expect(pdf.sniff(notes)).toBe('no');
    expect(DOCUMENT_READERS.forFile('notes.txt', notes)).toBe(plainText);
  });
});
