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

export function removeFillers(text: string): string {
  return text.replace(FILLER, '$1');
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
  t = tidyPunctuation(t);
  t = removeStutters(t);
  t = tidyPunctuation(t);
  return capitalizeStart(t);
}
