// EPUB books: the package's title, author and date come out, chapters become sections in reading
// order (named from the table of contents when a chapter has no heading), the contents page and
// the cover are not served, and a zip bomb or a broken archive is a skipped file with a reason.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { strToU8, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { loadCorpus } from '../../src/core/ingest/index.js';
import { epub, readEpub } from '../../src/core/readers/epub.js';
import { DOCUMENT_READERS } from '../../src/core/readers/index.js';
import { ZIP_MAX_ENTRIES, ZIP_MAX_UNPACKED } from '../../src/core/readers/zip.js';
import { buildDocx, buildEpub, type BookSpec } from './build.js';

const BOOK: BookSpec = {
  title: 'A Field Guide to Clouds',
  creator: 'Ilse Marchetti',
  date: '2019-05-21',
  language: 'it',
  publisher: 'Northwind Press',
  chapters: [
    { file: 'cover.xhtml', body: '<div><img src="../images/cover.jpg" alt="cover"/></div>' },
    {
      file: 'ch1.xhtml',
      tocTitle: 'Low Clouds',
      body: '<h1>Low Clouds</h1><p>Stratus hangs over the valley like a grey sheet. It rarely brings more than a drizzle.</p><p>Fog is a stratus cloud that has settled on the ground.</p>',
    },
    {
      file: 'ch2.xhtml',
      tocTitle: 'Towers of Rain',
      body: '<p>Cumulonimbus clouds grow taller than mountains in a single afternoon.<br/>Their anvil tops spread along the ceiling of the weather.</p><a id="note1"/><p>Hail forms when drops are carried up into the freezing air again and again.</p>',
    },
    {
      file: 'ch3.xhtml',
      tocTitle: 'High Clouds',
      body: '<section><h2>Cirrus</h2><p>Cirrus clouds are made of ice crystals and drift at great heights.</p></section><script>alert("never shown")</script>',
    },
  ],
};

const tmp = () => fs.mkdtempSync(path.join(os.tmpdir(), 'epub-reader-'));

async function sentencesOf(name: string, bytes: Uint8Array) {
  const dir = tmp();
  fs.writeFileSync(path.join(dir, name), bytes);
  return loadCorpus(dir);
}

/** Sets every central-directory "uncompressed size" to `size`: what a bomb declares. */
function declareSize(zip: Uint8Array, size: number): Uint8Array {
  const out = new Uint8Array(zip);
  const view = new DataView(out.buffer);
  for (let i = 0; i + 46 <= out.length; i++) if (view.getUint32(i, true) === 0x02014b50) view.setUint32(i + 24, size, true);
  return out;
}

describe('the EPUB reader', () => {
  it('knows a book by its mimetype entry, and no other zip as one', () => {
    expect(epub.sniff(buildEpub(BOOK))).toBe('signature');
    expect(epub.sniff(buildDocx([{ text: 'Hello there.' }]))).toBe('no');
    expect(epub.sniff(zipSync({ 'notes.txt': strToU8('hello') }))).toBe('no');
    expect(DOCUMENT_READERS.forFile('book', buildEpub(BOOK))).toBe(epub);
  });

  it('takes title, author, date, language and publisher from the package', async () => {
    const read = await readEpub(buildEpub(BOOK));
    if ('error' in read) throw new Error(read.error);
    expect(read.metadata?.fields).toEqual({
      title: 'A Field Guide to Clouds',
      author: 'Ilse Marchetti',
      date: '2019-05-21',
      language: 'it',
      source: 'Northwind Press',
    });
  });

  it('serves chapters in reading order as sections, naming a headless chapter from the contents', async () => {
    const { documents, warnings } = await sentencesOf('clouds.epub', buildEpub({ ...BOOK, language: 'en' }));
    expect(warnings).toEqual([]);
    const [doc] = documents;
    expect(doc?.meta).toMatchObject({ title: 'A Field Guide to Clouds', author: 'Ilse Marchetti' });
    const sections = [...new Set(doc!.sentences.map((s) => s.section))];
    expect(sections).toEqual(['Low Clouds', 'Towers of Rain', 'Cirrus']);
    const texts = doc!.sentences.map((s) => s.text);
    expect(texts).toContain('Fog is a stratus cloud that has settled on the ground.');
    expect(texts.findIndex((t) => t.startsWith('Stratus'))).toBeLessThan(texts.findIndex((t) => t.startsWith('Cumulonimbus')));
    // The empty anchor written as <a id="note1"/> does not swallow the paragraph after it.
    expect(doc!.sentences.find((s) => s.text.startsWith('Hail forms'))?.section).toBe('Towers of Rain');
    const all = texts.join(' ');
    expect(all).not.toMatch(/never shown|Contents|cover/);
  });

  it('reads an EPUB 2 book whose contents are an NCX file', async () => {
    const { documents } = await sentencesOf('clouds.epub', buildEpub({ ...BOOK, language: 'en', toc: 'ncx' }));
    expect([...new Set(documents[0]!.sentences.map((s) => s.section))]).toEqual(['Low Clouds', 'Towers of Rain', 'Cirrus']);
  });

  it('refuses a zip bomb, too many entries and a damaged archive, naming the file', async () => {
    const bomb = declareSize(buildEpub(BOOK), Math.floor(ZIP_MAX_UNPACKED / 3));
    const many = Object.fromEntries(Array.from({ length: ZIP_MAX_ENTRIES + 1 }, (_, i) => [`OEBPS/x${i}.xhtml`, strToU8('')]));
    const crowded = zipSync({ mimetype: [strToU8('application/epub+zip'), { level: 0 }], ...many });
    // The other kind of bomb: an entry that declares a few bytes and inflates to megabytes.
    const liar = buildEpub({ ...BOOK, chapters: [...BOOK.chapters, { file: 'ch4.xhtml', body: `<p>${' '.repeat(3_000_000)}</p>` }] });
    const liarView = new DataView(liar.buffer, liar.byteOffset, liar.byteLength);
    for (let i = 0; i + 46 <= liar.length; i++) {
      if (liarView.getUint32(i, true) !== 0x02014b50) continue;
      const name = new TextDecoder().decode(liar.subarray(i + 46, i + 46 + liarView.getUint16(i + 28, true)));
      if (name.endsWith('ch4.xhtml')) liarView.setUint32(i + 24, 100, true);
    }
    const whole = buildEpub(BOOK);
    const damaged = whole.subarray(0, Math.floor(whole.length * 0.6));
    for (const [name, bytes, reason] of [
      ['bomb.epub', bomb, /would unpack to more than \d+ MB/],
      ['crowded.epub', crowded, /more than \d+ entries/],
      ['liar.epub', liar, /unpacks to more than it declares/],
      ['damaged.epub', damaged, /damaged zip archive/],
    ] as const) {
      const dir = tmp();
      fs.writeFileSync(path.join(dir, name), bytes);
      fs.writeFileSync(path.join(dir, 'ok.txt'), 'A plain note keeps the folder usable. It has two sentences.');
      const { documents, warnings } = await loadCorpus(dir);
      expect(documents.map((d) => d.file)).toEqual(['ok.txt']);
      expect(warnings).toEqual([{ file: name, message: expect.stringMatching(reason), skipped: true }]);
    }
  });
});

