// PDF. A PDF holds glyphs at positions, not paragraphs, so this reader rebuilds the text a person
// sees: lines from positions, paragraphs from gaps and indents, words hyphenated across line ends
// rejoined, running headers, footers and page numbers dropped because they repeat at a page's edge,
// and headings from the outline (bookmarks) or from clearly larger type. It emits the Markdown-ish
// shape the cleaning pipeline reads: `# heading` lines and blank lines between paragraphs.
import type { getDocumentProxy } from 'unpdf';
import { loadPdfJs } from './libraries.js';
import type { DocumentReader, ReadOutcome, Sniffed } from './reader.js';

export interface PdfLimits {
  /** A 10k-page scan or a generated monster costs a bounded time: the rest is left out, with a warning. */
  maxPages: number;
  /** About three long novels of text; enough for any reading group, bounded for memory. */
  maxChars: number;
}
const LIMITS: PdfLimits = { maxPages: 2000, maxChars: 4_000_000 };
/** Bookmarks read, across all levels: an outline is a table of contents, not a second document. */
const MAX_OUTLINE_ITEMS = 1000;
const MAX_OUTLINE_DEPTH = 4;
/** Fewer letters than this on every page together is a document of images: a scan. */
const MIN_LETTERS = 20;

export const pdf: DocumentReader = {
  extensions: ['.pdf'],
  sniff: sniffPdf,
  read: (bytes) => readPdf(bytes),
};

/**
 * `%PDF-` opening the file; or, further into the first KB (a mail gateway's preamble), a header
 * line of its own followed by object lines, so notes that merely quote a PDF header stay notes.
 */
function sniffPdf(bytes: Uint8Array): Sniffed {
  const head = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.byteLength, 1024)).toString('latin1');
  const at = head.indexOf('%PDF-');
  if (at < 0) return 'no';
  if (head.slice(0, at).trim() === '') return 'signature';
  return /(?:^|\n)%PDF-\d\.\d[ \t]*\r?\n[\s\S]*?\n\d+ \d+ obj\b/.test(head) ? 'signature' : 'no';
}

/** One line of text as laid out on a page. */
export interface PdfTextLine {
  text: string;
  x: number;
  /** Baseline, from the page's bottom. */
  y: number;
  /** Right edge. */
  right: number;
  /** Font size in points. */
  size: number;
}

interface RawItem {
  str: string;
  transform: number[];
  width: number;
  hasEOL: boolean;
}

/** The reader's work, with limits a test can lower. */
export async function readPdf(bytes: Uint8Array, limits: PdfLimits = LIMITS): Promise<ReadOutcome> {
  const { maxPages: MAX_PAGES, maxChars: MAX_CHARS } = limits;
  const { getDocumentProxy } = await loadPdfJs();
  let doc;
  try {
    // A copy: pdf.js may take over the buffer it is given, and ingest keeps the file's bytes.
    doc = await getDocumentProxy(new Uint8Array(bytes), { verbosity: 0, stopAtErrors: false, isEvalSupported: false });
  } catch (e) {
    const name = (e as { name?: string }).name;
    if (name === 'PasswordException') return { error: 'is a password-protected PDF (save a copy without a password)' };
    return { error: `is not a readable PDF (${shortMessage(e)})` };
  }
  try {
    const warnings: string[] = [];
    const pageCount = Math.min(doc.numPages, MAX_PAGES);
    if (doc.numPages > MAX_PAGES) warnings.push(`has ${doc.numPages} pages; only the first ${MAX_PAGES} are read`);
    const pages: PdfTextLine[][] = [];
    let chars = 0;
    for (let n = 1; n <= pageCount; n++) {
      let lines: PdfTextLine[] = [];
      try {
        const page = await doc.getPage(n);
        const content = await page.getTextContent();
        lines = toLines(content.items.flatMap((i) => ('str' in i ? [i as RawItem] : [])));
        page.cleanup();
      } catch (e) {
        warnings.push(`page ${n} could not be read (${shortMessage(e)}); left out`);
      }
      pages.push(lines);
      chars += lines.reduce((sum, l) => sum + l.text.length, 0);
      if (chars > MAX_CHARS) {
        if (n < pageCount) warnings.push(`is longer than ${MAX_CHARS.toLocaleString('en')} characters; only the first ${n} pages are read`);
        break;
      }
    }
    const letters = pages.reduce((sum, lines) => sum + lines.reduce((s, l) => s + (l.text.match(/\p{L}/gu)?.length ?? 0), 0), 0);
    if (letters < MIN_LETTERS) return { error: 'has no text layer (scanned?); it would need OCR first' };

    const outline = await readOutline(doc).catch(() => []);
    const metaFields = await doc
      .getMetadata()
      .then((m) => pdfMetadata(m.info as Record<string, unknown>))
      .catch(() => ({}));
    const text = layoutToText(pages, outline);
    return { text, ...(Object.keys(metaFields).length ? { metadata: { where: 'PDF info', fields: metaFields } } : {}), warnings };
  } finally {
    await doc.destroy().catch(() => undefined);
  }
}

