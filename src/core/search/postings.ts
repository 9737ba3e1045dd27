// The inverted index behind search, in flat typed arrays: per field, each term's postings are one
// run of (document, term frequency) pairs. minisearch keeps a Map per term and field, which costs
// about forty times the corpus in heap (2 GB for 100 MB of text) and cannot be saved and reloaded
// quickly; this layout costs five bytes a posting and is saved as raw bytes. Scoring is
// minisearch's BM25+ with the same parameters, so ranking is unchanged (test/core/postings.test.ts
// compares the two).
import { Growable } from './growable.js';

/** BM25+ parameters, minisearch's defaults. */
const K = 1.2;
const B = 0.7;
const D = 0.5;

export interface FieldPostings {
  /** Term t's postings are positions offsets[t] .. offsets[t + 1] of docs and tfs. */
  offsets: Uint32Array;
  docs: Uint32Array;
  /** Term frequency in the field, capped at 255 (BM25 saturates long before). */
  tfs: Uint8Array;
  /** Distinct words per document in this field, as minisearch counts field length. */
  lengths: Uint16Array;
  avgLength: number;
}

export interface PostingsData {
  docCount: number;
  /** Term id -> term. */
  terms: string[];
  /** How often each term occurs in the counted fields, for ranking completions. */
  termCounts: Uint32Array;
  fields: FieldPostings[];
}

const u32 = (n: number) => new Uint32Array(n);
/** A copy of `a` with room for at least `n` values, the new ones 0. */
const grown = (a: Uint32Array, n: number) => {
  const next = new Uint32Array(Math.max(n, a.length * 2));
  next.set(a);
  return next;
};
const u8 = (n: number) => new Uint8Array(n);

export class PostingsBuilder {
  private readonly ids = new Map<string, number>();
  readonly terms: string[] = [];
  private counts = new Growable(u32(1024), u32);
  private readonly pending: { termIds: Growable<Uint32Array>; docs: Growable<Uint32Array>; tfs: Growable<Uint8Array>; lengths: Growable<Uint32Array> }[];
  private docCount = 0;
  private readonly tf = new Map<number, number>();

  constructor(private readonly fieldCount: number) {
    this.pending = Array.from({ length: fieldCount }, () => ({
      termIds: new Growable(u32(1024), u32),
      docs: new Growable(u32(1024), u32),
      tfs: new Growable(u8(1024), u8),
      lengths: new Growable(u32(1024), u32),
    }));
  }

  private termId(term: string): number {
    // Terms that came as outside ids skipped the map; it is brought up to date when strings come.
    if (this.ids.size < this.terms.length) this.terms.forEach((t, id) => this.ids.set(t, id));
    let id = this.ids.get(term);
    if (id === undefined) {
      id = this.terms.length;
      this.ids.set(term, id);
      this.terms.push(term);
      this.counts.push(0);
      this.outsideOf.push(-1);
    }
    return id;
  }

  /**
   * Adds document `doc` (0, 1, 2, ... in order) to a field. `length` is the field's number of
   * distinct words; `terms` its index terms in order, repeats included; `counted` whether these
   * occurrences count towards termCounts.
   */
  add(doc: number, field: number, terms: string[], length: number, counted: boolean): void {
    if (doc >= this.docCount) this.docCount = doc + 1;
    const p = this.pending[field]!;
    while (p.lengths.length < doc) p.lengths.push(0);
    p.lengths.push(length);
    const tf = this.tf;
    tf.clear();
    for (const t of terms) {
      const id = this.termId(t);
      tf.set(id, (tf.get(id) ?? 0) + 1);
      if (counted) this.counts.buf[id]!++;
    }
    for (const [id, n] of tf) {
      p.termIds.push(id);
      p.docs.push(doc);
      p.tfs.push(Math.min(255, n));
    }
  }

  /** Builder id + 1 of each outside term id (0: not seen yet), for terms that come as ids. */
  private outside = new Uint32Array(1024);
  /** Term frequencies of the document being added, by builder id, and which ids it touched. */
  private tfById = new Uint32Array(1024);
  private touched: number[] = [];
  /** Builder id -> outside id (-1 for a term that came as a string). */
  private readonly outsideOf: number[] = [];
  /** Final (sorted) term id -> builder id, once finished. */
  private order?: number[];

  /** Final term id -> the outside id it came as (-1 for one that came as a string), once finished. */
  outsideIds(): Int32Array {
    const order = this.order;
    if (!order) throw new Error('outsideIds() is known only after finish()');
    return Int32Array.from(order, (b) => this.outsideOf[b] ?? -1);
  }

