// Sentences -> passages: the unit every command serves. A passage is 1-4 whole sentences from one
// speaker in one section, sized to read well in a chat message (about 150-600 characters).
import { fnv1a } from '../search/text.js';
import { IntList, keepTokens, passageTermIds, tokenizePassages, type PassageTokens } from '../search/analysis.js';
import type { Corpus, DocumentMeta, IngestedDocument, Passage, Sentence } from '../corpus.js';

export const PASSAGE_MIN = 150;
export const PASSAGE_MAX = 600;
export const PASSAGE_MAX_SENTENCES = 4;
const MIN_WORDS = 3;

type Draft = Omit<Passage, 'id' | 'position' | 'prevId' | 'nextId' | 'groupId' | 'quotability'>;

const sameVoice = (a: Sentence, b: Sentence) => a.section === b.section && a.speaker === b.speaker && !a.asks === !b.asks && a.turn === b.turn;
const joinedLength = (s: string[]) => s.reduce((n, x) => n + x.length, 0) + Math.max(0, s.length - 1);

/** Groups a document's sentences into passage drafts, never splitting a sentence. */
export function draftPassages(docId: string, sentences: Sentence[]): Draft[] {
  const drafts: Draft[] = [];
  // The turn of each draft, kept beside it: a passage does not carry it, but folding must respect it.
  const turns: (number | undefined)[] = [];
  let cur: Sentence[] = [];

  const flush = () => {
    if (!cur.length) return;
    const texts = cur.map((s) => s.text);
    const d: Draft = { docId, text: texts.join(' '), sentences: texts, section: cur[0]!.section, speaker: cur[0]!.speaker };
    if (cur[0]!.asks) d.asks = true;
    drafts.push(d);
    turns.push(cur[0]!.turn);
    cur = [];
  };

  for (const s of sentences) {
    const first = cur[0];
    if (first) {
      const texts = cur.map((x) => x.text);
      const len = joinedLength(texts);
      const fits = len + 1 + s.text.length <= PASSAGE_MAX && cur.length < PASSAGE_MAX_SENTENCES;
      // A new paragraph starts a new passage once the current one is long enough to stand alone;
      // short paragraphs (one-line answers in transcripts) are merged so they keep their context.
      const breakHere = !sameVoice(first, s) || !fits || (s.paragraph !== cur[cur.length - 1]!.paragraph && len >= PASSAGE_MIN);
      if (breakHere) flush();
    }
    cur.push(s);
    if (joinedLength(cur.map((x) => x.text)) >= PASSAGE_MIN * 2 && cur.length >= 2) flush();
  }
  flush();

  // A short tail is folded into the passage before it when that one has room, same voice.
  for (let i = drafts.length - 1; i > 0; i--) {
    const d = drafts[i]!;
    const p = drafts[i - 1]!;
    if (
      d.text.length < PASSAGE_MIN &&
      p.section === d.section &&
      p.speaker === d.speaker &&
      !p.asks === !d.asks &&
      turns[i - 1] === turns[i] &&
      p.text.length + 1 + d.text.length <= PASSAGE_MAX &&
      p.sentences.length + d.sentences.length <= PASSAGE_MAX_SENTENCES
    ) {
      p.sentences.push(...d.sentences);
      p.text = p.sentences.join(' ');
      drafts.splice(i, 1);
      turns.splice(i, 1);
    }
  }
  // A lone "Thank you." or "Yeah." that found no neighbour to join says nothing on its own.
  return drafts.filter((d) => d.text.split(/\s+/).length >= MIN_WORDS);
}

// Words that make a passage lean on what came before it, so it reads badly as a quotation.
const DANGLING_START = /^(and|but|so|or|because|which|this|that|these|those|it|they|he|she|also|then|yes|no|well|right|yeah|okay)\b/i;
export const QUESTION_SPEAKERS = /^(host|question|q|interviewer|moderator|audience)$/i;
const VIEW_WORDS = /\b(i think|i believe|we believe|the key|the most|important|lesson|always|never|the real|what matters|the point)\b/i;

