// What commands ask of the corpus: search, quotations, the daily pick, context, sources. Pure
// functions of (corpus, index, inputs); randomness and dates come in as arguments.
import { keyPhrases, phraseKey, phraseKeys, type PhraseStats } from './discussion.js';
import { discussionPrompt, discussionQuestions, type Comparison, type DiscussionPrompt } from '../discuss/questions.js';
import { classifyPassage, type Worth } from '../discuss/worth.js';
import { UserError } from '../errors.js';
import type { ReplyPassage, SkippedFile, SourceSummary } from '../../bot/reply.js';
import { SearchIndex, type Range, type SearchHit, type SearchOptions, type SearchResult } from '../search/search-index.js';
import type { MatchVerdict } from '../search/match.js';
import { leadInText } from '../search/answers.js';
import type { SemanticSearch } from '../search/vectors/semantic.js';
import { noResultHelp, type NoResultHelp } from './suggest.js';
import { fnv1a, levenshtein, seededRandom, terms as termsOf, tokenize } from '../search/text.js';
import { corpusTopics } from './topics.js';
import { within, type ReadingLimit } from '../search/horizon.js';
import type { Corpus, DocumentMeta, IngestWarning, Passage } from '../corpus.js';

export const QUOTE_MIN = 40;
export const QUOTE_MAX = 600;
/** Passages at or above this are good enough for random quotes and the daily rotation. */
export const QUOTABLE = 0.5;
/** How far down a topic's results /discuss looks for a passage worth discussing. */
export const DISCUSS_TOP = 5;
/** Platform limits on autocomplete (Discord: 25 choices of at most 100 characters). */
export const AUTOCOMPLETE_MAX = 25;
/** Topic lists kept per library: one per document and reading limit asked about. */
const TOPICS_KEPT = 200;
const MAX_CHOICE = 100;

/** Most skipped files a sources reply carries; the rest are counted ("and N more"). */
export const SKIPPED_SHOWN = 10;

/**
 * The files a load left out, each once, with the reason as a person reads it (ingest's "; skipped"
 * tail dropped, as the list already says the file is not served).
 */
export function skippedFiles(warnings: readonly IngestWarning[]): SkippedFile[] {
  const seen = new Set<string>();
  const out: SkippedFile[] = [];
  for (const w of warnings) {
    if (!w.skipped || seen.has(w.file)) continue;
    seen.add(w.file);
    out.push({ file: w.file, reason: w.message.replace(/[;,.\s]*\bskipped[.\s]*$/i, '').trim() || 'could not be read' });
  }
  return out;
}

export class Library {
  readonly index: SearchIndex;
  /** One passage per near-duplicate group that reads well alone, sorted by id for stable order. */
  readonly eligible: Passage[];
  /** Files of the load that are not served, with why: /sources and the CLI name them, so none vanishes without a word. */
  readonly skipped: SkippedFile[];
  constructor(
    readonly corpus: Corpus,
    index?: SearchIndex,
    private readonly warnings: readonly IngestWarning[] = [],
    /** Search by meaning beside words, once the passages' vectors are ready (see fusion.ts). */
    readonly semantic?: SemanticSearch,
  ) {
    this.index = index ?? new SearchIndex(corpus);
    this.skipped = skippedFiles(warnings);
    const bestOfGroup = new Map<string, Passage>();
    for (const p of corpus.passages) {
      if (p.quotability < QUOTABLE || p.text.length < QUOTE_MIN || p.text.length > QUOTE_MAX) continue;
      const cur = bestOfGroup.get(p.groupId);
      if (!cur || p.quotability > cur.quotability) bestOfGroup.set(p.groupId, p);
    }
    this.eligible = [...bestOfGroup.values()].sort((a, b) => (a.id < b.id ? -1 : 1));
  }

  doc(id: string): DocumentMeta {
    const d = this.corpus.docById.get(id);
    if (!d) throw new Error(`passage refers to unknown document ${id}`);
    return d;
  }

  /**
   * The document a user means by `name`: its id, title, publisher or a word of them. Unknown names
   * raise a UserError that suggests the closest document.
   */
  resolveSource(name: string): DocumentMeta {
    const q = name.trim().toLowerCase();
    const docs = this.corpus.documents;
    const exact = docs.find((d) => d.id.toLowerCase() === q || d.title.toLowerCase() === q);
    if (exact) return exact;
    const containing = docs.filter((d) => haystack(d).includes(q));
    if (containing.length === 1) return containing[0]!;
    if (containing.length > 1) {
      throw new UserError(
        `"${name}" matches ${containing.length} sources: ${containing.map((d) => d.id).join(', ')}. Use one of those ids.`,
        'ambiguous_source',
      );
    }
    const best = [...docs].sort((a, b) => sourceDistance(q, a) - sourceDistance(q, b))[0];
    throw new UserError(
      `I don't know a source called "${name}".` + (best ? ` Did you mean "${best.id}" (${best.title})?` : '') + ' Try /sources for the list.',
      'unknown_source',
    );
  }

