// Reading-group prompts: open questions built from what a passage actually says (its central
// claim, its key ideas and any trade-off it weighs), quoted back so the group argues about the text.
import { STOP_WORDS, termOf, tokenize } from '../search/text.js';
import type { DocumentMeta, Passage } from '../corpus.js';

/** What discussion prompts need to know about the corpus. */
export interface PhraseStats {
  /** Inverse document frequency of an index term over passages. */
  idf(term: string): number;
  /** In how many passages a phrase (its index terms joined by spaces) occurs. */
  passagesWith(phraseKey: string): number;
  /** The idf below which a single word counts as everyday vocabulary. */
  commonIdf: number;
}

const CLAIM_MARKERS = /\b(i think|i believe|we believe|believes?|should|must|need to|needs|the key|important|essential|the real|always|never|is that|means|matters?)\b/i;
const CONTRAST = /\b(but|however|rather than|instead of|versus|vs\.?|whereas|trade-?off|on the other hand)\b/i;
const CLAUSE_MAX = 140;
const MAX_PHRASE_WORDS = 3;

/** Index-term key of a phrase ("Scaling laws" -> "scale law"), or null if it has no content word. */
export function phraseKey(phrase: string): string | null {
  const keys = tokenize(phrase)
    .map((t) => termOf(t.word))
    .filter((t): t is string => t !== null);
  return keys.length ? keys.join(' ') : null;
}

/** Runs of up to three adjacent content words: what the corpus-wide phrase counts are made of. */
export function phraseKeys(text: string): string[] {
  const out: string[] = [];
  let run: string[] = [];
  const flush = () => {
    for (let i = 0; i < run.length; i++) {
      for (let n = 1; n <= MAX_PHRASE_WORDS && i + n <= run.length; n++) out.push(run.slice(i, i + n).join(' '));
    }
    run = [];
  };
  const tokens = tokenize(text);
  tokens.forEach((t, i) => {
    const gap = i > 0 ? text.slice(tokens[i - 1]!.end, t.start) : ' ';
    const term = termOf(t.word);
    if (!term || !/^[\s-]*$/.test(gap)) flush();
    if (term) run.push(term);
  });
  flush();
  return out;
}

type Nlp = (text: string) => { match(pattern: string): { out(format: 'array'): string[] } };
let nlpModule: Promise<Nlp> | undefined;
// compromise's part-of-speech tagger finds noun phrases; it is loaded on the first /discuss so
// that start-up does not pay for it.
const loadNlp = () => (nlpModule ??= import('compromise').then((m) => m.default as unknown as Nlp));

const isFunctionWord = (w: string) => {
  const lower = w.toLowerCase().replace(/’/g, "'");
  return STOP_WORDS.has(lower) || STOP_WORDS.has(lower.split("'")[0]!) || !termOf(lower);
};

