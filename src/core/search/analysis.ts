// A first build read every passage's text about four times over (near-duplicate terms, written
// form counts, the text field, and again as its neighbours' context field), tokenizing and
// stemming it each time: most of a build's cost beyond cleaning. Here each passage is tokenized
// once into ids of one interned vocabulary, every word is stemmed once, and all of those read the
// ids. What they compute from them is what they computed from the strings: a word is still "the
// same word" in exactly the sense text.ts gives it.
import { camelParts } from './compounds.js';
import { Growable } from './growable.js';
import { eachToken, termOf } from './text.js';
import type { Corpus, Passage } from '../corpus.js';

export class IntList extends Growable<Int32Array> {
  constructor() {
    super(new Int32Array(1024), (n) => new Int32Array(n));
  }
}

class ByteList extends Growable<Uint8Array> {
  constructor() {
    super(new Uint8Array(1024), (n) => new Uint8Array(n));
  }
}

/**
 * Words (lower-case written forms and the parts of camel-case ones) and index terms, each with an
 * id. A word's term is worked out once, however often it occurs.
 */
export class Vocabulary {
  private readonly wordIds = new Map<string, number>();
  readonly words: string[] = [];
  /** Word id -> term id, or -1 for a word never searched on (stop words). */
  private readonly wordTerm = new IntList();
  /** Word id -> occurrences as a token of a passage's text: the corpus's written forms have one or more. */
  private readonly counts = new IntList();
  /** Written forms in the order the texts first use them (ties between spellings go to the first). */
  readonly formOrder = new IntList();
  private readonly termIds = new Map<string, number>();
  /** Term id -> term. */
  readonly terms: string[] = [];

  word(w: string): number {
    let id = this.wordIds.get(w);
    if (id === undefined) {
      id = this.words.length;
      this.wordIds.set(w, id);
      this.words.push(w);
      const t = termOf(w);
      this.wordTerm.push(t === null ? -1 : this.term(t));
      this.counts.push(0);
    }
    return id;
  }

  term(t: string): number {
    let id = this.termIds.get(t);
    if (id === undefined) {
      id = this.terms.length;
      this.termIds.set(t, id);
      this.terms.push(t);
    }
    return id;
  }

  /** A written form seen in a passage's text once more. */
  countForm(id: number): void {
    if (this.counts.buf[id]!++ === 0) this.formOrder.push(id);
  }

  termOfWord(id: number): number {
    return this.wordTerm.buf[id]!;
  }

  count(id: number): number {
    return this.counts.buf[id]!;
  }

  /** The id of a word the passages' texts use as written, or -1. */
  formId(w: string): number {
    const id = this.wordIds.get(w);
    return id !== undefined && this.counts.buf[id]! > 0 ? id : -1;
  }

  /**
   * The id of word a followed by word b as one written form ("open" + "ai" -> "openai"), or -1.
   * Asked for nearly every pair of adjacent words, and almost always no: a hash of the joined
   * spelling, made from the two words' own hashes, rules most out before a string is built.
   */
  joinedFormId(a: number, b: number): number {
    const j = this.joins ?? (this.joins = new JoinFilter(this));
    return j.mayBe(a, b) ? this.formId(this.words[a]! + this.words[b]!) : -1;
  }

  private joins?: JoinFilter;
}

/** Polynomial string hash h(s) = sum s[i] * P^(n-1-i) mod 2^32, so h(a + b) = h(a) * P^|b| + h(b). */
const P = 0x01000193;
const FILTER_BITS = 1 << 23;

class JoinFilter {
  private readonly hash: Int32Array;
  private readonly power: Int32Array;
  private readonly bits = new Uint32Array(FILTER_BITS >>> 5);

