// The vector worker: embeds passages off the main thread, after the lexical library is already
// answering, and hands back quantised vectors by transfer. Passages whose text was embedded by the
// same model before (a reload) reuse their vectors, so only changed passages cost model time.
import { parentPort } from 'node:worker_threads';
import { errorMessage } from '../errors.js';
import { EMBED_BATCH } from '../search/vectors/embedder.js';
import { quantise, vectorKey, type VectorData } from '../search/vectors/passage-vectors.js';
import { loadEmbedder } from '../search/vectors/use-embedder.js';

export interface VectorRequest {
  texts: string[];
  modelDir?: string;
  /** Vectors from the last run, by vectorKey of their text. */
  reuse?: { model: string; dims: number; keys: string[]; values: Int8Array; scales: Float32Array };
}

export type VectorResponse =
  | { ok: true; data: VectorData; embedded: number; ms: number }
  | { ok: false; message: string };

export async function embedPassages(req: VectorRequest): Promise<{ data: VectorData; embedded: number }> {
  const embedder = await loadEmbedder(req.modelDir);
  const { dims } = embedder;
  const n = req.texts.length;
  const values = new Int8Array(n * dims);
  const scales = new Float32Array(n);
  const known = new Map<string, number>();
  const reuse = req.reuse?.model === embedder.name && req.reuse.dims === dims ? req.reuse : undefined;
  reuse?.keys.forEach((k, i) => known.set(k, i));
  const todo: number[] = [];
  req.texts.forEach((t, p) => {
    const old = known.get(vectorKey(t));
    if (old === undefined || !reuse) return void todo.push(p);
    values.set(reuse.values.subarray(old * dims, (old + 1) * dims), p * dims);
    scales[p] = reuse.scales[old]!;
  });
  for (let at = 0; at < todo.length; at += EMBED_BATCH) {
    const batch = todo.slice(at, at + EMBED_BATCH);
    const vecs = await embedder.embed(batch.map((p) => req.texts[p]!));
    batch.forEach((p, i) => (scales[p] = quantise(vecs[i]!, values, p * dims)));
  }
  return { data: { model: embedder.name, dims, values, scales }, embedded: todo.length };
}

parentPort?.once('message', async (req: VectorRequest) => {
  const started = performance.now();
  let res: VectorResponse;
  try {
    const { data, embedded } = await embedPassages(req);
    res = { ok: true, data, embedded, ms: Math.round(performance.now() - started) };
  } catch (e) {
    res = { ok: false, message: errorMessage(e) };
  }
  parentPort!.postMessage(res, res.ok ? [res.data.values.buffer as ArrayBuffer, res.data.scales.buffer as ArrayBuffer] : []);
});
