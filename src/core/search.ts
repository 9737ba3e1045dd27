// The search index over passages: minisearch with our own tokenizer and stemmer, fuzzy matching
// for misspellings and mis-heard transcript words, prefix matching for the word being typed, a
// bonus for exact phrases, and one result per near-duplicate group.
import MiniSearch from 'minisearch';
import SearchableMap from 'minisearch/SearchableMap';
import { termOf, terms as termsOf, tokenize } from './text.js';
import { QUESTION_SPEAKERS } from './passages.js';
import { synonymsOf } from './synonyms.js';
import type { Corpus, Passage } from './types.js';

/** [start, end) character ranges in a passage's text that matched the query. */
export type Range = [number, number];

export interface SearchHit {
  passage: Passage;
  score: number;
  highlights: Range[];
}

export interface SearchOptions {
  /** Only passages of this document. */
  docId?: string;
  /** The last word may be half-typed (autocomplete): match it as a prefix too. */
  prefix?: boolean;
  limit?: number;
  offset?: number;
}

interface IndexedPassage {
  id: string;
  text: string;
  section: string;
  speaker: string;
  title: string;
  /** The last sentence before and the first after: a question's words often straddle a boundary. */
  context: string;
}

/** Share of a question's score passed to the passage that answers it, so the two come together. */
const ANSWER_SHARE = 0.7;
/** How many of the cheaply scored matches get the full re-ranking. */
const RERANK_DEPTH = 100;
/** Weight of a synonym's match relative to the word the person typed. */
const SYNONYM_WEIGHT = 0.3;

// Fuzziness grows with word length: short words have too many neighbours to be worth it.
export function fuzzyFor(term: string): number | false {
  if (/^\p{N}+$/u.test(term)) return false;
  if (term.length >= 8) return 2;
  if (term.length >= 4) return 1;
  return false;
}

export class SearchIndex {
  private readonly mini: MiniSearch<IndexedPassage>;
  /** Every index term, so fuzzy and prefix matching run only for words the corpus lacks. */
  private readonly vocabulary = new SearchableMap<number>();

  /** Words that occur on their own somewhere, so a split spelling of them can be recognised. */
  private readonly solidWords = new Set<string>();
  /** How each index term is written in the texts, with counts, for showing completions. */
  private readonly surfaces = new Map<string, Map<string, number>>();

  constructor(private readonly corpus: Corpus) {
    for (const p of corpus.passages) {
      for (const t of tokenize(p.text)) {
        if (t.word.length >= 5) this.solidWords.add(t.word);
        const term = termOf(t.word);
        if (!term) continue;
        const forms = this.surfaces.get(term) ?? new Map<string, number>();
        forms.set(t.word, (forms.get(t.word) ?? 0) + 1);
        this.surfaces.set(term, forms);
      }
    }
    this.mini = new MiniSearch<IndexedPassage>({
      fields: ['text', 'section', 'speaker', 'title', 'context'],
      tokenize: (text) => this.words(text),
      processTerm: (word) => termOf(word) ?? null,
      searchOptions: {
        boost: { text: 2, section: 0.6, speaker: 0.6, title: 0.3, context: 0.3 },
        combineWith: 'OR',
      },
    });
    const docs = corpus.passages.map((p) => ({
      id: p.id,
      text: p.text,
      section: p.section ?? '',
      speaker: p.speaker ?? '',
      title: corpus.docById.get(p.docId)?.title ?? '',
      context: [corpus.byId.get(p.prevId ?? '')?.sentences.at(-1), corpus.byId.get(p.nextId ?? '')?.sentences[0]].filter(Boolean).join(' '),
    }));
    for (const d of docs) for (const field of [d.text, d.section, d.speaker, d.title]) for (const w of this.words(field)) {
      const t = termOf(w);
      if (t) this.vocabulary.update(t, (n = 0) => n + 1);
    }
    this.mini.addAll(docs);
  }

  /**
   * The words of a text, plus the joined form of two adjacent words where the corpus also writes
   * them as one ("Open AI" -> "openai", "pre-training" -> "pretraining"), so spellings meet.
   */
  private words(text: string): string[] {
    const tokens = tokenize(text);
    const out = tokens.map((t) => t.word);
    for (let i = 0; i + 1 < tokens.length; i++) {
      const joined = tokens[i]!.word + tokens[i + 1]!.word;
      if (this.solidWords.has(joined) && /^[\s-]?$/.test(text.slice(tokens[i]!.end, tokens[i + 1]!.start))) out.push(joined);
    }
    return out;
  }

  /**
   * Query terms as the index knows them. A word the corpus lacks may be a mis-hearing that split
   * or truncated it ("monorepo" for "monor repo", "solomonoff" for "solomon"), so it is also
   * tried as two known words, or as a known word it starts with.
   */
  queryTerms(query: string): string[] {
    // A set: a word typed twice must not count twice ("running X different from running Y").
    const out = new Set<string>();
    for (const word of this.words(query)) {
      const term = termOf(word);
      if (!term) continue;
      out.add(term);
      if (this.vocabulary.has(term) || term.length < 6 || /\p{N}/u.test(term)) continue;
      for (const t of this.repairs(term)) out.add(t);
    }
    return [...out];
  }

