// The PDF reader, on books and papers built in the test from lines at positions: what a reader
// of the group would see served (whole paragraphs, whole words, chapters as sections, the book's
// own title) and what they must never see (running heads, page numbers, a file name as a title).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadCorpus } from '../../src/core/ingest/index.js';
import { pdf, pdfMetadata, readPdf } from '../../src/core/readers/pdf.js';
import type { IngestedDocument } from '../../src/core/corpus.js';
import { column, writePdf, type PdfLine } from '../helpers/pdf-writer.js';

const tmp = () => fs.mkdtempSync(path.join(os.tmpdir(), 'pdf-'));

/** A page of a printed book: a running head with the chapter, the body, a page number below. */
function bookPage(n: number, chapter: string, body: PdfLine[]): PdfLine[] {
  return [{ text: `${chapter} · A Field Guide to Bridges`, y: 750, size: 9 }, ...body, { text: String(n), x: 300, y: 40, size: 9 }];
}

const BOOK = writePdf({
  info: { Title: 'A Field Guide to Bridges', Author: 'Mara Quint', CreationDate: "D:20230905101500+02'00'" },
  outline: [
    { title: 'Stone and Timber', page: 0 },
    { title: 'Iron Spans', page: 2 },
  ],
  pages: [
    bookPage(1, 'Chapter 1', [
      { text: 'Stone and Timber', y: 690, size: 20 },
      ...column(
        [
          'The oldest bridges in the valley were built of stone by farmers who',
          'needed to reach their fields in every season. Their arches have outlasted',
          'the villages that raised them, and their builders left no names behind.',
        ],
        { top: 650 },
      ),
      ...column(
        [
          'Timber bridges were quicker to raise but rarely lasted a generation. The',
          'river took most of them in the spring floods, and the inter-',
        ],
        { top: 600 },
      ).map((l, i) => (i === 0 ? { ...l, x: 90 } : l)),
    ]),
    bookPage(2, 'Chapter 1', [
      ...column(
        [
          'national trade in oak made every replacement dearer than the last one.',
          'Villages began to pool their money for stone instead of wood.',
        ],
        { top: 700 },
      ),
      ...column(['A well-known mason from the coast taught them to cut voussoirs that', 'locked together without mortar.'], { top: 660 }),
    ]),
    bookPage(3, 'Chapter 2', [
      { text: 'Iron Spans', y: 690, size: 20 },
      ...column(
        [
          'Iron changed everything about the crossing of wide rivers. A single span',
          'could now leap a gorge that no arch of stone could ever have reached.',
        ],
        { top: 650 },
      ),
    ]),
    bookPage(4, 'Chapter 2', [
      ...column(
        [
          'Engineers tested each girder by loading it with sand until it bent. Those',
          'that failed were melted down and cast again before the next test began.',
        ],
        { top: 700 },
      ),
    ]),
  ],
});

const texts = (doc: IngestedDocument) => doc.sentences.map((s) => s.text);

async function loadOne(name: string, bytes: Buffer): Promise<{ doc: IngestedDocument; warnings: unknown[] }> {
  const dir = tmp();
  fs.writeFileSync(path.join(dir, name), bytes);
  const r = await loadCorpus(dir);
  return { doc: r.documents[0]!, warnings: r.warnings };
}

