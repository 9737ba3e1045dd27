// Semantic vectors for the library being served: restored from the snapshot when it has them for
// the configured model, otherwise computed in the vector worker after the lexical library is
// already answering, then swapped in and saved into the snapshot for the next start.
import { errorMessage } from '../errors.js';
import { log } from '../log.js';
import type { Library } from './library.js';
import { saveVectors, type LoadedLibrary } from './load.js';
import { VectorThread } from './vector-thread.js';
import { PassageVectors, vectorKey, type VectorData } from '../search/vectors/passage-vectors.js';
import { QueryVectors, SemanticSearch } from '../search/vectors/semantic.js';
import { embedderName, loadEmbedder } from '../search/vectors/use-embedder.js';

export type SemanticMode = 'on' | 'off' | 'auto';

export interface SemanticSettings {
  mode: SemanticMode;
  /** A local model folder (model.json, weight shards, vocab.json); unset: the bundled model. */
  modelDir?: string;
}

/**
 * Largest corpus (in passages) that `auto` embeds. Measured here: ~90 ms a passage on a loaded
 * 2-core machine (~65 ms idle), so 5,000 passages are ~7.5 minutes of one core in the background
 * after a first start, and 2.5 MB of int8 vectors; a 10 MB shelf (~20,000 passages) would be half
 * an hour, so larger corpora stay lexical unless SEMANTIC=on.
 */
export const SEMANTIC_AUTO_MAX_PASSAGES = 5000;

export function semanticWanted(mode: SemanticMode, passages: number): boolean {
  return mode === 'on' || (mode === 'auto' && passages <= SEMANTIC_AUTO_MAX_PASSAGES);
}

export const SEMANTIC_READY = 'semantic_ready';
export const SEMANTIC_FAILED = 'semantic_failed';

const failed = (modelDir: string | undefined) => (e: unknown) =>
  log.warn(SEMANTIC_FAILED, { error: errorMessage(e), fix: modelDir ? 'check SEMANTIC_MODEL_DIR' : 'set SEMANTIC=off to silence' });

/**
 * For a one-shot run (the CLI): the library with the vectors its snapshot already holds, the query
 * model loaded, so it ranks as the bot does; as loaded when there are none (nothing is computed).
 */
export async function withStoredVectors(loaded: LoadedLibrary, settings: SemanticSettings): Promise<Library> {
  const { library, vectors } = loaded;
  const passages = library.corpus.passages;
  if (!vectors || !semanticWanted(settings.mode, passages.length) || vectors.model !== embedderName(settings.modelDir)) return library;
  const queries = new QueryVectors(() => loadEmbedder(settings.modelDir), failed(settings.modelDir));
  await queries.start();
  return library.withSemantic(new SemanticSearch(new PassageVectors(vectors, passages.map((p) => p.sentences.length)), queries));
}

export class VectorUpkeep {
  private readonly thread = new VectorThread();
  private queries?: QueryVectors;
  /** The vectors last made, with their sentences, for a reload to reuse. */
  private last?: { data: VectorData; texts: string[] };
  private closed = false;

  constructor(private readonly settings: SemanticSettings) {}

  /**
   * Gives `loaded` its vectors and swaps the library in through `swap` when they are ready, unless
   * another library has been served meanwhile (`current`). Resolves when done; never rejects.
   */
  async attach(loaded: LoadedLibrary, current: () => Library | undefined, swap: (library: Library) => void): Promise<void> {
    const { library } = loaded;
    const passages = library.corpus.passages;
    if (!semanticWanted(this.settings.mode, passages.length)) return;
    const modelDir = this.settings.modelDir;
    const queries = (this.queries ??= new QueryVectors(() => loadEmbedder(modelDir), failed(modelDir)));
    const texts = passages.flatMap((p) => p.sentences);
    const counts = passages.map((p) => p.sentences.length);
    const started = performance.now();
    try {
      let data = loaded.vectors;
      let embedded = 0;
      if (data?.model !== embedderName(modelDir) || data.scales.length !== texts.length) {
        // The last vectors made here, else those of the snapshot this load replaced.
        const from = this.last ?? (await loaded.staleVectors?.());
        const reuse = from && {
          model: from.data.model,
          dims: from.data.dims,
          keys: from.texts.map(vectorKey),
          values: from.data.values,
          scales: from.data.scales,
        };
        const res = await this.thread.run({ texts, modelDir, reuse });
        data = res.data;
        embedded = res.embedded;
        this.last = { data, texts };
        // A reload served meanwhile has its own snapshot, which these vectors must not overwrite.
        if (this.closed || current() !== library) return;
        await saveVectors(loaded, data);
      }
      this.last = { data, texts };
      if (this.closed || current() !== library) return;
      swap(library.withSemantic(new SemanticSearch(new PassageVectors(data, counts), queries)));
      // The query model loads once the vectors serve, so it never competes with the first answers.
      await queries.start();
      log.info(SEMANTIC_READY, { passages: passages.length, embedded, model: data.model, ms: Math.round(performance.now() - started) });
    } catch (e) {
      // A run stopped because a reload started another is not a failure.
      if (!this.closed && current() === library) failed(modelDir)(e);
    }
  }

  close(): void {
    this.closed = true;
    void this.thread.close();
  }
}