const shortMessage = (e: unknown) => String((e as Error)?.message ?? e).split('\n')[0]!.slice(0, 160);

/** A bookmark: its title, the page (0-based) it points at, and its depth (0 for top level). */
export interface OutlineEntry {
  title: string;
  page: number;
  depth: number;
}

type PdfDoc = Awaited<ReturnType<typeof getDocumentProxy>>;
type OutlineNode = Awaited<ReturnType<PdfDoc['getOutline']>>[number];

async function readOutline(doc: PdfDoc): Promise<OutlineEntry[]> {
  const roots = await doc.getOutline();
  const out: OutlineEntry[] = [];
  const walk = async (nodes: OutlineNode[] | undefined, depth: number): Promise<void> => {
    for (const node of nodes ?? []) {
      if (out.length >= MAX_OUTLINE_ITEMS || depth >= MAX_OUTLINE_DEPTH) return;
      const page = await destinationPage(doc, node.dest).catch(() => undefined);
      const title = typeof node.title === 'string' ? node.title.replace(/\s+/g, ' ').trim() : '';
      if (title && page !== undefined) out.push({ title, page, depth });
      await walk(node.items as OutlineNode[], depth + 1);
    }
  };
  await walk(roots ?? [], 0);
  return out;
}

async function destinationPage(doc: PdfDoc, dest: OutlineNode['dest']): Promise<number | undefined> {
  const explicit = typeof dest === 'string' ? await doc.getDestination(dest) : dest;
  const target = explicit?.[0];
  if (typeof target === 'number') return target;
  if (target && typeof target === 'object' && 'num' in target) return doc.getPageIndex(target as { num: number; gen: number });
  return undefined;
}

/** Text items to lines: a new line where pdf.js saw one or where the baseline moves. */
export function toLines(items: RawItem[]): PdfTextLine[] {
  const lines: PdfTextLine[] = [];
  let current: PdfTextLine | undefined;
  let breakNext = false;
  for (const item of items) {
    const [a = 0, b = 0, c = 0, d = 0, x = 0, y = 0] = item.transform;
    const size = Math.hypot(c, d) || Math.hypot(a, b) || 1;
    const str = item.str.replace(/\s+/g, ' ');
    if (str.trim()) {
      const sameLine = current && !breakNext && Math.abs(current.y - y) < size * 0.5 && x >= current.right - size;
      if (current && sameLine) {
        // Items on one line are separate words when a visible gap lies between them.
        const gap = x - current.right;
        const glue = gap > size * 0.15 && !current.text.endsWith(' ') && !str.startsWith(' ') ? ' ' : '';
        current.text += glue + str;
        current.right = Math.max(current.right, x + item.width);
        current.size = Math.max(current.size, size);
      } else {
        current = { text: str, x, y, right: x + item.width, size };
        lines.push(current);
      }
      breakNext = false;
    }
    if (item.hasEOL) breakNext = true;
  }
  for (const l of lines) l.text = l.text.trim();
  return lines.filter((l) => l.text);
}

/** "Page 3", "- 12 -", "iv", "3 of 10", "Seite 3 von 10": a line that is only a page number. */
const PAGE_NUMBER = /^[\p{P}\s]*(?:\p{L}{1,5}\.?\s+)?(?:\d{1,5}|[ivxlcdm]{1,7})(?:\s*(?:\/|\p{L}{1,3})\s*\d{1,5})?[\p{P}\s]*$/iu;
/** How many lines at a page's top and bottom may be running heads or feet. */
const EDGE_LINES = 2;

/** A line's shape for telling running heads apart: digits (page numbers) do not count. */
const edgeKey = (text: string) => text.toLowerCase().replace(/\d+/g, '#').replace(/\s+/g, ' ').trim();

/**
 * Lines at the edge of a page that are page furniture: a page number by shape, or a line that
 * recurs (up to its digits) at the top or bottom of many pages, set apart from the body by a gap
 * wider than the line spacing (so a body line that happens to repeat is never taken).
 */
