// Word documents. mammoth turns Word's heading styles into h1-h6 and paragraphs into <p>, so the
// shared HTML converter gives the same sections a saved page would; the title and author come
// from the package's core properties. mammoth's own unzip has no caps, so it only ever sees an
// archive rebuilt from entries that passed ours.
import { loadDom } from './libraries.js';
import { htmlSourceToText } from './html-text.js';
import { pageDate } from './html.js';
import type { DocumentReader, ReadOutcome, Sniffed } from './reader.js';
import { elementsNamed, parseXml, textOf } from './xml.js';
import { entryNames, isZip, unzipCapped } from './zip.js';
import { lazyPackage } from '../lazy.js';
import type * as Fflate from 'fflate';

const fflate = lazyPackage<typeof Fflate>('fflate');

const MAIN_PART = 'word/document.xml';

export function sniffDocx(bytes: Uint8Array): Sniffed {
  if (!isZip(bytes)) return 'no';
  // Word writes its main part under this exact name; other zips (EPUB, ODF, plain archives) lack it.
  return entryNames(bytes)?.includes(MAIN_PART) ? 'signature' : 'no';
}

/** dc:title, dc:creator, dcterms:created from docProps/core.xml. */
function coreProperties(xml: Uint8Array | undefined): Record<string, unknown> {
  if (!xml) return {};
  const doc = parseXml(new TextDecoder().decode(xml));
  const first = (name: string) => textOf(elementsNamed(doc, name)[0]);
  const fields: Record<string, unknown> = {};
  const title = first('title');
  if (title) fields.title = title;
  const author = first('creator');
  if (author) fields.author = author;
  const date = pageDate(first('created'));
  if (date) fields.date = date;
  const language = first('language')?.slice(0, 2).toLowerCase();
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
  const rebuilt = fflate().zipSync(Object.fromEntries(unzipped.files), { level: 0 });
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
