// What a library needs to search by meaning: the passages' vectors and the query side (the model,
// loaded in the background, and the vectors of recent queries). Nothing here ever waits for the
// model: until it has loaded, a query has no vector and search is lexical.
import type { Embedder } from './embedder.js';
import type { PassageVectors } from './passage-vectors.js';

/** Recent queries kept: the More button and repeated questions skip the model. */
const QUERY_CACHE = 500;

// Case is kept: the model reads capitals (names) as part of the meaning.
const keyOf = (query: string) => query.trim().replace(/\s+/g, ' ');

/** The model on this thread, for queries, with the vectors of recent ones. */
export class QueryVectors {
  private embedder?: Embedder;
  private loading?: Promise<unknown>;
  private readonly recent = new Map<string, Float32Array>();

  constructor(private readonly load: () => Promise<Embedder>, private readonly onError: (e: unknown) => void = () => {}) {}

  /** The loaded model's name, once loaded. */
  get model(): string | undefined {
    return this.embedder?.name;
  }

  /** Starts loading the model, once; a failure is reported and leaves search lexical. */
  start(): Promise<unknown> {
    this.loading ??= this.load().then(
      (e) => (this.embedder = e),
      (e) => this.onError(e),
    );
    return this.loading;
  }

  cached(query: string): Float32Array | undefined {
    return this.recent.get(keyOf(query));
  }

  /** The query's vector if the model is loaded (embedding it now if need be); undefined, at once, if not. */
  async vectorOf(query: string): Promise<Float32Array | undefined> {
    const key = keyOf(query);
    const hit = this.recent.get(key);
    if (hit) {
      this.recent.delete(key);
      this.recent.set(key, hit);
      return hit;
    }
    if (!this.embedder) {
      void this.start();
      return undefined;
    }
    const [v] = await this.embedder.embed([key]);
    if (!v) return undefined;
    this.recent.set(key, v);
    if (this.recent.size > QUERY_CACHE) this.recent.delete(this.recent.keys().next().value!);
    return v;
  }
}

export class SemanticSearch {
  constructor(
    readonly vectors: PassageVectors,
    readonly queries: QueryVectors,
  ) {}

  /** Similarity of every passage to the query, if its vector is at hand and from the same model. */
  similarity(query: string): Float32Array | undefined {
    if (this.queries.model !== this.vectors.data.model) return undefined;
    const v = this.queries.cached(query);
    return v && v.length === this.vectors.data.dims ? this.vectors.similarities(v) : undefined;
  }

  /** Readies the query's vector so that similarity() has it; resolves at once when the model is not loaded. */
  async prepare(query: string): Promise<void> {
    await this.queries.vectorOf(query);
  }
}
