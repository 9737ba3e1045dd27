// Deterministic synthetic corpora for the benchmark: pronounceable pseudo-words with a Zipf
// distribution, real English function words at realistic frequency (so stop-word handling does
// real work), prose-like sentence and paragraph lengths, and a mix of articles (with headings),
// interviews (with "Name: ..." speaker labels) and hard-wrapped transcripts (with fillers), some
// with YAML front matter. Same seed and size, same bytes.
import { mkdir, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { STOP_WORDS, seededRandom } from '../../src/core/search/text.js';

/** Bump when the generator's output changes, so cached corpora are regenerated. */
export const GENERATOR_VERSION = 1;
export const MB = 1024 * 1024;
export const VOCABULARY_SIZE = 220_000;
const MANIFEST = '.bench-manifest.json';

type Random = () => number;

// Real English function words with rough per-million frequencies (COCA/BNC order of magnitude).
const FUNCTION_WORDS: [string, number][] = [
  ['the', 62000], ['of', 29000], ['and', 27000], ['to', 25000], ['a', 21000], ['in', 18000],
  ['is', 10000], ['that', 10000], ['it', 9500], ['for', 8500], ['was', 8000], ['on', 7000],
  ['with', 6500], ['as', 6500], ['we', 6000], ['be', 6000], ['this', 5500], ['are', 5000],
  ['they', 5000], ['at', 5000], ['by', 5000], ['not', 4500], ['but', 4500], ['have', 4500],
  ['from', 4300], ['or', 4000], ['you', 4000], ['an', 3500], ['which', 3000], ['there', 2800],
  ['their', 2800], ['has', 2700], ['were', 2600], ['so', 2500], ['can', 2400], ['if', 2300],
  ['what', 2200], ['would', 2200], ['all', 2100], ['about', 2000], ['more', 2000], ['when', 1900],
  ['been', 1900], ['one', 1800], ['who', 1700], ['its', 1600], ['into', 1500], ['some', 1500],
  ['our', 1400], ['than', 1300], ['these', 1200], ['also', 1200], ['only', 1100], ['because', 1000],
  ['very', 1000], ['just', 1000], ['how', 1000], ['then', 900], ['other', 900], ['much', 800],
  ['really', 700], ['actually', 500], ['think', 900], ['know', 800], ['going', 600],
];

// Syllables: onset + nucleus + coda. ASCII only, so string length is byte length.
const ONSETS = ['', 'b', 'c', 'd', 'f', 'g', 'h', 'j', 'k', 'l', 'm', 'n', 'p', 'r', 's', 't', 'v', 'w', 'z', 'br', 'cr', 'dr', 'fl', 'gr', 'pl', 'pr', 'st', 'tr', 'sh', 'ch', 'th', 'bl', 'sl', 'sp', 'kr', 'gl', 'fr', 'sk', 'sn', 'qu'];
const NUCLEI = ['a', 'e', 'i', 'o', 'u', 'a', 'e', 'i', 'o', 'ai', 'ea', 'ee', 'oo', 'ou', 'io', 'ia'];
const CODAS = ['', '', '', '', 'n', 'r', 'l', 's', 'm', 't', 'nd', 'st', 'rk', 'ng', 'x', 'ck', 'sh', 'll', 'nt', 'rm', 'ld', 'mp'];
const SUFFIXES = ['s', 'ing', 'ed', 'er', 'ly', 'ness', 'ation'];
const FILLERS = ['um', 'uh', 'you know', 'I mean', 'like', 'sort of'];

/** Zipf-Mandelbrot offset: the commonest content word is about 0.25% of content tokens. */
const ZIPF_OFFSET = 50;

const pick = <T>(r: Random, a: readonly T[]): T => a[Math.floor(r() * a.length)]!;

/** Standard normal from two uniforms (Box-Muller). */
function normal(r: Random): number {
  const u = 1 - r();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * r());
}
const lognormalInt = (r: Random, median: number, sigma: number, min: number, max: number) =>
  Math.max(min, Math.min(max, Math.round(median * Math.exp(sigma * normal(r)))));

/**
 * `size` distinct pronounceable pseudo-words, shortest first (frequent words are short: rank 0 is
 * the commonest under the Zipf sampler). None is an English stop word.
 */
export function makeVocabulary(seed: number, size = VOCABULARY_SIZE): string[] {
  const r = seededRandom(seed ^ 0x5eed);
  const words = new Set<string>();
  while (words.size < size) {
    const syllables = 1 + Math.floor(r() * r() * 4) + (r() < 0.6 ? 1 : 0);
    let w = '';
    for (let i = 0; i < syllables; i++) w += pick(r, ONSETS) + pick(r, NUCLEI) + pick(r, CODAS);
    if (w.length < 3 || w.length > 16 || STOP_WORDS.has(w)) continue;
    words.add(w);
  }
  // Stable sort by length keeps the random order within one length.
  return [...words].sort((a, b) => a.length - b.length);
}