/** Noun phrases of a text as written, trimmed of articles, pronouns and punctuation at the edges. */
export async function nounPhrases(text: string): Promise<string[]> {
  const nlp = await loadNlp();
  const out: string[] = [];
  // Sentence by sentence, so a phrase never runs across a full stop.
  for (const sentence of text.split(/(?<=[.!?])\s+/)) {
    for (const raw of nlp(sentence).match('#Adjective? #Noun+').out('array')) {
      const words = raw.split(/\s+/).map((w) => w.replace(/^[("“‘]+|[.,;:!?"“”‘’()]+$/g, '')).filter(Boolean);
      while (words.length && isFunctionWord(words[0]!)) words.shift();
      while (words.length && isFunctionWord(words[words.length - 1]!)) words.pop();
      if (words.length && words.length <= MAX_PHRASE_WORDS) out.push(words.join(' '));
    }
  }
  return out;
}

/**
 * The passage's key ideas: noun phrases, ranked by how specific they are (rare words) and by how
 * often the corpus comes back to them (a topic, not a turn of phrase); longer phrases preferred.
 */
export async function keyPhrases(text: string, stats: PhraseStats, limit = 3): Promise<string[]> {
  const scored = (await nounPhrases(text))
    .map((phrase) => {
      const key = phraseKey(phrase);
      if (!key) return { phrase, score: 0 };
      const terms = key.split(' ');
      const idf = terms.reduce((s, t) => s + stats.idf(t), 0) / terms.length;
      // A single everyday word ("time", "focus") names no idea worth a question.
      if (terms.length === 1 && idf < stats.commonIdf) return { phrase, score: 0 };
      const recurrence = Math.log2(1 + stats.passagesWith(key));
      return { phrase, score: idf * (0.5 + recurrence) * (terms.length > 1 ? 1.5 : 1) };
    })
    .filter((c) => c.score > 0)
    .sort((a, b) => b.score - a.score);
  const chosen: string[] = [];
  for (const c of scored) {
    const key = c.phrase.toLowerCase();
    if (chosen.some((s) => s.toLowerCase().includes(key) || key.includes(s.toLowerCase()))) continue;
    chosen.push(c.phrase);
    if (chosen.length === limit) break;
  }
  return chosen;
}

/** A clause short enough to quote inside a question, cut at punctuation or a word boundary. */
export function clip(sentence: string, max = CLAUSE_MAX): string {
  const s = sentence.trim().replace(/[.!?]+$/, '');
  if (s.length <= max) return s;
  const cut = s.slice(0, max);
  const punct = Math.max(cut.lastIndexOf(', '), cut.lastIndexOf('; '), cut.lastIndexOf(': '));
  if (punct > max * 0.5) return cut.slice(0, punct);
  return cut.slice(0, cut.lastIndexOf(' ')) + '…';
}

const SPOKEN_FILLER = /\b(yeah|you know|i guess|kind of|sort of|like)\b/gi;

/** How well a sentence states the passage's point: a claim, about its key ideas, said cleanly. */
function claimScore(sentence: string, phrases: string[]): number {
  const lower = sentence.toLowerCase();
  let score = CLAIM_MARKERS.test(sentence) ? 2 : 0;
  score += phrases.filter((p) => lower.includes(p.toLowerCase())).length;
  score -= (sentence.match(SPOKEN_FILLER)?.length ?? 0) * 0.75;
  if (sentence.length > CLAUSE_MAX) score -= 1;
  if (/^(and|but|so|or|because)\b/i.test(sentence)) score -= 0.5;
  return score;
}

function voice(p: Passage, doc: DocumentMeta): string {
  if (p.speaker && !p.asks && !/^(host|question|q)$/i.test(p.speaker)) return p.speaker;
  if (doc.kind === 'transcript') return 'The speaker';
  if (doc.kind === 'live blog') return 'The talk';
  return 'The article';
}

export async function discussionQuestions(p: Passage, doc: DocumentMeta, stats: PhraseStats): Promise<string[]> {
  const who = voice(p, doc);
  const phrases = await keyPhrases(p.text, stats);
  const questions: string[] = [];

  const claim = p.sentences
    .filter((s) => !s.trim().endsWith('?') && s.split(/\s+/).length >= 5)
    .map((s) => ({ s, score: claimScore(s, phrases) }))
    .sort((a, b) => b.score - a.score)[0]?.s;
  if (claim) {
    questions.push(`${who} says: “${clip(claim)}.” Do you agree? What would have to be true for that to hold on your own team?`);
  }

  const [first, second] = phrases;
  if (first && second) {
    questions.push(`How do “${first}” and “${second}” connect in this passage, and which matters more to the point being made?`);
  } else if (first) {
    questions.push(`What does “${first}” mean in this passage, and where have you seen it matter in your own work?`);
  }

  const contrastSentence = p.sentences.find((s) => CONTRAST.test(s) && s !== claim) ?? p.sentences.find((s) => CONTRAST.test(s));
  const m = contrastSentence?.match(CONTRAST);
  if (contrastSentence && m && m.index !== undefined) {
    const left = contrastSentence.slice(0, m.index).trim().replace(/[,;:]$/, '');
    const right = contrastSentence.slice(m.index + m[0].length).trim();
    if (left.split(' ').length >= 3 && right.split(' ').length >= 3) {
      questions.push(`The passage sets “${clip(left, 90)}” against “${clip(right, 90)}”. When would you make the opposite call?`);
    } else {
      questions.push(`“${clip(contrastSentence)}.” What is being traded off here, and who pays the cost?`);
    }
  } else if (phrases[2] ?? first) {
    questions.push(`If the passage is right about “${phrases[2] ?? first}”, what would you do differently in your own work?`);
  }
  return questions.slice(0, 3);
}
