// A web page saved from a browser. Most of a saved page is not the article (navigation, related
// links, comments, bios), so Readability picks the article out first and the shared converter
// turns it into text; the page's <meta> tags give the title, author, date, language and address.
import { loadDom, loadReadability } from './libraries.js';
import { htmlToText, parseDocument, prepareHtml, removeDropped, xhtmlAsHtml, type DomDocument, type DomNode } from './html-text.js';
import type { DocumentReader, ReadOutcome, Sniffed } from './reader.js';
import { decodeText, sniffText } from './text.js';

/** Readability gives up (throws) past this many elements; the plain fallback still reads the page. */
const READABILITY_MAX_ELEMENTS = 30_000;

/** Strips what may open an HTML file before its first tag: a BOM, an XML declaration, comments. */
function headOf(text: string): string {
  return text.replace(/^\uFEFF/, '').replace(/^(?:\s+|<\?xml[^>]*\?>|<!--[\s\S]*?-->)+/, '');
}

export function sniffHtml(bytes: Uint8Array): Sniffed {
  const text = sniffText(bytes);
  if (text === undefined) return 'no';
  const head = headOf(text);
  if (/^<!doctype\s+html[\s>]|^<html[\s>]/i.test(head)) return 'signature';
  // A fragment: starts with a tag and has the structure of a page, not one tag in a text.
  if (/^<[a-z][a-z0-9]*[\s>/]/i.test(head) && (/<(?:head|body)[\s>]/i.test(head) || (head.match(/<\/p\s*>/gi) ?? []).length >= 2))
    return 'looks-like';
  return 'no';
}

