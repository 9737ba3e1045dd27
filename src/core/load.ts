// Folder of documents -> a ready Library, timed. The one place start-up builds the core.
import { loadCorpus, type IngestCache } from './ingest/index.js';
import { Library } from './library.js';
import { buildCorpus } from './passages.js';
import type { IngestWarning } from './types.js';

export interface LoadedLibrary {
  library: Library;
  warnings: IngestWarning[];
  ms: number;
}

/** `cache` lets a reload skip unchanged files (see LiveLibrary). */
export async function loadLibrary(dir: string, opts: { cache?: IngestCache } = {}): Promise<LoadedLibrary> {
  const started = performance.now();
  const { documents, warnings } = await loadCorpus(dir, opts);
  const library = new Library(buildCorpus(documents));
  return { library, warnings, ms: Math.round(performance.now() - started) };
}
