// Sentence segmentation, and cutting unpunctuated speech into units a reader can take in: a quote
// must read as whole sentences even where speech-to-text stopped producing full stops.

import { capitalizeStart } from './verbatim.js';

/** Above this, a "sentence" is a run-on that is split at natural boundaries. */
export const SPLIT_ABOVE = 300;
/** Pieces are aimed at this length; never longer than HARD_MAX. */
const TARGET = 180;
const MIN_PIECE = 60;
export const HARD_MAX = 400;

const segmenters = new Map<string, Intl.Segmenter>();
function segmenterFor(lang: string): Intl.Segmenter {
  let s = segmenters.get(lang);
  if (!s) {
    try {
      s = new Intl.Segmenter(lang, { granularity: 'sentence' });
    } catch {
      s = new Intl.Segmenter('en', { granularity: 'sentence' });
    }
    segmenters.set(lang, s);
  }
  return s;
}

/** Abbreviations after which the segmenter wrongly breaks ("Mr. Smith", "Fig. 3"). */
const ABBREV = /(?:^|[\s(])(?:Mr|Mrs|Ms|Mx|Dr|Prof|Sr|Jr|St|Mt|vs|etc|e\.g|i\.e|cf|approx|No|Fig|Figs|Vol|pp|Inc|Ltd|Co|Corp|Gen|Gov|Sen|Rep|Rev|Capt|Lt|Col|Sgt|U\.S|U\.K|a\.m|p\.m|[A-Z])\.$/;

export interface Segment {
  text: string;
  start: number;
}

/**
 * Intl.Segmenter slows down with the square of its input's length (a 400 KB line took seconds), so
 * long text is fed to it in windows of about this many characters and the pieces are stitched.
 */
export const SEGMENT_WINDOW = 4096;
/**
 * A boundary this close to a window's end may depend on text past it (a full stop followed by a
 * lower-case word is no boundary), so it is left for the next window to decide.
 */
const WINDOW_MARGIN = 256;

interface RawSegment {
  index: number;
  segment: string;
}

/**
 * Where to cut a window that holds no sentence boundary: after a space, else between two letters
 * or digits (text without spaces), so the cut can neither look like a boundary nor split a character.
 */
function fallbackCut(text: string, from: number, target: number): number {
  const half = from + Math.floor((target - from) / 2);
  const space = text.lastIndexOf(' ', target - 1);
  if (space >= half) return space + 1;
  const word = /[\p{L}\p{N}]/u;
  for (let at = target; at > half; at--) if (word.test(text[at - 1]!) && word.test(text[at]!)) return at;
  return /[\uDC00-\uDFFF]/.test(text[target]!) ? target + 1 : target;
}

/**
 * The segmenter's sentences of `text`, in windows of `window` characters: each window starts at a
 * boundary the previous one found (or, in a sentence longer than a window, at a space mid-sentence,
 * where the pieces are joined again), and only boundaries well inside a window are trusted. Same
 * segments as one call on the whole text, in time linear in its length.
 */
function* rawSegments(segmenter: Intl.Segmenter, text: string, window: number): Generator<RawSegment> {
  if (text.length <= window) {
    yield* segmenter.segment(text);
    return;
  }
  let pos = 0;
  // Start of a sentence whose end is not found yet (it runs past the last window).
  let open: number | undefined;
  while (pos < text.length) {
    const end = Math.min(text.length, pos + window);
    const last = end === text.length;
    const trustedUntil = last ? end : end - WINDOW_MARGIN;
    const found: RawSegment[] = [];
    for (const s of segmenter.segment(text.slice(pos, end))) found.push({ index: pos + s.index, segment: s.segment });
    let next = pos;
    for (const s of found) {
      const segEnd = s.index + s.segment.length;
      if (segEnd > trustedUntil && !last) break;
      const start = open ?? s.index;
      open = undefined;
      yield { index: start, segment: text.slice(start, segEnd) };
      next = segEnd;
    }
    if (last) break;
    if (next === pos) {
      // No trusted boundary in the whole window: one very long sentence. Cut mid-sentence where
      // the cut cannot look like a boundary, and keep the sentence open.
      open ??= pos;
      next = fallbackCut(text, pos, trustedUntil);
    }
    pos = next;
  }
  if (open !== undefined) yield { index: open, segment: text.slice(open) };
}

/** Sentences of a paragraph with their start offsets. `window` is for tests of the windowing. */
export function segmentSentences(text: string, lang = 'en', window = SEGMENT_WINDOW): Segment[] {
  const out: Segment[] = [];
  for (const s of rawSegments(segmenterFor(lang), text, window)) {
    const trimmed = s.segment.trim();
    if (!trimmed) continue;
    const start = s.index + (s.segment.length - s.segment.trimStart().length);
    const prev = out[out.length - 1];
    // Rejoin after an abbreviation or a lone list number ("Mr.", "Fig.", "1."), which the segmenter
    // takes for sentence ends. "etc." often does end a sentence, so it is left alone. Only the
    // tail is looked at: a sentence can be very long.
    const tail = prev?.text.slice(-24);
    if (prev && tail !== undefined && ((ABBREV.test(tail) && !/\betc\.$/.test(tail)) || /^\d{1,3}\.$/.test(prev.text))) {
      prev.text = text.slice(prev.start, start + trimmed.length);
      continue;
    }
    // A quotation the segmenter cut in two ("Ilya said, ‘We can. It will.’") stays one sentence.
    if (prev && prev.text.length + trimmed.length < HARD_MAX && unclosedQuote(prev.text)) {
      prev.text = text.slice(prev.start, start + trimmed.length);
      continue;
    }
    out.push({ text: trimmed, start });
  }
  return out;
}

/** True when a sentence opens a quotation it does not close. Apostrophes (between letters) are not quotes. */
function unclosedQuote(s: string): boolean {
  const opens = (s.match(/“/g) ?? []).length - (s.match(/”/g) ?? []).length;
  if (opens > 0) return true;
  const singleOpen = (s.match(/(?<!\p{L})‘/gu) ?? []).length;
  const singleClose = (s.match(/’(?!\p{L})/gu) ?? []).length;
  if (singleOpen > singleClose) return true;
  const straight = (s.match(/"/g) ?? []).length;
  return straight % 2 === 1 && /(^|[\s(])"\S/.test(s);
}

/**
 * Speech-to-text often ends a sentence and starts the next in lower case ("the challenges. basically
 * add more"), which the segmenter does not take for a boundary. Transcripts only: in edited prose
 * a lower-case word after a full stop follows an abbreviation.
 */
export function splitLowercaseStarts(text: string): string[] {
  return text.split(/(?<=\p{Ll}{2}[.!?])\s+(?=\p{Ll})/u);
}

/**
 * Auto-captions also drop the full stop and keep the capital: "were there any streets where it
 * never worked Yeah, one." A reply word written with a capital in the middle of a run is where
 * the next sentence, often the next speaker, begins; a capital after it ("Sure Start") makes it a name.
 */
const REPLY_START = /(?<=\p{Ll}{2})\s+(?=(?:Yeah|Yes|Yep|Sure|Absolutely|Okay|Well|Right|Exactly|Totally|Definitely)(?:[,.!]|\s+(?:\p{Ll}|I\b)))/u;

/** Transcript text into sentence-like runs: lower-case starts after a stop, and capitalised replies. */
export function splitSpokenRuns(text: string): string[] {
  return splitLowercaseStarts(text).flatMap((t) => t.split(REPLY_START));
}

/** Words after which a new clause usually starts in unpunctuated speech. */
const STRONG_START = /^(?:and so|and then|and I think|and I|and you know|and that's|but|so|because|yeah|yes|okay|ok|well|anyway|I mean|I think|I guess|I feel like|you know what|the thing is|like I said)\b/i;
const FILLER_START = /^(?:um+|uh+|uhm|mhm)\b,?\s*/i;
const WEAK_START = /^(?:and|you know|or|then|which|where|if|when|like|right)\b/i;
/** Words that bind the next word to them, so "I" right after them does not start a clause. */
const GLUE = new Set(
  'and that which who where when if because so but as what how why than or then until while since think thought know mean guess said say says like um uh whether once before after the a an to of in on for with at by from thing things one something anything everything way time stuff'.split(' '),
);

const NO_END = new Set(
  ('the a an to of in on for with at by from into about as than my your our their his her its this these those ' +
    'and but or nor so because that which who whom whose if whether when while where like i we you they he she it ' +
    "is are was were be been am do does did have has had will would can could should shall may might must not " +
    "i'm you're we're they're it's that's there's think mean guess thought said sort kind very just really " +
    'more most less some any every each no all both either neither such what how why only even also').split(' '),
);

/** Words that open a clause; "right" followed by one of them is a tag ("... right so we"), not "the right word". */
const CLAUSE_OPENER = /^(?:i|you|we|they|he|she|it|it's|that|that's|there|there's|and|so|but|like|is|because|then|this|what|which|if|when)\b/i;

interface Candidate {
  at: number;
  score: number;
}

function candidates(text: string, breaks: number[]): Candidate[] {
  const out: Candidate[] = [];
  const breakSet = new Set(breaks);
  const re = /\s+/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text))) {
    const at = m.index + m[0].length;
    if (at >= text.length) break;
    // Bounded windows: every test below looks at a word or two either side, and slicing the whole
    // remaining text made a long unpunctuated transcript quadratic.
    const before = text.slice(Math.max(0, m.index - 60), m.index);
    const after = text.slice(at, at + 120);
    const prevChar = before.slice(-1);
    const prevWord = (/([\p{L}']+)\W*$/u.exec(before)?.[1] ?? '').toLowerCase();
    let score = 0;
    if (/[;:—–]/.test(prevChar)) score = Math.max(score, 3);
    if (prevChar === ',') score = Math.max(score, 2);
    // A hesitation is a clause boundary when a clause opener follows it, else it is mid-phrase searching.
    const afterFiller = FILLER_START.exec(after);
    if (afterFiller) score = Math.max(score, CLAUSE_OPENER.test(after.slice(afterFiller[0].length)) ? 5 : 2);
    if (prevChar === '.' || prevChar === '?' || prevChar === '!') score = Math.max(score, 6);
    if (STRONG_START.test(after)) score = Math.max(score, 4);
    else if (WEAK_START.test(after)) score = Math.max(score, 2);
    // "... right so ..." / "... yeah and ...": a tag word closes the clause before it.
    if (/^(?:right|yeah|okay|exactly|absolutely)$/.test(prevWord) && prevChar !== ',' && CLAUSE_OPENER.test(after))
      score = Math.max(score, 3);
    if (/^I\s/.test(after) && !GLUE.has(prevWord)) score = Math.max(score, 2);
    if (breakSet.has(m.index) || breakSet.has(at)) score = Math.max(score, 1);
    // A clause never ends on a word that needs a continuation (article, preposition, conjunction,
    // subject pronoun, auxiliary, "I think"), so never cut right after one.
    if (NO_END.has(prevWord) && prevChar !== ',') score = 0;
    if (score > 0) out.push({ at, score });
  }
  return out;
}

/**
 * Splits a run-on "sentence" into pieces of at most HARD_MAX characters at the best natural
 * boundaries: discourse markers and hesitations first, then commas, a clause-initial "I", line breaks.
 */
export function splitLongRun(text: string, breaks: number[] = []): string[] {
  if (text.length <= SPLIT_ABOVE) return [text];
  const cands = candidates(text, breaks);
  const pieces: string[] = [];
  let pos = 0;
  // Candidates are in text order and pieces move forward, so each piece looks only at the
  // candidates within its reach (scanning them all for every piece made a long run quadratic).
  let first = 0;
  while (text.length - pos > SPLIT_ABOVE) {
    let best: Candidate | undefined;
    let bestValue = -Infinity;
    while (first < cands.length && cands[first]!.at - pos < MIN_PIECE) first++;
    for (let k = first; k < cands.length && cands[k]!.at - pos <= HARD_MAX - 20; k++) {
      const c = cands[k]!;
      const len = c.at - pos;
      if (text.length - c.at < MIN_PIECE / 2) continue;
      const value = c.score - Math.abs(len - TARGET) / 60;
      if (value > bestValue) {
        bestValue = value;
        best = c;
      }
    }
    let cut = best?.at;
    if (cut === undefined) {
      // No boundary at all: cut at the space nearest the target length.
      const sp = text.lastIndexOf(' ', pos + SPLIT_ABOVE - 20);
      cut = sp > pos + MIN_PIECE ? sp + 1 : pos + SPLIT_ABOVE;
    }
    pieces.push(text.slice(pos, cut).trim());
    pos = cut;
  }
  pieces.push(text.slice(pos).trim());
  return pieces.filter(Boolean);
}

/** Makes a unit read as a sentence: capital first letter, closing punctuation. */
export function finishSentence(text: string): string {
  let t = text.trim().replace(/[,;—–-]+$/, '').trim();
  if (!t) return t;
  t = capitalizeStart(t);
  if (!/[.!?…:。！？]["'”’)\]]*$/.test(t)) t += '.';
  return t;
}