describe('an EPUB with front matter', () => {
  const chapter = {
    file: 'ch1.xhtml',
    tocTitle: 'Spring Tides',
    body: '<h1>Spring Tides</h1><p>Twice a month the sea climbs higher than the harbour wall was built for. The old boatmen call it the big water.</p><p>No part of the quay is safe then, and nobody argues with the tide.</p>',
  };
  const book = (front: { file: string; body: string; tocTitle?: string }[]) =>
    buildEpub({ title: 'Tide Tables', creator: 'Oona Felt', language: 'en', chapters: [...front, chapter] });

  it('never serves a copyright page, a dedication or a printed contents page, marked or only headed so', async () => {
    const marked = book([
      { file: 'rights.xhtml', body: '<section epub:type="copyright-page"><p>Text © Oona Felt 2021.</p><p>Printed on paper from sustainable forests.</p></section>' },
      { file: 'ded.xhtml', body: '<section epub:type="dedication"><p>To Pell, who read every draft by lamplight.</p></section>' },
    ]);
    const headed = book([
      { file: 'a.xhtml', body: '<h1>Copyright</h1><p>Text © Oona Felt 2021. Printed in Scotland by Gale &amp; Sons.</p>' },
      { file: 'b.xhtml', body: '<h1>Dedication</h1><p>To Pell, who read every draft by lamplight.</p>' },
      { file: 'c.xhtml', body: '<h2>Table of Contents</h2><p>Spring Tides 3</p><p>Neap Tides 19</p>' },
    ]);
    const shaped = book([
      { file: 'x.xhtml', body: '<p>First edition 2021. All rights reserved.</p><p>ISBN 978-0-000000-00-1</p><p>Printed in Scotland by Gale &amp; Sons.</p>' },
    ]);
    for (const [name, bytes] of [['marked.epub', marked], ['headed.epub', headed], ['shaped.epub', shaped]] as const) {
      const doc = (await sentencesOf(name, bytes)).documents[0];
      const all = doc!.sentences.map((s) => s.text).join('\n');
      expect(all, name).toContain('The old boatmen call it the big water.');
      expect(all, name).toContain('No part of the quay is safe then, and nobody argues with the tide.');
      expect(all, name).not.toMatch(/Oona Felt 2021|lamplight|Neap Tides|ISBN|Gale|rights reserved/);
    }
  });
});

describe('an EPUB title page', () => {
  it('is skipped when it only repeats the title, the author and the publisher', async () => {
    const bytes = buildEpub({
      title: 'Moorland Weather',
      creator: 'Hal Brennan',
      publisher: 'Peat & Stone',
      language: 'en',
      chapters: [
        { file: 'title.xhtml', body: '<h1>Moorland Weather</h1><p>Hal Brennan</p><p>Peat &amp; Stone</p>' },
        { file: 'ch1.xhtml', tocTitle: 'Mist', body: '<h1>Mist</h1><p>Mist comes off the moor in the evening and fills the lanes to the height of a wall.</p>' },
      ],
    });
    const doc = (await sentencesOf('moor.epub', bytes)).documents[0]!;
    const all = doc.sentences.map((s) => s.text);
    expect(all).toEqual(['Mist comes off the moor in the evening and fills the lanes to the height of a wall.']);
  });
});
