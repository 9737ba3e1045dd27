import type { DocumentMeta } from '../../src/core/corpus.js';
import { ingestText } from '../../src/core/ingest/index.js';

export const meta = (over: Partial<DocumentMeta> = {}): DocumentMeta => ({
  id: 'test',
  title: 'Test',
  kind: 'article',
  speakers: [],
  language: 'en',
  ...over,
});

export const texts = (raw: string, over: Partial<DocumentMeta> = {}) => ingestText(raw, meta(over)).map((s) => s.text);
export const joined = (raw: string, over: Partial<DocumentMeta> = {}) => texts(raw, over).join(' ');