  /** The same library, searching by meaning as well: swapped in when the vectors are ready. */
  withSemantic(semantic: SemanticSearch | undefined): Library {
    return new Library(this.corpus, this.index, this.warnings, semantic);
  }

  /** Ranked passages; fused with meaning when the query's vector is already at hand (see searchAsync). */
  search(query: string, opts: Pick<SearchOptions, 'docId' | 'offset' | 'limit' | 'reach'> = {}): SearchResult {
    const similarity = this.semantic?.similarity(query);
    return this.index.search(query, similarity ? { ...opts, similarity } : opts);
  }

  /**
   * search() after readying the query's vector, when the model is loaded; never waits for the
   * model or the passages' vectors, so until they are ready this is the lexical search.
   */
  async searchAsync(query: string, opts: Pick<SearchOptions, 'docId' | 'offset' | 'limit' | 'reach'> = {}): Promise<SearchResult> {
    await this.prepare(query);
    return this.search(query, opts);
  }

  /** Readies the query's vector, when the model is loaded, so the searches after it use meaning too. */
  async prepare(query: string): Promise<void> {
    await this.semantic?.prepare(query);
  }

  /** Quotations for a query, best first: hits that read well alone, then the rest that fit (within `reach`, if given). */
  quoteCandidates(query: string, docId?: string, reach?: ReadingLimit): MatchVerdict & { candidates: SearchHit[] } {
    const { hits, total: _, ...verdict } = this.search(query, { docId, limit: 10, reach });
    const fits = hits.filter((h) => h.passage.text.length >= QUOTE_MIN && h.passage.text.length <= QUOTE_MAX);
    const good = fits.filter((h) => h.passage.quotability >= QUOTABLE);
    return { ...verdict, candidates: [...good, ...fits.filter((h) => h.passage.quotability < QUOTABLE)] };
  }

  private docFreq?: Map<string, number>;

  /**
   * How rare a term is in the corpus (inverse document frequency over passages). The counts are
   * made on first use: only discussion prompts need them, and start-up should not pay for them.
   */
  idf = (term: string): number => {
    if (!this.docFreq) {
      const df = new Map<string, number>();
      for (const p of this.corpus.passages) for (const t of new Set(termsOf(p.text))) df.set(t, (df.get(t) ?? 0) + 1);
      this.docFreq = df;
    }
    return Math.log(1 + this.corpus.passages.length / (1 + (this.docFreq.get(term) ?? 0)));
  };

  private phraseCounts?: Map<string, number>;

  /** Corpus statistics for discussion prompts; phrase counts are built on first use. */
  get phraseStats(): PhraseStats {
    if (!this.phraseCounts) {
      const counts = new Map<string, number>();
      for (const p of this.corpus.passages) {
        for (const key of new Set(phraseKeys(p.text))) counts.set(key, (counts.get(key) ?? 0) + 1);
      }
      this.phraseCounts = counts;
    }
    const counts = this.phraseCounts;
    // Words in more than one passage in forty are everyday vocabulary for this corpus.
    const n = this.corpus.passages.length;
    const commonIdf = Math.log(1 + n / (1 + Math.max(1, n / 40)));
    return { idf: this.idf, passagesWith: (key) => counts.get(key) ?? 0, commonIdf };
  }

  private readonly worthOf = new Map<string, Worth>();

  /** Whether a passage gives a group something to argue about (discuss/worth.ts), worked out once per passage. */
  worth(p: Passage): Worth {
    let w = this.worthOf.get(p.id);
    if (!w) this.worthOf.set(p.id, (w = classifyPassage(p.text)));
    return w;
  }

