import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runNpm } from '../helpers/spawn.js';
import { residueOf } from '../../src/core/ingest/residue.js';

const cli = async (...args: string[]) => {
  const r = await runNpm(['run', 'cli', '--', ...args]);
  return { ...r, json: args.includes('--json') ? JSON.parse(r.stdout) : undefined };
};

describe('npm run cli (one command, JSON contract)', () => {
  it('topic --json gives results with id, text, source {id, title} and speaker', async () => {
    const r = await cli('topic', 'technical', 'humility', '--json');
    expect(r.code).toBe(0);
    expect(r.json.results).toHaveLength(3);
    for (const p of r.json.results) {
      expect(p).toMatchObject({ id: expect.any(String), text: expect.any(String), source: { id: expect.any(String), title: expect.any(String) } });
      expect(p).toHaveProperty('speaker');
    }
    expect(r.json.results[0].text).toMatch(/humility/i);
  });

  it('respects --source, --limit and --seed (same seed, same quote)', async () => {
    const a = await cli('quote', '--seed', '42', '--source', 'pretraining-gpt-4-5', '--json');
    const b = await cli('quote', '--seed', '42', '--source', 'pretraining-gpt-4-5', '--json');
    expect(a.json.results[0].id).toBe(b.json.results[0].id);
    expect(a.json.results[0].source.id).toBe('pretraining-gpt-4-5');
    const limited = await cli('topic', 'scaling', '--limit', '1', '--json');
    expect(limited.json.results).toHaveLength(1);
  });

  it('daily is stable for a channel and date', async () => {
    const a = await cli('daily', '--date', '2026-05-01', '--channel', 'book-club', '--json');
    const b = await cli('daily', '--date', '2026-05-01', '--channel', 'book-club', '--json');
    expect(a.json.results[0].id).toBe(b.json.results[0].id);
  });

  it('an error is {"error": ...} with exit code 2', async () => {
    const r = await cli('daily', '--date', '2026-13-01', '--json');
    expect(r.code).toBe(2);
    expect(r.json.error).toMatch(/YYYY-MM-DD|calendar/);
    const unknown = await cli('topic', 'scaling', '--source', 'nope', '--json');
    expect(unknown.code).toBe(2);
    expect(unknown.json.error).toMatch(/Did you mean/);
    const badLimit = await cli('topic', 'x', '--limit', 'lots', '--json');
    expect(badLimit.code).toBe(2);
    expect(badLimit.json.error).toMatch(/--limit/);
  });

  it('passages --json lists every passage the bot can serve', async () => {
    const r = await cli('passages', '--json');
    expect(r.code).toBe(0);
    expect(r.json.results.length).toBeGreaterThan(100);
    const ids = r.json.results.map((p: { id: string }) => p.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(r.json.skipped).toEqual([]);
  });
});

/** A small reading-group folder: a labelled panel transcript, an essay, and two files that cannot be served. */
function shelfWithBadFiles(): { corpus: string; snapshots: string } {
  const corpus = mkdtempSync(path.join(os.tmpdir(), 'rg-cli-shelf-'));
  writeFileSync(
    path.join(corpus, 'soil-panel.txt'),
    [
      'Maria Lopez: Compost changes the way water moves through a bed, and that matters more than any single fertiliser you could buy.',
      'Tom Reed: I agree, and I would add that mulch keeps the top layer from baking in summer, which protects the small roots near the surface.',
      'Maria Lopez: We saw that in our own plots last year, where the mulched rows held moisture for days after the others had dried out.',
    ].join('\n\n'),
  );
  writeFileSync(
    path.join(corpus, 'slow-reading.md'),
    '# Why we read slowly\n\nSlow reading is a habit worth keeping. When a group reads a chapter a week, each member has time to notice the small turns of an argument.\n\n## Method\n\nWe keep a shared page of questions, and each one names the passage it came from, so talk returns to the text.\n',
  );
  writeFileSync(path.join(corpus, 'empty-notes.txt'), '');
  writeFileSync(path.join(corpus, 'scan.txt'), Buffer.from([0x25, 0x50, 0x00, 0x01, 0x02, 0x00, 0xff, 0x00]));
  return { corpus, snapshots: mkdtempSync(path.join(os.tmpdir(), 'rg-cli-snap-')) };
}

describe('npm run cli names the files it does not serve', () => {
  const cliIn = async (shelf: { corpus: string; snapshots: string }, ...args: string[]) => {
    const r = await runNpm(['run', 'cli', '--', ...args], { env: { CORPUS_DIR: shelf.corpus, SNAPSHOT_DIR: shelf.snapshots } });
    return { ...r, json: args.includes('--json') ? JSON.parse(r.stdout) : undefined };
  };

  it('on stderr for every command, in passages --json with the reason, and in /sources, after a restart too', async () => {
    const shelf = shelfWithBadFiles();
    const listed = await cliIn(shelf, 'passages', '--json');
    expect(listed.code).toBe(0);
    expect(listed.json.skipped).toEqual([
      { file: 'empty-notes.txt', reason: expect.stringMatching(/empty/) },
      { file: 'scan.txt', reason: expect.stringMatching(/\w/) },
    ]);
    expect(listed.json.results.map((p: { source: { id: string } }) => p.source.id)).not.toContain('scan');
    // Plain lines on stderr, stdout left as the JSON alone.
    expect(listed.stderr).toMatch(/^Corpus file empty-notes\.txt: .*empty.*skipped\.$/m);
    expect(listed.stderr).toMatch(/^Corpus file scan\.txt: \w.*skipped\.$/m);

    // The second start restores the snapshot the first saved; what was skipped is still said.
    expect(readdirSync(shelf.snapshots).some((f) => f.endsWith('.snap'))).toBe(true);
    const topic = await cliIn(shelf, 'topic', 'mulch');
    expect(topic.code).toBe(0);
    expect(topic.stdout).toMatch(/mulch/);
    expect(topic.stderr).toMatch(/^Corpus file scan\.txt: /m);
    const sources = await cliIn(shelf, 'sources');
    expect(sources.stdout).toMatch(/Not served:\s+empty-notes\.txt: .*empty[\s\S]*scan\.txt: \w/);
    const sourcesJson = await cliIn(shelf, 'sources', '--json');
    expect(sourcesJson.json.skippedTotal).toBe(2);
    expect(sourcesJson.json.skipped.map((s: { file: string }) => s.file)).toEqual(['empty-notes.txt', 'scan.txt']);
  });

  it('passages --stats counts passages, speaker coverage and quotable ones per document, then totals and skipped files', async () => {
    const shelf = shelfWithBadFiles();
    const all = await cliIn(shelf, 'passages', '--json');
    const stats = await cliIn(shelf, 'passages', '--stats', '--json');
    expect(stats.code).toBe(0);
    const { documents, totals } = stats.json.stats;
    expect(documents.map((d: { id: string }) => d.id).sort()).toEqual(['slow-reading', 'soil-panel']);
    expect(totals.documents).toBe(2);
    expect(totals.passages).toBe(all.json.results.length);
    const panel = documents.find((d: { id: string }) => d.id === 'soil-panel');
    const panelPassages = all.json.results.filter((p: { source: { id: string } }) => p.source.id === 'soil-panel');
    expect(panel.passages).toBe(panelPassages.length);
    expect(panel.withSpeaker).toBe(panelPassages.filter((p: { speaker: string | null }) => p.speaker).length);
    expect(panel.withSpeaker).toBeGreaterThan(0);
    expect(panel.speakerCoverage).toBeCloseTo(panel.withSpeaker / panel.passages);
    expect(documents.find((d: { id: string }) => d.id === 'slow-reading').withSpeaker).toBe(0);
    expect(totals.quotable).toBe(all.json.results.filter((p: { quotability: number }) => p.quotability >= 0.5).length);
    // Junk-free is what the residue lint finds nothing in: the same passages `passages --json` serves.
    expect(totals.junkFree).toBe(all.json.results.filter((p: { text: string }) => residueOf(p.text) === undefined).length);
    expect(stats.json.skipped.map((s: { file: string }) => s.file)).toEqual(['empty-notes.txt', 'scan.txt']);

    const plain = await cliIn(shelf, 'passages', '--stats');
    expect(plain.code).toBe(0);
    expect(plain.stdout).toMatch(/^document\s+passages\s+junk-free\s+speaker\s+coverage\s+quotable$/m);
    expect(plain.stdout).toMatch(new RegExp(`^soil-panel\\s+${panel.passages}\\s+${panel.junkFree}\\s+${panel.withSpeaker}\\s+${Math.round(panel.speakerCoverage * 100)}%\\s+${panel.quotable}$`, 'm'));
    expect(plain.stdout).toMatch(/^total \(2 documents\)/m);
    expect(plain.stdout).toMatch(/Not served \(2\):\n {2}empty-notes\.txt: .*\n {2}scan\.txt: /);
    const scoped = await cliIn(shelf, 'passages', '--stats', '--source', 'soil-panel', '--json');
    expect(scoped.json.stats.documents.map((d: { id: string }) => d.id)).toEqual(['soil-panel']);
  });

  it('--help says what each stats column means', async () => {
    const help = await runNpm(['run', 'cli', '--', '--help']);
    expect(help.stdout).toMatch(/--stats/);
    expect(help.stdout).toMatch(/junk-free/);
  });
});
