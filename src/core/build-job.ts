// The build worker: cleans and indexes a corpus folder off the main thread and hands back the
// result as snapshot bytes (transferred, not copied). It lives as long as the library does, so
// its ingest cache lets a reload skip unchanged files and keep a broken file's last good version.
import { parentPort } from 'node:worker_threads';
import { buildState } from './build.js';
import { UserError } from './errors.js';
import type { IngestCache } from './ingest/index.js';
import { encodeSnapshot } from './snapshot.js';

export interface BuildRequest {
  id: number;
  dir: string;
  key: string;
}

export type BuildResponse =
  | { id: number; ok: true; snapshot: Uint8Array; ms: number }
  | { id: number; ok: false; message: string; code?: string; userError: boolean };

const cache: IngestCache = new Map();

parentPort?.on('message', async (req: BuildRequest) => {
  const started = performance.now();
  try {
    const state = await buildState(req.dir, cache);
    const buf = encodeSnapshot(state, req.key);
    // A fresh ArrayBuffer of exactly the snapshot, so it can be transferred whole.
    const snapshot = new Uint8Array(buf.length);
    snapshot.set(buf);
    const res: BuildResponse = { id: req.id, ok: true, snapshot, ms: Math.round(performance.now() - started) };
    parentPort!.postMessage(res, [snapshot.buffer]);
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
