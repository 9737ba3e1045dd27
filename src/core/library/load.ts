// Folder of documents -> a ready Library, timed. The one place start-up builds the core: from a
// snapshot when one matches the folder, else by building (in a worker thread for large corpora,
// so the bot keeps acknowledging commands), then saving a snapshot for the next start.
import { randomBytes } from 'node:crypto';
import { readFile, rename, unlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { makeFolder } from '../folders.js';
import type { BuildThread } from './build-thread.js';
import type { IngestCache } from '../ingest/index.js';
import { Library } from './library.js';
import { log } from '../log.js';
import { SearchIndex } from '../search/search-index.js';
import { carriesVectors, corpusKey, decodeSnapshot, encodeSnapshot, salvageVectors, snapshotPath, SnapshotError, type LibraryState, type Pause } from './snapshot.js';
import type { IngestWarning } from '../corpus.js';
import { errorMessage } from '../errors.js';
import type { VectorData } from '../search/vectors/passage-vectors.js';

/** A saved snapshot did not match the folder or the code, so the library is built instead. */
export const SNAPSHOT_REJECTED = 'snapshot_rejected';
/** A build could not be saved for the next start (the bot serves it all the same). */
export const SNAPSHOT_NOT_SAVED = 'snapshot_not_saved';

export interface LoadedLibrary {
  library: Library;
  warnings: IngestWarning[];
  ms: number;
  /** Where it came from: a saved snapshot or a fresh build. */
  source: 'snapshot' | 'build';
  /** Where a build ran: in the build worker, or on this thread (blocking it meanwhile). */
  thread: 'worker' | 'main';
  /** Semantic vectors the snapshot carried, if any (they are added after the lexical library serves). */
  vectors?: VectorData;
  /** The snapshot file and key this load belongs to, so vectors made later can be saved into it. */
  snapshot?: { file: string; key: string };
  /**
   * Vectors of a replaced (stale) snapshot, by sentence, for new vectors to reuse: read only when
   * vectors are made, so a load that searches by words never decodes them.
   */
  staleVectors?: () => Promise<{ data: VectorData; texts: string[] } | undefined>;
}

/** Corpora at least this big are built in the worker thread; smaller ones build faster in place. */
export const WORKER_MIN_BYTES = 2 * 1024 * 1024;

export interface LoadOptions {
  /** Lets a reload skip unchanged files (see LiveLibrary); used for builds on this thread. */
  cache?: IngestCache;
  /** What `cache` keeps of each file (see IngestCache); 'bytes' lets a later build in the worker carry on from it. */
  remember?: 'documents' | 'bytes';
  /** Folder for snapshots; without one, every load builds. */
  snapshotDir?: string;
  /** The worker to build large corpora in; without one, builds run on this thread. */
  thread?: BuildThread;
  /** Force the worker (true) or this thread (false) whatever the size. */
  useWorker?: boolean;
}

/** Yields to the event loop: long restores run in slices between other work. */
const yieldToLoop: Pause = () => new Promise<void>((resolve) => setImmediate(resolve));

export async function loadLibrary(dir: string, opts: LoadOptions = {}): Promise<LoadedLibrary> {
  const started = performance.now();
  const done = (state: LibraryState, library: Library, source: LoadedLibrary['source'], thread: LoadedLibrary['thread'] = 'main'): LoadedLibrary => ({
    library,
    warnings: state.warnings,
    ms: Math.round(performance.now() - started),
    source,
    thread,
    ...(state.vectors ? { vectors: state.vectors } : {}),
    ...(file && key ? { snapshot: { file, key } } : {}),
  });
  const { key, bytes } = opts.snapshotDir || opts.thread ? await corpusKey(dir).catch(() => ({ key: '', bytes: 0 })) : { key: '', bytes: 0 };
  const file = opts.snapshotDir && key ? snapshotPath(opts.snapshotDir, dir) : undefined;

  let staleVectors: LoadedLibrary['staleVectors'];
  const withStale = (loaded: LoadedLibrary): LoadedLibrary => (staleVectors ? { ...loaded, staleVectors } : loaded);
  if (file) {
    const saved = await readFile(file).catch(() => undefined);
    if (saved) {
      try {
        const state = await decodeSnapshot(saved, key, yieldToLoop);
        // Saved by a load that searched by words only: the vectors set aside before it still serve.
        if (!state.vectors) staleVectors = () => salvageAside(file);
        return withStale(done(state, await restore(state), 'snapshot'));
      } catch (e) {
        // Stale (the corpus changed) or damaged: either way it is rebuilt, never trusted.
        log.info(SNAPSHOT_REJECTED, { file, reason: e instanceof SnapshotError ? e.message : String(e) });
        // The rebuilt snapshot replaces this one without vectors until they are made again; a load
        // that searches by words only (the CLI, SEMANTIC=off) never makes them, so the old ones are
        // set aside for the next load that does, rather than lost (minutes of embedding).
        if (carriesVectors(saved)) await save(asideOf(file), () => saved);
        staleVectors = () => salvageAside(file);
      }
    }
  }

  const inWorker = opts.thread && key && (opts.useWorker ?? bytes >= WORKER_MIN_BYTES);
  if (inWorker) {
    const snapshot = await opts.thread!.build(dir, key);
    const state = await decodeSnapshot(snapshot, key, yieldToLoop);
    const library = await restore(state);
    if (file) await save(file, () => snapshot);
    return withStale(done(state, library, 'build', 'worker'));
  }
  // Loaded only to build: a start from a snapshot never reads the ingest pipeline and its readers.
  const { buildState } = await import('./build.js');
  const state = await buildState(dir, opts.cache, opts.remember);
  const library = new Library(state.corpus, new SearchIndex(state.corpus, state.search), state.warnings);
  if (file) await save(file, () => encodeSnapshot(state, key));
  return withStale(done(state, library, 'build'));
}

/**
 * Saves a loaded library again with its semantic vectors, so the next start uses them at once. The
 * snapshot keeps its key: vectors are a function of the passages it already holds.
 */
export async function saveVectors(loaded: LoadedLibrary, vectors: VectorData): Promise<void> {
  if (!loaded.snapshot) return;
  const { library, warnings } = loaded;
  const { file, key } = loaded.snapshot;
  await save(file, () => encodeSnapshot({ corpus: library.corpus, search: library.index.data, warnings, vectors }, key));
  // The snapshot holds vectors again: what was set aside has been reused or is out of date.
  await unlink(asideOf(file)).catch(() => {});
}

/** Where a replaced snapshot's vectors wait for the next load that computes vectors. */
const asideOf = (file: string) => `${file}.vectors`;

async function salvageAside(file: string): ReturnType<NonNullable<LoadedLibrary['staleVectors']>> {
  const aside = await readFile(asideOf(file)).catch(() => undefined);
  return aside && salvageVectors(aside, yieldToLoop);
}

async function restore(state: LibraryState): Promise<Library> {
  await yieldToLoop();
  const index = new SearchIndex(state.corpus, state.search);
  await yieldToLoop();
  return new Library(state.corpus, index, state.warnings);
}

/**
 * Written aside and renamed into place, so a crash mid-write never leaves a half snapshot. Any
 * failure, encoding included, costs only the snapshot: it is logged, and the library still serves.
 */
async function save(file: string, encode: () => Buffer): Promise<void> {
  // Unique per write: two loads of one folder at once (a reload racing a CLI run) never share it.
  const tmp = `${file}.${process.pid}-${randomBytes(4).toString('hex')}.tmp`;
  try {
    makeFolder(path.dirname(file));
    await writeFile(tmp, encode());
    await rename(tmp, file);
  } catch (e) {
    await unlink(tmp).catch(() => {});
    log.warn(SNAPSHOT_NOT_SAVED, { file, error: errorMessage(e) });
  }
}