export function furniture(pages: PdfTextLine[][]): Set<PdfTextLine> {
  const drop = new Set<PdfTextLine>();
  const sorted = pages.map((lines) => [...lines].sort((p, q) => q.y - p.y));
  const spacing = mostCommon(sorted.flatMap((lines) => lines.slice(1).map((l, i) => lines[i]!.y - l.y).filter((dy) => dy > 0))) || 12;
  const edges = sorted.map((lines) => {
    const band = (from: PdfTextLine[]) => {
      for (let i = 0; i < Math.min(EDGE_LINES, from.length - 1); i++)
        if (Math.abs(from[i]!.y - from[i + 1]!.y) > spacing * 1.3) return from.slice(0, i + 1);
      return [];
    };
    return { outer: [...lines.slice(0, EDGE_LINES), ...lines.slice(-EDGE_LINES)], bands: [...band(lines), ...band([...lines].reverse())] };
  });
  const pagesWith = new Map<string, number>();
  for (const { bands } of edges) for (const key of new Set(bands.map((l) => edgeKey(l.text)))) pagesWith.set(key, (pagesWith.get(key) ?? 0) + 1);
  // Running heads are set no larger than the body and change with each chapter, so two pages
  // suffice; a line in larger type that repeats at the edge (a section heading at the top of two
  // pages) must recur on many pages to count as furniture.
  const weight = new Map<number, number>();
  for (const l of pages.flat()) weight.set(Math.round(l.size), (weight.get(Math.round(l.size)) ?? 0) + l.text.length);
  const bodySize = [...weight].sort((p, q) => q[1] - p[1])[0]?.[0] ?? 11;
  const many = Math.max(2, Math.ceil(pages.length * 0.4));
  for (const { outer, bands } of edges) {
    for (const line of outer) if (PAGE_NUMBER.test(line.text)) drop.add(line);
    for (const line of bands) if ((pagesWith.get(edgeKey(line.text)) ?? 0) >= (Math.round(line.size) <= bodySize ? 2 : many)) drop.add(line);
  }
  return drop;
}

const median = (xs: number[]) => {
  if (!xs.length) return 0;
  const s = [...xs].sort((p, q) => p - q);
  return s[Math.floor(s.length / 2)]!;
};

/** Line spacing is the gap most lines have: paragraph gaps and headings are rarer, however large. */
function mostCommon(xs: number[]): number {
  const counts = new Map<number, number>();
  for (const x of xs) counts.set(Math.round(x), (counts.get(Math.round(x)) ?? 0) + 1);
  let best: [number, number] | undefined;
  for (const [value, n] of counts) if (!best || n > best[1] || (n === best[1] && value < best[0])) best = [value, n];
  return best?.[0] ?? 0;
}

const normalize = (s: string) => s.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim();

