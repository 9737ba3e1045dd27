// Bytes to text for the formats that are text on disk (plain text, Markdown, and later HTML and
// subtitles): one place decides what counts as a binary file or a wrong encoding.
import type { ReadOutcome } from './reader.js';
import { splitFrontMatter } from './front-matter.js';

export type Decoded = { text: string } | { error: string };

/** Bytes to text, refusing binaries: NUL bytes or mostly-invalid UTF-8 mean it is not a text document. */
export function decodeText(bytes: Uint8Array): Decoded {
  if (bytes.length === 0) return { error: 'file is empty' };
  // UTF-16 with a byte-order mark is text even though it contains NUL bytes.
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { text: new TextDecoder('utf-16le').decode(bytes.subarray(2)) };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { text: new TextDecoder('utf-16be').decode(bytes.subarray(2)) };
  // The whole file, not just its head: a text preamble does not make an archive text. A scan for
  // one byte value is a memchr, far cheaper than the decoding below.
  if (Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).indexOf(0) !== -1)
    return { error: 'looks like a binary file (contains NUL bytes), not text' };
  const text = new TextDecoder('utf-8', { fatal: false }).decode(bytes);
  const bad = (text.match(/\uFFFD/g) ?? []).length;
  if (bad > 0 && bad / Math.max(1, text.length) > 0.01) return { error: 'is not valid UTF-8 text (save it as UTF-8)' };
  const body = text.replace(/^\uFEFF/, '');
  if (!body.trim()) return { error: 'file is empty' };
  return { text: body };
}

/** Sniffing looks at the head only: enough to tell text from a binary without decoding a whole book. */
const SNIFF_BYTES = 64 * 1024;

/** The head of the bytes as text, or undefined when it is not text. */
export function sniffText(bytes: Uint8Array): string | undefined {
  const decoded = decodeText(bytes.subarray(0, SNIFF_BYTES));
  return 'text' in decoded ? decoded.text : undefined;
}

/** A text file whose metadata may open it as YAML front matter (`---` ... `---`). */
export function readTextWithFrontMatter(bytes: Uint8Array): ReadOutcome {
  const decoded = decodeText(bytes);
  if ('error' in decoded) return decoded;
  const fm = splitFrontMatter(decoded.text);
  return {
    text: fm.body,
    ...(fm.data !== undefined ? { metadata: { where: 'front matter', fields: fm.data } } : {}),
    warnings: fm.error ? [fm.error] : [],
  };
}
