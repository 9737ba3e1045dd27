// The files a load leaves out are part of what the Library knows, in words a person reads, so
// /sources and the CLI can name them; a file served despite a problem is not among them.
import { describe, expect, it } from 'vitest';
import { Library, skippedFiles } from '../../src/core/library/library.js';
import { buildCorpus } from '../../src/core/ingest/passages.js';
import { describeWarning } from '../../src/platforms/terminal/notices.js';
import { ENGINEERING } from '../helpers/fixtures.js';

describe('skipped files', () => {
  it('keeps each file left out once, with the reason and without the "skipped" tail', () => {
    const skipped = skippedFiles([
      { file: 'scan.pdf', message: 'has no text layer; skipped', skipped: true },
      { file: 'scan.pdf', message: 'has no text layer; skipped', skipped: true },
      { file: 'talk.txt', message: 'front matter field "date" is invalid; ignored' },
      { file: 'old.txt', message: 'could not be read (EACCES); still serving its previous version' },
      { file: 'weird.bin', message: 'skipped', skipped: true },
    ]);
    expect(skipped).toEqual([
      { file: 'scan.pdf', reason: 'has no text layer' },
      { file: 'weird.bin', reason: 'could not be read' },
    ]);
  });

  it('are what a Library made from a load reports', () => {
    const lib = new Library(buildCorpus([ENGINEERING]), undefined, [{ file: 'book.epub', message: 'is a damaged zip; skipped', skipped: true }]);
    expect(lib.skipped).toEqual([{ file: 'book.epub', reason: 'is a damaged zip' }]);
    expect(new Library(buildCorpus([ENGINEERING])).skipped).toEqual([]);
  });

  it('reach a terminal without the escape codes a file name could carry', () => {
    const line = describeWarning({ file: 'evil\u001b[2J\u001b]8;;https://x.example\u0007.txt', message: 'file is empty; skipped', skipped: true });
    expect(line).toBe('Corpus file evil.txt: file is empty; skipped.');
  });
});
