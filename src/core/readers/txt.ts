// Plain text. Any text could be plain text, so it claims unnamed files only weakly: a format with
// its own marks or signature wins the sniff.
import type { DocumentReader } from './reader.js';
import { readTextWithFrontMatter, sniffText } from './text.js';

export const plainText: DocumentReader = {
  extensions: ['.txt'],
  sniff: (bytes) => (sniffText(bytes) !== undefined ? 'could-be' : 'no'),
  read: readTextWithFrontMatter,
};