describe('a PDF book', () => {
  it('comes out as whole paragraphs with words made whole again across line ends', async () => {
    const { doc } = await loadOne('bridges.pdf', BOOK);
    expect(texts(doc)).toContain(
      'The oldest bridges in the valley were built of stone by farmers who needed to reach their fields in every season.',
    );
    // Hyphenated across a line end and a page break, then rejoined; a real compound keeps its hyphen.
    expect(texts(doc)).toContain(
      'The river took most of them in the spring floods, and the international trade in oak made every replacement dearer than the last one.',
    );
    expect(texts(doc).join(' ')).toContain('A well-known mason from the coast');
    // The indented line began a new paragraph.
    const para = (start: string) => doc.sentences.find((s) => s.text.startsWith(start))!.paragraph;
    expect(para('Timber bridges')).not.toBe(para('Their arches'));
  });

  it('never serves its running heads or page numbers', async () => {
    const { doc } = await loadOne('bridges.pdf', BOOK);
    const all = texts(doc).join('\n');
    expect(all).not.toMatch(/Field Guide to Bridges/);
    expect(all).not.toMatch(/Chapter \d/);
    expect(all).not.toMatch(/(^|\s)[1-4](\s|$)/);
  });

  it('has its chapters as sections and its title and date from the file', async () => {
    const { doc, warnings } = await loadOne('bridges.pdf', BOOK);
    expect(doc.sentences.find((s) => s.text.startsWith('The oldest'))!.section).toBe('Stone and Timber');
    expect(doc.sentences.find((s) => s.text.startsWith('Engineers tested'))!.section).toBe('Iron Spans');
    expect(doc.meta).toMatchObject({ title: 'A Field Guide to Bridges', date: '2023-09-05' });
    // Headings are sections, not sentences.
    expect(texts(doc)).not.toContain('Stone and Timber');
    expect(warnings.filter((w) => !/"author"/.test((w as { message: string }).message))).toEqual([]);
  });

  it('finds its author in the info dictionary', async () => {
    const read = await pdf.read(BOOK);
    expect(read).toMatchObject({ metadata: { where: 'PDF info', fields: { title: 'A Field Guide to Bridges', author: 'Mara Quint', date: '2023-09-05' } } });
  });
});

describe('a PDF without an outline', () => {
  it('takes clearly larger type as headings', async () => {
    const paper = writePdf({
      pages: [
        [
          { text: 'Results', y: 720, size: 16 },
          ...column(['The treated plots yielded a third more grain than the controls.', 'Rain made no difference to the ranking.'], { top: 690 }),
          { text: 'Discussion', y: 620, size: 16 },
          ...column(['We think the gain comes from the deeper roots of the treated plants.'], { top: 590 }),
        ],
      ],
    });
    const { doc } = await loadOne('paper.pdf', paper);
    expect(doc.sentences.map((s) => [s.section, s.text])).toEqual([
      ['Results', 'The treated plots yielded a third more grain than the controls.'],
      ['Results', 'Rain made no difference to the ranking.'],
      ['Discussion', 'We think the gain comes from the deeper roots of the treated plants.'],
    ]);
  });
});

describe('PDF metadata', () => {
  it('leaves out a title that is a file name, and keeps a real one', () => {
    expect(pdfMetadata({ Title: 'Microsoft Word - draft3.docx', Author: 'Mara Quint' })).toEqual({ author: 'Mara Quint' });
    expect(pdfMetadata({ Title: 'C:\\scans\\img_0042.tif' })).toEqual({});
    expect(pdfMetadata({ Title: 'report_v2_final' })).toEqual({});
    expect(pdfMetadata({ Title: '   ' })).toEqual({});
    expect(pdfMetadata({ Title: 'Walden', CreationDate: 'D:1999' })).toEqual({ title: 'Walden', date: '1999' });
  });

  it('falls back to the first heading or the file name when the title is junk', async () => {
    const junk = writePdf({ info: { Title: 'Microsoft Word - draft3.docx' }, pages: [column(['The harbour froze in the winter of that year. Boats stayed in until March.'])] });
    const { doc } = await loadOne('harbour-notes.pdf', junk);
    expect(doc.meta.title).not.toMatch(/Microsoft|docx/);
  });
});

