// What a model's questions must satisfy before a reading group sees them. A model paraphrases
// inside quotation marks, invents links, and echoes the @-mentions of a text or a prompt
// injection; the group must be able to trust that anything in quotes is what the text says. So
// every quotation is looked up in the passage and its neighbours, and one failure refuses the
// whole answer (the offline questions are used instead), rather than posting the rest.
import { stripControls } from '../core/untrusted.js';

export const MIN_QUESTIONS = 1;
export const MAX_QUESTIONS = 5;
/** Shorter is not a question a group can discuss; longer is an essay. */
export const MIN_QUESTION_CHARS = 12;
export const MAX_QUESTION_CHARS = 400;
/** Quotations shorter than this are key terms ("scaling laws"), not claims about what was said. */
export const MIN_QUOTED_WORDS = 3;

export type Checked = { ok: true; questions: string[] } | { ok: false; reason: string };

// Slack's <@U…>, <#C…|name>, <!channel>, <!subteam^…>; Discord's <@id>, <@!id>, <@&role>, <#id>.
const PLATFORM_MENTION = /<[@#!][^<>]*>/g;
// @everyone, @here, @channel, @name: the @ goes, the word stays. An e-mail address is left alone.
const AT_MENTION = /(^|[^\p{L}\p{N}_.+-])[@＠](?=[\p{L}\p{N}_])/gu;
const URL_LIKE =
  /\b(?:https?|ftp):\/\/|\bwww\.[\p{L}\p{N}-]|\b[\p{L}\p{N}-]+\.(?:com|org|net|io|ai|dev|co|gov|edu|info|app|xyz|me|ly|to|gg)\b(?:\/|\b)/iu;
const HEADING = /^\s{0,3}#{1,6}(?:\s|$)/m;

/** A question with mentions made inert, markdown emphasis and control characters removed, spaces collapsed. */
export function cleanQuestion(question: string): string {
  return stripControls(question)
    // A label the model put before a question ("Question 2:", "Q1.") is not part of it.
    .replace(/^\s*(?:question\s*\d{1,2}|q\d{1,2})\s*[:.)-]\s*/i, '')
    .replace(PLATFORM_MENTION, '')
    .replace(AT_MENTION, '$1')
    .replace(/\*\*|__/g, '')
    .replace(/[^\S\n]+/g, ' ')
    .trim();
}

