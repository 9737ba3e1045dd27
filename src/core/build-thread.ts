// The main thread's side of the build worker: one worker per live library, started on first use
// and replaced if it dies, so a crash in a build never takes the bot down with it.
import { Worker } from 'node:worker_threads';
import type { BuildRequest, BuildResponse } from './build-job.js';
import { UserError } from './errors.js';
import { log } from './log.js';

const ENTRY = new URL('./build-worker.mjs', import.meta.url);

export class BuildThread {
  private worker?: Worker;
  private nextId = 1;
  private readonly pending = new Map<number, { resolve: (b: Buffer) => void; reject: (e: Error) => void }>();

  /** Builds the folder in the worker; resolves to the snapshot bytes under `key`. */
  build(dir: string, key: string): Promise<Buffer> {
    const worker = this.start();
    const id = this.nextId++;
    // The worker keeps the process alive only while it has work: an idle one must not.
    worker.ref();
    const settled = () => {
      if (!this.pending.size) worker.unref();
    };
    return new Promise<Buffer>((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      worker.postMessage({ id, dir, key } satisfies BuildRequest);
    }).finally(settled);
  }

  close(): Promise<number> | undefined {
    const w = this.worker;
    this.worker = undefined;
    return w?.terminate();
  }

  private start(): Worker {
    if (this.worker) return this.worker;
    // No inherited loader flags: the entry registers tsx itself, wherever the bot runs.
    const worker = new Worker(ENTRY, { execArgv: [] });
    worker.unref();
    worker.on('message', (res: BuildResponse) => {
      const p = this.pending.get(res.id);
      if (!p) return;
      this.pending.delete(res.id);
      if (res.ok) p.resolve(Buffer.from(res.snapshot.buffer, res.snapshot.byteOffset, res.snapshot.byteLength));
      else p.reject(res.userError ? new UserError(res.message, res.code) : new Error(res.message));
    });
    const fail = (e: Error) => {
      log.error('build_worker_failed', { error: e.message });
      if (this.worker === worker) this.worker = undefined;
      for (const p of this.pending.values()) p.reject(e);
      this.pending.clear();
    };
    worker.on('error', fail);
    worker.on('exit', (code) => {
      if (this.pending.size) fail(new Error(`build worker exited (code ${code})`));
      if (this.worker === worker) this.worker = undefined;
    });
    this.worker = worker;
    return worker;
  }
}
