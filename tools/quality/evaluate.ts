// Measures what the bot serves from a folder of messy documents against one expectation file per
// document (`<file>.expect.json`): the title, kind and language a reader sees, junk that must not
// reach any passage, phrases that must survive whole in one passage, repeats that must be served
// once, and who is credited with what. It runs the real loading pipeline (loadCorpus, then
// buildCorpus) on the folder, so it measures exactly what `/quote` and `/topic` draw from.
// It is a measurement, not a gate: failures are counted, never thrown.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { DOC_KINDS, type Corpus, type IngestResult, type Passage } from '../../src/core/corpus.js';
import { errorMessage } from '../../src/core/errors.js';
import { loadCorpus } from '../../src/core/ingest/index.js';
import { buildCorpus } from '../../src/core/ingest/passages.js';
import { narratorName } from '../../src/core/ingest/narrator.js';
import { residueOf } from '../../src/core/ingest/residue.js';

/** The kinds of messy document issue 12 names; the held-out set has at least one of each. */
export const FORMS = [
  'captions-as-txt',
  'vtt-voices',
  'srt-turns',
  'podcast',
  'panel',
  'blog-html',
  'blog-as-txt',
  'live-blog',
  'editorial-transcript',
  'pdf-book',
  'epub-book',
  'docx-essay',
  'markdown-transcript',
] as const;

/** Junk is a phrase (matched on words, like phrases) or `{ re }`, a regular expression over passage text. */
const Junk = z.union([z.string().min(1), z.object({ re: z.string().min(1) })]);
export type Junk = z.infer<typeof Junk>;

export const Expectation = z
  .object({
    /** Which of the issue's kinds this document stands for. */
    form: z.enum(FORMS),
    title: z.string().min(1).optional(),
    kind: z.enum(DOC_KINDS).optional(),
    language: z.string().length(2).optional(),
    /** Every name that may be credited, in canonical form; no name outside it is right. */
    speakers: z.array(z.string().min(1)).optional(),
    mustNotAppear: z.array(Junk),
    mustSurvive: z.array(z.string().min(1)).min(1),
    /** Text the document repeats (pull quotes, rolling captions) that must be served once. */
    once: z.array(z.string().min(1)).optional(),
    /** The passage holding `phrase` is credited to `speaker`, and never to any of `notSpeaker`. */
    speakerChecks: z
      .array(
        z
          .object({ phrase: z.string().min(1), speaker: z.string().min(1).optional(), notSpeaker: z.array(z.string().min(1)).optional() })
          .strict()
          .refine((c) => c.speaker !== undefined || c.notSpeaker !== undefined, 'needs speaker or notSpeaker'),
      )
      .optional(),
    note: z.string().optional(),
  })
  .strict();
export type Expectation = z.infer<typeof Expectation>;

export const EXPECT_SUFFIX = '.expect.json';

/**
 * Lower-case words with markup and punctuation dropped, one space apart, with spaces at both ends
 * so a phrase matches whole words only. Phrases are compared this way so that a cleaner adding
 * a full stop or re-casing a caption does not count as losing the phrase.
 */