  /**
   * A passage worth discussing: on a topic, the best-ranked worthy one among the first few hits
   * (or, when none is, the best hit marked `worthy: false`, so the command can say so); without
   * one, a random worthy passage, weighted towards the quotable and those with more to argue about;
   * always within `reach`, if given.
   */
  discussionPassage(topic: string | undefined, random: () => number, docId?: string, reach?: ReadingLimit): (SearchHit & Partial<MatchVerdict> & { worthy?: boolean }) | undefined {
    const substantial = (p: Passage) => p.text.length >= 150 && p.quotability >= QUOTABLE && within(reach, p);
    if (topic) {
      const { hits, total: _, ...verdict } = this.search(topic, { docId, limit: 10, reach });
      const top = hits.slice(0, DISCUSS_TOP);
      const hit = top.find((h) => substantial(h.passage) && this.worth(h.passage).worthy) ?? top.find((h) => this.worth(h.passage).worthy);
      if (hit) return { ...hit, ...verdict, worthy: true };
      return hits[0] && { ...hits[0], ...verdict, worthy: false };
    }
    const pool = this.eligible.filter((p) => substantial(p) && (!docId || p.docId === docId) && this.worth(p).worthy);
    const p = this.weightedPick(pool, random, (p) => p.quotability ** 2 * Math.min(3, this.worth(p).score));
    return p && { passage: p, score: 0, highlights: [], worthy: true };
  }

  discussionQuestions(p: Passage): Promise<string[]> {
    return discussionQuestions(p, this.doc(p.docId), this.phraseStats);
  }

  /**
   * A passage elsewhere on the shelf that takes a different line on what `p` is about: searched
   * by `p`'s key phrases, only on a strong match, never `p`, its neighbours or its near-duplicates,
   * and preferring another speaker or document and a passage that argues (a contrast or a
   * disagreement). `allowed` narrows the candidates (a reading plan's spoiler limit).
   */
  async discussionComparison(p: Passage, allowed: (c: Passage) => boolean = () => true): Promise<Comparison | undefined> {
    const phrases = await keyPhrases(p.text, this.phraseStats, 3);
    if (!phrases.length) return undefined;
    const query = phrases.join(' ');
    const result = await this.searchAsync(query, { limit: 10 });
    if (result.match !== 'strong') return undefined;
    // The other passage must name one of the same ideas, not merely share a word with the query.
    const ideas = phrases.map(phraseKey).filter((k): k is string => k !== null);
    const sharesIdea = (c: Passage) => {
      const keys = new Set(phraseKeys(c.text));
      return ideas.some((k) => keys.has(k));
    };
    const best = result.hits
      .map((h, rank) => ({ h, rank }))
      .filter(({ h: { passage: c } }) => c.id !== p.id && c.id !== p.prevId && c.id !== p.nextId && c.groupId !== p.groupId && !c.asks && !this.sameVoice(p, c))
      .filter(({ h: { passage: c } }) => c.text.length >= QUOTE_MIN && c.quotability >= QUOTABLE && this.worth(c).worthy && allowed(c) && sharesIdea(c))
      .map(({ h, rank }) => {
        const c = h.passage;
        const argues = this.worth(c).kinds.some((k) => k === 'disagreement' || k === 'trade-off');
        const elsewhere = (c.docId !== p.docId ? 1 : 0) + (c.speaker !== p.speaker ? 1 : 0);
        return { c, v: elsewhere + (argues ? 1 : 0) - rank * 0.3 };
      })
      .sort((a, b) => b.v - a.v)[0];
    return best && { passage: best.c, doc: this.doc(best.c.docId), ideas };
  }

  /**
   * Whether two passages may be the same person speaking: the same speaker, or an unlabelled
   * passage in a document that person speaks in (another translation of the same talk is no
   * second view).
   */
  private sameVoice(a: Passage, b: Passage): boolean {
    if (a.speaker && b.speaker) return a.speaker === b.speaker;
    const voices = (p: Passage) => (p.speaker ? [p.speaker] : this.doc(p.docId).speakers);
    const theirs = new Set(voices(b));
    return voices(a).some((v) => theirs.has(v));
  }

  /** Questions for `p`, worded with the command's randomness, and beside them a compared passage when the shelf has one. */
  async discussionPrompt(p: Passage, random: () => number, opts: { compare?: boolean; allowed?: (c: Passage) => boolean } = {}): Promise<DiscussionPrompt & { comparison?: Comparison }> {
    const comparison = opts.compare === false ? undefined : await this.discussionComparison(p, opts.allowed);
    const prompt = await discussionPrompt(p, this.doc(p.docId), this.phraseStats, { random, comparison });
    // The comparison is served only when a question quotes it.
    return { ...prompt, comparison: prompt.stems.some((s) => s.startsWith('compare:')) ? comparison : undefined };
  }

  /** A random quotation, weighted towards the most quotable passages (within `reach`, if given). */
  randomQuote(random: () => number, docId?: string, reach?: ReadingLimit): Passage | undefined {
    const pool = docId || reach ? this.eligible.filter((p) => (!docId || p.docId === docId) && within(reach, p)) : this.eligible;
    return this.weightedPick(pool, random);
  }

