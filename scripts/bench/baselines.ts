// What the project's search is compared with: a linear scan over every passage, and minisearch
// with its default options on the same passages.
import MiniSearch from 'minisearch';
import { terms as termsOf } from '../../src/core/search/text.js';

/** Levenshtein distance if it is at most `max`, else max + 1 (banded, exits early). */
export function boundedLevenshtein(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  if (a === b) return 0;
  let prev = new Array<number>(b.length + 1);
  let cur = new Array<number>(b.length + 1);
  for (let j = 0; j <= b.length; j++) prev[j] = j;
  for (let i = 1; i <= a.length; i++) {
    cur[0] = i;
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const v = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (a.charCodeAt(i - 1) === b.charCodeAt(j - 1) ? 0 : 1));
      cur[j] = v;
      if (v < rowMin) rowMin = v;
    }
    if (rowMin > max) return max + 1;
    [prev, cur] = [cur, prev];
  }
  return prev[b.length]!;
}

/** Edits allowed for a misspelt term, by length (the same rule the project uses). */
const editsFor = (term: string) => (/^\p{N}+$/u.test(term) ? 0 : term.length >= 8 ? 2 : term.length >= 4 ? 1 : 0);

/**
 * A straightforward linear scan: every passage's index terms (the project's tokenizer, stop words
 * and stemmer) precomputed as an array; a query scores each passage by how many of its terms
 * match a query term. A query term the corpus does not contain is treated as misspelt and matches
 * every corpus term within 1-2 edits (found once per query by a banded Levenshtein over the
 * vocabulary), at half weight. Top `limit` by score.
 */
export class LinearScan {
  private readonly passageTerms: string[][];
  private readonly vocabulary: string[];
  private readonly known: Set<string>;
  private readonly ids: string[];

  constructor(passages: { id: string; text: string }[]) {
    this.passageTerms = passages.map((p) => termsOf(p.text));
    this.known = new Set(this.passageTerms.flat());
    this.vocabulary = [...this.known];
    this.ids = passages.map((p) => p.id);
  }

  search(query: string, limit = 3): { id: string; score: number }[] {
    const weights = new Map<string, number>();
    for (const t of new Set(termsOf(query))) {
      if (this.known.has(t)) {
        weights.set(t, 1);
        continue;
      }
      const k = editsFor(t);
      if (!k) continue;
      for (const v of this.vocabulary) if (boundedLevenshtein(t, v, k) <= k && !weights.has(v)) weights.set(v, 0.5);
    }
    if (!weights.size) return [];
    const top: { id: string; score: number }[] = [];
    for (let i = 0; i < this.passageTerms.length; i++) {
      let score = 0;
      for (const t of this.passageTerms[i]!) score += weights.get(t) ?? 0;
      if (score === 0) continue;
      if (top.length < limit || score > top[top.length - 1]!.score) {
        top.push({ id: this.ids[i]!, score });
        top.sort((a, b) => b.score - a.score);
        if (top.length > limit) top.pop();
      }
    }
    return top;
  }
}

/** Minisearch as it comes: default tokenizer, no stop words, no stemming, one field. */
export class DefaultMiniSearch {
  private readonly mini = new MiniSearch<{ id: string; text: string }>({ fields: ['text'], storeFields: [] });

  constructor(passages: { id: string; text: string }[]) {
    this.mini.addAll(passages.map((p) => ({ id: p.id, text: p.text })));
  }

  search(query: string, limit = 3) {
    return this.mini.search(query, { fuzzy: 0.2, prefix: true }).slice(0, limit);
  }
}
