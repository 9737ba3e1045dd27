// Clean verbatim for transcripts: speech-to-text keeps hesitations, stutters, half-words,
// transcriber's tags and runs of "Yeah. Yeah." that make a quote hard to read. They carry no
// content, so they go; every other word is kept as spoken.

import type { Sentence } from '../corpus.js';

/** Hesitation sounds; "you know", "like" and "I mean" carry meaning and are kept. */
const FILLER = /(^|[\s,;:(—–-])(?:uh-huh|mm-?hmm|u+m+|u+h+|u+hm+|e+rm+|e+r|h+m+|m+hm+)(?=[\s,.;:!?)—–-]|$)[,.]?/gi;

/** Words whose doubling is grammatical ("I think that that works", "he had had") or deliberate emphasis. */
const KEEP_DOUBLE = new Set(['that', 'had', 'very', 'really', 'many', 'much', 'far', 'no', 'yeah', 'yes', 'bye', 'ha', 'la', 'so-so', 'now', 'again', 'more', 'over', 'back']);

const WORD = "[A-Za-z][A-Za-z'’]*";

/** Removes repeated words and word pairs left by a speaker restarting ("I I I agree", "why do why do"). */
// Made once: the build cleans every line of a transcript with them.
const RESTARTS = [3, 2].map((n) => new RegExp(`\\b(${Array.from({ length: n }, () => WORD).join('\\s+')})(?:,?\\s+\\1\\b)+`, 'gi'));
const DOUBLE = new RegExp(`\\b(${WORD})((?:,?\\s+\\1\\b)+)`, 'gi');

export function removeStutters(text: string): string {
  // Longer restarts first, so "in the in the" is not read as two one-word doubles.
  let t = text;
  for (const re of RESTARTS) t = t.replace(re, (_m, p: string) => p);
  t = t.replace(DOUBLE, (m, w: string) => {
    if (!KEEP_DOUBLE.has(w.toLowerCase())) return w;
    // Keep a grammatical double, but not a triple.
    const parts = m.split(/,?\s+/);
    return parts.length > 2 ? `${parts[0]} ${parts[1]}` : m;
  });
  return t;
}

/** A hesitation set off by commas on both sides takes both commas with it ("spent, uh, ten years"),
 * except after an opening word, whose comma is the speaker's own ("Honestly, um, most" -> "Honestly, most"). */
const COMMA_FILLER = /,\s*(?:uh-huh|mm-?hmm|u+m+|u+h+|u+hm+|e+rm+|e+r|h+m+|m+hm+)\s*,\s*/gi;

