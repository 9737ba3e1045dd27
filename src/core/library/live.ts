// The library the bot serves right now, and how it is replaced: a changed corpus folder is loaded
// aside and swapped in whole; until the first load finishes, commands hear "still loading"; a
// reload that fails leaves the current library serving.
import { watch, type FSWatcher } from 'node:fs';
import { errorMessage, UserError } from '../errors.js';
import { BuildThread } from './build-thread.js';
import type { IngestCache } from '../ingest/index.js';
import type { Library } from './library.js';
import { loadLibrary, type LoadedLibrary } from './load.js';
import { log } from '../log.js';
import type { IngestWarning } from '../corpus.js';
import { VectorUpkeep, type SemanticSettings } from './live-vectors.js';

/** A reload finished and the new library is being served. */
export const CORPUS_RELOADED = 'corpus_reloaded';
/** A reload failed; the library from before keeps serving. */
export const CORPUS_RELOAD_FAILED = 'corpus_reload_failed';

export class LiveLibrary {
  private current?: Library;
  private readonly cache: IngestCache = new Map();
  private loading?: Promise<LoadedLibrary>;
  /** Large builds run here, off the thread that answers commands. */
  private readonly thread = new BuildThread();
  private watcher?: FSWatcher;
  private timer?: NodeJS.Timeout;
  /** Set while a reload is queued behind one in progress. */
  private again = false;
  private readonly vectors?: VectorUpkeep;
  /** Settles when the current library's semantic vectors are served (or will not be). */
  semanticDone: Promise<void> = Promise.resolve();

  constructor(
    readonly dir: string,
    private readonly opts: {
      debounceMs?: number;
      onSwap?: (library: Library, warnings: IngestWarning[]) => void;
      /** Told when a reload fails (the current library keeps serving); unset, it is logged as a warning. */
      onReloadFailed?: (message: string) => void;
      /** Folder for the index snapshot (see snapshot.ts); none: always build. */
      snapshotDir?: string;
      /**
       * Build in the worker thread always (true) or never (false). Unset: every build runs in the
       * worker, so no build, however long, holds up answers; see inlineFirstBuild for the exception.
       */
      useWorker?: boolean;
      /**
       * Build a small corpus's first load on this thread, which starts faster than a worker. Only
       * where nothing is answered until the first load is done (the terminal); chat platforms
       * answer "still loading" meanwhile, so theirs is built in the worker.
       */
      inlineFirstBuild?: boolean;
      /** Search by meaning too, once vectors are ready (live-vectors.ts); unset: words only. */
      semantic?: SemanticSettings;
    } = {},
  ) {
    if (opts.semantic && opts.semantic.mode !== 'off') this.vectors = new VectorUpkeep(opts.semantic);
  }

  /** The library to answer with; a friendly UserError while the first load is still running. */
  get(): Library {
    if (!this.current) throw new UserError('The library is still loading. Try again in a few seconds.', 'loading');
    return this.current;
  }

  get ready(): boolean {
    return this.current !== undefined;
  }

  /** Loads the folder and swaps the result in; the current library keeps serving until then. */
  async load(): Promise<LoadedLibrary> {
    // Undefined lets loadLibrary choose by size: the worker for large corpora only.
    const inlineFirst = this.opts.useWorker === undefined && this.opts.inlineFirstBuild && !this.current;
    const useWorker = inlineFirst ? undefined : (this.opts.useWorker ?? true);
    const loaded = await loadLibrary(this.dir, {
      cache: this.cache,
      // A first build made here hands its files' bytes on to the worker that makes the reloads.
      remember: inlineFirst ? 'bytes' : 'documents',
      snapshotDir: this.opts.snapshotDir,
      thread: this.thread,
      useWorker,
    });
    if (inlineFirst && loaded.thread === 'main' && loaded.source === 'build') this.thread.rememberFrom(this.cache);
    this.current = loaded.library;
    this.opts.onSwap?.(loaded.library, loaded.warnings);
    // Answers are lexical until then; the same library with vectors replaces this one when ready.
    if (this.vectors) this.semanticDone = this.vectors.attach(loaded, () => this.current, (library) => (this.current = library));
    return loaded;
  }

  /** Reloads when files in the folder or its subfolders are added, changed or removed (debounced). */
  watch(): void {
    if (this.watcher) return;
    try {
      try {
        this.watcher = watch(this.dir, { recursive: true }, () => this.schedule());
      } catch (e) {
        // Where recursive watching is unavailable, changes at the top level still reload.
        if ((e as NodeJS.ErrnoException).code !== 'ERR_FEATURE_UNAVAILABLE_ON_PLATFORM') throw e;
        log.warn('corpus_watch_top_level_only', { dir: this.dir });
        this.watcher = watch(this.dir, () => this.schedule());
      }
      this.watcher.on('error', (e) => log.warn('corpus_watch_error', { error: e.message }));
    } catch (e) {
      log.warn('corpus_watch_unavailable', { dir: this.dir, error: errorMessage(e) });
    }
  }

  close(): void {
    clearTimeout(this.timer);
    void this.thread.close();
    this.vectors?.close();
    this.watcher?.close();
    this.watcher = undefined;
  }

  private schedule(): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.reload(), this.opts.debounceMs ?? 500);
  }

  /** One reload at a time; changes during a reload trigger one more afterwards. Resolves to the last load, if it succeeded. */
  async reload(): Promise<LoadedLibrary | undefined> {
    if (this.loading) {
      this.again = true;
      return undefined;
    }
    const before = this.current;
    log.info('corpus_reload_started', { dir: this.dir });
    this.loading = this.load();
    let loaded: LoadedLibrary | undefined;
    try {
      loaded = await this.loading;
      const library = loaded.library;
      log.info(CORPUS_RELOADED, { documents: library.corpus.documents.length, passages: library.corpus.passages.length, previous: before?.corpus.passages.length, ms: loaded.ms, thread: loaded.thread });
    } catch (e) {
      // A folder emptied or unreadable mid-edit must not take down what is being served.
      const error = errorMessage(e);
      const fields = { error, serving: before?.corpus.passages.length ?? 0 };
      if (this.opts.onReloadFailed) {
        log.info(CORPUS_RELOAD_FAILED, fields);
        this.opts.onReloadFailed(error);
      } else log.warn(CORPUS_RELOAD_FAILED, fields);
    } finally {
      this.loading = undefined;
    }
    if (this.again) {
      this.again = false;
      return this.reload();
    }
    return loaded;
  }
}
