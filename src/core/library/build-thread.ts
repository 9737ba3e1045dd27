// The main thread's side of the build worker: a fresh worker for each build, ended when it has
// answered, so a crash in a build never takes the bot down and a finished build holds no memory.
import { Worker } from 'node:worker_threads';
import { workerEntry } from './worker-entry.js';
import { buffersOf, type BuildRequest, type BuildResponse, type RememberedFile } from './build-job.js';
import { UserError } from '../errors.js';
import type { IngestCache } from '../ingest/index.js';
import { log } from '../log.js';

const ENTRY = workerEntry(import.meta.url, 'build-job', 'build-worker.mjs');

export class BuildThread {
  private current?: Worker;
  /** Each file's last good bytes from the previous build, for the next one. */
  private remembered: RememberedFile[] = [];

  /** Builds the folder in a worker; resolves to the snapshot bytes under `key`. */
  build(dir: string, key: string): Promise<Buffer> {
    // No inherited loader flags: from source the entry registers tsx itself, compiled it needs none.
    const worker = new Worker(ENTRY, { execArgv: [] });
    this.current = worker;
    const remembered = this.remembered;
    this.remembered = [];
    return new Promise<Buffer>((resolve, reject) => {
      let answered = false;
      worker.once('message', (res: BuildResponse) => {
        answered = true;
        this.remembered = res.remembered;
        void worker.terminate();
        if (res.ok) resolve(Buffer.from(res.snapshot.buffer, res.snapshot.byteOffset, res.snapshot.byteLength));
        else reject(res.userError ? new UserError(res.message, res.code) : new Error(res.message));
      });
      worker.once('error', (e) => {
        log.error('build_worker_failed', { error: e.message });
        if (!answered) reject(e);
        answered = true;
      });
      worker.once('exit', (code) => {
        if (this.current === worker) this.current = undefined;
        if (!answered) reject(new Error(`build worker exited (code ${code})`));
        answered = true;
      });
      worker.postMessage({ dir, key, remembered } satisfies BuildRequest, buffersOf(remembered.map((r) => r.bytes)));
    });
  }

  /**
   * Carries on from a build made on the other thread: the files' last good bytes it kept (an
   * IngestCache filled with `remember: 'bytes'`), so a file that breaks later keeps its previous version.
   */
  rememberFrom(cache: IngestCache): void {
    this.remembered = [...cache].flatMap(([file, e]) => (e.bytes ? [{ file, key: e.key, bytes: new Uint8Array(e.bytes) }] : []));
  }

  /** Stops a build in progress, if any. */
  close(): Promise<number> | undefined {
    const w = this.current;
    this.current = undefined;
    return w?.terminate();
  }
}