  /**
   * As `add`, with terms given as ids `ids[0 .. count)` of an outside term list `names` (term id ->
   * term), as the build's shared vocabulary hands them over (analysis.ts): no string is hashed.
   */
  addIds(doc: number, field: number, ids: ArrayLike<number>, count: number, names: readonly string[], length: number, counted: boolean): void {
    if (doc >= this.docCount) this.docCount = doc + 1;
    const p = this.pending[field]!;
    while (p.lengths.length < doc) p.lengths.push(0);
    p.lengths.push(length);
    const touched = this.touched;
    touched.length = 0;
    for (let k = 0; k < count; k++) {
      const outsideId = ids[k]!;
      if (outsideId >= this.outside.length) this.outside = grown(this.outside, outsideId + 1);
      let id = this.outside[outsideId]! - 1;
      if (id < 0) {
        // One outside list per builder, so an id not seen yet is a term not seen yet.
        id = this.terms.length;
        this.terms.push(names[outsideId]!);
        this.counts.push(0);
        this.outsideOf.push(outsideId);
        this.outside[outsideId] = id + 1;
      }
      if (id >= this.tfById.length) this.tfById = grown(this.tfById, id + 1);
      if (this.tfById[id]!++ === 0) touched.push(id);
      if (counted) this.counts.buf[id]!++;
    }
    for (const id of touched) {
      p.termIds.push(id);
      p.docs.push(doc);
      p.tfs.push(Math.min(255, this.tfById[id]!));
      this.tfById[id] = 0;
    }
  }

  /**
   * Groups each field's postings by term (a counting sort: documents stay in order). Term ids are
   * renumbered in sorted term order, so the term list doubles as the vocabulary (vocabulary.ts).
   */
  finish(): PostingsData {
    const T = this.terms.length;
    const N = this.docCount;
    const order = Array.from({ length: T }, (_, i) => i).sort((a, b) => (this.terms[a]! < this.terms[b]! ? -1 : 1));
    this.order = order;
    const rank = new Uint32Array(T);
    order.forEach((old, r) => (rank[old] = r));
    const terms = order.map((old) => this.terms[old]!);
    const termCounts = new Uint32Array(T);
    order.forEach((old, r) => (termCounts[r] = this.counts.buf[old]!));
    const fields = this.pending.map((p): FieldPostings => {
      const offsets = new Uint32Array(T + 1);
      const termIds = p.termIds.buf;
      for (let i = 0; i < p.termIds.length; i++) termIds[i] = rank[termIds[i]!]!;
      for (let i = 0; i < p.termIds.length; i++) offsets[termIds[i]! + 1]!++;
      for (let t = 0; t < T; t++) offsets[t + 1]! += offsets[t]!;
      const cursor = offsets.slice(0, T);
      const docs = new Uint32Array(p.termIds.length);
      const tfs = new Uint8Array(p.termIds.length);
      for (let i = 0; i < p.termIds.length; i++) {
        const at = cursor[termIds[i]!]!++;
        docs[at] = p.docs.buf[i]!;
        tfs[at] = p.tfs.buf[i]!;
      }
      const lengths = new Uint16Array(N);
      let total = 0;
      for (let d = 0; d < p.lengths.length; d++) {
        lengths[d] = Math.min(65535, p.lengths.buf[d]!);
        total += p.lengths.buf[d]!;
      }
      return { offsets, docs, tfs, lengths, avgLength: N ? total / N : 0 };
    });
    return { docCount: N, terms, termCounts, fields };
  }
}

/** One query word and the index terms standing for it (itself, prefix and fuzzy matches), weighted. */
export interface QueryWord {
  /** Words with the same key count once for the "how many query words matched" factor. */
  key: string;
  boost: number;
  expansions: { termId: number; weight: number }[];
}

export interface Matches {
  /** Matching documents, in first-match order. */
  docs: Uint32Array;
  /** minisearch's score: the BM25+ sum times the number of query words matched. */
  scores: Float64Array;
  /** Bit i set: query word key i matched (keys numbered in order of first appearance). */
  masks: Uint32Array;
}

/** At most this many distinct query words take part in scoring (a mask bit each). */
export const MAX_QUERY_WORDS = 32;

export class Postings {
  readonly docCount: number;
  private readonly score: Float64Array;
  private readonly mask: Uint32Array;
  private readonly touched: Uint32Array;

  constructor(
    readonly data: PostingsData,
    private readonly fieldBoosts: number[],
    /** Per document multiplier (minisearch's boostDocument). */
    private readonly docBoost: Float64Array,
  ) {
    this.docCount = data.docCount;
    // Scratch space reused by every query: search is synchronous, so one at a time.
    this.score = new Float64Array(this.docCount);
    this.mask = new Uint32Array(this.docCount);
    this.touched = new Uint32Array(this.docCount);
  }

