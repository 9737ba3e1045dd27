// The one way a discussion prompt quotes a text: a verbatim span, with "…" wherever it was cut, so
// a reader can always find the words in the passage and never reads a clipped clause as the whole
// thought ("one or ten copies, but hundreds" when the text goes on to "thousands").

export const ELLIPSIS = '…';
/** Longest quotation inside a question, in characters. */
export const QUOTE_MAX = 200;

/** Whitespace normalised: the only change a quotation may make to the text. */
export const normaliseSpace = (s: string) => s.replace(/\s+/g, ' ').trim();

/**
 * Where a cut may fall: at a word boundary, never straight after a comma or inside a run of short
 * comma-separated items (a list the reader would take as finished).
 */
function acceptableCut(s: string, at: number): boolean {
  const before = s.slice(0, at).trimEnd();
  const after = s.slice(at).trimStart();
  if (/[,(“"‘'-]$/.test(before)) return false;
  // A word that leans on what follows ("or", "the") would dangle before the mark.
  if (/\b(or|and|but|nor|of|to|the|a|an|than|that|which|with|for|in|on|at|by)$/i.test(before)) return false;
  // The next few words close a list item or carry it on ("thousands, or even …"): the cut would
  // leave the list looking complete.
  if (/^[^\s,.;:!?]+(\s[^\s,.;:!?]+){0,2}\s*,/.test(after)) return false;
  if (/^(or|and|nor|to|than)\b/i.test(after)) return false;
  return true;
}

/**
 * A verbatim quotation of one sentence, at most `max` characters plus the mark: the whole sentence
 * if it fits, otherwise its opening cut at a clause or word boundary and marked "…".
 */
export function quoteSentence(sentence: string, max = QUOTE_MAX): string {
  const s = normaliseSpace(sentence);
  if (s.length <= max) return s;
  const minimum = Math.floor(max * 0.4);
  // A clause boundary first (a semicolon, colon or dash), then any acceptable word boundary.
  const clause = [...s.slice(0, max).matchAll(/[;:—–](?=\s)/g)].map((m) => m.index!).filter((i) => i >= minimum);
  if (clause.length) return s.slice(0, clause[clause.length - 1]).trimEnd() + ELLIPSIS;
  for (let at = s.lastIndexOf(' ', max); at >= minimum; at = s.lastIndexOf(' ', at - 1)) {
    if (acceptableCut(s, at)) return s.slice(0, at).replace(/[\s,;:]+$/, '') + ELLIPSIS;
  }
  const at = s.lastIndexOf(' ', max);
  return s.slice(0, at > 0 ? at : max).replace(/[\s,;:]+$/, '') + ELLIPSIS;
}

/** The spans a piece of prompt text quotes, between “ and ”. */
export function quotedSpans(text: string): string[] {
  return [...text.matchAll(/“([^”]*)”/g)].map((m) => m[1]!);
}

/**
 * Whether a quotation is faithful to one of the sources: every piece between "…" marks is a
 * verbatim substring (after whitespace normalisation), in order.
 */
export function isFaithful(quotation: string, ...sources: string[]): boolean {
  const pieces = quotation
    .split(ELLIPSIS)
    .map((p) => normaliseSpace(p))
    .filter(Boolean);
  return sources.some((src) => {
    const text = normaliseSpace(src);
    let from = 0;
    for (const piece of pieces) {
      const at = text.indexOf(piece, from);
      if (at < 0) return false;
      from = at + piece.length;
    }
    return true;
  });
}

/**
 * Every cut in a quotation of `source` is marked: unless it opens with "…" it starts where a
 * sentence starts, and unless it ends with "…" it ends where a sentence ends (or the text does).
 */
export function cutsMarked(quotation: string, source: string): boolean {
  const text = normaliseSpace(source);
  const q = normaliseSpace(quotation);
  const pieces = q.split(ELLIPSIS).map((p) => p.trim()).filter(Boolean);
  if (!pieces.length) return false;
  const first = text.indexOf(pieces[0]!);
  const lastPiece = pieces[pieces.length - 1]!;
  const last = text.indexOf(lastPiece, first);
  if (first < 0 || last < 0) return false;
  const startsSentence = first === 0 || /[.!?…]["”’)]?\s$/.test(text.slice(0, first));
  const end = last + lastPiece.length;
  const endsSentence = end === text.length || /[.!?]["”’)]?$/.test(lastPiece);
  return (q.startsWith(ELLIPSIS) || startsSentence) && (q.endsWith(ELLIPSIS) || endsSentence);
}