  private repairs(term: string): string[] {
    for (let i = 3; i <= term.length - 3; i++) {
      const left = this.closest(term.slice(0, i));
      const right = this.closest(term.slice(i));
      if (left && right) return [left, right];
    }
    for (let i = term.length - 1; i >= Math.max(5, Math.ceil(term.length * 0.6)); i--) {
      if (this.vocabulary.has(term.slice(0, i))) return [term.slice(0, i)];
    }
    return [];
  }

  /** The word itself if known, else a known word one edit away (for the pieces of a split). */
  private closest(piece: string): string | undefined {
    if (this.vocabulary.has(piece)) return piece;
    if (piece.length < 4) return undefined;
    let best: string | undefined;
    let bestCount = 0;
    for (const [term, [count]] of this.vocabulary.fuzzyGet(piece, 1)) {
      if (count > bestCount) [best, bestCount] = [term, count];
    }
    return best;
  }

  /** Ranked hits, one per near-duplicate group, paged by offset/limit. */
  search(query: string, opts: SearchOptions = {}): { hits: SearchHit[]; total: number } {
    const queryTerms = this.queryTerms(query);
    if (!queryTerms.length) return { hits: [], total: 0 };
    const known = (t: string) => this.vocabulary.has(t);
    // Each synonym stands in for the query word it came from.
    const expandedFrom = new Map<string, string>();
    for (const q of queryTerms) {
      for (const syn of synonymsOf(q)) if (!queryTerms.includes(syn) && known(syn) && !expandedFrom.has(syn)) expandedFrom.set(syn, q);
    }
    const results = this.mini.search([...queryTerms, ...expandedFrom.keys()].join(' '), {
      boostTerm: (term) => (expandedFrom.has(term) ? SYNONYM_WEIGHT : 1),
      // Fuzzy and prefix matching only where exact matching cannot work, so a correctly spelt
      // word is never diluted by its neighbours ("data" also matching "date").
      fuzzy: (term) => (known(term) ? false : fuzzyFor(term)),
      prefix: (term, i, all) => term.length >= 3 && (opts.prefix ? i === all.length - 1 : !known(term)),
      filter: opts.docId ? (r) => this.corpus.byId.get(r.id)?.docId === opts.docId : undefined,
      boostDocument: (id) => {
        // An interviewer's question carries the topic's words, but the answer is what people want.
        const speaker = this.corpus.byId.get(id)?.speaker;
        return speaker && QUESTION_SPEAKERS.test(speaker) ? 0.7 : 1;
      },
    });
    // Two stages: a cheap score for every match, then the costlier re-ranking (phrases, answers
    // after questions) only for the best few, so a very common word stays fast on a big shelf.
    const distinctQueryTerms = queryTerms.length;
    const first = results.map((r) => ({
      id: r.id,
      terms: r.terms,
      // Coordination: a passage that matches more of the query's words beats one that repeats one.
      score: r.score * (new Set(r.queryTerms.map((t) => expandedFrom.get(t) ?? t)).size / distinctQueryTerms),
    }));
    const offset = opts.offset ?? 0;
    const limit = opts.limit ?? 10;
    const depth = Math.max(RERANK_DEPTH, (offset + limit) * 10);
    const top = first.length > depth ? [...first].sort((a, b) => b.score - a.score).slice(0, depth) : first;
    const phrase = termsOf(query);
    const byId = new Map<string, { id: string; terms: string[]; score: number }>();
    for (const r of top) byId.set(r.id, { ...r, score: r.score * phraseBonus(phrase, this.corpus.byId.get(r.id)!) });
    // People ask what the interviewer asked; the answer is the passage after the question.
    for (const r of [...byId.values()]) {
      const p = this.corpus.byId.get(r.id)!;
      if (!p.nextId || !/\?["”’']?$/.test(p.text)) continue;
      const next = byId.get(p.nextId) ?? { id: p.nextId, terms: [], score: 0 };
      next.score += ANSWER_SHARE * r.score;
      byId.set(next.id, next);
    }
    const scored = [...byId.values()].sort((a, b) => b.score - a.score || (a.id < b.id ? -1 : 1));

    const seenGroups = new Set<string>();
    const unique: { id: string; terms: string[]; score: number }[] = [];
    for (const r of scored) {
      const p = this.corpus.byId.get(r.id)!;
      if (seenGroups.has(p.groupId)) continue;
      seenGroups.add(p.groupId);
      unique.push(r);
    }
    // Matches below the re-ranked few still count towards the total (one per group).
    let total = unique.length;
    if (top !== first) {
      const inTop = new Set(byId.keys());
      for (const r of first) {
        if (inTop.has(r.id)) continue;
        const g = this.corpus.byId.get(r.id)!.groupId;
        if (!seenGroups.has(g)) {
          seenGroups.add(g);
          total++;
        }
      }
    }
    const hits = unique.slice(offset, offset + limit).map((r) => {
      const passage = this.corpus.byId.get(r.id)!;
      return { passage, score: r.score, highlights: highlightRanges(passage.text, new Set(r.terms)) };
    });
    return { hits, total };
  }

  /** Known words that start like a partly typed word (or, failing that, are close to it), most used first. */
  completeWord(partial: string, limit = 10): string[] {
    const word = partial.toLowerCase();
    const stem = termOf(word) ?? word;
    if (stem.length < 2) return [];
    // The most used first, and only as many as will be shown get their display spelling.
    const byUse = (entries: Iterable<[string, number]>) =>
      [...entries]
        .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
        .slice(0, limit * 2)
        .map(([t]) => this.surfaceOf(t));
    let found = byUse(this.vocabulary.atPrefix(stem).entries());
    if (!found.length && fuzzyFor(stem)) {
      found = byUse([...this.vocabulary.fuzzyGet(stem, fuzzyFor(stem) as number)].map(([t, [n]]) => [t, n] as [string, number]));
    }
    return [...new Set(found)].filter((w) => w.length > 1).slice(0, limit);
  }

  /**
   * Completions of the last word of `text` that go with the words before it: words that occur in
   * passages matching the whole text come first, then any known word that fits.
   */
  completeLast(text: string, limit = 10): string[] {
    const tokens = tokenize(text);
    const last = tokens[tokens.length - 1];
    if (!last) return [];
    const before = new Set(termsOf(text.slice(0, last.start)));
    const together: string[] = [];
    // Co-occurrence ranking expands the prefix into every word it starts; for one or two letters
    // that is thousands of searches, so short prefixes rank by use alone.
    if (before.size && last.word.length >= 3) {
      const suggestions = this.mini.autoSuggest(text, {
        prefix: (_t, i, all) => i === all.length - 1,
        fuzzy: false,
        combineWith: 'AND',
      });
      for (const s of suggestions) {
        const fresh = s.terms.filter((t) => !before.has(t));
        if (fresh.length === 1) together.push(this.surfaceOf(fresh[0]!));
      }
    }
    return [...new Set([...together, ...this.completeWord(last.word, limit)])]
      .filter((w) => w.toLowerCase().startsWith(last.word.slice(0, 2)) || !together.length)
      .slice(0, limit);
  }

  /** Whether a word is in the corpus's vocabulary. */
  knows(word: string): boolean {
    const term = termOf(word);
    return term !== null && Boolean(this.surfaces.get(term)?.has(word.toLowerCase()));
  }

  /** The most common way a term is written in the texts ("scale" -> "scaling"). */
  private surfaceOf(term: string): string {
    const forms = this.surfaces.get(term);
    if (!forms) return term;
    return [...forms.entries()].sort((a, b) => b[1] - a[1])[0]![0];
  }
}

/** Each passage's index terms as adjacent pairs ("a b"), kept for the passages queries touch. */
const pairCache = new Map<string, Set<string>>();
const PAIR_CACHE_MAX = 50_000;

function termPairs(passage: Passage): Set<string> {
  let pairs = pairCache.get(passage.id);
  if (!pairs) {
    const seq = termsOf(passage.text);
    pairs = new Set<string>();
    for (let i = 0; i + 1 < seq.length; i++) pairs.add(`${seq[i]} ${seq[i + 1]}`);
    // A crude bound: on a large shelf the working set is what recent queries touched.
    if (pairCache.size >= PAIR_CACHE_MAX) pairCache.clear();
    pairCache.set(passage.id, pairs);
  }
  return pairs;
}

/** Multiplier for passages that contain the query's words next to each other, in order. */
export function phraseBonus(queryTerms: string[], passage: Passage): number {
  if (queryTerms.length < 2) return 1;
  const pairs = termPairs(passage);
  let matched = 0;
  for (let i = 0; i + 1 < queryTerms.length; i++) if (pairs.has(`${queryTerms[i]} ${queryTerms[i + 1]}`)) matched++;
  const whole = matched === queryTerms.length - 1;
  return 1 + 0.25 * matched + (whole ? 0.5 : 0);
}

/** Character ranges of the words in `text` whose index term is one of `matched`. */
export function highlightRanges(text: string, matched: Set<string>): Range[] {
  const ranges: Range[] = [];
  for (const t of tokenize(text)) {
    const term = termOf(t.word);
    if (!term || !matched.has(term)) continue;
    const last = ranges[ranges.length - 1];
    // Merge words separated only by a space or hyphen so "machine learning" is one highlight.
    if (last && /^[\s-]*$/.test(text.slice(last[1], t.start))) last[1] = t.end;
    else ranges.push([t.start, t.end]);
  }
  return ranges;
}
