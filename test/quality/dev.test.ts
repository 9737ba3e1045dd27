// The development set of messy documents (issue 12) stays honest the way the held-out set does:
// every expectation is about text the document really holds, the binary books are rebuilt from
// their text sources byte for byte, and the evaluator reports on every document. This set is the
// one the cleaning rules may be developed against; the held-out set stays for measuring only.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { EXPECT_SUFFIX, containsWords, evaluateFolder, junkLabel, junkMatches, loadExpectations, occurrences, words, type Expectation } from '../../tools/quality/evaluate.js';
import { binaryTargets } from '../../tools/quality/make-binary.js';

const DEV_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), 'dev');
const expectations = loadExpectations(DEV_DIR);
const targets = binaryTargets(DEV_DIR);
const documentFiles = readdirSync(DEV_DIR, { withFileTypes: true })
  .filter((e) => e.isFile() && !e.name.startsWith('.') && !e.name.endsWith(EXPECT_SUFFIX))
  .map((e) => e.name)
  .sort();

function sourceOf(file: string): string {
  const target = targets.find((t) => t.target === file);
  return readFileSync(path.join(DEV_DIR, target ? target.source : file), 'utf8');
}

/** What a reader of the source reads: caption timings and cue ids, and a PDF source's layout marks, left out; hyphenated words joined. */
function readingText(source: string): string {
  const lines = source.split(/\r?\n/);
  return lines
    .filter((l, i) => !l.includes('-->') && !lines[i + 1]?.includes('-->') && !/^(!header |!footer |=== page|!gap)/.test(l))
    .map((l) => l.replace(/^!h1 /, ''))
    .join('\n')
    .replace(/([a-z])-\n([a-z])/g, '$1$2');
}

describe('development set: integrity', () => {
  it('has six documents, each with an expectation file, and no expectation without its document', () => {
    expect(documentFiles.length).toBeGreaterThanOrEqual(6);
    expect([...expectations.keys()].sort()).toEqual(documentFiles);
  });

  it('covers the kinds it was written for', () => {
    const forms = new Set([...expectations.values()].map((e) => e.form));
    for (const form of ['podcast', 'blog-as-txt', 'vtt-voices', 'pdf-book', 'epub-book', 'live-blog'] as const) expect(forms).toContain(form);
  });

  it('documents are long enough to be realistic (400+ words of source text)', () => {
    for (const file of documentFiles) expect(words(readingText(sourceOf(file))).trim().split(' ').length, file).toBeGreaterThanOrEqual(400);
  });

  describe.each([...expectations.entries()])('%s', (file: string, exp: Expectation) => {
    const source = sourceOf(file);
    const reading = readingText(source);

    it('every phrase that must survive is really in the document', () => {
      expect(exp.mustSurvive.filter((p) => !containsWords(reading, p))).toEqual([]);
    });

    it('every piece of junk is really in the document, and no phrase that must survive is junk', () => {
      expect(exp.mustNotAppear.filter((j) => !junkMatches(source, j)).map(junkLabel)).toEqual([]);
      for (const phrase of exp.mustSurvive) expect(exp.mustNotAppear.filter((j) => junkMatches(phrase, j)).map(junkLabel), phrase).toEqual([]);
    });

    it('every repeat is really repeated, and every labelled phrase is really there', () => {
      for (const phrase of exp.once ?? []) expect(occurrences(reading, phrase), phrase).toBeGreaterThanOrEqual(2);
      for (const check of exp.speakerChecks ?? []) {
        expect(containsWords(reading, check.phrase), check.phrase).toBe(true);
        if (check.speaker) expect(exp.speakers ?? [], check.phrase).toContain(check.speaker);
      }
    });
  });

  it('binary documents are exactly what their text sources build', () => {
    expect(targets.map((t) => t.target).sort()).toEqual(documentFiles.filter((f) => /\.(pdf|epub|docx)$/.test(f)));
    for (const t of targets) {
      const committed = new Uint8Array(readFileSync(path.join(DEV_DIR, t.target)));
      expect(Buffer.from(t.build()).equals(Buffer.from(committed)), `${t.target} is stale: run npx tsx tools/quality/make-binary.ts --dir test/quality/dev`).toBe(true);
    }
  });

  it('the evaluator serves and reports every document', async () => {
    const report = await evaluateFolder(DEV_DIR);
    expect(report.documents.map((d) => d.file)).toEqual(documentFiles);
    for (const d of report.documents) expect(d.status, d.file).toBe('served');
  });
});