/** Draws words: function words at their share of running text, content words by Zipf rank. */
class WordSource {
  private readonly fnCumulative: number[];
  private readonly fnTotal: number;
  private readonly logRange: number;

  constructor(
    private readonly r: Random,
    private readonly vocab: string[],
    /** Share of tokens that are function words (about half in English prose). */
    private readonly functionShare = 0.45,
  ) {
    let acc = 0;
    this.fnCumulative = FUNCTION_WORDS.map(([, f]) => (acc += f));
    this.fnTotal = acc;
    this.logRange = Math.log((vocab.length + ZIPF_OFFSET) / ZIPF_OFFSET);
  }

  functionWord(): string {
    const x = this.r() * this.fnTotal;
    let lo = 0;
    let hi = this.fnCumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.fnCumulative[mid]! < x) lo = mid + 1;
      else hi = mid;
    }
    return FUNCTION_WORDS[lo]![0];
  }

  /**
   * Zipf-Mandelbrot (s = 1) by inverse transform of the continuous approximation:
   * P(rank r) ~ 1/(r + q). The offset stands for the function words above the content words.
   */
  contentWord(): string {
    const rank = Math.min(this.vocab.length - 1, Math.floor(ZIPF_OFFSET * Math.exp(this.r() * this.logRange) - ZIPF_OFFSET));
    const w = this.vocab[rank]!;
    return this.r() < 0.15 ? w + pick(this.r, SUFFIXES) : w;
  }

  word(): string {
    return this.r() < this.functionShare ? this.functionWord() : this.contentWord();
  }
}

const capitalize = (w: string) => w.charAt(0).toUpperCase() + w.slice(1);

class DocumentWriter {
  constructor(
    private readonly r: Random,
    private readonly words: WordSource,
  ) {}

  sentence(opts: { question?: boolean; fillers?: boolean } = {}): string {
    const r = this.r;
    const n = lognormalInt(r, 15, 0.38, 8, 30);
    const out: string[] = [];
    for (let i = 0; i < n; i++) {
      let w = this.words.word();
      if (r() < 0.04) w = capitalize(this.words.contentWord()); // a proper noun
      else if (r() < 0.008) w = String(Math.floor(r() * (r() < 0.5 ? 100 : 2030)));
      if (opts.fillers && r() < 0.04) out.push(pick(r, FILLERS) + ',');
      out.push(w);
      if (i > 2 && i < n - 2 && r() < 0.07) out[out.length - 1] += ',';
    }
    out[0] = capitalize(out[0]!);
    const end = opts.question ? '?' : r() < 0.92 ? '.' : r() < 0.7 ? '?' : '!';
    return out.join(' ') + end;
  }

  paragraph(opts: { fillers?: boolean; question?: boolean } = {}): string[] {
    const n = lognormalInt(this.r, 3.8, 0.4, 2, 8);
    return Array.from({ length: n }, (_, i) => this.sentence({ fillers: opts.fillers, question: opts.question && i === n - 1 }));
  }

  /** A title: a few capitalised words, no end punctuation. */
  title(): string {
    const n = 3 + Math.floor(this.r() * 5);
    const out: string[] = [];
    for (let i = 0; i < n; i++) out.push(i > 0 && i < n - 1 && this.r() < 0.3 ? this.words.functionWord() : capitalize(this.words.contentWord()));
    return out.join(' ');
  }

  personName(): string {
    return `${capitalize(this.words.contentWord())} ${capitalize(this.words.contentWord())}`;
  }
}

export type SyntheticKind = 'article' | 'interview' | 'transcript';

export interface SyntheticDocument {
  name: string;
  kind: SyntheticKind;
  text: string;
}

/** Appends blocks until the document reaches `target` characters (ASCII: bytes). */
function fill(target: number, head: string, next: () => string): string {
  const parts: string[] = [head];
  let len = head.length;
  while (len < target) {
    const b = next();
    parts.push(b);
    len += b.length;
  }
  return parts.join('');
}

function article(w: DocumentWriter, r: Random, target: number, frontMatter: string): string {
  let untilHeading = 3 + Math.floor(r() * 6);
  let pending: string[] = [];
  return fill(target, `${frontMatter}${w.title()}\n\n`, () => {
    // Sentence by sentence so the size lands close to the target; paragraphs end on a blank line.
    if (!pending.length) {
      pending = w.paragraph();
      if (--untilHeading <= 0) {
        untilHeading = 3 + Math.floor(r() * 6);
        const heading = r() < 0.5 ? `## ${w.title()}` : w.title();
        return `${heading}\n\n`;
      }
    }
    const s = pending.shift()!;
    return pending.length ? `${s} ` : `${s}\n\n`;
  });
}

