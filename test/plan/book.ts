// A small book for reading-plan tests: chapters of known lengths, each paragraph one passage,
// built through the real ingest so passage ids derive from the text as they do for real files.
import type { IngestedDocument } from '../../src/core/corpus.js';
import { doc, library } from '../helpers/fixtures.js';

/** One paragraph's sentence, different for every chapter and paragraph. */
export const para = (chapter: string, i: number, tag = '') =>
  [`In ${chapter} the ${ordinal(i)} argument${tag} holds that careful engineering of large training systems decides how far a team can scale its models before the failures dominate.`];

const ordinal = (i: number) => ['first', 'second', 'third', 'fourth', 'fifth', 'sixth', 'seventh', 'eighth', 'ninth', 'tenth', 'eleventh', 'twelfth'][i] ?? `number ${i + 1}`;

/** Chapters as [name, paragraphs]; `edit` rewrites or inserts paragraphs before ingest. */
export function book(id: string, chapters: [string, number][], edit: (chapter: string, paras: string[][]) => string[][] = (_, p) => p): IngestedDocument {
  return doc(
    { id, title: `The ${id} book` },
    chapters.flatMap(([name, n]) => edit(name, Array.from({ length: n }, (_, i) => para(name, i))).map((sentences) => ({ section: name, sentences }))),
  );
}

export const CHAPTERS: [string, number][] = [
  ['Chapter 1', 3],
  ['Chapter 2', 9],
  ['Chapter 3', 2],
];

export const bookLibrary = (...docs: IngestedDocument[]) => library(...docs);