/** Lines of many pages to paragraphs and `#` headings, separated by blank lines. */
export function layoutToText(pages: PdfTextLine[][], outline: OutlineEntry[] = []): string {
  const drop = furniture(pages);
  // A table of contents is page furniture too: entries run to a page number along dot leaders.
  const kept = pages.map((lines) => lines.filter((l) => !drop.has(l) && !TOC_ENTRY.test(l.text)));
  const all = kept.flat();
  // Body type is the size most characters are set in; clearly larger lines are headings.
  const weight = new Map<number, number>();
  for (const l of all) weight.set(Math.round(l.size), (weight.get(Math.round(l.size)) ?? 0) + l.text.length);
  const bodySize = [...weight].sort((p, q) => q[1] - p[1])[0]?.[0] ?? 11;
  const body = all.filter((l) => Math.round(l.size) === bodySize);
  const left = median(body.map((l) => l.x));
  const right = median(body.map((l) => l.right));
  const spacing = mostCommon(
    kept.flatMap((lines) =>
      lines.slice(1).flatMap((l, i) => {
        const dy = lines[i]!.y - l.y;
        return Math.round(l.size) === bodySize && Math.round(lines[i]!.size) === bodySize && dy > 0 ? [dy] : [];
      }),
    ),
  ) || bodySize * 1.2;
  const notes = kept.map((lines) => footnotes(lines, bodySize, spacing));
  notes.forEach(({ drop: d }) => d.forEach((l) => drop.add(l)));
  notes.forEach(({ marks }, p) => {
    if (!marks.size) return;
    const mark = new RegExp(String.raw`(?<=[\p{L}.,;:!?"”’)])(?:${[...marks].join('|')})(?=\s|$)`, 'gu');
    kept[p] = kept[p]!.map((l) => (drop.has(l) ? l : { ...l, text: l.text.replace(mark, '') }));
  });
  const largeSizes = [...new Set(all.map((l) => Math.round(l.size)).filter((s) => s >= bodySize * 1.2))].sort((p, q) => q - p);

  // Headings: bookmarked lines at their level, else clearly larger type (largest is top level).
  const headingLevel = new Map<PdfTextLine, number>();
  const inserted = new Map<number, string[]>();
  for (const entry of outline) {
    const lines = kept[entry.page];
    if (!lines) continue;
    const want = normalize(entry.title);
    // A printed heading may carry its number ("2.1 ASN.1 syntax") where the bookmark does not.
    const matches = (text: string) => {
      const have = normalize(text);
      return have === want || (have.endsWith(` ${want}`) && /^[\p{N}\p{Lu} .]*$/u.test(text.slice(0, text.length - entry.title.length)));
    };
    const at = lines.findIndex((l) => !headingLevel.has(l) && matches(l.text));
    if (at >= 0) headingLevel.set(lines[at]!, entry.depth + 1);
    else {
      // A title set over two lines, or not printed at all: the bookmark's own words head the page.
      const two = lines.findIndex((l, i) => i + 1 < lines.length && normalize(`${l.text} ${lines[i + 1]!.text}`) === want);
      if (two >= 0) {
        headingLevel.set(lines[two]!, entry.depth + 1);
        drop.add(lines[two + 1]!);
        lines[two] = { ...lines[two]!, text: entry.title };
        headingLevel.set(lines[two]!, entry.depth + 1);
      } else inserted.set(entry.page, [...(inserted.get(entry.page) ?? []), `${'#'.repeat(Math.min(6, entry.depth + 1))} ${entry.title}`]);
    }
  }
  for (const l of all) if (!headingLevel.has(l) && largeSizes.includes(Math.round(l.size)) && /\p{L}/u.test(l.text)) headingLevel.set(l, largeSizes.indexOf(Math.round(l.size)) === 0 ? 1 : 2);

  const blocks: string[] = [];
  let paragraph: string | undefined;
  const flush = () => {
    if (paragraph !== undefined) blocks.push(paragraph);
    paragraph = undefined;
  };
  kept.forEach((lines, p) => {
    const own = inserted.get(p);
    if (own) {
      flush();
      blocks.push(...own);
    }
    let heading: { level: number; text: string; line: PdfTextLine } | undefined;
    let prev: PdfTextLine | undefined;
    for (const line of lines) {
      if (drop.has(line)) continue;
      const level = headingLevel.get(line);
      if (level !== undefined) {
        // Consecutive lines of one heading (a long title wraps) make one heading.
        if (heading && heading.level === level && prev === heading.line) {
          heading.text += ` ${line.text}`;
          heading.line = line;
        } else {
          flush();
          if (heading) blocks.push(`${'#'.repeat(heading.level)} ${heading.text}`);
          heading = { level, text: line.text, line };
        }
        prev = line;
        continue;
      }
      if (heading) {
        blocks.push(`${'#'.repeat(heading.level)} ${heading.text}`);
        heading = undefined;
        paragraph = undefined;
      }
      // An indent against the line above starts a paragraph; a block quote indented throughout
      // stays one paragraph. At a page's top the body's left edge is the measure.
      // A list item's wrapped text hangs under its words, not its bullet: that is no indent.
      const from = prev ? prev.x : left;
      const indented = line.x - from > line.size * 0.6 && line.x - left < line.size * 8 && !(prev && LIST_ITEM.test(prev.text));
      let starts: boolean;
      if (paragraph === undefined) starts = true;
      else if (!prev) {
        // The top of a new page continues the last paragraph unless that one ended a sentence.
        starts = indented || /[.!?:;"”’)\]]$/.test(paragraph);
      } else {
        const gap = prev.y - line.y;
        const shortBefore = prev.right < right - (right - left) * 0.25 && /[.!?:"”’]$/.test(prev.text);
        starts = gap > spacing * 1.4 || gap < -line.size || indented || shortBefore || LIST_ITEM.test(line.text);
      }
      if (starts) {
        flush();
        paragraph = line.text;
      } else paragraph = joinLines(paragraph!, line.text);
      prev = line;
    }
    if (heading) {
      flush();
      blocks.push(`${'#'.repeat(heading.level)} ${heading.text}`);
    }
  });
  flush();
  return blocks.join('\n\n') + '\n';
}

/** A footnote's first line: its number or mark, then the note ("1 See Meier (1931)", "* Later renamed"). */
const NOTE_START = /^(?:\d{1,3}|[*†‡§])\.?\s+\S/u;
/** What notes are made of: a citation (a year in brackets, a page reference, "see", "ibid.", "op. cit."). */
const CITATION = /\(\d{4}\)|\bpp?\.\s?\d|\b(?:see|cf\.|ibid\.?|op\.\s?cit\.?|quoted in|translated by)\b/i;
/**
 * Footnotes at a page's foot: the lines below the page's last wide gap, when they open with a note
 * number and are set smaller than the body, cite something, or answer a mark glued to a word above
 * ("could head.1"). The notes go, and so do their marks in the body, so the sentence reads whole.
 */
export function footnotes(lines: PdfTextLine[], bodySize: number, spacing: number): { drop: Set<PdfTextLine>; marks: Set<string> } {
  const none = { drop: new Set<PdfTextLine>(), marks: new Set<string>() };
  const sorted = [...lines].sort((p, q) => q.y - p.y);
  if (sorted.length < 4) return none;
  let at = -1;
  for (let i = sorted.length - 1; i > 0; i--)
    if (sorted[i - 1]!.y - sorted[i]!.y > spacing * 1.3) {
      at = i;
      break;
    }
  if (at < 0) return none;
  const block = sorted.slice(at);
  const above = sorted.slice(0, at);
  if (!NOTE_START.test(block[0]!.text) || block.length > Math.max(6, sorted.length * 0.4)) return none;
  const numbers = block.flatMap((l) => /^(\d{1,3})\.?\s/.exec(l.text)?.[1] ?? []);
  const marks = new Set(numbers.filter((n) => above.some((l) => new RegExp(String.raw`[\p{L}.,;:!?"”’)]${n}(?:\s|$)`, 'u').test(l.text))));
  const smaller = block.every((l) => Math.round(l.size) < bodySize);
  if (!smaller && !marks.size && !block.some((l) => CITATION.test(l.text))) return none;
  return { drop: new Set(block), marks };
}

/** "2.1 Naming . . . . . 3", "Preface ........ vii": a contents entry, dot leaders then a page number. */
const TOC_ENTRY = /(?:\.\s?){4,}\s*(?:\d{1,5}|[ivxlcdm]{1,7})$/i;

/** A bullet or an item number then a space: each list item is a paragraph of its own. */
const LIST_ITEM = /^(?:[•◦▪▫‣⁃∙●○■□]|\(?\d{1,3}[.)]|\(?[a-z]\))\s/u;

/** One line onto the next within a paragraph: a word broken at the line's end is made whole. */
export function joinLines(before: string, after: string): string {
  if (before.endsWith('\u00ad')) return before.slice(0, -1) + after;
  // Only a letter, a hyphen and a lowercase start: "inter-" + "national"; "well-" + "Known" stays.
  if (/\p{L}-$/u.test(before) && /^\p{Ll}/u.test(after)) return before.slice(0, -1) + after;
  return `${before} ${after}`;
}

/** Info-dict fields as corpus metadata: title, author and date, when they look like what they say. */
export function pdfMetadata(info: Record<string, unknown> | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  const str = (k: string) => (typeof info?.[k] === 'string' ? (info[k] as string).replace(/\s+/g, ' ').trim() : '');
  const title = str('Title');
  if (isRealTitle(title)) out.title = title;
  const author = str('Author');
  if (author && /\p{L}{2}/u.test(author) && author.length <= 200 && !looksLikeFileName(author)) out.author = author;
  const date = /^(?:D:)?(\d{4})(\d{2})?(\d{2})?/.exec(str('CreationDate'));
  if (date) {
    const [, y, m, d] = date;
    const month = m && +m >= 1 && +m <= 12 ? m : undefined;
    const day = month && d && +d >= 1 && +d <= 31 ? d : undefined;
    if (+y! >= 1900) out.date = [y, month, day].filter(Boolean).join('-');
  }
  const lang = /^([a-z]{2})(?:[-_]|$)/i.exec(str('Language'));
  if (lang) out.language = lang[1]!.toLowerCase();
  return out;
}

/** "Microsoft Word - draft3.docx", "C:\\tmp\\x.pdf", "report_v2_final": a file's name, not a title. */
const looksLikeFileName = (s: string) => /\.[a-z][a-z0-9]{1,4}$/i.test(s) || /[\\/]/.test(s) || (/_/.test(s) && !/\s/.test(s));

function isRealTitle(s: string): boolean {
  if (!s || s.length > 300) return false;
  if (looksLikeFileName(s)) return false;
  // A title has words: at least two letters, and is not only digits and punctuation.
  return (s.match(/\p{L}/gu)?.length ?? 0) >= 2;
}
