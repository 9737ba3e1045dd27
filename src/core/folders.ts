// Creating a folder and its missing parents without Node's recursive mkdir, which spins forever
// where mkdir answers ENOENT for a parent that exists (/proc/nope): a wrong DATABASE_PATH or
// SNAPSHOT_DIR must fail at once with the folder named, never hang the bot at 100% CPU.
import { mkdirSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { errorMessage } from './errors.js';

export class FolderError extends Error {
  constructor(
    /** The folder that could not be made or reached. */
    readonly folder: string,
    /** 'file': a file stands where a folder should; 'unreachable': stat failed; 'create': mkdir failed. */
    readonly kind: 'file' | 'unreachable' | 'create',
    /** The errno code, or the error's message. */
    readonly why: string,
  ) {
    super(kind === 'file' ? `${folder} is a file, not a folder` : `cannot ${kind === 'create' ? 'create' : 'reach'} the folder ${folder} (${why})`);
    this.name = 'FolderError';
  }
}

const errno = (e: unknown) => (e as { code?: string }).code;
const why = (e: unknown) => errno(e) ?? errorMessage(e);

/** Makes `dir` and any missing parents, one level at a time; throws FolderError. */
export function makeFolder(dir: string): void {
  const missing: string[] = [];
  let at = resolve(dir);
  for (;;) {
    try {
      if (!statSync(at).isDirectory()) throw new FolderError(at, 'file', 'ENOTDIR');
      break;
    } catch (e) {
      if (e instanceof FolderError) throw e;
      if (errno(e) !== 'ENOENT' && errno(e) !== 'ENOTDIR') throw new FolderError(at, 'unreachable', why(e));
      missing.unshift(at);
      const parent = dirname(at);
      if (parent === at) break;
      at = parent;
    }
  }
  for (const d of missing) {
    try {
      mkdirSync(d);
    } catch (e) {
      if (errno(e) === 'EEXIST' && statSync(d).isDirectory()) continue;
      throw new FolderError(d, 'create', why(e));
    }
  }
}