  private weightedPick(pool: Passage[], random: () => number, weight = (p: Passage) => p.quotability ** 2): Passage | undefined {
    if (!pool.length) return undefined;
    const weights = pool.map(weight);
    let r = random() * weights.reduce((a, b) => a + b, 0);
    for (let i = 0; i < pool.length; i++) {
      r -= weights[i]!;
      if (r <= 0) return pool[i];
    }
    return pool[pool.length - 1];
  }

  /**
   * The excerpt for a channel on a date. Days walk round one per-channel shuffle of the eligible
   * passages, so any run of consecutive days shows no passage twice until every one has been
   * shown, and everyone in the channel gets the same one on the same date.
   */
  dailyPick(channelKey: string, isoDate: string, reach?: ReadingLimit): Passage {
    const n = this.eligible.length;
    if (!n) throw new UserError('There is nothing quotable in the corpus yet.', 'empty_corpus');
    const day = Math.floor(Date.parse(`${isoDate}T00:00:00Z`) / 86_400_000);
    const order = shuffledIndexes(n, parseInt(fnv1a(channelKey), 16));
    // Under a reading limit, the day's slot moves on along the same round to the next passage reached.
    for (let k = 0; k < n; k++) {
      const p = this.eligible[order[((((day + k) % n) + n) % n)]!]!;
      if (within(reach, p)) return p;
    }
    throw new UserError('There is nothing quotable in what this channel has read yet.', 'nothing_reached');
  }

  passage(id: string): Passage {
    const p = this.corpus.byId.get(id);
    if (!p) throw new UserError('That passage is no longer in the library (the corpus may have changed). Try the command again.', 'unknown_passage');
    return p;
  }

  /**
   * A passage a reader with `reach` may see: one further on than they have read is refused, so a
   * button made before the limit (or under ahead:true) cannot show it in their channel.
   */
  passageWithin(id: string, reach?: ReadingLimit): Passage {
    const p = this.passage(id);
    if (!within(reach, p)) throw new UserError('That passage is further on than this channel has read, so it is not shown or shared here.', 'ahead_of_plan');
    return p;
  }

  /** The passage with the sentences just before and after it in its document (none after `reach`). */
  context(id: string, reach?: ReadingLimit): ReplyPassage {
    const p = this.passageWithin(id, reach);
    const prev = p.prevId ? this.corpus.byId.get(p.prevId) : undefined;
    const nextPassage = p.nextId ? this.corpus.byId.get(p.nextId) : undefined;
    const next = nextPassage && within(reach, nextPassage) ? nextPassage : undefined;
    return {
      ...this.toReply(p),
      before: prev?.sentences.slice(-2).join(' '),
      after: next?.sentences.slice(0, 2).join(' '),
    };
  }

  sources(): SourceSummary[] {
    return this.corpus.documents.map((d) => ({
      id: d.id,
      title: d.title,
      kind: d.kind,
      speakers: d.speakers,
      passages: this.corpus.byDoc.get(d.id)?.length ?? 0,
      source: d.source,
      date: d.date,
      url: d.url,
    }));
  }

  private readonly topicsOf = new Map<string, Promise<string[]>>();

  /**
   * The shelf's (or one document's) recurring subjects, worked out on first use; under a reading
   * limit, from the passages reached only, so no subject names what comes later.
   */
  topics = (docId?: string, reach?: ReadingLimit): Promise<string[]> => {
    const limited = reach && (!docId || docId === reach.docId) && this.corpus.docById.has(reach.docId) ? reach : undefined;
    const key = `${docId ?? ''}\u0000${limited ? `${limited.docId}\u0000${limited.upTo}` : ''}`;
    let found = this.topicsOf.get(key);
    if (!found) {
      const passages = docId ? (this.corpus.byDoc.get(docId) ?? []) : this.corpus.passages;
      found = corpusTopics(limited ? passages.filter((p) => within(limited, p)) : passages, 10);
      // Each day of a plan is a new limit; a long-running bot keeps only the recent ones.
      if (this.topicsOf.size >= TOPICS_KEPT) this.topicsOf.clear();
      this.topicsOf.set(key, found);
    }
    return found;
  };

  /** What to offer when `query` finds nothing (in `docId`, if given; within `reach`, if given). */
  noResultHelp(query: string, docId?: string, reach?: ReadingLimit): Promise<NoResultHelp> {
    return noResultHelp(this.index, this.topics, query, docId, reach);
  }