export function words(text: string): string {
  const w = text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/<[^>\n]*>/g, ' ')
    .replace(/&[a-z]+;|&#\d+;/g, ' ')
    .replace(/['’‘]/g, '')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
  return ` ${w} `;
}

export const containsWords = (haystack: string, phrase: string) => words(haystack).includes(words(phrase));

/** How often a phrase occurs in a text; two occurrences may share the space between them. */
export function occurrences(haystack: string, phrase: string): number {
  const h = words(haystack);
  const p = words(phrase);
  let n = 0;
  for (let at = h.indexOf(p); at >= 0; at = h.indexOf(p, at + p.length - 1)) n++;
  return n;
}

export function junkMatches(text: string, junk: Junk): boolean {
  return typeof junk === 'string' ? containsWords(text, junk) : new RegExp(junk.re, 'iu').test(text);
}

/** Passages with residue (residue.ts), counted for any served set: the bundled and held-out reports share it. */
export function residueIn(passages: readonly Passage[], samples = 3): { count: number; samples: { what: string; passage: string }[] } {
  let count = 0;
  const out: { what: string; passage: string }[] = [];
  for (const p of passages) {
    const what = residueOf(p.text);
    if (what === undefined) continue;
    count++;
    if (out.length < samples) out.push({ what, passage: p.text });
  }
  return { count, samples: out };
}

export const junkLabel = (junk: Junk) => (typeof junk === 'string' ? junk : `/${junk.re}/`);

const sameName = (a: string, b: string) => a.normalize('NFKC').trim().toLowerCase() === b.normalize('NFKC').trim().toLowerCase();
const sameTitle = (a: string, b: string) => {
  const n = (s: string) => s.normalize('NFKC').replace(/[‘’]/g, "'").replace(/[“”]/g, '"').replace(/[–—]/g, '-').replace(/\s+/g, ' ').trim().toLowerCase();
  return n(a) === n(b);
};

export interface DocumentResult {
  file: string;
  /** served: passages came out; skipped: a warning says why not; unread: no reader took the file. */
  status: 'served' | 'skipped' | 'unread';
  reason?: string;
  passages: number;
  title?: { expected: string; got?: string; ok: boolean };
  kind?: { expected: string; got?: string; ok: boolean };
  language?: { expected: string; got?: string; ok: boolean };
  junkLeaked: { junk: string; passage: string }[];
  junkTotal: number;
  phrasesLost: string[];
  phrasesTotal: number;
  repeated: { phrase: string; times: number }[];
  onceTotal: number;
  /** Passages with a leftover the residue lint names (src/core/ingest/residue.ts), whatever the expectations say. */
  residue: number;
  speakers: {
    checks: number;
    attributed: number;
    correct: number;
    wrong: { phrase: string; expected: string; got: string }[];
    /** Checks whose phrase no passage holds: neither right nor wrong, and not attributed. */
    phraseMissing: number;
    /** Passages credited to a name outside the expected set. */
    strayPassages: number;
    strayNames: string[];
  };
}

export interface QualityReport {
  dir: string;
  documents: DocumentResult[];
  /** Warnings the load gave, for files of the set. */
  warnings: { file: string; message: string }[];
  totals: {
    documents: number;
    served: number;
    titlesRight: number;
    titlesExpected: number;
    junkLeaked: number;
    junkTotal: number;
    phrasesLost: number;
    phrasesTotal: number;
    repeats: number;
    onceTotal: number;
    residue: number;
    passages: number;
    speakerChecks: number;
    speakerAttributed: number;
    speakerCorrect: number;
    /** correct / (attributed + notSpeaker violations); 1 when nothing was attributed. */
    speakerPrecision: number;
    /** attributed / checks with an expected speaker. */
    speakerCoverage: number;
    strayPassages: number;
  };
}

/** The expectation files of a folder, by the document file they describe. */
export function loadExpectations(dir: string): Map<string, Expectation> {
  const out = new Map<string, Expectation>();
  for (const name of readdirSync(dir).sort()) {
    if (!name.endsWith(EXPECT_SUFFIX)) continue;
    const raw: unknown = JSON.parse(readFileSync(path.join(dir, name), 'utf8'));
    const parsed = Expectation.safeParse(raw);
    if (!parsed.success) throw new Error(`${name}: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
    out.set(name.slice(0, -EXPECT_SUFFIX.length), parsed.data);
  }
  return out;
}

export async function evaluateFolder(dir: string): Promise<QualityReport> {
  const expectations = loadExpectations(dir);
  let ingest: IngestResult = { documents: [], warnings: [] };
  let loadProblem: string | undefined;
  try {
    ingest = await loadCorpus(dir);
  } catch (e) {
    // An empty load (no document readable at all) is a result to report, not a crash.
    loadProblem = errorMessage(e);
  }
  const corpus: Corpus = buildCorpus(ingest.documents);
  const byFile = new Map(ingest.documents.map((d) => [d.file, d]));

  const documents: DocumentResult[] = [];
  for (const [file, expect] of expectations) {
    const doc = byFile.get(file);
    const passages: Passage[] = doc ? (corpus.byDoc.get(doc.meta.id) ?? []) : [];
    const skip = ingest.warnings.find((w) => w.file === file && w.skipped);
    const status: DocumentResult['status'] = doc ? 'served' : skip ? 'skipped' : 'unread';
    const reason = doc ? undefined : (skip?.message ?? loadProblem ?? 'no reader took the file');

    const junkLeaked: DocumentResult['junkLeaked'] = [];
    for (const junk of expect.mustNotAppear) {
      const hit = passages.find((p) => junkMatches(p.text, junk));
      if (hit) junkLeaked.push({ junk: junkLabel(junk), passage: hit.text });
    }
    const phrasesLost = expect.mustSurvive.filter((phrase) => !passages.some((p) => containsWords(p.text, phrase)));
    const repeated = (expect.once ?? [])
      // Twice in one passage (a rolling caption line) is as much a repeat as once in two.
      .map((phrase) => ({ phrase, times: passages.reduce((n, p) => n + occurrences(p.text, phrase), 0) }))
      .filter((r) => r.times > 1);

    const allowed = expect.speakers ?? [];
    const speakers: DocumentResult['speakers'] = { checks: 0, attributed: 0, correct: 0, wrong: [], phraseMissing: 0, strayPassages: 0, strayNames: [] };
    for (const check of expect.speakerChecks ?? []) {
      const passage = passages.find((p) => containsWords(p.text, check.phrase));
      if (check.speaker !== undefined) speakers.checks++;
      if (!passage) {
        if (check.speaker !== undefined) speakers.phraseMissing++;
        continue;
      }
      const got = passage.speaker;
      if (check.speaker !== undefined && got) {
        speakers.attributed++;
        if (sameName(got, check.speaker)) speakers.correct++;
        else speakers.wrong.push({ phrase: check.phrase, expected: check.speaker, got });
      }
      if (got && check.notSpeaker?.some((n) => sameName(n, got)))
        speakers.wrong.push({ phrase: check.phrase, expected: `not ${check.notSpeaker.join(' / ')}`, got });
    }
    const stray = new Set<string>();
    // The live blog's own voice is a role the pipeline names (narrator.ts), not a person it invented.
    const narrator = doc ? narratorName(doc.meta) : undefined;
    for (const p of passages)
      if (p.speaker && p.speaker !== narrator && !allowed.some((a) => sameName(a, p.speaker!))) {
        speakers.strayPassages++;
        stray.add(p.speaker);
      }
    speakers.strayNames = [...stray];

    const field = (expected: string | undefined, got: string | undefined, same: (a: string, b: string) => boolean) =>
      expected === undefined ? undefined : { expected, ...(got !== undefined ? { got } : {}), ok: got !== undefined && same(expected, got) };
    const exact = (a: string, b: string) => a === b;
    documents.push({
      file,
      status,
      ...(reason !== undefined ? { reason } : {}),
      passages: passages.length,
      ...optional('title', field(expect.title, doc?.meta.title, sameTitle)),
      ...optional('kind', field(expect.kind, doc?.meta.kind, exact)),
      ...optional('language', field(expect.language, doc?.meta.language, exact)),
      junkLeaked,
      junkTotal: expect.mustNotAppear.length,
      phrasesLost,
      phrasesTotal: expect.mustSurvive.length,
      repeated,
      onceTotal: expect.once?.length ?? 0,
      residue: residueIn(passages).count,
      speakers,
    });
  }

  const sum = (f: (d: DocumentResult) => number) => documents.reduce((n, d) => n + f(d), 0);
  const checks = sum((d) => d.speakers.checks);
  const attributed = sum((d) => d.speakers.attributed);
  const correct = sum((d) => d.speakers.correct);
  const wrong = sum((d) => d.speakers.wrong.length);
  const files = new Set(expectations.keys());
  return {
    dir,
    documents,
    warnings: ingest.warnings.filter((w) => files.has(w.file)).map((w) => ({ file: w.file, message: w.message })),
    totals: {
      documents: documents.length,
      served: documents.filter((d) => d.status === 'served').length,
      titlesRight: documents.filter((d) => d.title?.ok).length,
      titlesExpected: documents.filter((d) => d.title).length,
      junkLeaked: sum((d) => d.junkLeaked.length),
      junkTotal: sum((d) => d.junkTotal),
      phrasesLost: sum((d) => d.phrasesLost.length),
      phrasesTotal: sum((d) => d.phrasesTotal),
      repeats: sum((d) => d.repeated.length),
      onceTotal: sum((d) => d.onceTotal),
      residue: sum((d) => d.residue),
      passages: sum((d) => d.passages),
      speakerChecks: checks,
      speakerAttributed: attributed,
      speakerCorrect: correct,
      speakerPrecision: correct + wrong === 0 ? 1 : correct / (correct + wrong),
      speakerCoverage: checks === 0 ? 1 : attributed / checks,
      strayPassages: sum((d) => d.speakers.strayPassages),
    },
  };
}

function optional<K extends string, V>(key: K, value: V | undefined): { [P in K]?: V } {
  return (value === undefined ? {} : { [key]: value }) as { [P in K]?: V };
}
