// Markdown. Read as text: headings, emphasis and lists are understood later by the cleaning
// pipeline (ingest/structure), which handles them in plain text files too.
import type { DocumentReader } from './reader.js';
import { readTextWithFrontMatter, sniffText } from './text.js';

/** Marks that are rare in plain text: a `---` line (front matter, a rule), an ATX heading, an inline link. */
const MARKDOWN_MARKS = /^---[ \t]*\r?\n|^#{1,6}[ \t]+\S|\[[^\]\n]+\]\([^)\s]+\)/m;

export const markdown: DocumentReader = {
  extensions: ['.md'],
  sniff: (bytes) => {
    const head = sniffText(bytes);
    return head !== undefined && MARKDOWN_MARKS.test(head) ? 'looks-like' : 'no';
  },
  read: readTextWithFrontMatter,
};
