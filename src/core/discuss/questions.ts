// Discussion questions that follow what the passage does: a claim is asked what it rests on, a
// trade-off what it costs and for whom, a prediction what would prove it wrong, a figure what it
// is compared with; a second passage that takes another line is quoted beside it. Every quotation
// goes through quoting.ts, and the wording is drawn from stems.ts with the command's randomness.
import type { DocumentMeta, Passage } from '../corpus.js';
import { keyPhrases, phraseKeys, type PhraseStats } from '../library/discussion.js';
import { fnv1a, seededRandom, terms } from '../search/text.js';
import { normaliseSpace, quoteSentence } from './quoting.js';
import { STEMS, stemId, type QuestionKind, type StemValues } from './stems.js';
import { classifyPassage, kindStrengths, sentencesOf, type PassageKind } from './worth.js';

/** A passage from elsewhere in the shelf that takes a different line, found by retrieval. */
export interface Comparison {
  passage: Passage;
  doc: DocumentMeta;
  /** Index-term keys of the ideas both passages name (discussion.ts phraseKey): the quotation should name one. */
  ideas?: string[];
}

export interface DiscussionPrompt {
  questions: string[];
  /** Which stem each question used ("cost:2"), in order: for measuring repetition. */
  stems: string[];
  /** What the passage does, as the classifier saw it. */
  kinds: PassageKind[];
}

const QUESTION_FOR: Record<PassageKind, QuestionKind> = {
  claim: 'rests-on',
  reason: 'reason',
  'trade-off': 'cost',
  prediction: 'prediction',
  disagreement: 'split',
  number: 'figure',
};

const ROLE = /^(host|question|q|interviewer|narrator|reported)$/i;

/** Who a question says is speaking: the passage's own speaker, or what kind of text it is. */
export function voice(p: Pick<Passage, 'speaker' | 'asks'>, doc: Pick<DocumentMeta, 'kind'>): string {
  if (p.speaker && !p.asks && !ROLE.test(p.speaker)) return p.speaker;
  if (doc.kind === 'transcript') return 'The speaker';
  if (doc.kind === 'live blog') return 'The talk';
  return 'The article';
}

/** How a compared passage is attributed inside a question: "Dan, in “Title”", or the title alone. */
export function attribution(p: Pick<Passage, 'speaker' | 'asks'>, doc: Pick<DocumentMeta, 'title'>): string {
  return p.speaker && !p.asks && !ROLE.test(p.speaker) ? `${p.speaker}, in “${doc.title}”` : `“${doc.title}”`;
}

