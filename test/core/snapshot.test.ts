import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync, appendFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../src/config.js';
import { buildState } from '../../src/core/library/build.js';
import { BuildThread } from '../../src/core/library/build-thread.js';
import { loadLibrary, SNAPSHOT_NOT_SAVED, SNAPSHOT_REJECTED } from '../../src/core/library/load.js';
import { configureLog } from '../../src/core/log.js';
import { corpusKey, decodeSnapshot, encodeSnapshot, snapshotPath } from '../../src/core/library/snapshot.js';
import type { Library } from '../../src/core/library/library.js';

const BUNDLED = path.join(PROJECT_ROOT, 'data/corpus');
const QUERIES = ['scaling laws', 'monorepo', 'Open AI', 'humility', 'data centers power', 'reinforcment lerning', 'the'];
const tmp = (prefix: string) => mkdtempSync(path.join(os.tmpdir(), prefix));

/** What a user would see of a library: every passage, and the answers to some searches. */
function observable(library: Library) {
  return {
    passages: library.corpus.passages.map((p) => ({ ...p })),
    documents: library.corpus.documents,
    eligible: library.eligible.map((p) => p.id),
    searches: QUERIES.map((q) => {
      const r = library.search(q, { limit: 5 });
      return { total: r.total, hits: r.hits.map((h) => [h.passage.id, h.score, h.highlights]) };
    }),
    completions: library.querySuggestions('scaling la'),
  };
}

const events: Record<string, unknown>[] = [];
beforeAll(() => configureLog({ level: 'info', sink: (l) => events.push(JSON.parse(l)) }));
afterAll(() => configureLog({ level: 'info', sink: (l) => process.stderr.write(l + '\n') }));

