// Small hand-made corpora for fast, network-free tests of passages, search and commands.
import { Library } from '../../src/core/library/library.js';
import { buildCorpus } from '../../src/core/ingest/passages.js';
import type { DocumentMeta, IngestWarning, IngestedDocument, Sentence } from '../../src/core/corpus.js';

export function doc(meta: Partial<DocumentMeta> & { id: string }, paragraphs: (string[] | { speaker?: string; section?: string; sentences: string[] })[]): IngestedDocument {
  const sentences: Sentence[] = [];
  paragraphs.forEach((p, paragraph) => {
    const spec = Array.isArray(p) ? { sentences: p } : p;
    for (const text of spec.sentences) sentences.push({ text, paragraph, speaker: spec.speaker, section: spec.section });
  });
  return {
    meta: { title: meta.id, kind: 'article', speakers: [], language: 'en', ...meta },
    file: `${meta.id}.txt`,
    hash: meta.id,
    sentences,
  };
}

export const ENGINEERING = doc({ id: 'eng', title: 'Engineering at scale', speakers: ['Ada Lovelace'] }, [
  {
    speaker: 'Ada Lovelace',
    section: 'Checkpoints',
    sentences: [
      'Saving checkpoints every step is expensive, so we save them asynchronously while training continues.',
      'A checkpoint that cannot be restored is worse than no checkpoint at all, because it gives false confidence.',
    ],
  },
  {
    speaker: 'Host',
    section: 'Checkpoints',
    sentences: ['What happens when a whole rack of machines fails in the middle of a training run?'],
  },
  {
    speaker: 'Ada Lovelace',
    section: 'Failures',
    sentences: [
      'I think hardware failures are the normal case at this scale, not the exception.',
      'We design the cluster so that one broken network switch only takes down a small part of the job.',
      'The blast radius of every failure has to be small.',
    ],
  },
  {
    speaker: 'Ada Lovelace',
    section: 'Research',
    sentences: [
      'Unsupervised learning works because predicting the next word forces the model to compress the world.',
      'Compression and prediction are two sides of the same coin, and that is the deepest reason it generalises.',
    ],
  },
]);

export const POWER = doc({ id: 'power', title: 'Power and data centres', kind: 'live blog', url: 'https://example.org/power' }, [
  [
    'Power supply will be a major challenge, as the electricity available worldwide is limited.',
    'GPUs power up and down at the same moment, which stresses the data centre and the grid.',
  ],
  [
    'Liquid cooling lets a rack draw far more power than air cooling ever could, but it needs new plumbing in every hall.',
  ],
]);

/** A paraphrase of ENGINEERING's checkpoint paragraph, as a second translation would give. */
export const TRANSLATION = doc({ id: 'eng-2', title: 'Engineering at scale (second translation)' }, [
  {
    speaker: 'Ada Lovelace',
    sentences: [
      'Saving checkpoints at every step costs a lot, so we save them asynchronously as training goes on.',
      'A checkpoint you cannot restore is worse than having no checkpoint, because it gives you false confidence.',
    ],
  },
]);

export const library = (...docs: IngestedDocument[]) => new Library(buildCorpus(docs));

/**
 * A library whose load left `count` files out (scan-0.pdf, scan-1.pdf, ...: "has no text layer"),
 * beside a warning about a file that is still served, as ingest reports them.
 */
export function libraryWithSkipped(count: number, ...docs: IngestedDocument[]): Library {
  const warnings: IngestWarning[] = [{ file: `${docs[0]?.file ?? 'eng.txt'}`, message: 'front matter field "date" is invalid; ignored' }];
  for (let i = 0; i < count; i++) warnings.push({ file: `scan-${i}.pdf`, message: 'has no text layer; skipped', skipped: true });
  return new Library(buildCorpus(docs), undefined, warnings);
}
