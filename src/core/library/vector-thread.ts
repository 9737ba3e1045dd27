// The main thread's side of the vector worker: one worker per run, ended when it answers, so the
// model's memory is returned and a crash in TF.js never takes the bot down.
import { Worker } from 'node:worker_threads';
import { workerEntry } from './worker-entry.js';
import type { VectorRequest, VectorResponse } from './vector-job.js';
import type { VectorData } from '../search/vectors/passage-vectors.js';

const ENTRY = workerEntry(import.meta.url, 'vector-job', 'vector-worker.mjs');

export class VectorThread {
  private current?: Worker;

  /** Embeds the texts in a worker; rejects if the model cannot load or the run is stopped. */
  run(req: VectorRequest): Promise<{ data: VectorData; embedded: number; ms: number }> {
    void this.close();
    const worker = new Worker(ENTRY, { execArgv: [] });
    this.current = worker;
    return new Promise((resolve, reject) => {
      let answered = false;
      const settle = (f: () => void) => {
        if (answered) return;
        answered = true;
        f();
      };
      worker.once('message', (res: VectorResponse) => {
        void worker.terminate();
        settle(() => (res.ok ? resolve({ data: res.data, embedded: res.embedded, ms: res.ms }) : reject(new Error(res.message))));
      });
      worker.once('error', (e) => settle(() => reject(e)));
      worker.once('exit', (code) => {
        if (this.current === worker) this.current = undefined;
        settle(() => reject(new Error(`vector worker exited (code ${code})`)));
      });
      worker.postMessage(req);
    });
  }

  close(): Promise<number> | undefined {
    const w = this.current;
    this.current = undefined;
    return w?.terminate();
  }
}
