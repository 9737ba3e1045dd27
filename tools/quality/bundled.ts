// Measures who the bot credits in the bundled documents (data/corpus) against phrases labelled by
// hand in test/quality/bundled-speakers.json. The labels were written before the speaker rules
// were tuned, from the text alone, so the figures say how the rules do on real transcripts that
// nobody tuned them on: precision (a credited name is the right one) and coverage (a labelled
// phrase is credited at all). Like evaluate.ts it measures and never throws on bad figures.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import type { Corpus, DocumentMeta } from '../../src/core/corpus.js';
import { loadCorpus } from '../../src/core/ingest/index.js';
import { buildCorpus } from '../../src/core/ingest/passages.js';
import { containsWords, residueIn } from './evaluate.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const BUNDLED_DIR = path.join(ROOT, 'data/corpus');
export const BUNDLED_LABELS = path.join(ROOT, 'test/quality/bundled-speakers.json');

/**
 * Labels that are not a person of the document's speaker list. "Host" is the interviewer of the
 * labelled articles, who asks their "Q:" questions too (the asker, shown as the asker). "narrator"
 * is a live blog's own voice (asides about the outlet or its readers); "reported" is what the blog
 * reports someone else saying, which must never be credited to the narrator.
 */
export const HOST = 'Host';
export const NARRATOR = 'narrator';
export const REPORTED = 'reported';
export const ROLE_LABELS = [HOST, NARRATOR, REPORTED] as const;

export const Label = z.object({ phrase: z.string().min(1), speaker: z.string().min(1), why: z.string().min(1) }).strict();
export type Label = z.infer<typeof Label>;
export const BundledLabels = z.object({ note: z.string().optional(), docs: z.record(z.string().min(1), z.array(Label).min(1)) }).strict();
export type BundledLabels = z.infer<typeof BundledLabels>;

export function loadBundledLabels(file = BUNDLED_LABELS): BundledLabels {
  const parsed = BundledLabels.safeParse(JSON.parse(readFileSync(file, 'utf8')));
  if (!parsed.success) throw new Error(`${file}: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  return parsed.data;
}

const norm = (s: string) => s.normalize('NFKC').trim().toLowerCase();
const sameName = (a: string, b: string) => norm(a) === norm(b);

/**
 * Whether a passage's speaker is the live blog's narrator: the publisher itself (the document's
 * `source`, e.g. the outlet that wrote the blog), or a name that says narrator or live blog. This
 * is the one decision the labels cannot make: the pipeline may name the narrator either way.
 */
export function isNarratorSpeaker(speaker: string | undefined, meta: Pick<DocumentMeta, 'source'>): boolean {
  if (!speaker) return false;
  return (meta.source !== undefined && sameName(speaker, meta.source)) || /narrator|live\s*blog/i.test(speaker);
}

/**
 * Whether a credited speaker is right for a label. A narrator phrase wants the narrator; a
 * reported phrase wants anyone but the narrator; everyone else wants their own name.
 */
export function creditIsRight(label: string, speaker: string, meta: Pick<DocumentMeta, 'source'>): boolean {
  if (label === NARRATOR) return isNarratorSpeaker(speaker, meta);
  if (label === REPORTED) return !isNarratorSpeaker(speaker, meta);
  // "Q:" and "Host:" name the same person in an interview: the one asking, whose name is not given.
  if (sameName(label, HOST) && /^(host|question|q|interviewer|moderator)$/i.test(speaker.trim())) return true;
  return sameName(label, speaker);
}

export interface BundledDocResult {
  id: string;
  kind?: string;
  labelled: number;
  /** Labelled phrases some served passage holds whole. */
  found: number;
  /** Found in a passage that has a speaker. */
  credited: number;
  right: number;
  wrong: { phrase: string; expected: string; got: string }[];
  lost: string[];
  transcriptPassages: number;
  transcriptAttributed: number;
  passages: number;
  /** Passages with a leftover a reader would call junk (residue.ts), and the first few. */
  residue: number;
  residueSamples: { what: string; passage: string }[];
}

export interface BundledReport {
  documents: BundledDocResult[];
  totals: {
    labelled: number;
    found: number;
    credited: number;
    right: number;
    /** right / credited; 1 when nothing was credited. */
    precision: number;
    /** credited / labelled. */
    coverage: number;
    transcriptPassages: number;
    transcriptAttributed: number;
    /** transcriptAttributed / transcriptPassages. */
    transcriptAttributedShare: number;
    passages: number;
    residue: number;
  };
}

export function scoreBundled(corpus: Corpus, labels: BundledLabels): BundledReport {
  const documents: BundledDocResult[] = [];
  const ids = new Set([...Object.keys(labels.docs), ...corpus.documents.map((d) => d.id)]);
  for (const id of [...ids].sort()) {
    const meta = corpus.documents.find((d) => d.id === id);
    const passages = corpus.byDoc.get(id) ?? [];
    const result: BundledDocResult = {
      id,
      ...(meta ? { kind: meta.kind } : {}),
      labelled: 0,
      found: 0,
      credited: 0,
      right: 0,
      wrong: [],
      lost: [],
      transcriptPassages: 0,
      transcriptAttributed: 0,
      passages: passages.length,
      residue: 0,
      residueSamples: [],
    };
    if (meta?.kind === 'transcript') {
      result.transcriptPassages = passages.length;
      result.transcriptAttributed = passages.filter((p) => p.speaker).length;
    }
    const residue = residueIn(passages);
    result.residue = residue.count;
    result.residueSamples = residue.samples;
    for (const label of labels.docs[id] ?? []) {
      result.labelled++;
      const passage = passages.find((p) => containsWords(p.text, label.phrase));
      if (!passage) {
        result.lost.push(label.phrase);
        continue;
      }
      result.found++;
      if (!passage.speaker) continue;
      result.credited++;
      if (creditIsRight(label.speaker, passage.speaker, meta ?? {})) result.right++;
      else result.wrong.push({ phrase: label.phrase, expected: label.speaker, got: passage.speaker });
    }
    documents.push(result);
  }
  const sum = (f: (d: BundledDocResult) => number) => documents.reduce((n, d) => n + f(d), 0);
  const credited = sum((d) => d.credited);
  const right = sum((d) => d.right);
  const labelled = sum((d) => d.labelled);
  const transcriptPassages = sum((d) => d.transcriptPassages);
  const transcriptAttributed = sum((d) => d.transcriptAttributed);
  return {
    documents,
    totals: {
      labelled,
      found: sum((d) => d.found),
      credited,
      right,
      precision: credited === 0 ? 1 : right / credited,
      coverage: labelled === 0 ? 0 : credited / labelled,
      transcriptPassages,
      transcriptAttributed,
      transcriptAttributedShare: transcriptPassages === 0 ? 0 : transcriptAttributed / transcriptPassages,
      passages: sum((d) => d.passages),
      residue: sum((d) => d.residue),
    },
  };
}

/** The bundled corpus loaded as the bot loads it, scored against the labels. */
export async function evaluateBundled(dir = BUNDLED_DIR, labelsFile = BUNDLED_LABELS): Promise<BundledReport> {
  const ingest = await loadCorpus(dir);
  return scoreBundled(buildCorpus(ingest.documents), loadBundledLabels(labelsFile));
}
