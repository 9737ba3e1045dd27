// Word documents. mammoth turns Word's heading styles into h1-h6 and paragraphs into <p>, so the
// shared HTML converter gives the same sections a saved page would; the title and author come
// from the package's core properties. mammoth's own unzip has no caps, so it only ever sees an
// archive rebuilt from entries that passed ours.
import { zipSync } from 'fflate';
import { dom, loadDom } from './libraries.js';
import { htmlSourceToText, type DomDocument, type DomElement } from './html-text.js';
import { pageDate } from './html.js';
import type { DocumentReader, ReadOutcome, Sniffed } from './reader.js';
import { isZip, unzipCapped } from './zip.js';

const MAIN_PART = 'word/document.xml';

/** The archive's own list of names (its central directory), without unpacking anything. */
function centralDirectoryNames(bytes: Uint8Array): string | undefined {
  const u32 = (o: number) => (bytes[o]! | (bytes[o + 1]! << 8) | (bytes[o + 2]! << 16)) + bytes[o + 3]! * 0x1000000;
  // The end record sits in the last 22 bytes plus at most a 64 KB comment.
  for (let e = bytes.length - 22; e >= Math.max(0, bytes.length - 22 - 65_535); e--) {
    if (u32(e) !== 0x06054b50) continue;
    const size = u32(e + 12);
    const offset = u32(e + 16);
    if (offset + size > bytes.length) return undefined;
    return new TextDecoder('latin1').decode(bytes.subarray(offset, offset + Math.min(size, 4 * 1024 * 1024)));
  }
  return undefined;
}

export function sniffDocx(bytes: Uint8Array): Sniffed {
  if (!isZip(bytes)) return 'no';
  // Word writes its main part under this exact name; other zips (EPUB, ODF, plain archives) lack it.
  return centralDirectoryNames(bytes)?.includes(MAIN_PART) ? 'signature' : 'no';
}

const byName = (root: DomDocument, name: string): DomElement | undefined =>
  [...root.querySelectorAll('*')].find((el) => el.localName.replace(/^.*:/, '').toLowerCase() === name);
const textOf = (el: DomElement | undefined) => el?.textContent?.replace(/\s+/g, ' ').trim() || undefined;

/** dc:title, dc:creator, dcterms:created from docProps/core.xml. */
function coreProperties(xml: Uint8Array | undefined): Record<string, unknown> {
  if (!xml) return {};
  const doc = new (dom().DOMParser)().parseFromString(new TextDecoder().decode(xml), 'text/xml') as unknown as DomDocument;
  const fields: Record<string, unknown> = {};
  const title = textOf(byName(doc, 'title'));
  if (title) fields.title = title;
  const author = textOf(byName(doc, 'creator'));
  if (author) fields.author = author;
  const date = pageDate(textOf(byName(doc, 'created')));
  if (date) fields.date = date;
  const language = textOf(byName(doc, 'language'))?.slice(0, 2).toLowerCase();
  if (language && /^[a-z]{2}$/.test(language)) fields.language = language;
  return fields;
}

export async function readDocx(bytes: Uint8Array): Promise<ReadOutcome> {
  await loadDom();
  if (!isZip(bytes)) return { error: 'is not a Word document (not a zip archive)' };
  // Pictures are most of a document's size and none of its words.
  const unzipped = unzipCapped(bytes, (name) => !/^word\/media\//i.test(name));
  if ('error' in unzipped) return unzipped;
  if (!unzipped.files.has(MAIN_PART)) return { error: `is not a Word document (${MAIN_PART} is missing)` };
  const rebuilt = zipSync(Object.fromEntries(unzipped.files), { level: 0 });
  // Loaded on first use: most corpora have no Word files, and start-up should not pay for it.
  const { default: mammoth } = await import('mammoth');
  const result = await mammoth.convertToHtml(
    { buffer: Buffer.from(rebuilt.buffer, rebuilt.byteOffset, rebuilt.byteLength) },
    { convertImage: mammoth.images.imgElement(async () => ({ src: '' })), ignoreEmptyParagraphs: true },
  );
  const { text, warnings } = htmlSourceToText(result.value, 'document');
  if (!text.trim()) return { error: 'has no readable text' };
  const fields = coreProperties(unzipped.files.get('docProps/core.xml'));
  return { text, ...(Object.keys(fields).length ? { metadata: { where: 'document properties', fields } } : {}), warnings };
}

export const docx: DocumentReader = {
  extensions: ['.docx'],
  sniff: sniffDocx,
  read: readDocx,
};