/** The passage's sentences as quotable units; a statement, never a question it asks. */
function statements(text: string): string[] {
  return sentencesOf(normaliseSpace(text)).filter((s) => !/\?["”')]?$/.test(s) && s.split(' ').length >= 4);
}

const HESITATION = /\b(um+|uh+|yeah|you know|i mean|kind of|sort of|like)\b/gi;
// Talk about the talk ("that's a great question"), not about the subject.
const META = /\b(interesting|great|good) (question|point)\b|\bnext (few )?slides?\b|\bthank you\b/i;

/**
 * Spoken restarts: a word said again within the next three ("seeing I think seeing", "we we"),
 * the mark of a transcript clause that reads garbled on the page.
 */
export function restarts(s: string): number {
  const words = s.toLowerCase().match(/[a-z0-9']+/g) ?? [];
  let n = 0;
  for (let i = 0; i < words.length; i++) {
    for (let j = i + 1; j <= i + 3 && j < words.length; j++) {
      // Short words repeat by grammar ("a … a", "to … to"); only an immediate repeat is a restart.
      if (words[i] === words[j] && (words[i]!.length > 3 || j === i + 1)) {
        n++;
        break;
      }
    }
  }
  return n;
}

/** How well a sentence reads as a quotation: whole, clean and about the subject. */
function readability(s: string): number {
  const words = s.split(' ').length;
  // A long sentence with almost no punctuation is spoken run-on, hard to quote and to answer.
  const runOn = words > 35 && (s.match(/[,;:—–]/g)?.length ?? 0) < words / 15 ? 1 : 0;
  return -(s.match(HESITATION)?.length ?? 0) * 0.4 - restarts(s) * 0.75 - runOn - (META.test(s) ? 2 : 0) - (words < 7 ? 0.5 : 0) - (s.length > 220 ? 0.5 : 0);
}

/** The sentence that does `kind` clearly enough to ask about, preferring a clean one not yet quoted. */
function sentenceFor(kind: PassageKind, sentences: string[], used: Set<string>): string | undefined {
  const scored = sentences
    .filter((s) => !used.has(s) && kindStrengths(s)[kind] > 0)
    .map((s, i) => ({ s, i, v: Math.min(kindStrengths(s)[kind], 2) + readability(s) }))
    .sort((a, b) => b.v - a.v || a.i - b.i);
  return scored[0] && scored[0].v > -1 ? scored[0].s : undefined;
}

/** Where two labelled speakers meet in one passage: the quotation spans the turn. */
function turnSentence(sentences: string[]): string | undefined {
  const i = sentences.findIndex((s, k) => k > 0 && /^[A-Z][a-z]+(?: [A-Z][a-z]+)?:\s/.test(s));
  return i > 0 ? sentences[i] : undefined;
}

/** A random index into n stems; `random` is the command's seeded source. */
const pick = (n: number, random: () => number) => Math.min(n - 1, Math.floor(random() * n));

/**
 * Two or three questions about `p`, built from what it does. With a comparison, one of them quotes
 * and attributes the other passage. Key terms are whole noun phrases; the paired-terms question is
 * asked only when two such phrases meet in one sentence.
 */
export async function discussionPrompt(
  p: Passage,
  doc: DocumentMeta,
  stats: PhraseStats,
  opts: { random: () => number; comparison?: Comparison },
): Promise<DiscussionPrompt> {
  const who = voice(p, doc);
  const worth = classifyPassage(p.text);
  const sentences = statements(p.text);
  const used = new Set<string>();
  const questions: string[] = [];
  const stems: string[] = [];
  const asked = new Set<QuestionKind>();
  const ask = (kind: QuestionKind, values: Omit<StemValues, 'who'>) => {
    if (asked.has(kind)) return;
    const i = pick(STEMS[kind].length, opts.random);
    questions.push(STEMS[kind][i]!({ who, ...values }));
    stems.push(stemId(kind, i));
    asked.add(kind);
  };
  const askAbout = (kind: PassageKind) => {
    const sentence = kind === 'disagreement' ? (turnSentence(sentences) ?? sentenceFor(kind, sentences, used)) : sentenceFor(kind, sentences, used);
    if (!sentence) return;
    used.add(sentence);
    ask(QUESTION_FOR[kind], { q: quoteSentence(sentence) });
  };

  const kinds = worth.worthy ? worth.kinds : (PASSAGE_ORDER.filter((k) => sentences.some((s) => kindStrengths(s)[k] > 0)) as PassageKind[]);
  for (const k of kinds) {
    askAbout(k);
    if (questions.length) break;
  }

  if (opts.comparison) {
    const other = opts.comparison;
    const otherSentence = bestOtherSentence(other.passage.text, p.text, other.ideas);
    if (otherSentence) ask('compare', { q: '', other: attribution(other.passage, other.doc), oq: quoteSentence(otherSentence) });
  }
  for (const k of kinds) {
    if (questions.length >= 3) break;
    askAbout(k);
  }

  if (questions.length < 2) {
    const phrases = await keyPhrases(p.text, stats, 4);
    const pair = pairInOneSentence(phrases, sentences);
    if (pair) ask('connect', { q: '', a: pair[0], b: pair[1] });
    // A lone word ("view") names no idea to discuss; a whole phrase ("compute power") may.
    else if (phrases.find((ph) => ph.includes(' '))) ask('term', { q: '', a: phrases.find((ph) => ph.includes(' '))! });
  }
  if (questions.length < 2) {
    const rest = sentences.filter((s) => !used.has(s)).sort((a, b) => readability(b) - readability(a))[0];
    if (rest) {
      used.add(rest);
      ask(kinds.length ? 'open' : 'rests-on', { q: quoteSentence(rest) });
    }
  }
  if (questions.length < 2 && !asked.has('term')) {
    // Every sentence is quoted already (a passage of one sentence): ask about its key term, a
    // rare word being better than the same quotation twice.
    const [term] = await keyPhrases(p.text, stats, 1);
    if (term) ask('term', { q: '', a: term });
  }
  if (questions.length < 2 && sentences[0]) ask(asked.has('open') ? 'rests-on' : 'open', { q: quoteSentence(sentences[sentences.length - 1]!) });
  return { questions: questions.slice(0, 3), stems: stems.slice(0, 3), kinds };
}

const PASSAGE_ORDER: PassageKind[] = ['disagreement', 'trade-off', 'prediction', 'number', 'reason', 'claim'];

/** Two key phrases that meet in one sentence: only then is asking how they connect a real question. */
function pairInOneSentence(phrases: string[], sentences: string[]): [string, string] | undefined {
  for (let i = 0; i < phrases.length; i++) {
    for (let j = i + 1; j < phrases.length; j++) {
      const a = phrases[i]!;
      const b = phrases[j]!;
      // Named together in a sentence that argues something, not merely listed side by side.
      const both = sentences.some((s) => s.includes(a) && s.includes(b) && Object.values(kindStrengths(s)).some((v) => v >= 1));
      if (both && a.includes(' ') && b.includes(' ')) return [a, b];
    }
  }
  return undefined;
}

/**
 * The sentence of the compared passage that states its own line on the shared subject: it says
 * something (a claim, a contrast, a reason), reads cleanly, and shares words with the original.
 */
function bestOtherSentence(text: string, original: string, ideas: string[] = []): string | undefined {
  const words = new Set(terms(original));
  return statements(text)
    .map((s, i) => {
      const k = kindStrengths(s);
      const overlap = new Set(terms(s).filter((w) => words.has(w))).size;
      const says = Math.max(...Object.values(k));
      const keys = new Set(phraseKeys(s));
      const names = ideas.some((idea) => keys.has(idea)) ? 1 : 0;
      return { s, i, overlap, says, v: names * 3 + k.disagreement * 2 + k['trade-off'] + k.claim + k.reason + Math.min(overlap, 4) * 0.5 + readability(s) * 2 };
    })
    .filter((c) => (c.v >= 3 || c.overlap >= 2) && c.says >= 1 && readability(c.s) > -1 && c.s.split(' ').length >= 8)
    .sort((a, b) => b.v - a.v || a.i - b.i)[0]?.s;
}

/**
 * Two or three questions about a passage, worded by a random source seeded from the passage, so
 * the same passage always gets the same questions (the daily post) and different passages vary.
 */
export async function discussionQuestions(p: Passage, doc: DocumentMeta, stats: PhraseStats): Promise<string[]> {
  return (await discussionPrompt(p, doc, stats, { random: seededRandom(parseInt(fnv1a(p.id), 16)) })).questions;
}