  constructor(private readonly v: Vocabulary) {
    const n = v.words.length;
    this.hash = new Int32Array(n);
    this.power = new Int32Array(n);
    for (let id = 0; id < n; id++) {
      const w = v.words[id]!;
      let h = 0;
      let p = 1;
      for (let k = 0; k < w.length; k++) {
        h = (Math.imul(h, P) + w.charCodeAt(k)) | 0;
        p = Math.imul(p, P);
      }
      this.hash[id] = h;
      this.power[id] = p;
      if (v.count(id) > 0) this.bits[(h & (FILTER_BITS - 1)) >>> 5]! |= 1 << (h & 31);
    }
  }

  /** False when a + b is surely no written form (all forms are counted before the filter is made). */
  mayBe(a: number, b: number): boolean {
    if (a >= this.hash.length || b >= this.hash.length) return true;
    if (this.v.words[a]!.length + this.v.words[b]!.length < 5) return false;
    const h = (Math.imul(this.hash[a]!, this.power[b]!) + this.hash[b]!) | 0;
    return (this.bits[(h & (FILTER_BITS - 1)) >>> 5]! & (1 << (h & 31))) !== 0;
  }
}

/** Token flag: the gap before this token is empty or one space or hyphen, so the two may be one word written apart. */
export const JOINABLE = 1;

/**
 * Every passage's text as word ids, in order, with what the index needs besides: which adjacent
 * tokens may be one word written apart, the parts of camel-case words, and where the first and
 * last sentences' tokens are (they are the neighbours' context field).
 */
export interface PassageTokens {
  readonly passages: readonly Passage[];
  readonly vocabulary: Vocabulary;
  /** Passage i's tokens are positions start[i] .. start[i + 1]. */
  readonly start: Uint32Array;
  readonly words: Int32Array;
  readonly flags: Uint8Array;
  /** Token position -> word ids of its camel-case parts, for the few tokens that have them. */
  readonly camel: Map<number, number[]>;
  /** Token position just past passage i's first sentence, and where its last sentence starts. */
  readonly firstSentenceEnd: Uint32Array;
  readonly lastSentenceStart: Uint32Array;
  /** 1 when the text is its sentences joined by single spaces (always, for passages ingest makes). */
  readonly regular: Uint8Array;
  /** 1 when the text starts with a token; 2 when it ends with one (both matter where two texts are joined). */
  readonly edges: Uint8Array;
  /** Each passage's text, first and last sentence as tokenized, to tell whether they were edited since. */
  readonly seen: readonly (string | undefined)[];
}

export const STARTS_WITH_TOKEN = 1;
export const ENDS_WITH_TOKEN = 2;

