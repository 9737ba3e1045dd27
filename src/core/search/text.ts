// Word-level text handling shared by the index, highlighting and near-duplicate detection, so
// that a word is "the same word" in exactly one sense everywhere.
import { stemmer } from 'stemmer';
import { lazy, lazyPackage } from '../lazy.js';
import type * as Stopword from 'stopword';

// Conversational words that the generic list lacks but that carry no topic in transcripts.
const EXTRA_STOP_WORDS = [
  'just', 'yeah', 'okay', 'ok', 'gonna', 'really', 'does', 'doing', 'done', 'why', 'when', 'will',
  'not', 'no', 'so', 'thing', 'things', 'lot', 'kind', 'sort', 'actually', 'mean', 'know', 'say',
  'um', 'uh', 'us', 'its', 'let', 'lets', 'going', 'want', 'yes', 'oh', 'right', 'able', 'even',
  'maybe', 'please', 'pretty', 'quite', 'somewhat', 'guess', 'stuff', 'whatever', 'anything',
  'something', 'everything', 'nothing', 'someone', 'everyone', 'bit', 'gotta', 'wanna',
];

const stopWords = lazy(() => new Set([...lazyPackage<typeof Stopword>('stopword')().eng, ...EXTRA_STOP_WORDS]));

/** Words never searched on: the stop-word list (loaded on the first look-up) and the conversational extras. */
export const STOP_WORDS: { has(word: string): boolean } = { has: (word) => stopWords().has(word) };

export interface Token {
  /** Lower-cased surface form. */
  word: string;
  start: number;
  end: number;
}

// Letters and digits form words; a letter-digit boundary splits ("GPT4" -> "gpt", "4") so that
// "GPT-4", "GPT 4" and "GPT4" all index alike. Apostrophes inside words are kept ("don't").
const WORD = /[\p{L}\p{M}]+(?:['’][\p{L}]+)*|\p{N}+/gu;

export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  eachToken(text, (word, start, end) => tokens.push({ word, start, end }));
  return tokens;
}

/** The tokens of `tokenize`, handed over one by one: the build reads millions and keeps none. */
export function eachToken(text: string, visit: (word: string, start: number, end: number) => void): void {
  for (const m of text.matchAll(WORD)) visit(m[0].toLowerCase().replace(/’/g, "'"), m.index, m.index + m[0].length);
}

/** The index term for a word, or null for words that should never be searched on. */
export function termOf(word: string): string | null {
  // Every word is stemmed several times while a corpus is indexed; a vocabulary is far smaller
  // than a text, so remembering the answers is most of the indexing time saved.
  const known = termCache.get(word);
  if (known !== undefined) return known;
  const term = computeTerm(word);
  if (termCache.size >= TERM_CACHE_MAX) termCache.clear();
  termCache.set(word, term);
  return term;
}

const termCache = new Map<string, string | null>();
const TERM_CACHE_MAX = 1_000_000;

function computeTerm(word: string): string | null {
  const w = word.toLowerCase().replace(/’/g, "'");
  if (STOP_WORDS.has(w)) return null;
  const base = w.endsWith("'s") ? w.slice(0, -2) : w;
  if (base.length === 0 || STOP_WORDS.has(base)) return null;
  if (/^\p{N}+$/u.test(base)) return base;
  if (base.length < 2) return null;
  return stemmer(base);
}

/** Index terms of a text, in order, stop words removed. */
export function terms(text: string): string[] {
  const out: string[] = [];
  for (const t of tokenize(text)) {
    const term = termOf(t.word);
    if (term) out.push(term);
  }
  return out;
}

export function levenshtein(a: string, b: string): number {
  if (a === b) return 0;
  if (!a.length) return b.length;
  if (!b.length) return a.length;
  let prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) {
      cur[j] = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    prev = cur;
  }
  return prev[b.length]!;
}

/** Shortens text to at most `max` characters, at a sentence end when one is near, else at a word. */
export function shorten(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max - 2);
  const sentence = Math.max(cut.lastIndexOf('. '), cut.lastIndexOf('? '), cut.lastIndexOf('! '));
  if (sentence > max * 0.5) return cut.slice(0, sentence + 1) + ' …';
  const space = cut.lastIndexOf(' ');
  return (space > max * 0.5 ? cut.slice(0, space) : cut) + '…';
}

/** Cheap stable hash (FNV-1a, 32 bit) as 8 hex digits: ids and seeds, not security. */
export function fnv1a(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0).toString(16).padStart(8, '0');
}

/** Deterministic PRNG (mulberry32), so seeds reproduce answers in tests and the CLI. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