/** Bytes to text, honouring a declared legacy charset (pages saved as windows-1252 still exist). */
function decodeHtml(bytes: Uint8Array): { text: string } | { error: string } {
  const head = new TextDecoder('latin1').decode(bytes.subarray(0, 4096));
  const charset = /<meta[^>]+charset\s*=\s*["']?([\w-]+)/i.exec(head)?.[1]?.toLowerCase();
  if (charset && !/^utf-?8$/.test(charset)) {
    try {
      const text = new TextDecoder(charset).decode(bytes);
      if (text.trim()) return { text };
    } catch {
      // An unknown label: read it as UTF-8 like any page.
    }
  }
  return decodeText(bytes);
}

const meta = (doc: DomDocument, ...keys: string[]): string | undefined => {
  for (const key of keys) {
    const el = doc.querySelector(`meta[property="${key}"], meta[name="${key}"], meta[itemprop="${key}"]`);
    const value = el?.getAttribute('content')?.replace(/\s+/g, ' ').trim();
    if (value) return value;
  }
  return undefined;
};

/** A date as the metadata wants it (YYYY-MM-DD), from the ISO or human forms pages use. */
export function pageDate(raw: string | undefined): string | undefined {
  if (!raw) return undefined;
  const iso = /^(\d{4}-\d{2}-\d{2})/.exec(raw.trim());
  if (iso) return iso[1];
  const t = Date.parse(raw);
  return Number.isNaN(t) ? undefined : new Date(t).toISOString().slice(0, 10);
}

/** Separators between a page's title and its site's name ("Title | Site", "Title - Site"). */
const TITLE_SEPARATOR = /\s+[|\-–—·:»]{1,2}\s+/;

/**
 * A page title without the site's name: the last part after a separator goes when it is the
 * site's name, or when it is short beside the rest (a name, not half of the title).
 */
export function cleanTitle(title: string, siteName?: string, heading?: string): string {
  const parts = title.split(TITLE_SEPARATOR);
  if (parts.length < 2) return title.trim();
  // The page's own h1 names the article: when it is the first part, the rest is the site.
  const same = (a: string, b: string) => a.replace(/\s+/g, ' ').trim().toLowerCase() === b.replace(/\s+/g, ' ').trim().toLowerCase();
  if (heading && same(heading, title)) return title.trim();
  if (heading && same(heading, parts[0]!)) return parts[0]!.trim();
  const lastSep = [...title.matchAll(new RegExp(TITLE_SEPARATOR.source, 'g'))].at(-1)!;
  const head = title.slice(0, lastSep.index).trim();
  const tail = title.slice(lastSep.index! + lastSep[0].length).trim();
  const words = (s: string) => s.split(/\s+/).filter(Boolean).length;
  const site = siteName?.trim().toLowerCase();
  if (site && tail.toLowerCase() === site) return head;
  // ": " usually joins a title to its subtitle, so it only goes when it names the site.
  if (/:/.test(lastSep[0])) return title.trim();
  if (words(tail) <= 4 && words(tail) < words(head)) return head;
  return title.trim();
}

/** An author's name from a byline ("By Jane Doe", "Jane Doe · 5 min read"), or undefined. */
function authorName(raw: string | null | undefined): string | undefined {
  if (!raw || /^https?:/i.test(raw.trim())) return undefined;
  const name = raw.replace(/\s+/g, ' ').replace(/^\s*(?:written\s+)?by\s+/i, '').split(/\s+[|·•]\s+/)[0]!.trim();
  return name && name.length <= 80 && name.split(' ').length <= 8 ? name : undefined;
}

/** A pull quote: a block of several words whose text is already part of another block. */
const PULL_QUOTE_MIN_WORDS = 6;

/** Drops blocks that repeat words found elsewhere on the page (pull quotes, teasers restated). */
export function withoutRepeats(text: string): string {
  const blocks = text.split('\n\n');
  const norm = (b: string) => b.replace(/^#+\s+/, '').replace(/[\s\u00a0]+/g, ' ').replace(/[“”"‘’'«»]/g, '').trim().toLowerCase();
  const normalized = blocks.map(norm);
  const seen = new Set<string>();
  return blocks
    .filter((block, i) => {
      const n = normalized[i]!;
      if (block.startsWith('#') || n.split(' ').length < PULL_QUOTE_MIN_WORDS) return true;
      if (seen.has(n)) return false;
      seen.add(n);
      return !normalized.some((other, j) => j !== i && other.length > n.length && other.includes(n));
    })
    .join('\n\n');
}

export async function readHtml(bytes: Uint8Array): Promise<ReadOutcome> {
  await loadDom();
  const { Readability } = await loadReadability();
  const decoded = decodeHtml(bytes);
  if ('error' in decoded) return decoded;
  const prepared = prepareHtml(decoded.text);
  const warnings = [...prepared.warnings];
  // An XHTML page is XML: its empty elements are written `<a id="x"/>`.
  const isXhtml = /^\s*(?:\uFEFF)?<\?xml|<html[^>]+xmlns\s*=\s*["']http:\/\/www\.w3\.org\/1999\/xhtml/i.test(prepared.html.slice(0, 2000));
  const doc = parseDocument(isXhtml ? xhtmlAsHtml(prepared.html) : prepared.html);

  // Metadata first: Readability rewrites the document it is given.
  const siteName = meta(doc, 'og:site_name', 'application-name');
  const rawTitle = meta(doc, 'og:title', 'twitter:title') ?? doc.querySelector('title')?.textContent?.replace(/\s+/g, ' ').trim();
  const url = doc.querySelector('link[rel~="canonical"]')?.getAttribute('href') ?? meta(doc, 'og:url');
  const date =
    pageDate(meta(doc, 'article:published_time', 'datePublished', 'date', 'dc.date', 'DC.date', 'dcterms.created', 'pubdate')) ??
    pageDate(doc.querySelector('time[datetime]')?.getAttribute('datetime') ?? undefined);
  const lang = (doc.documentElement?.getAttribute('lang') ?? meta(doc, 'og:locale', 'language'))?.slice(0, 2).toLowerCase();
  const h1 = doc.querySelector('h1')?.textContent ?? undefined;
  let author = authorName(meta(doc, 'author', 'article:author', 'dc.creator', 'DC.creator'));

  let text = '';
  let title: string | undefined;
  try {
    // Chrome known by element type goes before Readability weighs the page: on a short page it
    // takes the whole body as the article, banner and all.
    if (doc.body) removeDropped(doc.body);
    const fallbackDoc = doc.cloneNode(true) as DomDocument;
    const article = new Readability<DomNode>(doc as never, { serializer: (n) => n as unknown as DomNode, maxElemsToParse: READABILITY_MAX_ELEMENTS }).parse();
    if (article?.content) text = htmlToText(article.content);
    title = article?.title?.trim() || undefined;
    author ??= authorName(article?.byline);
    if (!text.trim()) {
      text = htmlToText(fallbackDoc.body ?? fallbackDoc);
    }
  } catch {
    // Readability refuses very large pages; the whole body, without its chrome, is still the page.
    const fresh = parseDocument(isXhtml ? xhtmlAsHtml(prepared.html) : prepared.html);
    removeDropped(fresh);
    text = htmlToText(fresh.body ?? fresh);
  }
  text = withoutRepeats(text);
  // A byline paragraph repeats the author the metadata already carries.
  if (author) {
    const name = author.toLowerCase();
    text = text
      .split('\n\n')
      .filter((block) => block.replace(/^\s*(?:written\s+)?by\s+/i, '').trim().toLowerCase() !== name)
      .join('\n\n');
  }
  if (!text.trim()) return { error: 'has no readable text in its HTML' };

  const shownTitle = rawTitle ?? title;
  const fields: Record<string, unknown> = {};
  if (shownTitle) fields.title = cleanTitle(shownTitle, siteName, h1);
  if (author) fields.author = author;
  if (date) fields.date = date;
  if (lang && /^[a-z]{2}$/.test(lang)) fields.language = lang;
  if (url && /^https?:\/\//i.test(url)) fields.url = url;
  if (siteName) fields.source = siteName;
  return { text, metadata: { where: 'page', fields }, warnings };
}

export const html: DocumentReader = {
  extensions: ['.html', '.htm', '.xhtml'],
  sniff: sniffHtml,
  read: readHtml,
};