  /**
   * Scores documents for the query words: OR (any word) or AND (every word), the way minisearch
   * combines them. `filter` keeps only documents it accepts; `blind` is one document's field that
   * is not read (a passage at a reader's limit, whose context field holds the next one's words).
   */
  match(words: QueryWord[], opts: { and?: boolean; filter?: (doc: number) => boolean; blind?: { doc: number; field: number } } = {}): Matches {
    const keys = new Map<string, number>();
    for (const w of words) if (!keys.has(w.key) && keys.size < MAX_QUERY_WORDS) keys.set(w.key, keys.size);
    const { score, mask, touched, docBoost } = this;
    const N = this.docCount;
    const blindDoc = opts.blind?.doc ?? -1;
    const blindField = opts.blind?.field ?? -1;
    let n = 0;
    for (const w of words) {
      const bitIndex = keys.get(w.key);
      if (bitIndex === undefined) continue;
      const bit = 1 << bitIndex;
      for (const { termId, weight } of w.expansions) {
        for (let f = 0; f < this.data.fields.length; f++) {
          const field = this.data.fields[f]!;
          const start = field.offsets[termId]!;
          const end = field.offsets[termId + 1]!;
          if (start === end) continue;
          const df = end - start;
          const idf = Math.log(1 + (N - df + 0.5) / (df + 0.5));
          const factor = weight * w.boost * this.fieldBoosts[f]!;
          const norm = K * (1 - B);
          const perLength = (K * B) / (field.avgLength || 1);
          const { docs, tfs, lengths } = field;
          for (let i = start; i < end; i++) {
            const doc = docs[i]!;
            if (doc === blindDoc && f === blindField) continue;
            const tf = tfs[i]!;
            const raw = idf * (D + (tf * (K + 1)) / (tf + norm + perLength * lengths[doc]!));
            if (mask[doc] === 0) touched[n++] = doc;
            score[doc]! += factor * docBoost[doc]! * raw;
            mask[doc]! |= bit;
          }
        }
      }
    }
    const all = keys.size >= 32 ? 0xffffffff : (1 << keys.size) - 1;
    const docs = new Uint32Array(n);
    const scores = new Float64Array(n);
    const masks = new Uint32Array(n);
    let m = 0;
    for (let i = 0; i < n; i++) {
      const doc = touched[i]!;
      const bits = mask[doc]!;
      const s = score[doc]!;
      score[doc] = 0;
      mask[doc] = 0;
      if (opts.and && ((bits & all) >>> 0) !== all) continue;
      if (opts.filter && !opts.filter(doc)) continue;
      docs[m] = doc;
      scores[m] = s * popcount(bits);
      masks[m] = bits;
      m++;
    }
    return { docs: docs.subarray(0, m), scores: scores.subarray(0, m), masks: masks.subarray(0, m) };
  }
}

export function popcount(x: number): number {
  x = x - ((x >>> 1) & 0x55555555);
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  return (((x + (x >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24;
}

/** Positions of the k largest scores, best first (ties: earlier position first). */
export function topK(scores: ArrayLike<number>, k: number): number[] {
  const n = scores.length;
  if (n <= k) return Array.from({ length: n }, (_, i) => i).sort((a, b) => scores[b]! - scores[a]! || a - b);
  // A min-heap of the best k seen so far: O(n log k), no copy of a large result.
  const heap: number[] = [];
  const worse = (a: number, b: number) => scores[a]! < scores[b]! || (scores[a] === scores[b] && a > b);
  const down = (i: number) => {
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = i;
      if (l < heap.length && worse(heap[l]!, heap[m]!)) m = l;
      if (r < heap.length && worse(heap[r]!, heap[m]!)) m = r;
      if (m === i) return;
      [heap[i], heap[m]] = [heap[m]!, heap[i]!];
      i = m;
    }
  };
  for (let i = 0; i < n; i++) {
    if (heap.length < k) {
      heap.push(i);
      for (let c = heap.length - 1; c > 0; ) {
        const p = (c - 1) >> 1;
        if (!worse(heap[c]!, heap[p]!)) break;
        [heap[c], heap[p]] = [heap[p]!, heap[c]!];
        c = p;
      }
    } else if (worse(heap[0]!, i)) {
      heap[0] = i;
      down(0);
    }
  }
  return heap.sort((a, b) => scores[b]! - scores[a]! || a - b);
}