describe('PDFs that cannot be read', () => {
  it('are named in warnings, garbage, scans and locked files alike, and the rest of the corpus loads', async () => {
    const dir = tmp();
    fs.writeFileSync(path.join(dir, 'bridges.pdf'), BOOK);
    fs.writeFileSync(path.join(dir, 'garbage.pdf'), Buffer.from('%PDF-1.7\nthis is not really a PDF at all\n'));
    fs.writeFileSync(path.join(dir, 'scan.pdf'), writePdf({ pages: [[], [], []] }));
    fs.writeFileSync(path.join(dir, 'truncated.pdf'), BOOK.subarray(0, 300));
    fs.writeFileSync(path.join(dir, 'locked.pdf'), writePdf({ locked: true, pages: [column(['The ferry left at dawn with forty passengers aboard.'])] }));
    const r = await loadCorpus(dir);
    expect(r.documents.map((d) => d.file)).toEqual(['bridges.pdf']);
    const skipped = Object.fromEntries(r.warnings.filter((w) => w.skipped).map((w) => [w.file, w.message]));
    expect(skipped['garbage.pdf']).toMatch(/not a readable PDF/);
    expect(skipped['scan.pdf']).toMatch(/has no text layer \(scanned\?\)/);
    expect(skipped['truncated.pdf']).toBeDefined();
    expect(skipped['locked.pdf']).toMatch(/password-protected/);
  });

  it('are recognised by signature under another name, and a PDF saved as .txt is read as a PDF', async () => {
    const { doc } = await loadOne('bridges.txt', BOOK);
    expect(texts(doc)).toContain('Villages began to pool their money for stone instead of wood.');
    expect(texts(doc).join(' ')).not.toMatch(/%PDF|obj/);
  });
});

describe('a very long PDF', () => {
  it('is read up to the page cap, with a warning saying so', async () => {
    const pages = Array.from({ length: 5 }, (_, n) => column([`Page ${n + 1} tells of the ferry crossing on day ${n + 1}. The sea was calm that morning.`]));
    const read = await readPdf(writePdf({ pages }), { maxPages: 2, maxChars: 1_000_000 });
    expect(read).toMatchObject({ warnings: ['has 5 pages; only the first 2 are read'] });
    expect((read as { text: string }).text).toContain('day 2.');
    expect((read as { text: string }).text).not.toContain('day 3.');
    const short = await readPdf(writePdf({ pages }), { maxPages: 100, maxChars: 100 });
    expect(short).toMatchObject({ warnings: [expect.stringMatching(/^is longer than 100 characters; only the first 2 pages are read$/)] });
  });
});

describe('PDF page layouts', () => {
  it('keep an indented block quote as one paragraph and drop "Page n of m" feet and two-line heads', async () => {
    const page = (n: number, body: string[]) => [
      { text: 'Harbour Reports', y: 760, size: 9 },
      { text: `Volume 3, Issue ${n}`, y: 749, size: 9 },
      ...column(body.slice(0, 2), { top: 700 }),
      ...column(body.slice(2), { top: 660, x: 108 }),
      { text: `Page ${n} of 3`, x: 280, y: 40, size: 9 },
    ];
    const doc = writePdf({
      pages: [
        page(1, ['The harbour master wrote a short note in the log that night.', 'He copied it out for the council the next morning.', 'Every vessel that enters this harbour after', 'sunset does so at its own risk and peril.']),
        page(2, ['The council read the note aloud at its meeting.', 'Nobody objected to the wording.', 'Lanterns shall be lit on the breakwater from', 'the first of October until the spring.']),
        page(3, ['The lanterns were lit for the first time that autumn.', 'Fishermen said they could see them from the point.', 'No vessel was lost in the harbour', 'during the whole of that winter.']),
      ],
    });
    const { doc: read } = await loadOne('harbour.pdf', doc);
    const all = texts(read);
    expect(all).toContain('Every vessel that enters this harbour after sunset does so at its own risk and peril.');
    expect(all).toContain('No vessel was lost in the harbour during the whole of that winter.');
    expect(all.join(' ')).not.toMatch(/Harbour Reports|Volume 3|Issue|Page \d/);
  });
});