/** Quote marks of every style as one straight style, runs of whitespace as one space. */
function normalise(text: string): string {
  return text
    .normalize('NFC')
    .replace(/[“”„‟«»″]/g, '"')
    .replace(/[‘’‚‛′`]/g, "'")
    .replace(/[‐‑‒–—―]/g, '-')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Clip a quotation for a reason shown to people. */
const clip = (s: string, max = 60) => (s.length > max ? `${s.slice(0, max - 1).trimEnd()}…` : s);

const wordsIn = (s: string) => s.split(/\s+/).filter((w) => /[\p{L}\p{N}]/u.test(w)).length;

/**
 * The quotations in a question: text between “ ”, " ", ‘ ’ or ' '. A single quote counts as a
 * quote mark only where it cannot be an apostrophe (not between letters, not after one when it opens).
 */
export function quotations(question: string): string[] {
  const out: string[] = [];
  for (const re of [/“([^“”]*)”/g, /"([^"]*)"/g, /(?<![\p{L}\p{N}])‘(.*?)’(?![\p{L}\p{N}])/gu, /(?<![\p{L}\p{N}])'(.*?)'(?![\p{L}\p{N}])/gu]) {
    for (const m of question.matchAll(re)) out.push(m[1]!);
  }
  return out;
}

/** Why the question's quote marks do not pair up, if they do not. */
function unbalanced(question: string): string | undefined {
  const count = (re: RegExp) => (question.match(re) ?? []).length;
  if (count(/“/g) !== count(/”/g) || count(/"/g) % 2 === 1) return `a quotation is never closed: ${clip(question)}`;
  return undefined;
}

const isWordChar = (c: string | undefined) => c !== undefined && /[\p{L}\p{N}]/u.test(c);

/** Where `piece` occurs in `text` from `from` on, starting and ending on word boundaries; -1 if nowhere. */
function findWhole(text: string, piece: string, from: number): number {
  for (let at = text.indexOf(piece, from); at >= 0; at = text.indexOf(piece, at + 1)) {
    const startOk = !isWordChar(piece[0]) || !isWordChar(text[at - 1]);
    const endOk = !isWordChar(piece[piece.length - 1]) || !isWordChar(text[at + piece.length]);
    if (startOk && endOk) return at;
  }
  return -1;
}

/** `piece` as it may be quoted: a capital at the start of a quote for a lower-case word in the text, and the reverse. */
function findPiece(text: string, piece: string, from: number): { at: number; end: number } | undefined {
  const first = piece[0]!;
  const variants = [piece, first.toLowerCase() + piece.slice(1), first.toUpperCase() + piece.slice(1)];
  for (const v of variants) {
    const at = findWhole(text, v, from);
    if (at >= 0) return { at, end: at + v.length };
  }
  return undefined;
}

/**
 * Whether a quotation is faithful to one of the texts: verbatim after quote style and whitespace
 * are normalised, a cut marked "…" (or "...") allowed where its pieces occur in that order in one
 * text. Punctuation at a piece's edges may differ (a full stop placed inside the closing quote).
 */
export function quotationFound(quotation: string, texts: readonly string[]): boolean {
  const pieces = quotation
    .split(/…|\.{3}/)
    .map((p) => normalise(p).replace(/^[\s"'.,;:!?-]+|[\s"'.,;:!?-]+$/g, ''))
    .filter((p) => /[\p{L}\p{N}]/u.test(p));
  if (!pieces.length) return true;
  return texts.some((raw) => {
    const text = normalise(raw);
    let from = 0;
    for (const piece of pieces) {
      const found = findPiece(text, piece, from);
      if (!found) return false;
      from = found.end;
    }
    return true;
  });
}

/**
 * The questions cleaned and accepted, or the first reason to refuse them all. `texts` are the
 * passage and its neighbours as the model was shown them.
 */
export function checkQuestions(raw: readonly string[], texts: readonly string[]): Checked {
  if (raw.length < MIN_QUESTIONS) return { ok: false, reason: 'no questions in the answer' };
  if (raw.length > MAX_QUESTIONS) return { ok: false, reason: `${raw.length} questions, more than ${MAX_QUESTIONS}` };
  const questions: string[] = [];
  for (const original of raw) {
    if (HEADING.test(original)) return { ok: false, reason: `a markdown heading instead of a question: ${clip(original)}` };
    const q = cleanQuestion(original).replace(/\s+/g, ' ');
    if (q.length < MIN_QUESTION_CHARS) return { ok: false, reason: `a question too short to discuss: ${clip(q) || '(empty)'}` };
    if (q.length > MAX_QUESTION_CHARS) return { ok: false, reason: `a question longer than ${MAX_QUESTION_CHARS} characters: ${clip(q)}` };
    if (URL_LIKE.test(q)) return { ok: false, reason: `a web address in a question: ${clip(q)}` };
    const open = unbalanced(q);
    if (open) return { ok: false, reason: open };
    for (const quoted of quotations(q)) {
      if (wordsIn(quoted) < MIN_QUOTED_WORDS) continue;
      if (!quotationFound(quoted, texts)) return { ok: false, reason: `quoted text not in the passage: “${clip(quoted.trim())}”` };
    }
    // A model that repeats itself loses the repeat, not the answer.
    if (!questions.some((x) => x.toLowerCase() === q.toLowerCase())) questions.push(q);
  }
  return { ok: true, questions };
}
