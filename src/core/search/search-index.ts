// The search index over passages: BM25+ over our own tokenizer and stemmer (see postings.ts),
// fuzzy matching for misspellings and mis-heard transcript words, prefix matching for the word
// being typed, a bonus for exact phrases, and one result per near-duplicate group.
import { MAX_QUERY_WORDS, Postings, PostingsBuilder, topK, type PostingsData, type QueryWord } from './postings.js';
import { termOf, terms as termsOf, tokenize } from './text.js';
import { ENDS_WITH_TOKEN, IntList, JOINABLE, STARTS_WITH_TOKEN, takeTokens } from './analysis.js';
import { QUESTION_SPEAKERS } from '../ingest/passages.js';
import { synonymsOf } from './synonyms.js';
import { fuse } from './fusion.js';
import type { Corpus, Passage } from '../corpus.js';
import { SortedTerms } from './vocabulary.js';
import { isEveryday } from './everyday.js';
import { judgeMatch, namesIn, type MatchVerdict, type QuestionName, type QuestionWord } from './match.js';
import { camelParts } from './compounds.js';
import { askedFact, holdsAnswerCached, type AskedFact } from './answer-kinds.js';
import { Speakers, viewTerms } from './speakers.js';
import { answers } from './answers.js';
import { DocumentWords, makeHorizon, type Horizon, type ReadingLimit } from './horizon.js';

/** [start, end) character ranges in a passage's text that matched the query. */
export type Range = [number, number];

export interface SearchHit {
  passage: Passage;
  score: number;
  highlights: Range[];
  /** The interviewer's question this passage answers, when the question is what matched (answers.ts). */
  leadIn?: Passage;
}

/** A page of results, and how well the best of them match the question (match.ts). */
export interface SearchResult extends MatchVerdict {
  hits: SearchHit[];
  total: number;
}

export interface SearchOptions {
  /** Only passages of this document. */
  docId?: string;
  /** The last word may be half-typed (autocomplete): match it as a prefix too. */
  prefix?: boolean;
  limit?: number;
  offset?: number;
  /** Skip the match verdict where only the passages matter (checking that a word finds anything). */
  judge?: boolean;
  /** The query's similarity to each passage (by position), when semantic vectors are ready: fused with the lexical ranking. */
  similarity?: Float32Array;
  /** Only what a reader has reached: passages of the limit's document after it are left out. */
  reach?: ReadingLimit;
}

/**
 * Fields of a passage that are searched, with their weights. The context field is the last
 * sentence before the passage and the first after: a question's words often straddle a boundary.
 */
const FIELDS = ['text', 'section', 'speaker', 'title', 'context'] as const;
const FIELD_BOOSTS = [2, 0.6, 0.6, 0.3, 0.3];
const CONTEXT_FIELD = 4;
/** The fields a reader sees with a passage: whether a word is hidden by a reading limit is read from these. */
const SEEN_FIELDS = FIELDS.map((_, i) => i).filter((i) => i !== CONTEXT_FIELD);

