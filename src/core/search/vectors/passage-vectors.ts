// The passages' meaning as vectors, one per sentence: a passage is scored by its best sentence and
// by the mean of its sentences, so one sentence on the question's subject is found inside a long
// passage about something else (measured on the labelled sets: better than one vector per passage,
// and than passages prefixed with their section). Unit vectors are kept as int8 with a scale each
// (a quarter of float32; ranks the same). Vectors are keyed by a hash of their sentence's text,
// so a reload re-embeds only sentences that changed.
import { fnv1a } from '../text.js';

export interface VectorData {
  /** The embedder that made them (Embedder.name). */
  model: string;
  dims: number;
  /** sentences × dims, in passage order then sentence order. */
  values: Int8Array;
  /** Per sentence: multiply values by this to get the unit vector back. */
  scales: Float32Array;
}

/** The key a sentence's vector is reused under: its text, as embedded. */
export const vectorKey = (text: string): string => `${fnv1a(text)}:${text.length}`;

/** Weight of a passage's best sentence against the mean of its sentences. */
const BEST_SENTENCE = 0.5;

/** Writes `v` as a unit vector in int8 at `at`; returns its scale. */
export function quantise(v: Float32Array | number[], into: Int8Array, at: number): number {
  let norm = 0;
  for (let i = 0; i < v.length; i++) norm += v[i]! * v[i]!;
  norm = Math.sqrt(norm) || 1;
  let max = 0;
  for (let i = 0; i < v.length; i++) max = Math.max(max, Math.abs(v[i]! / norm));
  const scale = max / 127 || 1;
  for (let i = 0; i < v.length; i++) into[at + i] = Math.round(v[i]! / norm / scale);
  return scale;
}

export class PassageVectors {
  /** Sentence position -> passage position. */
  private readonly owner: Uint32Array;
  /** Per passage, the unit mean of its sentences' vectors (float: n × dims). */
  private readonly means: Float32Array;

  /** `sentenceCounts[p]` is how many of the vectors, in order, belong to passage p. */
  constructor(readonly data: VectorData, sentenceCounts: ArrayLike<number>) {
    const { dims, values, scales } = data;
    if (values.length !== scales.length * dims) throw new Error('vector data does not add up');
    let total = 0;
    for (let p = 0; p < sentenceCounts.length; p++) total += sentenceCounts[p]!;
    if (total !== scales.length) throw new Error(`${scales.length} vectors for ${total} sentences`);
    this.owner = new Uint32Array(total);
    this.means = new Float32Array(sentenceCounts.length * dims);
    for (let p = 0, s = 0; p < sentenceCounts.length; p++) {
      const base = p * dims;
      for (let k = 0; k < sentenceCounts[p]!; k++, s++) {
        this.owner[s] = p;
        for (let i = 0; i < dims; i++) this.means[base + i] = this.means[base + i]! + values[s * dims + i]! * scales[s]!;
      }
      let norm = 0;
      for (let i = 0; i < dims; i++) norm += this.means[base + i]! ** 2;
      norm = Math.sqrt(norm) || 1;
      for (let i = 0; i < dims; i++) this.means[base + i] = this.means[base + i]! / norm;
    }
  }

  get passages(): number {
    return this.means.length / this.data.dims;
  }

  /** How close each passage is in meaning to the query (cosine-like, by passage position). */
  similarities(query: Float32Array): Float32Array {
    const { dims, values, scales } = this.data;
    let norm = 0;
    for (let i = 0; i < dims; i++) norm += query[i]! * query[i]!;
    norm = Math.sqrt(norm) || 1;
    const n = this.passages;
    const best = new Float32Array(n).fill(-1);
    for (let s = 0, at = 0; s < scales.length; s++, at += dims) {
      let dot = 0;
      for (let i = 0; i < dims; i++) dot += values[at + i]! * query[i]!;
      const sim = (dot * scales[s]!) / norm;
      const p = this.owner[s]!;
      if (sim > best[p]!) best[p] = sim;
    }
    const out = new Float32Array(n);
    for (let p = 0, at = 0; p < n; p++, at += dims) {
      let dot = 0;
      for (let i = 0; i < dims; i++) dot += this.means[at + i]! * query[i]!;
      out[p] = BEST_SENTENCE * best[p]! + (1 - BEST_SENTENCE) * (dot / norm);
    }
    return out;
  }
}

/** Vectors from float embeddings, one per sentence in order. */
export function packVectors(model: string, dims: number, vectors: readonly (Float32Array | number[])[]): VectorData {
  const values = new Int8Array(vectors.length * dims);
  const scales = new Float32Array(vectors.length);
  vectors.forEach((v, s) => {
    if (v.length !== dims) throw new Error(`vector ${s} has ${v.length} dimensions, expected ${dims}`);
    scales[s] = quantise(v, values, s * dims);
  });
  return { model, dims, values, scales };
}
