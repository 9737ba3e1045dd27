// Runs once before the suite: builds the bundled corpus's search index into one snapshot folder
// that every spawned `npm start` / `npm run cli` shares, so a test process restores the index in
// milliseconds instead of each rebuilding it (which, on a busy 2-core machine, made them late).
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { PROJECT_ROOT } from '../../src/config.js';
import { loadLibrary } from '../../src/core/library/load.js';

declare module 'vitest' {
  export interface ProvidedContext {
    sharedSnapshotDir: string;
  }
}

export default async function setup(project: TestProject): Promise<() => void> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'rg-shared-snapshots-'));
  await loadLibrary(path.join(PROJECT_ROOT, 'data/corpus'), { snapshotDir: dir });
  project.provide('sharedSnapshotDir', dir);
  return () => rmSync(dir, { recursive: true, force: true });
}
