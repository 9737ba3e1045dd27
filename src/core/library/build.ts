// Folder of documents -> everything a Library is made of. Runs on the main thread for small
// corpora and in the build worker (build-job.ts) for large ones.
import { loadCorpus, type IngestCache } from '../ingest/index.js';
import { buildCorpus } from '../ingest/passages.js';
import { buildSearchData } from '../search/search-index.js';
import type { LibraryState } from './snapshot.js';

export async function buildState(dir: string, cache?: IngestCache, remember?: 'documents' | 'bytes'): Promise<LibraryState> {
  const { documents, warnings } = await loadCorpus(dir, { cache, remember });
  const corpus = buildCorpus(documents);
  return { corpus, search: buildSearchData(corpus), warnings };
}
