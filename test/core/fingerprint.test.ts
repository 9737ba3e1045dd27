// The snapshot key's code half: editing how replies look must keep a saved index, editing how
// documents are cleaned or indexed must rebuild it.
import { appendFileSync, cpSync, mkdtempSync, readdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../src/config.js';
import { sourceFingerprint } from '../../src/core/library/fingerprint.js';

let src: string;
const entries = () => ['core/library/build.ts', 'core/library/snapshot.ts'].map((f) => path.join(src, f));
const fingerprint = async () => (await sourceFingerprint(entries(), src)).hash;
const edit = (file: string) => appendFileSync(path.join(src, file), '\n// edited\n');

beforeEach(() => {
  // A copy of the source tree, so edits never touch the checkout.
  src = path.join(mkdtempSync(path.join(os.tmpdir(), 'fingerprint-')), 'src');
  cpSync(path.join(PROJECT_ROOT, 'src'), src, { recursive: true });
});

describe('snapshot code fingerprint', () => {
  it('covers the cleaning and indexing code and nothing a reply is made of', async () => {
    const { files } = await sourceFingerprint(entries(), src);
    const rel = files.map((f) => path.relative(src, f));
    for (const folder of ['core/readers', 'core/ingest', 'core/search']) {
      // residue.ts only lints served text (for --stats and the quality report); it changes nothing indexed.
      const all = readdirSync(path.join(src, folder)).filter((f) => f.endsWith('.ts') && `${folder}/${f}` !== 'core/ingest/residue.ts');
      for (const f of all) expect(rel, `${folder}/${f} shapes the index`).toContain(`${folder}/${f}`);
    }
    expect(rel.filter((f) => !f.startsWith('core/'))).toEqual([]);
    expect(rel).not.toContain('core/library/library.ts');
  });

  it('stays the same when a reply, a command, a platform or the library around the index changes', async () => {
    const before = await fingerprint();
    for (const f of ['bot/reply.ts', 'bot/command.ts', 'platforms/discord/render.ts', 'core/library/library.ts', 'core/library/load.ts', 'core/library/discussion.ts']) {
      edit(f);
      expect(await fingerprint(), `editing ${f}`).toBe(before);
    }
  });

  it('changes when the cleaning, the passages, the index or the snapshot encoding changes', async () => {
    let before = await fingerprint();
    for (const f of ['core/readers/txt.ts', 'core/readers/text.ts', 'core/ingest/chrome.ts', 'core/ingest/passages.ts', 'core/search/text.ts', 'core/search/postings.ts', 'core/library/snapshot.ts', 'core/corpus.ts']) {
      edit(f);
      const after = await fingerprint();
      expect(after, `editing ${f}`).not.toBe(before);
      before = after;
    }
  });
});