export function removeFillers(text: string): string {
  return text.replace(COMMA_FILLER, (_m, at: number) => (/^\W*[\p{L}'’]+$/u.test(text.slice(0, at)) ? ', ' : ' ')).replace(FILLER, '$1');
}

/** Speech-to-text writes the pronoun "i" and weekday names in lower case. */
export function fixCase(text: string): string {
  return text
    .replace(/(?<![\p{L}\p{N}.'’-])i(?=['’](?:m|ll|d|ve|s)\b|[\s,;:!?]|$)/gu, 'I')
    .replace(/\b(monday|tuesday|wednesday|thursday|friday|saturday|sunday|january|february|september|october|november|december)\b/g, (w) => w[0]!.toUpperCase() + w.slice(1));
}

/** Punctuation and spacing left behind by removals. */
export function tidyPunctuation(text: string): string {
  let t = text.replace(/\s{2,}/g, ' ');
  t = t.replace(/\s+([,.;:!?])/g, '$1');
  t = t.replace(/([,;:])(?:\s*[,;:])+/g, '$1');
  t = t.replace(/[,;:]\s*([.!?])/g, '$1');
  t = t.replace(/([.!?])\s*[,;]/g, '$1');
  t = t.replace(/\(\s*\)/g, '');
  t = t.replace(/^[\s,;:.!?—–-]+/, '');
  return t.replace(/\s{2,}/g, ' ').trim();
}

/** Upper-cases the first letter when the first word is plain lower case (leaves "iPhone", "eBay"). */
export function capitalizeStart(text: string): string {
  return text.replace(/^([\s"“‘'(]*)(\p{Ll})(\p{Ll}*)(?=[\s,.;:!?'’-]|$)/u, (_m, pre: string, c: string, rest: string) => pre + c.toUpperCase() + rest);
}

/**
 * English words of one or two letters (the language's, not any file's): a capitalised one- or
 * two-letter token outside this list that opens a unit is a half-word the captioner cut ("U we are").
 */
const SHORT_WORDS = new Set(
  ('a i o ad ah am an as at aw ax be by do eh ex go ha he hi hm ho id if in is it lo ma me mr ms my no of oh ok on or ow ox ' +
    'pa pi so to uh um up us we ye yo dr st vs').split(' '),
);

/**
 * Half-words left where a captioner cut or a speaker restarted: "U we are" (one capital letter that
 * is no word), "Th the" and "and e even" (letters that are no word, restarted), "I- I think",
 * "Wh- what" (a cut before its restart), and a word cut off at the end of a unit ("we were go-").
 */
export function removeHalfWords(text: string): string {
  let t = text.replace(/^(["“‘(]*)(\p{L}{1,6})-\s+(?=(\p{L}+))/u, (m, pre: string, frag: string, next: string) =>
    next.toLowerCase().startsWith(frag.toLowerCase()) ? pre : m,
  );
  t = t.replace(/^(["“‘(]*)(\p{Lu}\p{Ll}?)\s+(?=(\p{Ll}+))/u, (m, pre: string, frag: string, next: string) => {
    const word = frag.toLowerCase();
    if (SHORT_WORDS.has(word)) return m;
    // A two-letter token may be a name ("Ed said"): only its restart ("Th the") shows it is cut.
    return word.length === 1 || (next.startsWith(word) && next !== word) ? pre : m;
  });
  // Inside a unit, only a restart shows the cut: "and e even then", "we were go- going";
  // "pre- and post-training" and real short words ("so sorry", "a apple") stay.
  t = t.replace(/(^|\s)(\p{Ll}{1,2})\s+(?=(\p{L}+))/gu, (m, sp: string, frag: string, next: string) =>
    !SHORT_WORDS.has(frag) && next.length > frag.length && next.toLowerCase().startsWith(frag) ? sp : m,
  );
  t = t.replace(/(^|\s)(\p{L}+)-\s+(?=(\p{L}+))/gu, (m, sp: string, frag: string, next: string) =>
    next.toLowerCase().startsWith(frag.toLowerCase()) ? sp : m,
  );
  return t.replace(/\s+\p{L}+-$/u, '');
}

/**
 * Transcriber's tags left inside a sentence: "[inaudible]", "[crosstalk 00:12:31]", "(laughs
 * nervously)". Only the tag's own shape (its word, a time, one adverb) is taken, so a bracket that
 * says something ("(noise reduction was on)") stays.
 */
const TAG =
  /\s*[\[(](?:inaudible|unintelligible|indiscernible|incomprehensible|crosstalk|cross-talk|cross talk|overlapping(?: speech| voices)?|laughs?|laughter|laughing|chuckles?|applause|music|silence|pause|noise|background noise|coughs?|sighs?|unclear|audio cuts? out|audio glitch|foreign language|speaks? [a-z]+|no audio|beep)(?:\s+(?:\d{1,2}:)?\d{1,2}:\d{2}(?:[.,]\d+)?|\s+[a-z]+ly)?[.…]?[\])]\s*/gi;

export function removeTags(text: string): string {
  return text.replace(TAG, ' ');
}

/** Clean-verbatim form of one transcript unit; '' when nothing but hesitation was said. */
export function cleanVerbatim(text: string): string {
  let t = removeFillers(removeTags(text));
  t = fixCase(t);
  t = tidyPunctuation(t);
  t = removeStutters(t);
  t = removeHalfWords(tidyPunctuation(t));
  t = tidyPunctuation(t);
  return capitalizeStart(t);
}

/** Words that only acknowledge ("Yeah.", "Right, right.", "Okay, sure."); a unit of nothing else says nothing. */
const ACK_WORD = /^(?:oh|ah|yeah|yea|yep|yup|yes|right|okay|ok|sure|mhm|mm-?hmm|uh-huh|exactly|absolutely|totally|indeed|alright|gotcha)$/i;
const isAck = (text: string) => {
  const words = text.split(/[\s,.!;…]+/).filter(Boolean);
  return words.length > 0 && words.length <= 4 && words.every((w) => ACK_WORD.test(w));
};
const isQuestion = (s: Sentence | undefined) => s !== undefined && /\?["”’)]?$/.test(s.text);
/** The answer "Yes." to a question is content like "No.", unless it only echoes ("Yes, yes."). */
const isPlainYes = (text: string) => /^yes[.!]?$/i.test(text.trim());

/**
 * Transcript units that only acknowledge: a run of two or more ("Yeah. Yeah. Yeah.") goes, inside
 * a turn or across turns. A single one answering a question stays only when it is the whole answer
 * (the next unit is someone else's, a new turn or a new question) or is a plain "Yes."; before the
 * rest of an answer it only delays it ("Sure. They said …") and goes.
 */
export function dropInterjections(sentences: Sentence[]): Sentence[] {
  const ack = sentences.map((s) => isAck(s.text));
  return sentences.filter((s, i) => {
    if (!ack[i]) return true;
    if (ack[i - 1] || ack[i + 1]) return false;
    const prev = sentences[i - 1];
    // Inside a turn a lone "Yeah." may be the speaker's own ("It's worth it. Yeah. So …") or a
    // listener's; the shape does not tell, so it stays.
    if (!isQuestion(prev)) return true;
    if (isPlainYes(s.text)) return true;
    const next = sentences[i + 1];
    return next === undefined || next.speaker !== s.speaker || next.paragraph !== s.paragraph || isQuestion(next);
  });
}
