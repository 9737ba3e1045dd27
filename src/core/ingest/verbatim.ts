// Clean verbatim for transcripts: speech-to-text keeps hesitations and stutters that make a quote
// hard to read. They carry no content, so they go; every other word is kept as spoken.

/** Hesitation sounds; "you know", "like" and "I mean" carry meaning and are kept. */
const FILLER = /(^|[\s,;:(—–-])(?:uh-huh|mm-?hmm|u+m+|u+h+|u+hm+|e+rm+|e+r|h+m+|m+hm+)(?=[\s,.;:!?)—–-]|$)[,.]?/gi;

/** Words whose doubling is grammatical ("I think that that works", "he had had") or deliberate emphasis. */
const KEEP_DOUBLE = new Set(['that', 'had', 'very', 'really', 'many', 'much', 'far', 'no', 'yeah', 'yes', 'bye', 'ha', 'la', 'so-so', 'now', 'again', 'more', 'over', 'back']);

const WORD = "[A-Za-z][A-Za-z'’]*";

/** Removes repeated words and word pairs left by a speaker restarting ("I I I agree", "why do why do"). */
export function removeStutters(text: string): string {
  // Longer restarts first, so "in the in the" is not read as two one-word doubles.
  let t = text;
  for (const n of [3, 2]) {
    const phrase = Array.from({ length: n }, () => WORD).join('\\s+');
    t = t.replace(new RegExp(`\\b(${phrase})(?:,?\\s+\\1\\b)+`, 'gi'), (_m, p: string) => p);
  }
  t = t.replace(new RegExp(`\\b(${WORD})((?:,?\\s+\\1\\b)+)`, 'gi'), (m, w: string) => {
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

/** Clean-verbatim form of one transcript unit; '' when nothing but hesitation was said. */
export function cleanVerbatim(text: string): string {
  let t = removeFillers(text);
  t = fixCase(t);
  t = tidyPunctuation(t);
  t = removeStutters(t);
  t = tidyPunctuation(t);
  return capitalizeStart(t);
}
