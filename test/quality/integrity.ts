// What keeps a set of messy documents honest, shared by the held-out set and the development set:
// every expectation is about text the document really holds (the junk is really there to leak, the
// phrases really there to lose), and the binary books are exactly what their text sources build.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  EXPECT_SUFFIX,
  containsWords,
  junkLabel,
  junkMatches,
  loadExpectations,
  occurrences,
  words,
  type Expectation,
} from '../../tools/quality/evaluate.js';
import { binaryTargets } from '../../tools/quality/make-binary.js';

export interface QualitySet {
  dir: string;
  expectations: Map<string, Expectation>;
  targets: ReturnType<typeof binaryTargets>;
  documentFiles: string[];
  /** The text a document was written as: the file itself, or the text source of a binary one. */
  sourceOf(file: string): string;
}

export function qualitySet(dir: string): QualitySet {
  const targets = binaryTargets(dir);
  return {
    dir,
    expectations: loadExpectations(dir),
    targets,
    documentFiles: readdirSync(dir, { withFileTypes: true })
      .filter((e) => e.isFile() && !e.name.startsWith('.') && !e.name.endsWith(EXPECT_SUFFIX))
      .map((e) => e.name)
      .sort(),
    sourceOf(file) {
      const target = targets.find((t) => t.target === file);
      return readFileSync(path.join(dir, target ? target.source : file), 'utf8');
    },
  };
}

/**
 * What a reader of the source reads: caption timings and cue ids (the line before a timing), and the
 * page furniture and layout marks of a PDF source, left out; words hyphenated across lines joined again.
 */
export function readingText(source: string): string {
  const lines = source.split(/\r?\n/);
  return lines
    .filter((l, i) => !l.includes('-->') && !lines[i + 1]?.includes('-->') && !/^(!header |!footer |=== page|!gap)/.test(l))
    .map((l) => l.replace(/^!h1 /, ''))
    .join('\n')
    .replace(/([a-z])-\n([a-z])/g, '$1$2');
}

/** The checks every set's expectations and binaries must pass, registered as tests. */
export function expectationsAreReal(set: QualitySet, rebuild: string): void {
  it('documents are long enough to be realistic (400+ words of source text)', () => {
    for (const file of set.documentFiles) expect(words(readingText(set.sourceOf(file))).trim().split(' ').length, file).toBeGreaterThanOrEqual(400);
  });

  describe.each([...set.expectations.entries()])('%s', (file: string, exp: Expectation) => {
    const source = set.sourceOf(file);
    const reading = readingText(source);

    it('every phrase that must survive is really in the document', () => {
      expect(exp.mustSurvive.filter((p) => !containsWords(reading, p))).toEqual([]);
    });

    it('every piece of junk is really in the document', () => {
      expect(exp.mustNotAppear.filter((j) => !junkMatches(source, j)).map(junkLabel)).toEqual([]);
    });

    it('no phrase that must survive is itself junk', () => {
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
    expect(set.targets.map((t) => t.target).sort()).toEqual(set.documentFiles.filter((f) => /\.(pdf|epub|docx)$/.test(f)));
    for (const t of set.targets) {
      const committed = new Uint8Array(readFileSync(path.join(set.dir, t.target)));
      expect(Buffer.from(t.build()).equals(Buffer.from(committed)), `${t.target} is stale: run ${rebuild}`).toBe(true);
    }
  });
}
