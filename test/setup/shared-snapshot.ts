// Runs once before the suite: builds the bundled corpus's search index into one snapshot folder
// that every spawned `npm start` / `npm run cli` shares, so a test process restores the index in
// milliseconds instead of each rebuilding it (which, on a busy 2-core machine, made them late).
// Spawned bots run the compiled tree (npm start builds dist/ when it is stale), so it also builds
// dist/ once here, before any of them: none builds it mid-test, and none runs a stale one.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { PROJECT_ROOT } from '../../src/config.js';
import { loadLibrary } from '../../src/core/library/load.js';
import { build, buildState, withLock } from '../../scripts/build.mjs';

declare module 'vitest' {
  export interface ProvidedContext {
    sharedSnapshotDir: string;
  }
}

export default async function setup(project: TestProject): Promise<() => void> {
  if (buildState() !== 'fresh') {
    const built = await withLock(async () => buildState() === 'fresh' || (await build({ quiet: true })));
    if (!built) throw new Error('npm run build failed (tsc errors above): the spawned-bot tests would run a stale dist/.');
  }
  const dir = mkdtempSync(path.join(os.tmpdir(), 'rg-shared-snapshots-'));
  await loadLibrary(path.join(PROJECT_ROOT, 'data/corpus'), { snapshotDir: dir });
  project.provide('sharedSnapshotDir', dir);
  return () => rmSync(dir, { recursive: true, force: true });
}
