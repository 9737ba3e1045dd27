// How close a search came to the question, as a reader should be told it: a strong match, only
// weak ones, or none. Ranking always finds *something*; three unrelated passages given with no
// warning cost more trust than saying plainly that the shelf does not cover the question.
//
// Two signals, both about the question's shape rather than any document:
// - coverage: the share of the question's weight (rarer words weigh more, a word the shelf never
//   uses weighs most) that the best passages hold, counting a word's spellings and synonyms; a
//   word the shelf never uses in any spelling that is no everyday English word either (a product,
//   a place, a coined name, typed in lower case) keeps the match from being called strong;
// - names: a capitalised name in the question ("Gemini", "Satya Nadella", "GPT-5") that no
//   document mentions means the question is about something the shelf does not have.
import { termOf, tokenize } from './text.js';

export type MatchStrength = 'strong' | 'weak' | 'none';

export interface MatchVerdict {
  match: MatchStrength;
  /** The name the question asks about that no document mentions, as the person wrote it. */
  absent?: string;
  /** A word of the question no document uses, naming a subject rather than asking ("deepseek"). */
  lacking?: string;
  /**
   * A name or word of the question that the shelf has only beyond the reader's reading limit: not
   * missing, but further on than they have read (search-index.ts judges it under a limit).
   */
  ahead?: string;
}

/** One content word of the question, with what counts as finding it in a passage. */
export interface QuestionWord {
  term: string;
  /** Rarity in the shelf; a word the shelf never uses gets the highest. */
  weight: number;
  /** Index terms that stand for the word in a passage: itself, its spellings, synonyms. */
  standIns: ReadonlySet<string>;
  /** Words one or two letters off, for a word the shelf lacks: a misspelling, or another word ("earn", "learn"). */
  near: ReadonlySet<string>;
  /** No document uses the word in any spelling, and it is no everyday English word: a subject the shelf lacks. */
  unknown: boolean;
  /** The word as the question wrote it (lower case), to name it back. */
  written: string;
  /** The shelf uses the word only beyond the reader's reading limit. */
  ahead?: boolean;
}

/** A name written in the question: its words as typed and their index terms in order. */
export interface QuestionName {
  text: string;
  terms: string[];
}

/** Share of the question's weight the best passage must hold to count as a strong match. */
export const STRONG_COVERAGE = 0.5;
/** Below this share nothing shown is about the question; it is labelled as not found. */
export const NONE_COVERAGE = 0.15;

/**
 * Capitalised names in a question. Capitals mean a name only where the writer chose them: not the
 * first word (sentences start with one) unless it has capitals or digits inside ("ChatGPT",
 * "GPT-5"), and not at all in a question written In Title Case or in capitals throughout.
 */
export function namesIn(question: string): QuestionName[] {
  const tokens = [...question.matchAll(/[\p{L}\p{N}][\p{L}\p{N}.'’-]*/gu)].map((m) => m[0].replace(/[.'’-]+$/u, ''));
  const capitalised = tokens.filter((t) => /^\p{Lu}/u.test(t)).length;
  if (tokens.length >= 3 && capitalised / tokens.length > 0.6) return [];
  const isName = (t: string, i: number) =>
    /^\p{Lu}\p{L}*[\p{Lu}\p{N}]/u.test(t) || /^\p{L}+[-.]?\p{N}/u.test(t) || (i > 0 && /^\p{Lu}/u.test(t) && t !== 'I');
  const names: QuestionName[] = [];
  let run: string[] = [];
  const flush = () => {
    const terms = run.flatMap((w) => tokenize(w).map((t) => termOf(t.word)).filter((t): t is string => !!t));
    if (terms.length) names.push({ text: run.join(' '), terms });
    run = [];
  };
  tokens.forEach((t, i) => {
    const possessive = /['’]s$/u.test(t);
    const word = possessive ? t.replace(/['’]s$/u, '') : t;
    if (isName(word, i)) run.push(word);
    else flush();
    // "Meta's Llama" is two names, not one.
    if (possessive) flush();
  });
  flush();
  return names;
}

/** Share of the question's weight that a passage's terms hold. */
export function coverage(words: readonly QuestionWord[], passageTerms: ReadonlySet<string>): number {
  let total = 0;
  let held = 0;
  for (const w of words) {
    total += w.weight;
    if ([...w.standIns].some((s) => passageTerms.has(s))) held += w.weight;
    // Half, as it may be another word; a misspelt word with the rest of the question still counts.
    else if ([...w.near].some((s) => passageTerms.has(s))) held += w.weight / 2;
  }
  return total ? held / total : 0;
}

/**
 * The verdict for a question given its words, the terms of the passages shown first, and which of
 * its names the shelf lacks (the index tells: a name is there when its words stand side by side in
 * some passage).
 */
export function judgeMatch(words: readonly QuestionWord[], shown: readonly ReadonlySet<string>[], absentNames: readonly QuestionName[]): MatchVerdict {
  if (absentNames.length) return { match: 'none', absent: absentNames[0]!.text };
  if (!words.length || !shown.length) return { match: 'none' };
  const best = Math.max(...shown.map((terms) => coverage(words, terms)));
  // A subject no document names ("london", "deepseek") is part of the question nothing here answers.
  const lacking = words.find((w) => w.unknown)?.written;
  if (best >= STRONG_COVERAGE && !lacking) return { match: 'strong' };
  return { match: best >= NONE_COVERAGE ? 'weak' : 'none', ...(lacking ? { lacking } : {}) };
}