/** 0..1: how well a passage stands alone as something worth quoting. */
export function quotability(p: Pick<Passage, 'text' | 'speaker' | 'sentences' | 'asks'>, kind: DocumentMeta['kind']): number {
  const t = p.text;
  let score = 0.5;
  if (t.length < 60) score -= 0.35;
  else if (t.length >= 120 && t.length <= 420) score += 0.15;
  if (DANGLING_START.test(t)) score -= 0.2;
  if (/[?]\s*$/.test(t) || p.sentences.filter((s) => s.trim().endsWith('?')).length * 2 > p.sentences.length) score -= 0.35;
  // A named asker's question ("Question, Lena Park at Acme:") is a question like the host's.
  const asker = p.asks === true || (p.speaker !== undefined && QUESTION_SPEAKERS.test(p.speaker));
  if (asker) score -= 0.4;
  if (p.speaker && !asker) score += 0.1;
  if (VIEW_WORDS.test(t)) score += 0.15;
  if (!/^[\p{Lu}\p{N}"“‘']/u.test(t)) score -= 0.1;
  if (!/[.!?…]["”’']?$/.test(t)) score -= 0.15;
  // Signs of a conversation rather than a statement: a question asked mid-passage, one-word
  // replies ("Sure.", "Absolutely."), and the verbal filler of unedited speech.
  const words = t.split(/\s+/).length;
  if (p.sentences.slice(0, -1).some((s) => s.trim().endsWith('?'))) score -= 0.2;
  score -= 0.15 * p.sentences.filter((s) => s.split(/\s+/).length < 4).length;
  const filler = t.match(/\b(yeah|you know|sort of|kind of|i mean|like)\b/gi)?.length ?? 0;
  score -= Math.min(0.3, (filler / words) * 100 * 0.05);
  if (kind === 'transcript') score -= 0.05;
  return Math.max(0, Math.min(1, Math.round(score * 100) / 100));
}

/** Stable id: the document id plus a hash of the passage text; a repeat gets a counter. */
function passageId(docId: string, text: string, seen: Map<string, number>): string {
  const base = `${docId}:${fnv1a(text.toLowerCase().replace(/\s+/g, ' '))}`;
  const n = (seen.get(base) ?? 0) + 1;
  seen.set(base, n);
  return n === 1 ? base : `${base}-${n}`;
}

export function buildCorpus(documents: IngestedDocument[]): Corpus {
  const passages: Passage[] = [];
  const byDoc = new Map<string, Passage[]>();
  for (const doc of documents) {
    const seen = new Map<string, number>();
    const list: Passage[] = draftPassages(doc.meta.id, doc.sentences).map((d, position) => ({
      ...d,
      id: passageId(doc.meta.id, d.text, seen),
      position,
      groupId: '',
      quotability: quotability(d, doc.meta.kind),
    }));
    list.forEach((p, i) => {
      p.prevId = list[i - 1]?.id;
      p.nextId = list[i + 1]?.id;
      p.groupId = p.id;
    });
    byDoc.set(doc.meta.id, list);
    passages.push(...list);
  }
  // Tokenized once here, for the near-duplicate check and then the index (analysis.ts).
  const tokens = tokenizePassages(passages);
  assignNearDuplicateGroups(passages, tokens);
  const corpus: Corpus = {
    documents: documents.map((d) => d.meta),
    passages,
    byId: new Map(passages.map((p) => [p.id, p])),
    byDoc,
    docById: new Map(documents.map((d) => [d.meta.id, d.meta])),
  };
  keepTokens(corpus, tokens);
  return corpus;
}

// Two passages whose weighted content words overlap this much say the same thing (tuned on the
// two translations of one interview in the default corpus; unrelated passages score below 0.3).
export const NEAR_DUPLICATE_THRESHOLD = 0.42;
const MAX_CANDIDATE_DF = 50;
const CANDIDATE_TERMS = 12;

/**
 * Groups passages that say the same thing in other words (translations, re-posts), across
 * documents: TF-IDF cosine over stemmed content words, so shared wording about the same facts
 * counts and common words don't. Sets `groupId` to the id of the group's first passage.
 */
export function assignNearDuplicateGroups(passages: Passage[], tokens: PassageTokens = tokenizePassages(passages)): void {
  const n = passages.length;
  // Terms are the shared vocabulary's ids and vectors flat arrays: on 100 MB of text, string-keyed
  // maps per passage made this most of the passages step. Each vector keeps its terms in order of
  // first occurrence, as the ranking of a passage's distinctive words breaks ties by it.
  const termCount = tokens.vocabulary.terms.length;
  const tf = new Int32Array(termCount);
  const seq = new IntList();
  const vectors = passages.map((_, i) => {
    passageTermIds(tokens, i, seq);
    let distinct = 0;
    for (let k = 0; k < seq.length; k++) if (tf[seq.buf[k]!]!++ === 0) seq.buf[distinct++] = seq.buf[k]!;
    const ids = seq.buf.slice(0, distinct);
    const counts = new Int32Array(distinct);
    for (let k = 0; k < distinct; k++) {
      counts[k] = tf[ids[k]!]!;
      tf[ids[k]!] = 0;
    }
    return { ids, counts };
  });
  // Too few words to say anything specific: such passages would match whatever is short too.
  const tooShort = (i: number) => vectors[i]!.ids.length < 5;
  const df = new Int32Array(termCount);
  for (const v of vectors) for (const id of v.ids) df[id]!++;
  const weights = vectors.map((v) => {
    const w = new Float64Array(v.ids.length);
    let norm = 0;
    for (let k = 0; k < w.length; k++) {
      const x = (1 + Math.log(v.counts[k]!)) * Math.log(1 + n / df[v.ids[k]!]!);
      w[k] = x;
      norm += x * x;
    }
    norm = Math.sqrt(norm) || 1;
    for (let k = 0; k < w.length; k++) w[k] = w[k]! / norm;
    return w;
  });

  // Candidate pairs come from shared rarer terms only, so this stays near-linear on big corpora.
  // A fixed cap: a share of n would let common words pair almost every passage with every other,
  // which made grouping quadratic (238 s of a 10 MB start-up).
  const maxDf = Math.min(MAX_CANDIDATE_DF, Math.max(2, Math.ceil(n * 0.05)));
  // Each rarer term's passages, in order: term t's are at(t) .. at(t + 1) of `holders`.
  const at = new Int32Array(termCount + 1);
  for (const v of vectors) for (const id of v.ids) if (df[id]! <= maxDf) at[id + 1]!++;
  for (let t = 0; t < termCount; t++) at[t + 1]! += at[t]!;
  const holders = new Int32Array(at[termCount]!);
  const fill = at.slice(0, termCount);
  vectors.forEach((v, i) => {
    for (const id of v.ids) if (df[id]! <= maxDf) holders[fill[id]!++] = i;
  });

  const parent = passages.map((_, i) => i);
  const find = (i: number): number => (parent[i] === i ? i : (parent[i] = find(parent[i]!)));
  const dense = new Float64Array(termCount);
  // A passage's most distinctive rare words find its candidates; a pair must share two of them
  // before the full cosine is computed. Paraphrases share their distinctive words.
  // How many of them each later passage shares (the groups found do not depend on the order pairs are met).
  const shared = new Int32Array(n);
  const met: number[] = [];
  for (let i = 0; i < n; i++) {
    if (tooShort(i)) continue;
    for (const j of met) shared[j] = 0;
    met.length = 0;
    const v = vectors[i]!;
    const w = weights[i]!;
    const distinctive = Array.from(v.ids.keys())
      .filter((k) => df[v.ids[k]!]! <= maxDf)
      .sort((a, b) => w[b]! - w[a]!)
      .slice(0, CANDIDATE_TERMS);
    for (const k of distinctive) {
      const t = v.ids[k]!;
      for (let h = at[t]!; h < at[t + 1]!; h++) {
        const j = holders[h]!;
        if (j > i && shared[j]!++ === 0) met.push(j);
      }
    }
    for (const j of met) {
      if (shared[j]! < 2 || passages[i]!.docId === passages[j]!.docId || tooShort(j)) continue;
      if (cosine(vectors[i]!.ids, w, vectors[j]!.ids, weights[j]!, dense) >= NEAR_DUPLICATE_THRESHOLD) {
        const a = find(i);
        const b = find(j);
        if (a !== b) parent[Math.max(a, b)] = Math.min(a, b);
      }
    }
  }
  passages.forEach((p, i) => (p.groupId = passages[find(i)]!.id));
}

/** Dot product of two unit vectors: the smaller one walked in order, the larger spread in `dense`. */
function cosine(aIds: Int32Array, aW: Float64Array, bIds: Int32Array, bW: Float64Array, dense: Float64Array): number {
  const [smallIds, smallW, bigIds, bigW] = aIds.length < bIds.length ? [aIds, aW, bIds, bW] : [bIds, bW, aIds, aW];
  for (let k = 0; k < bigIds.length; k++) dense[bigIds[k]!] = bigW[k]!;
  let dot = 0;
  for (let k = 0; k < smallIds.length; k++) {
    const y = dense[smallIds[k]!]!;
    if (y) dot += smallW[k]! * y;
  }
  for (let k = 0; k < bigIds.length; k++) dense[bigIds[k]!] = 0;
  return dot;
}