describe('index snapshots', () => {
  it('give back exactly the library they were made from', async () => {
    const state = await buildState(BUNDLED);
    const { key } = await corpusKey(BUNDLED);
    const fresh = await loadLibrary(BUNDLED);
    const dir = tmp('snap-');
    expect((await loadLibrary(BUNDLED, { snapshotDir: dir })).source).toBe('build');
    const restored = await loadLibrary(BUNDLED, { snapshotDir: dir });
    expect(restored.source).toBe('snapshot');
    // One very long sentence (an unpunctuated paste), and text in scripts beyond Latin-1.
    const odd = state.corpus.passages[0]!;
    odd.sentences = ['word '.repeat(20_000).trim() + '.', 'Ни одна “умная” фраза 🙂 не потеряна.'];
    odd.text = odd.sentences.join(' ');
    const decoded = await decodeSnapshot(encodeSnapshot(state, key), key);
    expect(decoded.corpus.passages.length).toBe(state.corpus.passages.length);
    expect(decoded.corpus.passages).toEqual(state.corpus.passages);
    expect(observable(restored.library)).toEqual(observable(fresh.library));
  });

  it('are reused while the corpus is unchanged, and rebuilt when a file changes', async () => {
    const corpus = tmp('snap-corpus-');
    cpSync(BUNDLED, corpus, { recursive: true });
    const dir = tmp('snap-');
    const first = await loadLibrary(corpus, { snapshotDir: dir });
    const second = await loadLibrary(corpus, { snapshotDir: dir });
    expect([first.source, second.source]).toEqual(['build', 'snapshot']);
    expect(observable(second.library)).toEqual(observable(first.library));

    appendFileSync(path.join(corpus, readdirSync(corpus).find((f) => f.endsWith('.md') || f.endsWith('.txt'))!), '\n\nZanzibarian tokenizers are the quiet heroes of every training run we have ever done.\n');
    const third = await loadLibrary(corpus, { snapshotDir: dir });
    expect(third.source).toBe('build');
    expect(third.library.search('zanzibarian').hits[0]?.passage.text).toMatch(/Zanzibarian tokenizers/);
    expect(events.some((e) => e.event === SNAPSHOT_REJECTED && /other corpus files/.test(String(e.reason)))).toBe(true);
    expect((await loadLibrary(corpus, { snapshotDir: dir })).source).toBe('snapshot');
  });

  it('are rebuilt when a file in a subfolder is added or changed', async () => {
    const corpus = tmp('snap-corpus-');
    cpSync(BUNDLED, corpus, { recursive: true });
    const dir = tmp('snap-');
    await loadLibrary(corpus, { snapshotDir: dir });
    mkdirSync(path.join(corpus, 'shelf', 'notes'), { recursive: true });
    const nested = path.join(corpus, 'shelf', 'notes', 'zanzibar.txt');
    writeFileSync(nested, 'Zanzibarian tokenizers are the quiet heroes of every training run we have ever done.\n');
    const added = await loadLibrary(corpus, { snapshotDir: dir });
    expect(added.source).toBe('build');
    expect(added.library.search('zanzibarian').hits[0]?.passage.docId).toBe('shelf-notes-zanzibar');
    expect((await loadLibrary(corpus, { snapshotDir: dir })).source).toBe('snapshot');
    writeFileSync(nested, 'Quokkas review every pull request with unusual care and a steady smile.\n');
    const changed = await loadLibrary(corpus, { snapshotDir: dir });
    expect(changed.source).toBe('build');
    expect(changed.library.search('quokkas').hits.length).toBe(1);
  });

  it('are never trusted when damaged: flipped bytes, truncation or junk mean a rebuild', async () => {
    const dir = tmp('snap-');
    const expected = observable((await loadLibrary(BUNDLED, { snapshotDir: dir })).library);
    const file = snapshotPath(dir, BUNDLED);
    const good = readFileSync(file);
    const flipped = Buffer.from(good);
    flipped[flipped.length - 100]! ^= 0xff;
    for (const damaged of [flipped, good.subarray(0, good.length >> 1), Buffer.from('not a snapshot at all')]) {
      writeFileSync(file, damaged);
      const loaded = await loadLibrary(BUNDLED, { snapshotDir: dir });
      expect(loaded.source).toBe('build');
      expect(observable(loaded.library)).toEqual(expected);
      // The rebuild replaced the damaged file with a good one.
      expect((await loadLibrary(BUNDLED, { snapshotDir: dir })).source).toBe('snapshot');
    }
    expect(events.filter((e) => e.event === SNAPSHOT_REJECTED).map((e) => e.reason)).toEqual(
      expect.arrayContaining([expect.stringMatching(/checksum/), expect.stringMatching(/truncated|checksum|missing/), expect.stringMatching(/not a snapshot/)]),
    );
  });

  it('cannot stop the library loading when they cannot be written', async () => {
    const blocked = path.join(tmp('snap-'), 'a-file');
    writeFileSync(blocked, 'not a folder');
    const loaded = await loadLibrary(BUNDLED, { snapshotDir: path.join(blocked, 'snapshots') });
    expect(loaded.source).toBe('build');
    expect(loaded.library.search('scaling laws').hits.length).toBeGreaterThan(0);
    expect(events.some((e) => e.event === SNAPSHOT_NOT_SAVED)).toBe(true);
  });

  it('cannot hang the load where the folder can never be made (/proc, where recursive mkdir spins)', async () => {
    events.length = 0;
    const loaded = await loadLibrary(BUNDLED, { snapshotDir: '/proc/nope/snapshots' });
    expect(loaded.source).toBe('build');
    expect(events.find((e) => e.event === SNAPSHOT_NOT_SAVED)).toMatchObject({ error: expect.stringMatching(/cannot create the folder \/proc\/nope/) });
  });

  it('are built in the worker thread with the same result, and its errors come back friendly', async () => {
    const thread = new BuildThread();
    try {
      const inWorker = await loadLibrary(BUNDLED, { thread, useWorker: true, snapshotDir: tmp('snap-') });
      expect(inWorker.source).toBe('build');
      expect(observable(inWorker.library)).toEqual(observable((await loadLibrary(BUNDLED)).library));
      await expect(loadLibrary(tmp('empty-'), { thread, useWorker: true })).rejects.toMatchObject({ name: 'UserError', code: 'corpus_empty' });
    } finally {
      await thread.close();
    }
  });
});
