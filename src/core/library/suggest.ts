// What a search that finds nothing offers instead: known words spelt like the query's words, else
// the subjects the shelf keeps coming back to, and whether other documents have it. Every
// suggestion is checked to find something, and none is a stop word, a contraction or a heading.
import type { SearchIndex } from '../search/search-index.js';
import type { ReadingLimit } from '../search/horizon.js';
import { STOP_WORDS, termOf, tokenize } from '../search/text.js';
import { PLAIN_WORD } from './topics.js';

export interface NoResultHelp {
  /** The query had words, but only ones too common to search on ("the and of"). */
  commonOnly: boolean;
  /** Known words close in spelling to the query's words. */
  spellings: string[];
  /** Recurring subjects of the shelf (or of the document searched), when no spelling is close. */
  topics: string[];
  /** A source was given and other documents do have the query. */
  elsewhere: boolean;
  /** A reading limit was given and the query finds passages beyond it: the reader has not got there yet. */
  ahead: boolean;
}

/** Stop words, and contractions of them ("they're", "isn't"), which search leaves out or cannot use. */
const isCommon = (word: string) => termOf(word) === null || STOP_WORDS.has(word.split("'")[0]!);

/** Suggestions from one query word at most, so each misspelt word gets its share. */
const PER_WORD = 3;

export async function noResultHelp(
  index: SearchIndex,
  topics: (docId?: string, reach?: ReadingLimit) => Promise<string[]>,
  query: string,
  docId?: string,
  reach?: ReadingLimit,
  limit = 5,
): Promise<NoResultHelp> {
  const words = tokenize(query).map((t) => t.word);
  const content = words.filter((w) => !isCommon(w));
  // Under a reading limit every suggestion comes from, and finds, only what the reader has reached.
  const h = index.horizon(reach);
  const finds = (s: string) => index.search(s, { docId, limit: 1, judge: false, reach }).hits.length > 0;
  const findsQuery = (r: ReadingLimit | undefined) => index.search(query, { docId, limit: 1, judge: false, reach: r }).hits.length > 0;
  const spellings: string[] = [];
  for (const w of content) {
    let taken = 0;
    for (const s of index.similarWords(w, 10, h)) {
      if (spellings.length >= limit || taken >= PER_WORD) break;
      const lower = s.toLowerCase();
      if (lower === w || !PLAIN_WORD.test(s) || isCommon(lower) || spellings.includes(s) || !finds(s)) continue;
      spellings.push(s);
      taken++;
    }
  }
  return {
    commonOnly: words.length > 0 && content.length === 0,
    spellings,
    // Topics are phrases of the passages searched, so they always find something.
    topics: spellings.length ? [] : (await topics(docId, reach)).slice(0, limit),
    elsewhere: docId !== undefined && content.length > 0 && index.search(query, { limit: 1, judge: false, reach }).hits.length > 0,
    ahead: reach !== undefined && content.length > 0 && !findsQuery(reach) && findsQuery(undefined),
  };
}