describe('PDF chapters and lists', () => {
  it('drops its contents page and a running head that changes with each chapter, finds numbered headings by their bookmark, and keeps list items apart', async () => {
    const head = (text: string): PdfLine => ({ text, y: 750, size: 9 });
    const pages: PdfLine[][] = [
      [{ text: 'Contents', y: 700, size: 16 }, ...column(['1 Tides . . . . . . . . . . . . . . 1', '2 Currents . . . . . . . . . . . . 3'], { top: 670 })],
      [head('Chapter 1: Tides 1'), { text: '1 Tides', y: 700, size: 16 }, ...column(['The tide turns twice a day in the bay.', 'Boats wait for the flood before they sail.'], { top: 670 })],
      [head('Chapter 1: Tides 2'), ...column(['Three things decide the height of a tide:', '• the phase of the moon and the season of the', 'year;', '• the wind over the open sea.'], { top: 700 })],
      [head('Chapter 2: Currents 3'), { text: '2 Currents', y: 700, size: 16 }, ...column(['Currents run strongest at the harbour mouth.', 'Swimmers keep to the beach on the east side.'], { top: 670 })],
      [head('Chapter 2: Currents 4'), ...column(['The pilots know every eddy of the channel.', 'They learned them from their fathers.'], { top: 700 })],
    ];
    const book = writePdf({ pages, outline: [{ title: 'Tides', page: 1 }, { title: 'Currents', page: 3 }] });
    const { doc } = await loadOne('tides.pdf', book);
    expect(texts(doc).join(' ')).not.toMatch(/Chapter \d|\. \. \./);
    expect(doc.sentences.find((s) => s.text.startsWith('The pilots'))!.section).toMatch(/Currents$/);
    const item = doc.sentences.find((s) => s.text.includes('phase of the moon'))!;
    expect(item.text).toMatch(/the season of the year\W*$/);
    expect(doc.sentences.find((s) => s.text.includes('wind over'))!.paragraph).not.toBe(item.paragraph);
  });
});

describe('footnotes in a PDF book', () => {
  // A history page: a note mark glued to a word, the notes below a gap at the page's foot, in
  // smaller type on one page and in body type with a citation on the other.
  const NOTED = writePdf({
    info: { Title: 'Canals of the North' },
    pages: [
      [
        ...column(
          [
            'The first lock on the upper canal opened in the wet spring of 1791.3 Barges',
            'carried coal down and lime up, and the towpath horses knew every bridge.',
            'Within a decade the old pack roads over the moor were empty of mules.',
          ],
          { top: 700 },
        ),
        ...column(['3 The opening is described in Harker (1888), p. 12.', '4 Toll books survive only from 1802.'], { top: 150, size: 8 }),
        { text: '17', x: 300, y: 40, size: 9 },
      ],
      [
        ...column(
          [
            'Engineers feared the moor more than any river, for peat swallowed',
            'stone and timber alike. They floated the channel on bundles of heather,',
            'an old trick that held for a hundred years.',
          ],
          { top: 700 },
        ),
        ...column(['5 See Ward, Waterways of the Pennines (1952), pp. 40-41.'], { top: 150 }),
        { text: '18', x: 300, y: 40, size: 9 },
      ],
    ],
  });

  it('serves the body without the notes or the marks that point at them', async () => {
    const { doc } = await loadOne('canals.pdf', NOTED);
    const all = texts(doc).join('\n');
    expect(texts(doc)).toContain('The first lock on the upper canal opened in the wet spring of 1791.');
    expect(texts(doc)).toContain('Barges carried coal down and lime up, and the towpath horses knew every bridge.');
    expect(all).toContain('They floated the channel on bundles of heather, an old trick that held for a hundred years.');
    expect(all).not.toMatch(/Harker|Toll books|Waterways of the Pennines/);
  });

  it('keeps a numbered list at the foot of a page that cites nothing and is marked nowhere', async () => {
    const listed = writePdf({
      pages: [
        [
          ...column(['Before the lock keeper opened the upper gate he checked three things.', 'He never skipped one of them in forty years.'], { top: 700 }),
          ...column(['1 The level of the lower pound against the gauge post.', '2 That no boat was moored across the sill.'], { top: 600 }),
        ],
      ],
    });
    const { doc } = await loadOne('checks.pdf', listed);
    expect(texts(doc).join('\n')).toContain('That no boat was moored across the sill');
  });
});
