// The build worker: cleans and indexes a corpus folder off the main thread and hands back the
// result as snapshot bytes (transferred, not copied). It lives as long as the library does, so
// its ingest cache keeps a broken file's last good version; it keeps only the files' bytes, not
// the cleaned documents, because this worker serves large corpora, where memory counts.
import v8 from 'node:v8';
import vm from 'node:vm';
import { parentPort } from 'node:worker_threads';
import { buildState } from './build.js';
import { UserError } from './errors.js';
import type { IngestCache } from './ingest/index.js';
import { encodeSnapshot, type LibraryState } from './snapshot.js';
import { clearTermCache } from './text.js';

export interface BuildRequest {
  id: number;
  dir: string;
  key: string;
}

export type BuildResponse =
  | { id: number; ok: true; snapshot: Uint8Array; ms: number }
  | { id: number; ok: false; message: string; code?: string; userError: boolean };

const cache: IngestCache = new Map();

// A build leaves hundreds of MB of garbage, and an idle thread allocates nothing that would
// trigger the collection that frees it; so the worker collects once after each build.
v8.setFlagsFromString('--expose-gc');
const collect = vm.runInNewContext('gc') as () => void;

parentPort?.on('message', async (req: BuildRequest) => {
  const started = performance.now();
  try {
    let state: LibraryState | undefined = await buildState(req.dir, cache, 'bytes');
    const buf = encodeSnapshot(state, req.key);
    state = undefined;
    clearTermCache();
    // A fresh ArrayBuffer of exactly the snapshot, so it can be transferred whole.
    const snapshot = new Uint8Array(buf.length);
    snapshot.set(buf);
    const res: BuildResponse = { id: req.id, ok: true, snapshot, ms: Math.round(performance.now() - started) };
    parentPort!.postMessage(res, [snapshot.buffer]);
    setImmediate(collect);
  } catch (e) {
    const res: BuildResponse = {
      id: req.id,
      ok: false,
      message: e instanceof Error ? e.message : String(e),
      code: e instanceof UserError ? e.code : undefined,
      userError: e instanceof UserError,
    };
    parentPort!.postMessage(res);
  }
});