function interview(w: DocumentWriter, r: Random, target: number, frontMatter: string, guest: string): string {
  const host = r() < 0.6 ? 'Host' : w.personName();
  let pending: string[] = [];
  let turn = 0;
  const intro = w.paragraph().join(' ');
  return fill(target, `${frontMatter}${w.title()}\n\n${intro}\n\n`, () => {
    if (!pending.length) {
      const asking = turn++ % 2 === 0;
      pending = asking ? w.paragraph({ question: true }).slice(-2) : w.paragraph();
      // Some answers run over two paragraphs; the second has no label of its own.
      const label = !asking && r() < 0.2 && turn > 2 ? '' : `${asking ? host : guest}: `;
      pending[0] = label + pending[0]!;
    }
    const s = pending.shift()!;
    return pending.length ? `${s} ` : `${s}\n\n`;
  });
}

function transcript(w: DocumentWriter, r: Random, target: number, frontMatter: string): string {
  const width = 60 + Math.floor(r() * 40);
  let line = '';
  let words: string[] = [];
  return fill(target, frontMatter, () => {
    // Hard-wrapped at a fixed width, no blank lines, fillers in the speech.
    for (;;) {
      if (!words.length) words = w.sentence({ fillers: true }).split(' ');
      const word = words.shift()!;
      if (line && line.length + 1 + word.length > width) {
        const out = `${line}\n`;
        line = word;
        return out;
      }
      line = line ? `${line} ${word}` : word;
    }
  });
}

export interface GenerateOptions {
  sizeBytes: number;
  seed: number;
}

/**
 * The documents of a synthetic corpus, one at a time (a 100 MB corpus is never held whole).
 * Sizes are lognormal (many small documents, a few large ones); the total is within about one
 * sentence per document of `sizeBytes`.
 */
export function* generateDocuments({ sizeBytes, seed }: GenerateOptions, vocab = makeVocabulary(seed)): Generator<SyntheticDocument> {
  const r = seededRandom(seed);
  const words = new WordSource(r, vocab);
  const w = new DocumentWriter(r, words);
  const minDoc = 1500;
  const maxDoc = Math.max(minDoc * 2, Math.min(4 * MB, Math.floor(sizeBytes / 6)));
  let remaining = sizeBytes;
  for (let i = 0; remaining > 0; i++) {
    let target = Math.min(remaining, lognormalInt(r, 12_000, 1.3, minDoc, maxDoc));
    if (remaining - target < minDoc) target = remaining;
    const x = r();
    const kind: SyntheticKind = x < 0.55 ? 'article' : x < 0.85 ? 'interview' : 'transcript';
    const guest = w.personName();
    let frontMatter = '';
    if (r() < 0.15) {
      const speakers = kind === 'interview' ? `\nspeakers: [${guest}]` : '';
      frontMatter = `---\ntitle: ${w.title()}\nkind: ${kind === 'transcript' ? 'transcript' : 'article'}${speakers}\ndate: ${2015 + Math.floor(r() * 11)}-0${1 + Math.floor(r() * 9)}\n---\n`;
    }
    // Bytes already over the target by the last block are taken off the next document's budget.
    const body =
      kind === 'article' ? article(w, r, target, frontMatter) : kind === 'interview' ? interview(w, r, target, frontMatter, guest) : transcript(w, r, target, frontMatter);
    remaining -= body.length;
    yield { name: `doc-${String(i).padStart(5, '0')}-${kind}.txt`, kind, text: body };
  }
}

export interface Manifest {
  version: number;
  seed: number;
  sizeBytes: number;
  files: number;
  bytes: number;
  generateMs: number;
}

/**
 * A synthetic corpus in `dir`, reused when a complete one with the same seed and size is there.
 * Returns the manifest and whether it was generated now.
 */
export async function ensureSyntheticCorpus(dir: string, opts: GenerateOptions): Promise<{ manifest: Manifest; generated: boolean }> {
  try {
    const m = JSON.parse(await readFile(path.join(dir, MANIFEST), 'utf8')) as Manifest;
    if (m.version === GENERATOR_VERSION && m.seed === opts.seed && m.sizeBytes === opts.sizeBytes) {
      const names = (await readdir(dir)).filter((n) => n.endsWith('.txt'));
      if (names.length === m.files) return { manifest: m, generated: false };
    }
  } catch {
    // Not there yet, or unreadable: generate.
  }
  const started = performance.now();
  await rm(dir, { recursive: true, force: true });
  await mkdir(dir, { recursive: true });
  let files = 0;
  let bytes = 0;
  for (const doc of generateDocuments(opts)) {
    await writeFile(path.join(dir, doc.name), doc.text);
    files++;
    bytes += doc.text.length;
  }
  const manifest: Manifest = { version: GENERATOR_VERSION, ...opts, files, bytes, generateMs: Math.round(performance.now() - started) };
  await writeFile(path.join(dir, MANIFEST), JSON.stringify(manifest, null, 2));
  return { manifest, generated: true };
}