/** A passage that ends by asking: the one after it may answer it. */
const ENDS_IN_QUESTION = /\?["”’']?$/;
/** Share of a question's score passed to the passage that answers it, so the two come together. */
const ANSWER_SHARE = 0.7;
/** Weight of the name in a question about a person's view: their passages, not mentions, should win. */
const ASKED_NAME_WEIGHT = 0.1;
/** Weight of "think", "view" in such a question: someone else's "I think" is no closer to the answer. */
const VIEW_WORD_WEIGHT = 0.1;
/** Multiplier for a passage holding a value of the kind a fact question asks for (answer-kinds.ts). */
const FACT_BONUS = 1.3;
/** How many of the cheaply scored matches get the full re-ranking. */
const RERANK_DEPTH = 100;
/** Weight of a synonym's match relative to the word the person typed. */
const SYNONYM_WEIGHT = 0.3;
/** minisearch's weights for prefix and fuzzy matches, which our ranking was tuned with. */
const PREFIX_WEIGHT = 0.375;
const FUZZY_WEIGHT = 0.45;
/** Passages whose terms the match verdict keeps at hand. */
const HELD_CACHE_MAX = 5_000;
/** How many of the best passages the match verdict reads. */
const MATCH_DEPTH = 3;
/** Passages holding all of a name's words beyond which it counts as mentioned without reading them. */
const MENTION_SCAN = 500;
/** Completions of a half-typed word tried against the words before it, most used first. */
const COMPLETION_CANDIDATES = 300;

// Fuzziness grows with word length: short words have too many neighbours to be worth it.
export function fuzzyFor(term: string): number | false {
  if (/^\p{N}+$/u.test(term)) return false;
  if (term.length >= 8) return 2;
  if (term.length >= 4) return 1;
  return false;
}

/** Everything the index is made of, as plain data: what a snapshot saves and restores. */
export interface SearchData {
  postings: PostingsData;
  /** Distinct lower-case words of the passages' texts, sorted. */
  forms: string[];
  /** Term id -> position in `forms` of its most common written form, or -1. */
  surface: Int32Array;
}

/**
 * The words of a text, plus the joined form of two adjacent words where the corpus also writes
 * them as one ("Open AI" -> "openai", "pre-training" -> "pretraining"), so spellings meet; with
 * `parts` (the index's side), also the parts of a camel-case word ("ImageGen" -> "image", "gen").
 */
function wordsOf(text: string, isSolid: (word: string) => boolean, parts = false): string[] {
  const tokens = tokenize(text);
  const out = tokens.map((t) => t.word);
  if (parts) for (const t of tokens) out.push(...camelParts(text.slice(t.start, t.end)));
  for (let i = 0; i + 1 < tokens.length; i++) {
    const joined = tokens[i]!.word + tokens[i + 1]!.word;
    if (joined.length >= 5 && isSolid(joined) && /^[\s-]?$/.test(text.slice(tokens[i]!.end, tokens[i + 1]!.start))) out.push(joined);
  }
  return out;
}

function contextOf(corpus: Corpus, p: Passage): string {
  return [corpus.byId.get(p.prevId ?? '')?.sentences.at(-1), corpus.byId.get(p.nextId ?? '')?.sentences[0]].filter(Boolean).join(' ');
}

/**
 * Builds the index data for a corpus. Each passage's text is tokenized once (analysis.ts; by
 * buildCorpus, which handed the tokens over) and every field reads the same word ids: the text,
 * its joined spellings and camel-case parts, and the neighbours' sentences of the context field.
 */
export function buildSearchData(corpus: Corpus): SearchData {
  const tokens = takeTokens(corpus);
  const vocabulary = tokens.vocabulary;
  const isSolid = (w: string) => vocabulary.formId(w) >= 0;
  const { words, flags, camel, start } = tokens;
  const wordList = vocabulary.words;


  // A field's words as the index reads them: their terms, and how many distinct words it has.
  const termIds = new IntList();
  const stamp = new Uint32Array(wordList.length + 1024);
  let epoch = 0;
  let distinct = 0;
  const begin = () => {
    termIds.length = 0;
    distinct = 0;
    epoch++;
  };
  const addWord = (w: number) => {
    if (stamp[w] !== epoch) {
      stamp[w] = epoch;
      distinct++;
    }
    const t = vocabulary.termOfWord(w);
    if (t >= 0) termIds.push(t);
  };
  /**
   * Tokens [from, to): the words, their camel-case parts, and the joined spelling of two adjacent
   * ones where the corpus also writes them as one word ("Open AI" -> "openai").
   */
  const addRange = (from: number, to: number) => {
    for (let k = from; k < to; k++) {
      addWord(words[k]!);
      if (camel.size) for (const w of camel.get(k) ?? []) addWord(w);
      if (k > from && flags[k]! & JOINABLE) {
        const j = vocabulary.joinedFormId(words[k - 1]!, words[k]!);
        if (j >= 0) addWord(j);
      }
    }
  };

  // Title, section and speaker repeat across a document's passages, and the context of a passage
  // whose neighbours' text is not their sentences joined (a corpus not made by ingest) is read
  // from its string: those go through the words of the text, as a query does.
  const memo = new Map<string, { terms: number[]; length: number }>();
  const analyse = (text: string) => {
    const ws = wordsOf(text, isSolid, true);
    const terms: number[] = [];
    for (const w of ws) {
      const t = termOf(w);
      if (t) terms.push(vocabulary.term(t));
    }
    return { terms, length: new Set(ws).size };
  };
  const repeated = (text: string) => {
    let r = memo.get(text);
    if (!r) memo.set(text, (r = analyse(text)));
    return r;
  };
  const indexOf = new Map<string, number>();
  corpus.passages.forEach((p, i) => indexOf.set(p.id, i));
  /**
   * Where a neighbour's sentence in the context field comes from: null when contextOf leaves it
   * out, its passage's position when its tokens can be read, else -1 (read the string).
   */
  const side = (id: string | undefined, sentence: (q: Passage) => string | undefined): number | null => {
    const q = corpus.byId.get(id ?? '');
    if (!q || !sentence(q)) return null;
    const i = indexOf.get(q.id);
    return i !== undefined && corpus.passages[i] === q && tokens.regular[i] ? i : -1;
  };

  const builder = new PostingsBuilder(FIELDS.length);
  const terms = vocabulary.terms;
  const passages = corpus.passages;
  passages.forEach((p, doc) => {
    begin();
    addRange(start[doc]!, start[doc + 1]!);
    builder.addIds(doc, 0, termIds.buf, termIds.length, terms, distinct, true);
    for (const [field, text] of [
      [1, p.section ?? ''],
      [2, p.speaker ?? ''],
      [3, corpus.docById.get(p.docId)?.title ?? ''],
    ] as const) {
      const v = repeated(text);
      builder.addIds(doc, field, v.terms, v.terms.length, terms, v.length, true);
    }
    // The context field: the last sentence before the passage and the first after it.
    const prev = side(p.prevId, (q) => q.sentences.at(-1));
    const next = side(p.nextId, (q) => q.sentences[0]);
    if (prev === -1 || next === -1) {
      const v = analyse(contextOf(corpus, p));
      builder.addIds(doc, CONTEXT_FIELD, v.terms, v.terms.length, terms, v.length, false);
    } else {
      begin();
      if (prev !== null) addRange(tokens.lastSentenceStart[prev]!, start[prev + 1]!);
      if (next !== null) addRange(start[next]!, tokens.firstSentenceEnd[next]!);
      // The two sentences are joined by a space: a word split across them is one written apart.
      if (prev !== null && next !== null && tokens.edges[prev]! & ENDS_WITH_TOKEN && tokens.edges[next]! & STARTS_WITH_TOKEN) {
        const j = vocabulary.joinedFormId(words[start[prev + 1]! - 1]!, words[start[next]!]!);
        if (j >= 0) addWord(j);
      }
      builder.addIds(doc, CONTEXT_FIELD, termIds.buf, termIds.length, terms, distinct, false);
    }
    if (memo.size > 10_000) memo.clear();
  });
  const postings = builder.finish();

  // The most common written form of each term ("scale" -> "scaling"); the first seen wins ties.
  const best = new Int32Array(terms.length).fill(-1);
  const order = vocabulary.formOrder;
  for (let k = 0; k < order.length; k++) {
    const form = order.buf[k]!;
    const t = vocabulary.termOfWord(form);
    if (t < 0) continue;
    if (best[t]! < 0 || vocabulary.count(form) > vocabulary.count(best[t]!)) best[t] = form;
  }
  const forms: string[] = [];
  for (let k = 0; k < order.length; k++) forms.push(wordList[order.buf[k]!]!);
  forms.sort();
  const formIds = new SortedTerms(forms);
  const surface = new Int32Array(postings.terms.length).fill(-1);
  builder.outsideIds().forEach((t, id) => {
    const form = t < 0 ? -1 : best[t]!;
    surface[id] = form < 0 ? -1 : formIds.get(wordList[form]!)!;
  });
  return { postings, forms, surface };
}

export class SearchIndex {
  private readonly postings: Postings;
  /** Every index term, so fuzzy and prefix matching run only for words the corpus lacks. */
  private readonly vocabulary: SortedTerms;
  /** Written forms, for recognising split spellings and known words. */
  private readonly forms: SortedTerms;
  private readonly passages: Passage[];
  private readonly byId: Map<string, Passage>;
  private readonly titles: Map<string, string>;
  /** Passage position -> position of its near-duplicate group's first passage. */
  private readonly groupOf: Uint32Array;
  private readonly seenGroup: Uint32Array;
  private epoch = 0;
  private readonly heldCache = new Map<string, Set<string>>();
  private readonly speakers: Speakers;
  /** Passage position -> whether the next passage answers it (0 not yet known, 1 yes, 2 no). */
  private readonly answered: Uint8Array;
  /** Per document a reading limit applies to: each term's earliest position there (horizon.ts), read as asked. */
  private readonly firstSeen = new Map<string, DocumentWords>();

  constructor(
    corpus: Corpus,
    readonly data: SearchData = buildSearchData(corpus),
  ) {
    this.passages = corpus.passages;
    this.byId = corpus.byId;
    this.titles = new Map(corpus.documents.map((d) => [d.id, d.title]));
    this.speakers = new Speakers(corpus);
    this.answered = new Uint8Array(corpus.passages.length);
    this.vocabulary = new SortedTerms(data.postings.terms);
    this.forms = new SortedTerms(data.forms);
    const docBoost = new Float64Array(this.passages.length);
    const firstOfGroup = new Map<string, number>();
    this.groupOf = new Uint32Array(this.passages.length);
    this.passages.forEach((p, i) => {
      // An interviewer's question carries the topic's words, but the answer is what people want.
      docBoost[i] = p.asks || (p.speaker && QUESTION_SPEAKERS.test(p.speaker)) ? 0.7 : 1;
      let g = firstOfGroup.get(p.groupId);
      if (g === undefined) firstOfGroup.set(p.groupId, (g = i));
      this.groupOf[i] = g;
    });
    this.seenGroup = new Uint32Array(this.passages.length);
    this.postings = new Postings(data.postings, FIELD_BOOSTS, docBoost);
  }

  private words(text: string): string[] {
    return wordsOf(text, (w) => this.forms.has(w));
  }

  /**
   * What a reader with this limit may see, or undefined for everything. Which words the part ahead
   * alone uses is read once per term and kept (horizon.ts), so a request pays only for the filter.
   */
  horizon(limit: ReadingLimit | undefined): Horizon | undefined {
    if (!limit) return undefined;
    let seen = this.firstSeen.get(limit.docId);
    if (!seen) this.firstSeen.set(limit.docId, (seen = new DocumentWords(this.data.postings, this.passages, limit.docId, SEEN_FIELDS)));
    return makeHorizon(limit, this.passages, seen);
  }

  /** Whether the index has the term and, under a horizon, a reader can see it used. */
  private sees(term: string, h: Horizon | undefined): boolean {
    const id = this.vocabulary.get(term);
    return id !== undefined && (!h || h.term(id));
  }

  /** How postings are read under a horizon: the passage at its edge is not found by the next one's words. */
  private blind(h: Horizon | undefined): { doc: number; field: number } | undefined {
    return h?.edge === undefined ? undefined : { doc: h.edge, field: CONTEXT_FIELD };
  }

  /** The passages a search may return: one document's, and only those within the horizon. */
  private passageFilter(docId: string | undefined, h: Horizon | undefined): ((doc: number) => boolean) | undefined {
    if (docId && h) return (doc) => this.passages[doc]!.docId === docId && h.passage(doc);
    if (docId) return (doc) => this.passages[doc]!.docId === docId;
    return h ? (doc) => h.passage(doc) : undefined;
  }

  /** Index terms of a text as the index reads a field: joined spellings included, stop words out. */
  private termsOfText(text: string): string[] {
    const out: string[] = [];
    for (const w of this.words(text)) {
      const t = termOf(w);
      if (t) out.push(t);
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
    for (const [term, [id]] of this.vocabulary.fuzzyGet(piece, 1)) {
      const count = this.data.postings.termCounts[id]!;
      if (count > bestCount) [best, bestCount] = [term, count];
    }
    return best;
  }

  /** A query word with the index terms that stand for it, weighted as minisearch weighs them. */
  private queryWord(term: string, boost: number, prefix: boolean, fuzzy: number | false): QueryWord {
    const expansions: QueryWord['expansions'] = [];
    const id = this.vocabulary.get(term);
    if (id !== undefined) expansions.push({ termId: id, weight: 1 });
    const fuzzyMatches = fuzzy ? this.vocabulary.fuzzyGet(term, fuzzy) : undefined;
    if (prefix) {
      for (const [t, tid] of this.vocabulary.atPrefix(term)) {
        const distance = t.length - term.length;
        if (!distance) continue;
        // A prefix match is scored as one even when it is also a fuzzy match.
        fuzzyMatches?.delete(t);
        expansions.push({ termId: tid, weight: (PREFIX_WEIGHT * t.length) / (t.length + 0.3 * distance) });
      }
    }
    if (fuzzyMatches) {
      for (const [t, [tid, distance]] of fuzzyMatches) {
        if (!distance) continue;
        expansions.push({ termId: tid, weight: (FUZZY_WEIGHT * t.length) / (t.length + distance) });
      }
    }
    return { key: term, boost, expansions };
  }

  /** Ranked hits, one per near-duplicate group, paged by offset/limit. */
  search(query: string, opts: SearchOptions = {}): SearchResult {
    const queryTerms = this.queryTerms(query);
    if (!queryTerms.length) return { hits: [], total: 0, match: 'none' };
    const known = (t: string) => this.vocabulary.has(t);
    // Each synonym stands in for the query word it came from.
    const expandedFrom = new Map<string, string>();
    for (const q of queryTerms) {
      for (const syn of synonymsOf(q)) if (!queryTerms.includes(syn) && known(syn) && !expandedFrom.has(syn)) expandedFrom.set(syn, q);
    }
    // The terms are read back as words, as the ranking was tuned with (a term's stem can differ).
    const specTerms = this.termsOfText([...queryTerms, ...expandedFrom.keys()].join(' '));
    // A person asked about is found by who speaks, not by their name's word (speakers.ts); the name,
    // the words asking for a view ("think") and those asking for a fact ("how long") neither weigh
    // much nor count towards matching all of the question, unless they are all there is.
    let people = this.speakers.askedAbout(query);
    const names = new Set(people.map((p) => p.term));
    const asked = askedFact(query);
    const asking = new Set([...(people.length ? [...names, ...viewTerms(query)] : []), ...(asked ? termsOf(asked.asking) : [])]);
    const onlyAsking = !queryTerms.some((q) => !asking.has(q));
    if (onlyAsking) people = [];
    const nameTerms = onlyAsking ? new Set<string>() : asking;
    const askingWeight = (term: string) => (names.has(term) ? ASKED_NAME_WEIGHT : VIEW_WORD_WEIGHT);
    const words = specTerms.map((term, i, all) =>
      this.queryWord(
        term,
        expandedFrom.has(term) ? SYNONYM_WEIGHT : nameTerms.has(term) ? askingWeight(term) : 1,
        // Fuzzy and prefix matching only where exact matching cannot work, so a correctly spelt
        // word is never diluted by its neighbours ("data" also matching "date").
        term.length >= 3 && (opts.prefix ? i === all.length - 1 : !known(term)),
        known(term) ? false : fuzzyFor(term),
      ),
    );
    const docId = opts.docId;
    const horizon = this.horizon(opts.reach);
    const allowed = this.passageFilter(docId, horizon);
    const matches = this.postings.match(words, { filter: allowed, blind: this.blind(horizon) });

    // Coordination: a passage that matches more of the query's words beats one that repeats one.
    // Bits stand for query words in order of first appearance; a synonym counts as its source.
    const keys = [...new Set(specTerms)].slice(0, MAX_QUERY_WORDS);
    const distinctQueryTerms = Math.max(1, queryTerms.filter((q) => !nameTerms.has(q)).length);
    const coordination = new Map<number, number>();
    const coordinationOf = (mask: number): number => {
      let c = coordination.get(mask);
      if (c === undefined) {
        const sources = new Set<string>();
        keys.forEach((k, i) => {
          if (mask & (1 << i) && !nameTerms.has(k)) sources.add(expandedFrom.get(k) ?? k);
        });
        coordination.set(mask, (c = sources.size / distinctQueryTerms));
      }
      return c;
    };
    const first = new Float64Array(matches.docs.length);
    for (let i = 0; i < first.length; i++) first[i] = matches.scores[i]! * coordinationOf(matches.masks[i]!);

    // Two stages: a cheap score for every match, then the costlier re-ranking (phrases, answers
    // after questions) only for the best few, so a very common word stays fast on a big shelf.
    const offset = opts.offset ?? 0;
    const limit = opts.limit ?? 10;
    const depth = Math.max(RERANK_DEPTH, (offset + limit) * 10);
    const top = topK(first, depth);
    const phrase = termsOf(query).filter((t) => !nameTerms.has(t));
    const fact = factPreference(asked, keys);
    const speaker = people.length ? this.speakers.preference(people) : () => 1;
    const byDoc = new Map<number, { doc: number; score: number }>();
    for (const i of top) {
      const doc = matches.docs[i]!;
      const p = this.passages[doc]!;
      byDoc.set(doc, { doc, score: first[i]! * phraseBonus(phrase, p) * fact(p, matches.masks[i]!) * speaker(p) });
    }
    // People ask what the interviewer asked; the answer is the passage after the question. A
    // question that is the asking side of a turn is served as its answer, led in by it (answers.ts);
    // any other passage ending in a question passes the answer a share and stays.
    const leadIns = new Map<number, number>();
    const served = new Set<number>();
    for (const r of [...byDoc.values()]) {
      if (served.has(r.doc)) continue;
      const p = this.passages[r.doc]!;
      if (!p.nextId || this.passages[r.doc + 1]?.id !== p.nextId) continue;
      const nextDoc = r.doc + 1;
      // The answer to a question at the reader's limit is ahead of them.
      if (horizon && !horizon.passage(nextDoc)) continue;
      const pair = this.answersNext(r.doc);
      if (!pair && !ENDS_IN_QUESTION.test(p.text)) continue;
      if (served.has(nextDoc)) continue;
      const next = byDoc.get(nextDoc) ?? { doc: nextDoc, score: 0 };
      next.score += ANSWER_SHARE * r.score;
      byDoc.set(nextDoc, next);
      if (pair) {
        byDoc.delete(r.doc);
        served.add(r.doc);
        leadIns.set(nextDoc, r.doc);
      }
    }
    let scored = [...byDoc.values()].sort((a, b) => b.score - a.score || (this.passages[a.doc]!.id < this.passages[b.doc]!.id ? -1 : 1));
    if (opts.similarity) scored = fuse(scored, opts.similarity, allowed);

    // One per near-duplicate group; groups are marked with this query's number, not a new set.
    const epoch = ++this.epoch;
    const seen = this.seenGroup;
    const unique: { doc: number; score: number }[] = [];
    for (const r of scored) {
      const g = this.groupOf[r.doc]!;
      if (seen[g] === epoch) continue;
      seen[g] = epoch;
      unique.push(r);
    }
    // Matches below the re-ranked few still count towards the total (one per group).
    let total = unique.length;
    if (top.length < matches.docs.length) {
      for (let i = 0; i < matches.docs.length; i++) {
        const doc = matches.docs[i]!;
        if (byDoc.has(doc) || served.has(doc)) continue;
        const g = this.groupOf[doc]!;
        if (seen[g] !== epoch) {
          seen[g] = epoch;
          total++;
        }
      }
    }
    const matched = new Set<string>();
    for (const w of words) for (const e of w.expansions) matched.add(this.data.postings.terms[e.termId]!);
    const hits = unique.slice(offset, offset + limit).map((r) => {
      const passage = this.passages[r.doc]!;
      const q = leadIns.get(r.doc);
      return { passage, score: r.score, highlights: highlightRanges(passage.text, matched), ...(q !== undefined ? { leadIn: this.passages[q]! } : {}) };
    });
    // Judged on the first page's best few, so every page of one question carries one verdict.
    const verdict = opts.prefix || opts.judge === false ? { match: 'strong' as const } : this.judge(query, unique.slice(0, MATCH_DEPTH).map((r) => this.passages[r.doc]!), docId, horizon);
    return { hits, total, ...verdict };
  }

  /** Strong, weak or no match (match.ts), from the question's words and the passages shown first. */
  private judge(query: string, shown: Passage[], docId?: string, h?: Horizon): MatchVerdict {
    const absent = namesIn(query).filter((name) => !this.mentions(name, docId, h));
    // A name the reader has not reached yet is not missing from the shelf: it is further on.
    if (h && absent[0] && this.mentions(absent[0], docId)) return { match: 'none', ahead: absent[0].text };
    const words = this.questionWords(query, h);
    // At the limit, a passage's next sentence is not something the reader has seen with it.
    const held = shown.map((p) => (h && h.limit.docId === p.docId && p.position === h.limit.upTo ? this.readHeldTerms(p, false) : this.heldTerms(p)));
    const verdict = judgeMatch(words, held, absent);
    const ahead = verdict.match !== 'strong' ? words.find((w) => w.ahead) : undefined;
    if (!ahead) return verdict;
    const { lacking: _, ...rest } = verdict;
    return { ...rest, ahead: ahead.written };
  }

  /** The question's content words, each weighted by rarity with the index terms that stand for it. */
  private questionWords(query: string, h?: Horizon): QuestionWord[] {
    const text = this.data.postings.fields[0]!;
    const n = this.data.postings.docCount;
    const rarity = (df: number) => Math.log(1 + n / (1 + df));
    const out = new Map<string, QuestionWord>();
    for (const word of this.words(query)) {
      const term = termOf(word);
      if (!term || out.has(term)) continue;
      const standIns = new Set<string>([term]);
      const near = new Set<string>();
      let df = 0;
      let unknown = false;
      const id = this.vocabulary.get(term);
      const seen = (t: string) => this.sees(t, h);
      // A word only the part ahead of the reader uses is, for them, not on the shelf yet.
      const ahead = id !== undefined && !seen(term);
      if (id !== undefined && !ahead) df = text.offsets[id + 1]! - text.offsets[id]!;
      else {
        const fuzzy = fuzzyFor(term);
        if (fuzzy) for (const t of this.vocabulary.fuzzyGet(term, fuzzy).keys()) if (seen(t)) near.add(t);
        const repaired = term.length >= 6 && !/\p{N}/u.test(term) ? this.repairs(term) : [];
        // A word read as two known ones ("monor repo") is on the shelf only if they stand together
        // somewhere: "deepseek" is not "deep" and "seek".
        const together = repaired.length < 2 || this.mentions({ text: repaired.join(' '), terms: repaired }, undefined, h);
        if (together) for (const t of repaired) if (seen(t)) standIns.add(t);
        unknown = !near.size && ![...standIns].some(seen) && !isEveryday(word);
      }
      for (const syn of synonymsOf(term)) if (seen(syn)) standIns.add(syn);
      // Judged by the word itself: a synonym or a near spelling is found, but does not make it common.
      out.set(term, { term, weight: rarity(df), standIns, near, unknown, written: word.replace(/['’]s$/u, ''), ...(ahead ? { ahead } : {}) });
    }
    return [...out.values()];
  }

  /** Index terms a reader sees with a passage: its text, who says it, where, and the question it answers. */
  private heldTerms(p: Passage): Set<string> {
    let held = this.heldCache.get(p.id);
    if (!held) {
      // A crude bound, as for phrase pairs: recent questions' passages are the working set.
      if (this.heldCache.size >= HELD_CACHE_MAX) this.heldCache.clear();
      this.heldCache.set(p.id, (held = this.readHeldTerms(p)));
    }
    return held;
  }

  private readHeldTerms(p: Passage, withNext = true): Set<string> {
    const prev = p.prevId ? this.byId.get(p.prevId) : undefined;
    const answered = prev && ENDS_IN_QUESTION.test(prev.text) ? prev.text : '';
    const doc = this.titles.get(p.docId) ?? '';
    const next = withNext ? (this.byId.get(p.nextId ?? '')?.sentences[0] ?? '') : '';
    return new Set(this.termsOfText([p.text, p.speaker ?? '', p.section ?? '', doc, answered, prev?.sentences.at(-1) ?? '', next].join(' \n ')));
  }

  /**
   * Whether any passage mentions a name: its words side by side as written, allowing a space,
   * hyphen or dot between them ("Satya Nadella", "GPT 5", "H-100"), title and speaker included.
   * A long name one letter off counts, as a mis-heard transcript spells it.
   */
  private mentions(name: QuestionName, docId?: string, h?: Horizon): boolean {
    const pieces = tokenize(name.text).map((t) => t.word);
    const searchable = name.terms.filter((t) => this.sees(t, h));
    const filter = this.passageFilter(docId, h);
    if (pieces.length === 1 && name.terms.length === 1) {
      const t = name.terms[0]!;
      if (this.vocabulary.has(t)) {
        if (!this.sees(t, h)) return false;
        return docId === undefined || this.postings.match([this.queryWord(t, 1, false, false)], { filter, blind: this.blind(h) }).docs.length > 0;
      }
      return t.length >= 7 && !/\p{N}/u.test(t) && [...this.vocabulary.fuzzyGet(t, 1).values()].some(([id]) => !h || h.term(id));
    }
    if (searchable.length < name.terms.length) return false;
    // Words too short or too common to index ("H" of "H100") are checked in the text itself.
    if (!searchable.length) return true;
    const { docs } = this.postings.match(searchable.map((t) => this.queryWord(t, 1, false, false)), { and: true, filter, blind: this.blind(h) });
    // A name whose words fill hundreds of passages is surely mentioned; the check stays cheap.
    if (docs.length > MENTION_SCAN) return true;
    const escaped = pieces.map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
    const written = new RegExp(`(?<![\\p{L}\\p{N}])${escaped.join('[\\s.-]*')}(?![\\p{L}\\p{N}])`, 'iu');
    for (const doc of docs) {
      const p = this.passages[doc]!;
      if (written.test(p.text) || written.test(p.speaker ?? '') || written.test(this.titles.get(p.docId) ?? '')) return true;
    }
    return false;
  }

  /** Whether the passage after `doc` answers it, worked out once per passage as queries reach it. */
  private answersNext(doc: number): boolean {
    if (!this.answered[doc]) this.answered[doc] = answers(this.passages[doc]!, this.passages[doc + 1]) ? 1 : 2;
    return this.answered[doc] === 1;
  }

  /** Known words that start like a partly typed word (or, failing that, are close to it), most used first. */
  completeWord(partial: string, limit = 10, h?: Horizon): string[] {
    const word = partial.toLowerCase();
    const stem = termOf(word) ?? word;
    if (stem.length < 2) return [];
    const counts = this.data.postings.termCounts;
    // The most used first, and only as many as will be shown get their display spelling.
    const byUse = (entries: Iterable<[string, number]>) =>
      [...entries]
        .filter(([, id]) => !h || h.term(id))
        .sort((a, b) => counts[b[1]]! - counts[a[1]]! || (a[0] < b[0] ? -1 : 1))
        .slice(0, limit * 2)
        .map(([t, id]) => this.surfaceOf(t, id));
    let found = byUse(this.vocabulary.atPrefix(stem));
    if (!found.length && fuzzyFor(stem)) {
      found = byUse([...this.vocabulary.fuzzyGet(stem, fuzzyFor(stem) as number)].map(([t, [id]]) => [t, id] as [string, number]));
    }
    return [...new Set(found)].filter((w) => w.length > 1).slice(0, limit);
  }

  /**
   * Words of the texts spelt like `word`, further off than search reaches: completions of it and
   * words a few letters different (the first letter kept, as misspellings mostly keep it), one per
   * index term, closest then most used first.
   */
  similarWords(word: string, limit = 5, h?: Horizon): string[] {
    const w = word.toLowerCase();
    if (w.length < 3 || !termOf(w) || /\p{N}/u.test(w)) return [];
    const counts = this.data.postings.termCounts;
    const best = new Map<number, { form: string; distance: number }>();
    const consider = (form: string, distance: number) => {
      const term = termOf(form);
      const id = term === null || form === w ? undefined : this.vocabulary.get(term);
      if (id === undefined || (distance > 1 && form[0] !== w[0]) || (h && !h.term(id))) return;
      const cur = best.get(id);
      if (!cur || distance < cur.distance) best.set(id, { form, distance });
    };
    for (const [form, [, distance]] of this.forms.fuzzyGet(w, w.length >= 8 ? 3 : w.length >= 5 ? 2 : 1)) consider(form, distance);
    if (w.length >= 4) for (const [form] of this.forms.atPrefix(w)) consider(form, 1);
    return [...best]
      .sort((a, b) => a[1].distance - b[1].distance || counts[b[0]]! - counts[a[0]]! || (a[1].form < b[1].form ? -1 : 1))
      .slice(0, limit)
      .map(([, { form }]) => form);
  }

  /**
   * Completions of the last word of `text` that go with the words before it: words that occur in
   * passages matching the whole text come first, then any known word that fits.
   */
  completeLast(text: string, limit = 10, h?: Horizon): string[] {
    const tokens = tokenize(text);
    const last = tokens[tokens.length - 1];
    if (!last) return [];
    const before = new Set(termsOf(text.slice(0, last.start)));
    const together: string[] = [];
    // Co-occurrence ranking expands the prefix into every word it starts; for one or two letters
    // that is thousands of words, so short prefixes rank by use alone.
    if (before.size && last.word.length >= 3) {
      const specTerms = this.termsOfText(text);
      const lastTerm = specTerms.at(-1);
      const beforeWords = specTerms.slice(0, -1).map((t) => this.queryWord(t, 1, false, false));
      if (lastTerm && beforeWords.length) {
        // Passages with every word before the last, then which completion each also holds.
        const withBefore = this.postings.match(beforeWords, { and: true, filter: this.passageFilter(undefined, h), blind: this.blind(h) });
        const inMatch = new Map<number, number>();
        for (let i = 0; i < withBefore.docs.length; i++) inMatch.set(withBefore.docs[i]!, withBefore.scores[i]!);
        const counts = this.data.postings.termCounts;
        const candidates = [...this.vocabulary.atPrefix(lastTerm)]
          .filter(([t, id]) => !before.has(t) && (!h || h.term(id)))
          .sort((a, b) => counts[b[1]]! - counts[a[1]]!)
          .slice(0, COMPLETION_CANDIDATES);
        const ranked: { term: string; id: number; score: number }[] = [];
        if (inMatch.size) {
          for (const [t, id] of candidates) {
            const m = this.postings.match([this.queryWord(t, 1, false, false)], { filter: (doc) => inMatch.has(doc) });
            if (!m.docs.length) continue;
            let sum = 0;
            for (let i = 0; i < m.docs.length; i++) sum += inMatch.get(m.docs[i]!)! + m.scores[i]!;
            ranked.push({ term: t, id, score: sum / m.docs.length });
          }
        }
        ranked.sort((a, b) => b.score - a.score);
        for (const r of ranked) together.push(this.surfaceOf(r.term, r.id));
      }
    }
    return [...new Set([...together, ...this.completeWord(last.word, limit, h)])]
      .filter((w) => w.toLowerCase().startsWith(last.word.slice(0, 2)) || !together.length)
      .slice(0, limit);
  }

  /** Whether a word is in the corpus's vocabulary (and, under a horizon, used where the reader has been). */
  knows(word: string, h?: Horizon): boolean {
    const term = termOf(word);
    return term !== null && this.forms.has(word.toLowerCase()) && (!h || this.sees(term, h));
  }

  /** The most common way a term is written in the texts ("scale" -> "scaling"). */
  private surfaceOf(term: string, id = this.vocabulary.get(term)): string {
    const at = id === undefined ? -1 : this.data.surface[id]!;
    return at >= 0 ? this.data.forms[at]! : term;
  }
}

/**
 * For a fact question, a multiplier favouring passages that hold a value of the asked kind. Only
 * a passage that shares a word of the question beyond its asking words ("how long") may gain.
 */
function factPreference(asked: AskedFact | undefined, keys: string[]): (p: Passage, mask: number) => number {
  if (!asked) return () => 1;
  const markers = new Set(termsOf(asked.marker));
  let markerMask = 0;
  keys.forEach((k, i) => {
    if (markers.has(k)) markerMask |= 1 << i;
  });
  return (p, mask) => ((mask & ~markerMask) !== 0 && holdsAnswerCached(asked.kind, p.id, p.text) ? FACT_BONUS : 1);
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

/** A word with a capital after its first letter, which may be camel case (cheaper than the parts). */
const joinedByCase = (text: string, t: { word: string; start: number; end: number }) => text.slice(t.start + 1, t.end) !== t.word.slice(1);

/** Character ranges of the words in `text` whose index term is one of `matched`. */
export function highlightRanges(text: string, matched: Set<string>): Range[] {
  const ranges: Range[] = [];
  for (const t of tokenize(text)) {
    const term = termOf(t.word);
    if (!term || !(matched.has(term) || (joinedByCase(text, t) && camelParts(text.slice(t.start, t.end)).some((w) => matched.has(termOf(w) ?? ''))))) continue;
    const last = ranges[ranges.length - 1];
    // Merge words separated only by a space or hyphen so "machine learning" is one highlight.
    if (last && /^[\s-]*$/.test(text.slice(last[1], t.start))) last[1] = t.end;
    else ranges.push([t.start, t.end]);
  }
  return ranges;
}
