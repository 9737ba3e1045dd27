// Corpus loading: a folder of documents plus metadata becomes clean, display-ready sentences.
// Every problem with one file is a warning naming it; only an unusable folder is an error.

import { createHash } from 'node:crypto';
import { open, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { errorMessage, UserError } from '../errors.js';
import { log } from '../log.js';
import type { IngestedDocument, IngestResult, IngestWarning } from '../corpus.js';
import { DOCUMENT_READERS, type ReaderRegistry, type ReadOutcome } from '../readers/index.js';
import { listCorpusFiles, type CorpusFiles } from './files.js';
import { SIDECAR, completeMeta, parseSidecar, validateMeta } from './metadata.js';
import { analyzeText } from './pipeline.js';
import { guessKind } from './structure.js';

export { ingestText, analyzeText } from './pipeline.js';

/**
 * What a reload remembers of the last good load, per file: documents whose bytes and metadata are
 * unchanged are not cleaned again, and a file that turns unreadable keeps its last good version.
 * With `remember: 'bytes'` only the file's last good bytes are kept (a third of the memory of the
 * cleaned document): nothing is skipped, but a broken file is still served from its old bytes.
 */
export type IngestCache = Map<string, { key: string; doc?: IngestedDocument; bytes?: Buffer }>;

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

export interface LoadOptions {
  cache?: IngestCache;
  remember?: 'documents' | 'bytes';
  /** The formats read; the bot's own list unless a test brings its own. */
  readers?: ReaderRegistry;
}

export async function loadCorpus(dir: string, opts: LoadOptions = {}): Promise<IngestResult> {
  const cache = opts.cache;
  const readers = opts.readers ?? DOCUMENT_READERS;
  const missing = () =>
    new UserError(`Corpus folder not found: ${dir}. Set CORPUS_DIR to a folder of ${readers.describe()} files.`, 'corpus_missing');
  let listed: CorpusFiles;
  try {
    if (!(await stat(dir)).isDirectory()) throw missing();
    listed = await listCorpusFiles(dir, readers);
  } catch (e) {
    if (e instanceof UserError) throw e;
    throw missing();
  }

  const warnings: IngestWarning[] = [];
  // Files with unknown endings take their turn in name order, like the rest (ids are given in order).
  const unnamed = new Set(listed.others);
  const files = [...listed.documents, ...listed.others].sort();
  const sidecar = await readSidecars(dir, listed.sidecars, new Set(files), warnings);

  const documents: IngestedDocument[] = [];
  const usedIds = new Set<string>();
  for (const file of files) {
    const full = path.join(dir, file);
    // A file that breaks after a good load keeps serving its last good version.
    const keepPrevious = async (problem: string): Promise<boolean> => {
      const previous = cache?.get(file);
      const doc = previous?.doc ?? (previous?.bytes && (await ingestBytes(readers, file, previous.bytes, sidecar.get(file), [])));
      if (!doc || 'problem' in doc || usedIds.has(doc.meta.id)) return false;
      warnings.push({ file, message: `${problem}; still serving its previous version` });
      usedIds.add(doc.meta.id);
      documents.push(doc);
      return true;
    };
    let bytes: Buffer;
    try {
      const info = await stat(full);
      if (!info.isFile()) continue;
      if (unnamed.has(file)) {
        // An empty file of no known format is nothing at all (an icon's data fork, a placeholder).
        if (info.size === 0) continue;
        // The head decides, so a film or an archive beside the books is named, not read whole.
        if (!readers.byContent(await readHead(full))) {
          warnings.push({ file, message: `${notAFormat(readers)}; skipped`, skipped: true });
          continue;
        }
      }
      bytes = await readFile(full);
    } catch (e) {
      const problem = `could not be read (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`;
      if (!(await keepPrevious(problem))) warnings.push({ file, message: `${problem}; skipped`, skipped: true });
      continue;
    }
    const hash = sha256(bytes);
    const key = `${hash}:${JSON.stringify(sidecar.get(file) ?? null)}`;
    const cached = cache?.get(file);
    if (cached?.doc && cached.key === key && !usedIds.has(cached.doc.meta.id)) {
      usedIds.add(cached.doc.meta.id);
      documents.push(cached.doc);
      continue;
    }
    const result = await ingestBytes(readers, file, bytes, sidecar.get(file), warnings, hash);
    if ('problem' in result) {
      if (!(await keepPrevious(result.problem))) warnings.push({ file, message: `${result.problem}; skipped`, skipped: true });
      continue;
    }
    let doc = result;
    if (usedIds.has(doc.meta.id)) {
      let n = 2;
      while (usedIds.has(`${doc.meta.id}-${n}`)) n++;
      warnings.push({ file, message: `id "${doc.meta.id}" is already used by another file; using "${doc.meta.id}-${n}"` });
      doc = { ...doc, meta: { ...doc.meta, id: `${doc.meta.id}-${n}` } };
    }
    usedIds.add(doc.meta.id);
    documents.push(doc);
    cache?.set(file, opts.remember === 'bytes' ? { key, bytes } : { key, doc });
  }
  // Files that are gone are forgotten, so a later file of the same name starts afresh.
  if (cache) for (const file of [...cache.keys()]) if (!files.includes(file)) cache.delete(file);

  if (documents.length === 0)
    throw new UserError(
      `No usable documents in ${dir}: add ${readers.describe()} files with readable text.` +
        (warnings.length ? ` Problems: ${warnings.map((w) => `${w.file}: ${w.message}`).join('; ')}` : ''),
      'corpus_empty',
    );
  return { documents, warnings };
}

const notAFormat = (readers: ReaderRegistry) => `is not in a format the bot reads (it reads ${readers.describe()})`;

/** Enough of a file for every reader's sniff (text readers look at the first 64 KB). */
const HEAD_BYTES = 64 * 1024;

async function readHead(full: string): Promise<Buffer> {
  const handle = await open(full, 'r');
  try {
    const buffer = Buffer.alloc(HEAD_BYTES);
    const { bytesRead } = await handle.read(buffer, 0, HEAD_BYTES, 0);
    return buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

export { CORPUS_FILE_SKIPPED, CORPUS_FILE_WARNING, logIngestWarnings } from './warnings.js';

/**
 * Metadata from every corpus.yaml, keyed by the document's path from the corpus folder. Each
 * sidecar names files relative to its own folder; for a file named by two, the deeper one wins.
 */
async function readSidecars(dir: string, sidecars: string[], files: Set<string>, warnings: IngestWarning[]): Promise<Map<string, unknown>> {
  const out = new Map<string, unknown>();
  for (const rel of sidecars) {
    const folder = path.posix.dirname(rel);
    const own: IngestWarning[] = [];
    let entries = new Map<string, unknown>();
    try {
      entries = parseSidecar(await readFile(path.join(dir, rel), 'utf8'), own);
    } catch (e) {
      own.push({ file: SIDECAR, message: `could not be read (${(e as Error).message}); metadata ignored` });
    }
    // Warnings name the sidecar by its path, so two folders' corpus.yaml are told apart.
    for (const w of own) warnings.push(w.file === SIDECAR ? { ...w, file: rel } : w);
    for (const [name, meta] of entries) {
      const file = folder === '.' ? name : path.posix.join(folder, name);
      if (!files.has(file)) warnings.push({ file: rel, message: `has metadata for "${name}", which is not in the folder` });
      else out.set(file, meta);
    }
  }
  return out;
}

/** One file's bytes -> a cleaned document, or the problem that makes it unusable. */
async function ingestBytes(
  readers: ReaderRegistry,
  file: string,
  bytes: Buffer,
  sidecarEntry: unknown,
  warnings: IngestWarning[],
  hash = sha256(bytes),
): Promise<IngestedDocument | { problem: string }> {
  const reader = readers.forFile(file, bytes);
  if (!reader) return { problem: notAFormat(readers) };
  let read: ReadOutcome;
  try {
    read = await reader.read(bytes);
  } catch (e) {
    // A reader's library choking on a damaged file costs that file, never the load.
    return { problem: `could not be read (${errorMessage(e).slice(0, 200)})` };
  }
  if ('error' in read) return { problem: read.error };
  for (const message of read.warnings) warnings.push({ file, message });
  // Metadata inside the file (front matter) wins over the sidecar, field by field.
  const partial = {
    ...validateMeta(sidecarEntry, file, SIDECAR, warnings),
    ...(read.metadata ? validateMeta(read.metadata.fields, file, read.metadata.where, warnings) : {}),
  };
  // Ids keep the folders ("notes/old.txt" is "notes-old"), so files of one name in two folders
  // stay apart; the default title is the file's own name.
  const title = file.includes('/') ? path.posix.basename(file).replace(/\.[^.]+$/, '') : undefined;
  let meta = completeMeta(partial, file, { kind: guessKind(read.text), ...(title !== undefined ? { title } : {}) });
  const analysis = analyzeText(read.text, meta);
  if (partial.title === undefined && analysis.titleGuess) meta = { ...meta, title: analysis.titleGuess };
  if (analysis.sentences.length === 0) return { problem: 'has no readable sentences after cleaning' };
  return { meta, file, hash, sentences: analysis.sentences };
}
