// The document formats the bot reads. A new format is a reader file beside this one and a line
// in this list; its ending is then listed, read and named in messages with nothing else changed.
import { srtCaptions, webVtt } from './captions/index.js';
import { docx } from './docx.js';
import { epub } from './epub.js';
import { html } from './html.js';
import { markdown } from './md.js';
import { pdf } from './pdf.js';
import { ReaderRegistry } from './reader.js';
import { plainText } from './txt.js';

export const DOCUMENT_READERS = new ReaderRegistry([
  plainText,
  markdown,
  pdf,
  srtCaptions,
  webVtt,
  html,
  epub,
  docx,
]);

export { ReaderRegistry, type DocumentReader, type ReadOutcome, type Sniffed } from './reader.js';
