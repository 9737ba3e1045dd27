// The ideas a passage names, as whole noun phrases ranked by how specific they are and how often
// the shelf returns to them: key terms for discussion questions and their corpus statistics.
import { STOP_WORDS, termOf, tokenize } from '../search/text.js';

/** What discussion prompts need to know about the corpus. */
export interface PhraseStats {
  /** Inverse document frequency of an index term over passages. */
  idf(term: string): number;
  /** In how many passages a phrase (its index terms joined by spaces) occurs. */
  passagesWith(phraseKey: string): number;
  /** The idf below which a single word counts as everyday vocabulary. */
  commonIdf: number;
}

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

interface NlpTerm {
  text: string;
  pre: string;
  post: string;
  tags: string[];
}
type Nlp = (text: string) => { json(): { terms: NlpTerm[] }[] };
let nlpModule: Promise<Nlp> | undefined;
// compromise's part-of-speech tagger finds noun phrases; it is loaded on the first /discuss so
// that start-up does not pay for it.
const loadNlp = () => (nlpModule ??= import('compromise').then((m) => m.default as unknown as Nlp));

const isFunctionWord = (w: string) => {
  const lower = w.toLowerCase().replace(/’/g, "'");
  return STOP_WORDS.has(lower) || STOP_WORDS.has(lower.split("'")[0]!) || !termOf(lower);
};

const has = (t: NlpTerm, tag: string) => t.tags.includes(tag);
// Words tagged as adjectives that only point or count ("their own rainwater", "several teams"):
// a key term starts after them.
const POINTING = new Set(['own', 'other', 'such', 'same', 'various', 'certain', 'several', 'few', 'many', 'much', 'more', 'most', 'entire']);
const nounish = (t: NlpTerm) => has(t, 'Noun') && !has(t, 'Pronoun') && !has(t, 'Possessive');
const modifier = (t: NlpTerm) => nounish(t) || (has(t, 'Adjective') && !has(t, 'Comparable')) || has(t, 'Gerund');

/**
 * Whole noun phrases of a text as written ("scaling laws", "blast radius"): a run of modifiers
 * ending in a noun, never a piece of a longer compound and never a lone adjective or verb. A run
 * longer than three words is left out rather than cut, since a cut one names nothing.
 */
export async function nounPhrases(text: string): Promise<string[]> {
  const nlp = await loadNlp();
  const out: string[] = [];
  for (const sentence of nlp(text).json()) {
    let run: NlpTerm[] = [];
    const flush = () => {
      // A run ends in its head noun; trailing modifiers that are not nouns are not part of it.
      while (run.length && !nounish(run[run.length - 1]!)) run.pop();
      while (run.length > 1 && POINTING.has(run[0]!.text.toLowerCase())) run.shift();
      const words = run.map((t) => t.text.replace(/^[("“‘]+|[.,;:!?"“”‘’()]+$/g, ''));
      // Joined as written: "long-term trajectories" keeps its hyphen.
      const joined = words.map((w, i) => (i === 0 ? w : (/-\s*$/.test(run[i - 1]!.post) ? '-' : ' ') + w)).join('');
      const clean = words.length > 0 && words.length <= MAX_PHRASE_WORDS && !words.some((w) => !w || isFunctionWord(w));
      const single = words.length === 1 ? run[0]! : undefined;
      const meaningful = !single || (!has(single, 'Verb') && !has(single, 'Adjective') && !has(single, 'Acronym') && single.text.length >= 4);
      if (clean && meaningful) out.push(joined);
      run = [];
    };
    for (const t of sentence.terms) {
      const joined = !run.length || !/[^\s-]/.test(run[run.length - 1]!.post);
      if (!modifier(t) || !joined) flush();
      if (modifier(t)) run.push(t);
    }
    flush();
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
