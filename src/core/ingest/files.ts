// Which files of a corpus folder are read: documents and corpus.yaml sidecars, in subfolders too,
// since shelves are organised in folders. Loading and the snapshot key both list files here, so a
// file the index is built from is always a file whose change rebuilds it. A document is a file
// whose ending a reader takes; every other file is listed too, so that ingest can read it when its
// bytes carry a format's marks and otherwise name it in a warning: no file is left out without a
// word, except what the system and editors leave beside documents (hidden files, lock files).
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { DOCUMENT_READERS, type ReaderRegistry } from '../readers/index.js';
import { SIDECAR } from './metadata.js';

/** Folders that hold tooling, not reading: never descended into (hidden folders neither). */
const SKIPPED_FOLDERS = new Set(['node_modules', '__pycache__', '__MACOSX']);
/** Deeper than this is a mistake (a whole disk as the corpus), not a shelf. */
const MAX_DEPTH = 12;

export interface CorpusFiles {
  /** Document paths relative to the corpus folder, with "/" between folders, sorted. */
  documents: string[];
  /** corpus.yaml paths, likewise, shallowest first. */
  sidecars: string[];
  /** Files whose ending no reader takes, likewise sorted: read if their bytes say a format, else warned about. */
  others: string[];
}

/**
 * Files that are never someone's document, by the shape of their names: hidden files (.DS_Store,
 * editor swap files), Office lock files (~$report.docx), editor backups (notes.txt~), names with
 * control characters (macOS's "Icon\r"), and the two folder-settings files Windows writes.
 */
const isClutter = (name: string) =>
  name.startsWith('.') || name.startsWith('~$') || name.endsWith('~') || /[\u0000-\u001f\u007f]/.test(name) || /^(?:thumbs\.db|desktop\.ini)$/i.test(name);

/** Lists a corpus folder. Throws only when the folder itself cannot be read. */
export async function listCorpusFiles(dir: string, readers: ReaderRegistry = DOCUMENT_READERS): Promise<CorpusFiles> {
  const documents: string[] = [];
  const sidecars: string[] = [];
  const others: string[] = [];
  const walk = async (rel: string, depth: number): Promise<void> => {
    let entries;
    try {
      entries = await readdir(rel ? path.join(dir, rel) : dir, { withFileTypes: true });
    } catch (e) {
      if (!rel) throw e;
      // A subfolder that vanished or is unreadable mid-walk costs only its own files.
      return;
    }
    for (const e of entries) {
      const at = rel ? `${rel}/${e.name}` : e.name;
      // Symbolic links to folders are not followed: a link back up would never end.
      if (e.isDirectory()) {
        if (!e.name.startsWith('.') && !SKIPPED_FOLDERS.has(e.name) && depth < MAX_DEPTH) await walk(at, depth + 1);
      } else if (e.name === SIDECAR) sidecars.push(at);
      else if (isClutter(e.name)) continue;
      else if (readers.byName(e.name)) documents.push(at);
      else others.push(at);
    }
  };
  await walk('', 0);
  const depth = (p: string) => p.split('/').length;
  return { documents: documents.sort(), others: others.sort(), sidecars: sidecars.sort((a, b) => depth(a) - depth(b) || (a < b ? -1 : 1)) };
}
