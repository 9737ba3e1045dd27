// EPUB books: a zip of XHTML chapters listed, in reading order, by an OPF package file that also
// holds the book's title, author and date. Every chapter is all content (no page chrome to find),
// so chapters go straight through the shared HTML converter, each becoming a section.
import { loadDom } from './libraries.js';
import { htmlToText, parseDocument, prepareHtml, xhtmlAsHtml, type DomDocument, type DomElement } from './html-text.js';
import { pageDate } from './html.js';
import type { DocumentReader, ReadOutcome, Sniffed } from './reader.js';
import { elementsNamed, parseXml, textOf } from './xml.js';
import { firstEntry, isZip, resolveEntry, unzipCapped } from './zip.js';

const EPUB_MIMETYPE = 'application/epub+zip';
/** A cover or title page: an image and at most a few words. */
const COVER_MAX_WORDS = 12;

export function sniffEpub(bytes: Uint8Array): Sniffed {
  if (!isZip(bytes)) return 'no';
  const first = firstEntry(bytes);
  // The EPUB container requires an uncompressed "mimetype" entry first, naming the format.
  if (first?.name === 'mimetype' && new TextDecoder().decode(first.data).trim() === EPUB_MIMETYPE) return 'signature';
  return 'no';
}

const utf8 = (b: Uint8Array | undefined) => (b ? new TextDecoder().decode(b).replace(/^\uFEFF/, '') : undefined);

function xhtmlToDocument(source: string, what: string): { doc: DomDocument; warnings: string[] } {
  const prepared = prepareHtml(source, what);
  return { doc: parseDocument(xhtmlAsHtml(prepared.html)), warnings: prepared.warnings };
}

/** Chapter titles from the table of contents (EPUB 3 nav or EPUB 2 NCX), by chapter file. */
function tableOfContents(files: Map<string, Uint8Array>, navPath: string | undefined, ncxPath: string | undefined): Map<string, string> {
  const titles = new Map<string, string>();
  if (navPath) {
    const source = utf8(files.get(navPath));
    if (source) {
      const { doc } = xhtmlToDocument(source, 'table of contents');
      for (const a of doc.querySelectorAll('nav a[href]')) {
        const file = resolveEntry(navPath, a.getAttribute('href')!);
        const title = textOf(a);
        if (title && !titles.has(file)) titles.set(file, title);
      }
    }
  }
  if (ncxPath && titles.size === 0) {
    const source = utf8(files.get(ncxPath));
    if (source) {
      for (const point of elementsNamed(parseXml(source), 'navpoint')) {
        const src = elementsNamed(point, 'content')[0]?.getAttribute('src');
        const title = textOf(elementsNamed(point, 'text')[0]);
        if (!src || !title) continue;
        const file = resolveEntry(ncxPath, src);
        if (!titles.has(file)) titles.set(file, title);
      }
    }
  }
  return titles;
}

/** What publishers mark front and back matter as (EPUB 3 structural semantics): pages around the book, not of it. */
const MATTER_TYPES = /\b(?:copyright-page|dedication|toc|landmarks|loi|lot|imprint|colophon|titlepage|halftitlepage|seriespage|other-credits|contributors|imprimatur)\b/;
/** The same pages as their headings name them in a book without semantics. */
const MATTER_HEADING =
  /^(?:copyright(?:\s+page)?|dedication|(?:table\s+of\s+)?contents|imprint|colophon|title\s+page|half[- ]title|(?:also|other\s+(?:books|titles))\s+by\b.{0,60}|about\s+the\s+publisher|credits)$/i;
/** A copyright page's own shape: the rights line, an ISBN, a catalogue record, the reproduction notice. */
const RIGHTS = /\ball\s+rights\s+reserved\b|\bISBN(?:-1[03])?[:\s]*[\d-]{10,}|\bcatalogu(?:e|ing)[- ]in[- ]publication\b|\bcatalogue\s+record\b|\bno\s+part\s+of\s+this\s+(?:publication|book)\s+may\s+be\s+reproduced\b/gi;
/** Front matter is short: a long chapter that happens to mention rights stays. */
const MATTER_MAX_WORDS = 300;

/**
 * A copyright page, dedication or contents page: marked so by the publisher, headed so, or (for
 * copyright pages) shaped so. None is the book's prose; a contents page also repeats every heading.
 */
function isFrontMatter(body: DomElement | DomDocument, text: string, words: number): boolean {
  if (words > MATTER_MAX_WORDS) return false;
  const types = [...('getAttribute' in body ? [body] : []), ...body.querySelectorAll('section, div, nav')].slice(0, 50).map((e) => e.getAttribute('epub:type') ?? e.getAttribute('role') ?? '');
  if (types.some((t) => MATTER_TYPES.test(t.replace(/^doc-/, '')))) return true;
  const heading = body.querySelector('h1, h2, h3')?.textContent?.replace(/\s+/g, ' ').trim();
  if (heading && MATTER_HEADING.test(heading)) return true;
  return (text.match(RIGHTS)?.length ?? 0) >= 2;
}

