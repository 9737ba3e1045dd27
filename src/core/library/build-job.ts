// The build worker: cleans and indexes a corpus folder off the main thread and hands back the
// result as snapshot bytes (transferred, not copied). One worker per build, ended afterwards, so
// the hundreds of MB a large build allocates are returned at once. What a reload needs from the
// last build (each file's last good bytes, so a file that breaks keeps its previous version)
// travels with the request and back, by transfer.
import { parentPort } from 'node:worker_threads';
import { buildState } from './build.js';
import { errorMessage, UserError } from '../errors.js';
import type { IngestCache } from '../ingest/index.js';
import { encodeSnapshot } from './snapshot.js';

/** A corpus file's last good bytes and the key (content and metadata) they were read under. */
export interface RememberedFile {
  file: string;
  key: string;
  bytes: Uint8Array;
}

export interface BuildRequest {
  dir: string;
  key: string;
  remembered: RememberedFile[];
}

export type BuildResponse = { remembered: RememberedFile[] } & (
  | { ok: true; snapshot: Uint8Array; ms: number }
  | { ok: false; message: string; code?: string; userError: boolean }
);

/** The ArrayBuffers behind some byte arrays, each once (a transfer list must not repeat one). */
export const buffersOf = (arrays: Uint8Array[]): ArrayBuffer[] => [...new Set(arrays.map((a) => a.buffer as ArrayBuffer))];

parentPort?.once('message', async (req: BuildRequest) => {
  const started = performance.now();
  const cache: IngestCache = new Map(req.remembered.map((r) => [r.file, { key: r.key, bytes: Buffer.from(r.bytes.buffer, r.bytes.byteOffset, r.bytes.byteLength) }]));
  // Each file's bytes in an ArrayBuffer of its own, so they can be handed back by transfer.
  const remembered = (): RememberedFile[] => [...cache].flatMap(([file, e]) => (e.bytes ? [{ file, key: e.key, bytes: new Uint8Array(e.bytes) }] : []));
  let res: BuildResponse;
  try {
    const buf = encodeSnapshot(await buildState(req.dir, cache, 'bytes'), req.key);
    const snapshot = new Uint8Array(buf.length);
    snapshot.set(buf);
    res = { ok: true, snapshot, ms: Math.round(performance.now() - started), remembered: remembered() };
  } catch (e) {
    res = {
      ok: false,
      message: errorMessage(e),
      code: e instanceof UserError ? e.code : undefined,
      userError: e instanceof UserError,
      remembered: remembered(),
    };
  }
  const arrays = res.remembered.map((r) => r.bytes);
  parentPort!.postMessage(res, buffersOf(res.ok ? [res.snapshot, ...arrays] : arrays));
});
