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

/** A conversation written for a test as who-says-what, so every credited sentence can be checked. */
export type Turns = [speaker: string, words: string][];

/** The conversation as unlabelled captions: the words run on, cut into lines of about sixty characters. */
export const captionsOf = (turns: Turns) =>
  turns
    .map(([, t]) => t)
    .join(' ')
    .replace(/(.{50,70}?)\s/g, '$1\n');

/** Who really says a sentence of the conversation (undefined when it is not one turn's own). */
export const truthIn = (turns: Turns) => (sentence: string) => {
  const hits = turns.filter(([, t]) => t.includes(sentence.replace(/\s+/g, ' ')));
  return hits.length === 1 ? hits[0]![0] : undefined;
};