/** Tokenizes every passage's text once. */
export function tokenizePassages(passages: readonly Passage[], vocabulary = new Vocabulary()): PassageTokens {
  const n = passages.length;
  const start = new Uint32Array(n + 1);
  const words = new IntList();
  const flags = new ByteList();
  const camel = new Map<number, number[]>();
  const firstSentenceEnd = new Uint32Array(n);
  const lastSentenceStart = new Uint32Array(n);
  const regular = new Uint8Array(n);
  const edges = new Uint8Array(n);
  const seen: (string | undefined)[] = [];
  for (let i = 0; i < n; i++) {
    const p = passages[i]!;
    seen.push(p.text, p.sentences[0], p.sentences.at(-1));
    const text = p.text;
    start[i] = words.length;
    // Sentence bounds in the text, when it is the sentences joined by spaces as ingest makes it.
    const sentences = p.sentences;
    let ok = sentences.length > 0;
    let offset = 0;
    for (let k = 0; ok && k < sentences.length; k++) {
      if (!text.startsWith(sentences[k]!, offset)) ok = false;
      else offset += sentences[k]!.length + 1;
    }
    ok &&= offset - 1 === text.length;
    regular[i] = ok ? 1 : 0;
    const firstEnd = ok ? sentences[0]!.length : 0;
    const lastStart = ok ? text.length - sentences[sentences.length - 1]!.length : 0;
    let firstEndTok = -1;
    let lastStartTok = -1;
    let prevEnd = -1;
    let lastEnd = -1;
    eachToken(text, (word, s, e) => {
      const at = words.length;
      if (s === 0) edges[i] = STARTS_WITH_TOKEN;
      if (firstEndTok < 0 && s >= firstEnd) firstEndTok = at;
      if (lastStartTok < 0 && s >= lastStart) lastStartTok = at;
      const id = vocabulary.word(word);
      words.push(id);
      vocabulary.countForm(id);
      flags.push(prevEnd >= 0 && (s === prevEnd || (s - prevEnd === 1 && isJoiner(text.charCodeAt(prevEnd)))) ? JOINABLE : 0);
      // Only a word with a capital past its first letter can have camel-case parts.
      if (mayBeCamel(text, s + 1, e)) {
        const parts = camelParts(text.slice(s, e));
        if (parts.length) camel.set(at, parts.map((w) => vocabulary.word(w)));
      }
      prevEnd = e;
      lastEnd = e;
    });
    if (lastEnd === text.length) edges[i]! |= ENDS_WITH_TOKEN;
    firstSentenceEnd[i] = firstEndTok < 0 ? words.length : firstEndTok;
    lastSentenceStart[i] = lastStartTok < 0 ? words.length : lastStartTok;
  }
  start[n] = words.length;
  return {
    passages,
    vocabulary,
    start,
    words: words.buf.subarray(0, words.length),
    flags: flags.buf.subarray(0, flags.length),
    camel,
    firstSentenceEnd,
    lastSentenceStart,
    regular,
    edges,
    seen,
  };
}

/** A space or hyphen, as /[\s-]/ reads one character. */
const isJoiner = (c: number) => c === 32 || c === 45 || (c > 127 || (c >= 9 && c <= 13) ? /[\s-]/.test(String.fromCharCode(c)) : false);

/** Whether text[from, to) has an ASCII capital or anything not ASCII: else camelParts finds nothing there. */
function mayBeCamel(text: string, from: number, to: number): boolean {
  for (let k = from; k < to; k++) {
    const c = text.charCodeAt(k);
    if ((c >= 65 && c <= 90) || c >= 128) return true;
  }
  return false;
}

/** Passage i's index terms in order, stop words out: what `terms(p.text)` gives, as term ids. */
export function passageTermIds(tokens: PassageTokens, i: number, out: IntList = new IntList()): IntList {
  out.length = 0;
  const v = tokens.vocabulary;
  for (let k = tokens.start[i]!; k < tokens.start[i + 1]!; k++) {
    const t = v.termOfWord(tokens.words[k]!);
    if (t >= 0) out.push(t);
  }
  return out;
}

// A corpus built by buildCorpus carries its passages' tokens to buildSearchData, which takes them
// (once: the memory is let go with the build). Any other corpus is tokenized when indexed.
const pending = new WeakMap<readonly Passage[], PassageTokens>();

export function keepTokens(corpus: Pick<Corpus, 'passages'>, tokens: PassageTokens): void {
  if (tokens.passages === corpus.passages) pending.set(corpus.passages, tokens);
}

export function takeTokens(corpus: Pick<Corpus, 'passages'>): PassageTokens {
  const kept = pending.get(corpus.passages);
  pending.delete(corpus.passages);
  return kept && unchanged(kept) ? kept : tokenizePassages(corpus.passages);
}

/** Whether the passages still read as when they were tokenized (a test may edit a corpus before indexing it). */
function unchanged(tokens: PassageTokens): boolean {
  const { passages, seen } = tokens;
  if (passages.length * 3 !== seen.length) return false;
  for (let i = 0; i < passages.length; i++) {
    const p = passages[i]!;
    if (p.text !== seen[3 * i] || p.sentences[0] !== seen[3 * i + 1] || p.sentences.at(-1) !== seen[3 * i + 2]) return false;
  }
  return true;
}
