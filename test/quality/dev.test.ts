// The development set of messy documents (issue 12) stays honest the way the held-out set does:
// every expectation is about text the document really holds, the binary books are rebuilt from
// their text sources byte for byte, and the evaluator reports on every document. This set is the
// one the cleaning rules may be developed against; the held-out set stays for measuring only.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { evaluateFolder } from '../../tools/quality/evaluate.js';
import { expectationsAreReal, qualitySet } from './integrity.js';

const DEV_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), 'dev');
const set = qualitySet(DEV_DIR);
const { expectations, documentFiles } = set;

describe('development set: integrity', () => {
  it('has six documents, each with an expectation file, and no expectation without its document', () => {
    expect(documentFiles.length).toBeGreaterThanOrEqual(6);
    expect([...expectations.keys()].sort()).toEqual(documentFiles);
  });

  it('covers the kinds it was written for', () => {
    const forms = new Set([...expectations.values()].map((e) => e.form));
    for (const form of ['podcast', 'blog-as-txt', 'vtt-voices', 'pdf-book', 'epub-book', 'live-blog'] as const) expect(forms).toContain(form);
  });

  expectationsAreReal(set, 'npx tsx tools/quality/make-binary.ts --dir test/quality/dev');

  it('the evaluator serves and reports every document', async () => {
    const report = await evaluateFolder(DEV_DIR);
    expect(report.documents.map((d) => d.file)).toEqual(documentFiles);
    for (const d of report.documents) expect(d.status, d.file).toBe('served');
  });
});
