// Semantic retrieval beside BM25: merges the lexical ranking with each passage's similarity in
// meaning to the query. Lexical matching stays in charge (its top is precise on the words people
// use); a passage whose meaning stands out from the rest of the corpus gets a bonus, which lifts
// paraphrases that share few words with the question and brings in passages that share none.
//
// Measured on the two labelled sets (hit@3 first / meeting, USE lite): reciprocal rank fusion with
// equal weights 0.738 / 0.452 (it flattens the lexical top); RRF k=10 with meaning at 0.3 weight
// 0.892 / 0.500; this bonus on passage vectors 0.908 / 0.516; on sentence vectors (best sentence
// and mean, passage-vectors.ts) 0.908 / 0.565, words alone being 0.908 / 0.468.

export interface Ranked {
  doc: number;
  score: number;
}

/** The bonus per standard deviation a passage's similarity stands above STANDOUT, relative to the top lexical score. */
const WEIGHT = 0.3;
/** Similarity this many standard deviations above the corpus's mean for this query counts as related. */
const STANDOUT = 2;
/** Passages by meaning considered beside the lexical matches. */
const SEMANTIC_DEPTH = 50;

/**
 * The lexical ranking (best first) fused with `similarity` (per passage position), best first.
 * Scores stay in lexical units (the bonus is scaled by the best lexical score), so a caller
 * judging how good a score is sees the same scale either way. `allowed` limits the passages
 * meaning may add (a document filter).
 */
export function fuse(lexical: readonly Ranked[], similarity: Float32Array, allowed?: (doc: number) => boolean): Ranked[] {
  const n = similarity.length;
  if (!n) return [...lexical];
  let mean = 0;
  let sq = 0;
  for (let i = 0; i < n; i++) {
    mean += similarity[i]!;
    sq += similarity[i]! * similarity[i]!;
  }
  mean /= n;
  const sd = Math.sqrt(Math.max(1e-9, sq / n - mean * mean));
  const unit = lexical[0]?.score || 1;
  const bonus = (doc: number) => unit * WEIGHT * Math.max(0, (similarity[doc]! - mean) / sd - STANDOUT);
  const out = new Map<number, Ranked>();
  for (const r of lexical) out.set(r.doc, { doc: r.doc, score: r.score + bonus(r.doc) });
  for (const doc of topBySimilarity(similarity, SEMANTIC_DEPTH, allowed)) {
    if (out.has(doc)) continue;
    const b = bonus(doc);
    if (b > 0) out.set(doc, { doc, score: b });
  }
  // A stable sort: ties keep the lexical order, which breaks them its own way.
  return [...out.values()].sort((a, b) => b.score - a.score);
}

/** Positions of the `k` most similar passages, best first (insertion into a short sorted list). */
export function topBySimilarity(similarity: Float32Array, k: number, allowed?: (doc: number) => boolean): number[] {
  const out: number[] = [];
  for (let doc = 0; doc < similarity.length; doc++) {
    const s = similarity[doc]!;
    if (out.length === k && s <= similarity[out[k - 1]!]!) continue;
    if (allowed && !allowed(doc)) continue;
    if (out.length < k) out.push(doc);
    else out[k - 1] = doc;
    for (let at = out.length - 1; at > 0 && similarity[out[at - 1]!]! < s; at--) [out[at - 1], out[at]] = [doc, out[at - 1]!];
  }
  return out;
}
