// The seam between search and a sentence-embedding model: search only needs texts turned into
// vectors of a fixed size, so the bundled model and an operator's stronger one are interchangeable.

export interface Embedder {
  /** Names the model and its version: vectors made by another model are never compared with these. */
  readonly name: string;
  readonly dims: number;
  /** One vector per text, in order. */
  embed(texts: string[]): Promise<Float32Array[]>;
}

/** Texts per model call: large enough to amortise a call, small enough to yield between batches. */
export const EMBED_BATCH = 16;