  /**
   * Suggestions while someone types a query: the text so far with its last word completed from
   * the corpus's vocabulary, or, for an empty box, the corpus's section headings as topics.
   */
  querySuggestions(input: string, limit = AUTOCOMPLETE_MAX, reach?: ReadingLimit): string[] {
    const text = input.replace(/\s+/g, ' ').trimStart().slice(0, MAX_CHOICE);
    const out: string[] = [];
    if (!text.trim()) {
      for (const p of this.corpus.passages) if (p.section && within(reach, p) && !out.includes(p.section)) out.push(p.section);
      return out.map((s) => clipChoice(s)).slice(0, limit);
    }
    // Words used only further on than the reader has read are never offered (horizon.ts).
    const h = this.index.horizon(reach);
    const typed = text.trim();
    const tokens = tokenize(text);
    const last = tokens[tokens.length - 1];
    // What was typed comes first when it is already whole words the corpus knows.
    if (last && this.index.knows(last.word, h) && this.index.search(typed, { limit: 1, judge: false, reach }).hits.length) out.push(typed);
    if (last && !/\s$/.test(text)) {
      const base = text.slice(0, last.start);
      for (const w of this.index.completeLast(text, limit, h)) {
        const choice = `${base}${w}`;
        if (choice.length <= MAX_CHOICE && !out.includes(choice)) out.push(choice);
      }
    }
    return out.slice(0, limit);
  }

  /**
   * Documents matching what someone typed for a source option: exact, then prefix, then related.
   * Under a reading limit, a speaker of the limited document who first speaks further on does not
   * match it (typing their name must not tell that they are coming).
   */
  sourceChoices(input: string, limit = AUTOCOMPLETE_MAX, reach?: ReadingLimit): { name: string; value: string }[] {
    const q = input.trim().toLowerCase();
    const seen = (d: DocumentMeta): DocumentMeta => {
      if (!reach || d.id !== reach.docId) return d;
      const speaking = new Set((this.corpus.byDoc.get(d.id) ?? []).filter((p) => within(reach, p)).map((p) => p.speaker));
      return { ...d, speakers: d.speakers.filter((s) => speaking.has(s)) };
    };
    const rank = (d: DocumentMeta): number => {
      if (!q) return 0;
      if (d.id === q || d.title.toLowerCase() === q) return 0;
      if (d.id.startsWith(q) || d.title.toLowerCase().startsWith(q)) return 1;
      if (haystack(seen(d)).includes(q)) return 2;
      return sourceDistance(q, d) <= 0.4 ? 3 : Infinity;
    };
    return this.corpus.documents
      .map((d) => ({ d, r: rank(d) }))
      .filter((x) => x.r !== Infinity)
      .sort((a, b) => a.r - b.r || a.d.title.localeCompare(b.d.title))
      .slice(0, limit)
      .map(({ d }) => ({ name: clipChoice(d.title), value: d.id }));
  }

  /** A passage as replies carry it; `leadIn` is the question it answers, when search served it so. */
  toReply(p: Passage, highlights: Range[] = [], leadIn?: Passage): ReplyPassage {
    const d = this.doc(p.docId);
    return {
      ...(leadIn ? { leadIn: { text: leadInText(leadIn), ...(leadIn.speaker ? { speaker: leadIn.speaker } : {}), ...(leadIn.asks ? { asks: true } : {}) } } : {}),
      id: p.id,
      text: p.text,
      highlights,
      doc: { id: d.id, title: d.title, kind: d.kind, url: d.url, date: d.date, ...(d.author ? { author: d.author } : {}) },
      speaker: p.speaker,
      ...(p.asks ? { asks: true } : {}),
      section: p.section,
    };
  }
}

/** A choice label within the platform limit, cut at a word boundary. */
function clipChoice(s: string): string {
  if (s.length <= MAX_CHOICE) return s;
  const cut = s.slice(0, MAX_CHOICE - 1);
  return cut.slice(0, cut.lastIndexOf(' ') > 40 ? cut.lastIndexOf(' ') : cut.length).replace(/[\s,;:]+$/, '') + '…';
}

const haystack = (d: DocumentMeta) => [d.id, d.title, d.source ?? '', ...d.speakers].join(' ').toLowerCase();

function sourceDistance(q: string, d: DocumentMeta): number {
  const words = [d.id, ...d.id.split('-'), ...termsOf(d.title), ...(d.source ? [d.source.toLowerCase()] : [])];
  return Math.min(...words.map((w) => levenshtein(q, w.toLowerCase()) / Math.max(q.length, w.length, 1)));
}

function shuffledIndexes(n: number, seed: number): number[] {
  const random = seededRandom(seed);
  const a = Array.from({ length: n }, (_, i) => i);
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [a[i], a[j]] = [a[j]!, a[i]!];
  }
  return a;
}
