// Folder of documents -> a ready Library, timed. The one place start-up builds the core.
import { loadCorpus } from './ingest/index.js';
import { Library } from './library.js';
import { buildCorpus } from './passages.js';
import type { IngestWarning } from './types.js';

export interface LoadedLibrary {
  library: Library;
  warnings: IngestWarning[];
  ms: number;
}

export async function loadLibrary(dir: string): Promise<LoadedLibrary> {
  const started = performance.now();
  const { documents, warnings } = await loadCorpus(dir);
  const library = new Library(buildCorpus(documents));
  return { library, warnings, ms: Math.round(performance.now() - started) };
}
