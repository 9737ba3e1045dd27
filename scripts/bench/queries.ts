// The benchmark's query mix, drawn deterministically from a corpus's own text: what people type
// into /topic (single words, common ones too, short phrases, misspellings) and what autocomplete
// sends while they type (a prefix of the last word).
import { seededRandom, termOf, tokenize } from '../../src/core/search/text.js';

export const QUERY_KINDS = ['common', 'single', 'phrase2', 'phrase3', 'misspelling', 'prefix'] as const;
export type QueryKind = (typeof QUERY_KINDS)[number];

export interface BenchQuery {
  kind: QueryKind;
  text: string;
}

/** Share of each kind in the mix. Prefixes go to autocomplete; the rest to search. */
const MIX: Record<QueryKind, number> = { common: 0.1, single: 0.15, phrase2: 0.15, phrase3: 0.1, misspelling: 0.15, prefix: 0.35 };

const LETTERS = 'abcdefghijklmnopqrstuvwxyz';

/** One random edit: substitute, delete, insert or swap two neighbours. */
function edit(word: string, r: () => number): string {
  const i = Math.floor(r() * word.length);
  const letter = LETTERS[Math.floor(r() * LETTERS.length)]!;
  switch (Math.floor(r() * 4)) {
    case 0:
      return word.slice(0, i) + letter + word.slice(i + 1);
    case 1:
      return word.slice(0, i) + word.slice(i + 1);
    case 2:
      return word.slice(0, i) + letter + word.slice(i);
    default:
      return i + 1 < word.length ? word.slice(0, i) + word[i + 1] + word[i] + word.slice(i + 2) : word.slice(0, -1) + letter;
  }
}

/**
 * `n` queries from `texts` (passage texts). The first six cover every kind, so even a tiny mix
 * has each; the rest follow MIX. Same texts, n and seed: same queries.
 */
export function makeQueryMix(texts: string[], n: number, seed: number): BenchQuery[] {
  const r = seededRandom(seed);
  const docs = texts.map((t) => tokenize(t).map((x) => x.word)).filter((w) => w.length > 0);
  if (!docs.length) return [];
  const counts = new Map<string, number>();
  for (const words of docs) for (const w of words) if (termOf(w) && /^\p{L}/u.test(w)) counts.set(w, (counts.get(w) ?? 0) + 1);
  const known = new Set(counts.keys());
  const distinct = [...counts.keys()].sort();
  const common = [...counts.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).slice(0, 30).map(([w]) => w);
  const anyWord = () => distinct[Math.floor(r() * distinct.length)] ?? 'the';

  /** A run of `len` consecutive words from a random passage, with at least one content word. */
  const run = (len: number): string[] => {
    for (let attempt = 0; attempt < 20; attempt++) {
      const words = docs[Math.floor(r() * docs.length)]!;
      if (words.length < len) continue;
      const at = Math.floor(r() * (words.length - len + 1));
      const out = words.slice(at, at + len);
      if (out.some((w) => known.has(w))) return out;
    }
    return [anyWord()];
  };
  /** A word as it occurs in running text (frequent words more often), content words only. */
  const tokenWord = (minLength = 1): string => {
    for (let attempt = 0; attempt < 50; attempt++) {
      const [w] = run(1);
      if (w && known.has(w) && w.length >= minLength) return w;
    }
    const long = distinct.filter((w) => w.length >= minLength);
    return long[Math.floor(r() * long.length)] ?? anyWord();
  };

  const make = (kind: QueryKind): string => {
    switch (kind) {
      case 'common':
        return common[Math.floor(r() * common.length)] ?? anyWord();
      case 'single':
        // Half as words occur in text, half uniformly over the vocabulary (mostly rare words).
        return r() < 0.5 ? tokenWord() : anyWord();
      case 'phrase2':
        return run(2).join(' ');
      case 'phrase3':
        return run(3).join(' ');
      case 'misspelling': {
        const w = tokenWord(6);
        for (let attempt = 0; attempt < 10; attempt++) {
          let m = edit(w, r);
          if (r() < 0.4) m = edit(m, r);
          if (m !== w && !known.has(m)) return m;
        }
        return edit(w, r);
      }
      case 'prefix': {
        // What autocomplete sends mid-word: maybe a word before, then the first letters of the next.
        const words = run(r() < 0.6 ? 1 : 2);
        const last = words[words.length - 1]!;
        const cut = 1 + Math.floor(r() * Math.max(1, last.length - 1));
        return [...words.slice(0, -1), last.slice(0, cut)].join(' ');
      }
    }
  };

  const cumulative: [QueryKind, number][] = [];
  let acc = 0;
  for (const k of QUERY_KINDS) cumulative.push([k, (acc += MIX[k])]);
  const out: BenchQuery[] = [];
  for (let i = 0; i < n; i++) {
    let kind: QueryKind;
    if (i < QUERY_KINDS.length) kind = QUERY_KINDS[i]!;
    else {
      const x = r() * acc;
      kind = cumulative.find(([, c]) => x < c)?.[0] ?? 'single';
    }
    out.push({ kind, text: make(kind) });
  }
  return out;
}