/** A title page says nothing the package does not: its title, authors, publisher and rights, and a few words more at most. */
function isTitlePage(text: string, opf: ReturnType<typeof parseXml>): boolean {
  if (text.length > 600) return false;
  const known = ['title', 'creator', 'publisher', 'rights', 'contributor']
    .flatMap((n) => elementsNamed(opf, n).map(textOf))
    .filter((v): v is string => !!v && v.length >= 3);
  if (!known.length) return false;
  let rest = text.replace(/^#+\s*/gm, '');
  for (const v of known.sort((a, b) => b.length - a.length)) rest = rest.split(v).join(' ');
  return rest.split(/\s+/).filter((w) => /\p{L}{2}/u.test(w)).length <= 3;
}

export async function readEpub(bytes: Uint8Array): Promise<ReadOutcome> {
  await loadDom();
  if (!isZip(bytes)) return { error: 'is not an EPUB (not a zip archive)' };
  // Text entries only: pictures and fonts are most of a book's size and none of its words.
  const unzipped = unzipCapped(bytes, (name) => /(?:\.(?:xml|opf|ncx|xhtml|html|htm)|mimetype)$/i.test(name));
  if ('error' in unzipped) return unzipped;
  const files = unzipped.files;
  const container = utf8(files.get('META-INF/container.xml'));
  if (!container) return { error: 'is not a readable EPUB (META-INF/container.xml is missing)' };
  const opfPath = elementsNamed(parseXml(container), 'rootfile')[0]?.getAttribute('full-path');
  const opfSource = opfPath ? utf8(files.get(opfPath)) : undefined;
  if (!opfPath || !opfSource) return { error: 'is not a readable EPUB (its package file is missing)' };
  const opf = parseXml(opfSource);

  const manifest = new Map<string, { path: string; type: string; properties: string }>();
  for (const item of elementsNamed(opf, 'item')) {
    const id = item.getAttribute('id');
    const href = item.getAttribute('href');
    if (id && href)
      manifest.set(id, { path: resolveEntry(opfPath, href), type: item.getAttribute('media-type') ?? '', properties: item.getAttribute('properties') ?? '' });
  }
  const items = [...manifest.values()];
  const navPath = items.find((i) => /(?:^|\s)nav(?:\s|$)/.test(i.properties))?.path;
  const spine = elementsNamed(opf, 'spine')[0];
  const ncxId = spine?.getAttribute('toc');
  const ncxPath = (ncxId ? manifest.get(ncxId)?.path : undefined) ?? items.find((i) => i.type === 'application/x-dtbncx+xml')?.path;
  const toc = tableOfContents(files, navPath, ncxPath);

  const warnings: string[] = [];
  const chapters: string[] = [];
  let missing = 0;
  for (const ref of spine ? elementsNamed(spine, 'itemref') : []) {
    const item = manifest.get(ref.getAttribute('idref') ?? '');
    if (!item || item.path === navPath) continue;
    const source = utf8(files.get(item.path));
    if (source === undefined) {
      missing++;
      continue;
    }
    const { doc, warnings: own } = xhtmlToDocument(source, `chapter ${item.path}`);
    warnings.push(...own);
    const body = doc.body ?? doc;
    let text = htmlToText(body);
    const words = text.split(/\s+/).filter(Boolean).length;
    const pictured = body.querySelector('img, svg, image') !== null;
    if (words === 0 || (pictured && words <= COVER_MAX_WORDS)) continue;
    if (isFrontMatter(body, text, words) || isTitlePage(text, opf)) continue;
    const title = toc.get(item.path);
    if (title && !body.querySelector('h1, h2, h3, h4, h5, h6')) text = `# ${title}\n\n${text}`;
    chapters.push(text);
  }
  if (missing) warnings.push(`${missing} chapter${missing === 1 ? ' is' : 's are'} listed but missing from the archive; skipped`);
  if (!chapters.length) return { error: 'has no readable chapters' };

  const metadata = elementsNamed(opf, 'metadata')[0] ?? opf;
  const fields: Record<string, unknown> = {};
  const title = textOf(elementsNamed(metadata, 'title')[0]);
  if (title) fields.title = title;
  const creators = elementsNamed(metadata, 'creator').map(textOf).filter((c): c is string => !!c);
  if (creators.length) fields.author = creators.slice(0, 3).join(', ');
  const date = pageDate(textOf(elementsNamed(metadata, 'date')[0]));
  if (date) fields.date = date;
  const language = textOf(elementsNamed(metadata, 'language')[0])?.slice(0, 2).toLowerCase();
  if (language && /^[a-z]{2}$/.test(language)) fields.language = language;
  const publisher = textOf(elementsNamed(metadata, 'publisher')[0]);
  if (publisher) fields.source = publisher;
  return { text: chapters.join('\n\n'), metadata: { where: 'EPUB package', fields }, warnings };
}

export const epub: DocumentReader = {
  extensions: ['.epub'],
  sniff: sniffEpub,
  read: readEpub,
};
