// Every file of a corpus folder is accounted for: a file whose ending no reader takes is read when
// its bytes carry a format's marks, and otherwise named in a skipped-file warning saying what the
// bot reads; what systems and editors leave beside documents makes no noise.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadCorpus } from '../../src/core/ingest/index.js';
import { corpusKey } from '../../src/core/library/snapshot.js';
import { DOCUMENT_READERS } from '../../src/core/readers/index.js';

const PROSE = 'The committee met on Tuesday to discuss the budget. It approved the plan after a long debate.\n';
const tmp = () => fs.mkdtempSync(path.join(os.tmpdir(), 'listing-'));

describe('a corpus folder with files of unknown endings', () => {
  it('names each one in a skipped-file warning that says what the bot reads', async () => {
    const dir = tmp();
    fs.writeFileSync(path.join(dir, 'minutes.txt'), PROSE);
    fs.writeFileSync(path.join(dir, 'cover.png'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]));
    fs.writeFileSync(path.join(dir, 'LICENSE'), 'Permission is hereby granted, free of charge, to any person.\n');
    const r = await loadCorpus(dir);
    expect(r.documents.map((d) => d.file)).toEqual(['minutes.txt']);
    expect(r.warnings).toEqual([
      { file: 'LICENSE', message: `is not in a format the bot reads (it reads ${DOCUMENT_READERS.describe()}); skipped`, skipped: true },
      { file: 'cover.png', message: `is not in a format the bot reads (it reads ${DOCUMENT_READERS.describe()}); skipped`, skipped: true },
    ]);
  });

  it('reads one whose bytes carry a format’s marks, under its own name', async () => {
    const dir = tmp();
    fs.writeFileSync(path.join(dir, 'README'), '# Budget day\n\n' + PROSE);
    const r = await loadCorpus(dir);
    expect(r.warnings).toEqual([]);
    expect(r.documents.map((d) => [d.file, d.sentences.map((s) => s.text)])).toEqual([
      ['README', ['The committee met on Tuesday to discuss the budget.', 'It approved the plan after a long debate.']],
    ]);
  });

  it('says nothing of hidden files, lock files, editor backups, OS folder files or empty files', async () => {
    const dir = tmp();
    fs.writeFileSync(path.join(dir, 'minutes.txt'), PROSE);
    for (const name of ['.DS_Store', '~$minutes.docx', 'minutes.txt~', 'Thumbs.db', 'desktop.ini', 'Icon\r', 'placeholder'])
      fs.writeFileSync(path.join(dir, name), name === 'placeholder' ? '' : 'x\u0000y');
    const r = await loadCorpus(dir);
    expect(r.documents.map((d) => d.file)).toEqual(['minutes.txt']);
    expect(r.warnings).toEqual([]);
  });

  it('changes the snapshot key when such a file appears, since it may be read or warned about', async () => {
    const dir = tmp();
    fs.writeFileSync(path.join(dir, 'minutes.txt'), PROSE);
    const before = (await corpusKey(dir)).key;
    fs.writeFileSync(path.join(dir, 'README'), '# Budget day\n\n' + PROSE);
    expect((await corpusKey(dir)).key).not.toBe(before);
  });
});
