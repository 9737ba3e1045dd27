// Asides: text a show or a post says about itself rather than about its subject (sponsor reads,
// calls to subscribe or review, show notes and chapter lists, editorial notes about the transcript).
// A reader never wants these quoted, so they are dropped before passages are built. Each rule is
// the SHAPE of the genre (an advertising frame, an imperative addressed to the listener about the
// show, a sentence whose subject is the document itself), never wording copied from a known file,
// and each asks for two signals so that prose mentioning a sponsor or a review in passing survives.

import type { Sentence } from '../corpus.js';

/** The show, episode or post as the subject of a sentence: what an aside talks about. */
const SHOW = String.raw`(?:episode|show|podcast|video|segment|program(?:me)?|broadcast|channel|series|newsletter|stream|hour)`;

// (a) Sponsor reads.
/** "This episode is brought to you by X", "Today's show is sponsored in part by X". */
const SPONSOR_FRAME = new RegExp(
  String.raw`\b(?:this|today'?s|today’s|this week'?s|this week’s)\s+(?:\w+\s+)?${SHOW}\b[^.!?]{0,40}?\b(?:brought to you|sponsored|supported|presented|made possible|powered|underwritten)\s+(?:in part\s+|today\s+)?by\b` +
    String.raw`|\b(?:a|one)\s+(?:quick\s+|short\s+|brief\s+)?(?:word|message|break)\s+from\s+(?:our|today'?s|today’s|this week'?s)\s+sponsors?\b` +
    String.raw`|\b(?:thanks|thank you)\s+(?:again\s+)?to\s+(?:our|today'?s|today’s|this week'?s)\s+sponsors?\b` +
    String.raw`|\b(?:our|today'?s|today’s|this week'?s)\s+sponsors?\s+(?:is|are|today)\b`,
  'i',
);
/** An offer addressed to the listener: a promo code, a discount, a trial, a vanity address. */
const OFFER_CODE = /\b(?:promo|coupon|discount|offer)\s+code\b|\b(?:use|enter|apply)\s+(?:the\s+)?code\s+["“']?([A-Za-z0-9]{3,})/i;
/** A promo code is a shouted token ("use code FIELD"); "use the code from the repo" is not one. */
const offerCode = (s: string) => {
  const m = OFFER_CODE.exec(s);
  return !!m && (m[1] === undefined || /^[A-Z0-9]+$/.test(m[1]));
};
/** Signals that carry a read already under way; a vanity address ("example.com/show") is one, as talks cite repositories too. */
const OFFER_WEAK =
  /\b[a-z0-9-]+\.(?:com|io|co|org|net|fm|app|ai|shop|store)\s*(?:\/|\s+slash\s+)\s*[a-z0-9]+|\b\d{1,3}\s?%\s+off\b|\b\d{1,3}\s+percent\s+off\b|\bfree\s+trial\b|\bfirst\s+(?:month|box|order)\b|\b(?:visit|go\s+to|head\s+(?:over\s+)?to|check\s+out|sign\s+up\s+at|download\s+\w+\s+at)\s+[a-z0-9-]+\.(?:com|io|co|org|net|fm|app|ai|shop|store)\b|\bsign\s+up\s+(?:today|now|for\s+free)\b|\b(?:try\s+it|get\s+started)\s+(?:today|now|for\s+free)\b|\blimited[- ]time\b|\bexclusive\s+(?:offer|deal|discount)\b/i;
/** The name in a sponsor frame ("brought to you by X", "our sponsor today is X"): a capitalised word or a domain. */
const FRAME_BRAND = /\b(?:by|sponsors?\s+(?:today\s+)?(?:is|are))\s+((?:\p{Lu}[\p{L}\p{N}&'’.-]*|[a-z0-9-]+\.[a-z]{2,})(?:\s+\p{Lu}[\p{L}\p{N}&'’.-]*){0,2})/u;

// (b) Calls to action about the show.
/** Where a call may start: the sentence start, or after "please", "so", "if you ..., ", "be sure to". */
const CTA_LEAD = String.raw`(?:^|[,;:—–-]\s*|\band\s+|\bplease\s+|\bso\s+|\bnow\s+)(?:(?:please|also|now|and|so)\s+)*(?:(?:be\s+sure|make\s+sure|don'?t\s+forget|don’t\s+forget|remember)\s+(?:to\s+|you\s+)|(?:why\s+not|feel\s+free\s+to)\s+)?`;
// "Tell us", "give us", "join us" open ordinary interview questions, so "us" alone is an object
// only for the verbs that mean following the show.
const CTA_VERB = String.raw`(?:subscribe|rate|review|follow|share|leave|hit|smash|click|tap|give|write)`;
const CTA = new RegExp(`${CTA_LEAD}${CTA_VERB}\\b`, 'i');
const CTA_US = new RegExp(`${CTA_LEAD}(?:subscribe\\s+to|rate|review|follow)\\s+us\\b`, 'i');
/** What a call to action is about: the show itself, its ratings or where it is published. */
const CTA_OBJECT = new RegExp(
  String.raw`\b(?:the\s+${SHOW}|this\s+${SHOW}|our\s+${SHOW}|(?:a|five[- ]star|5[- ]star)\s+(?:review|rating)s?|(?:review|rating)s?\s+(?:on|in)\s+|five\s+stars|5\s+stars|the\s+(?:bell|notification\s+bell|like\s+button|subscribe\s+button)|notifications|(?:apple|google)\s+podcasts|spotify|itunes|youtube|patreon|wherever\s+you\s+(?:get|listen\s+to|find)\s+(?:your\s+)?(?:podcasts?|shows?)|(?:miss|catch)\s+(?:an?|the\s+next|another|future|new)\s+${SHOW}s?|new\s+${SHOW}s|(?:a|your)\s+comments?\s+(?:below|down\s+below)|in\s+the\s+comments)\b`,
  'i',
);
const PODCAST_WHERE = /\bwherever\s+you\s+(?:get|listen\s+to|find|download)\s+(?:your\s+)?(?:podcasts?|shows?)\b/i;
const OUTRO = new RegExp(String.raw`^(?:and\s+)?(?:thanks|thank\s+you)(?:\s+(?:so|very)\s+much)?(?:\s+(?:again|everyone|all|folks))?\s+for\s+(?:listening|watching|tuning\s+in|joining\s+us)(?:\s+(?:to|on|for)\s+(?:this|today'?s|the|our)\s+${SHOW})?(?=\s*(?:[.!,;]|$))`, 'i');
const LIKE_SUBSCRIBE = /\b(?:be\s+sure|make\s+sure|don['’]?t\s+forget|remember)\s+to\s+subscribe\b|\blike\s+and\s+subscribe\b|\bsubscribe\s+(?:to\s+(?:the|our|this)\s+(?:channel|podcast|show|newsletter)|and\s+(?:rate|review|hit|follow))\b/i;

// (d) Editorial meta-text: the document talking about itself.
/** The written document itself, and the events a transcript records (whose parts may be left out). */
const DOC = String.raw`(?:transcripts?|transcription|post|live\s?blog|blog|recording|article|write-?up|text|notes|coverage)`;
const EVENT = String.raw`(?:interview|conversation|session|talk|panel|discussion|episode|q&a|keynote|event|call|meeting)`;
const EDITED = /\b(?:(?:lightly\s+|has\s+been\s+|have\s+been\s+|was\s+|were\s+|been\s+)?(?:edited|condensed|abridged|shortened|trimmed)(?:\s+and\s+(?:edited|condensed))?\s+for\s+(?:length|clarity|brevity|space|readability)|(?:length|clarity|brevity)\s+and\s+(?:length|clarity|brevity))\b/i;
const TYPO_APOLOGY =
  /\b(?:excuse|forgive|pardon|ignore|apolog(?:i[sz]e|ies)\s+for)\s+(?:any|the|our|all)?\s*(?:typos?|typographical errors|spelling(?:\s+(?:errors|mistakes))?|errors|mistakes|inaccuracies|grammar)\b|\b(?:typos?|errors|mistakes)\s+(?:are|may\s+be)\s+(?:likely|inevitable|possible|expected)\b/i;
/** A part of the record as the subject: "this portion", "parts of this conversation", "the transcript". */
const PART = String.raw`(?:(?:this|that|the\s+following)\s+(?:portion|part|section|segment|exchange|discussion|q&a|answer|question)s?|(?:portions?|parts?|sections?|segments?|some|the\s+rest|the\s+remainder)\s+of\s+(?:this|the|our)\s+(?:${DOC}|${EVENT})|the\s+${DOC})`;
const OMITTED = new RegExp(
  String.raw`\b${PART}\b[^.!?]{0,80}\b(?:(?:was|were|is|are|has\s+been|have\s+been|been)\s+(?:omitted|removed|edited\s+out|excluded|not\s+(?:included|transcribed|recorded))|(?:does|do|did)\s*(?:n['’]t|\s+not)\s+(?:include|cover|contain)|(?:omits?|excludes?|leaves?\s+out|left\s+out)|(?:not|isn['’]t|aren['’]t)\s+(?:included|transcribed|available))\b` +
    String.raw`|\b(?:due\s+to|because\s+of)\s+(?:space|time|length)\s+(?:limitations?|constraints?|limits?)\b[^.!?]{0,80}\b(?:not\s+include|omit|left\s+out|n['’]t\s+include|excluded|removed|not\s+included|not\s+transcribed)`,
  'i',
);
/** "Please note that we are running these live ...": a note to the reader about how the text is made. */
const READER_NOTE = new RegExp(
  String.raw`^(?:please\s+)?(?:note|be\s+aware|bear\s+in\s+mind|keep\s+in\s+mind)\b[^.!?]{0,120}\b(?:this\s+${DOC}|the\s+${DOC}|(?:running|writing|posting|updating|typing)\s+(?:these|this|it)\s+live|live[- ]?blog|in\s+real[- ]time)`,
  'i',
);

export type AsideKind = 'sponsor' | 'call to action' | 'editorial';

/** Which aside a sentence is on its own, if any (a sponsor read's continuation needs the run, see dropAsides). */
export function asideKind(sentence: string): AsideKind | undefined {
  const s = sentence.trim();
  if (s.length > 600) return undefined;
  if (SPONSOR_FRAME.test(s) || offerCode(s)) return 'sponsor';
  if (PODCAST_WHERE.test(s) || LIKE_SUBSCRIBE.test(s) || (s.length <= 120 && OUTRO.test(s))) return 'call to action';
  if ((CTA_US.test(s) || (CTA.test(s) && CTA_OBJECT.test(s))) && s.split(/\s+/).length <= 40) return 'call to action';
  if (EDITED.test(s) || TYPO_APOLOGY.test(s) || OMITTED.test(s) || READER_NOTE.test(s)) return 'editorial';
  return undefined;
}

/** True for a sentence that carries on an advert already under way: an offer, or the brand named again. */
function continuesAd(s: string, brands: string[]): boolean {
  if (offerCode(s) || OFFER_WEAK.test(s)) return true;
  return brands.some((b) => new RegExp(`(?<![\\p{L}\\p{N}])${b.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![\\p{L}\\p{N}])`, 'iu').test(s));
}

/**
 * Drops asides from a document's sentences. A sponsor read is a run: it starts at a sentence with
 * the advertising frame or a strong offer, takes the sentences after it that pitch the offer or name
 * the brand again, and ends where the same voice returns to the topic (or another voice speaks).
 */
export function dropAsides(sentences: Sentence[]): Sentence[] {
  const out: Sentence[] = [];
  let inAd = false;
  let brands: string[] = [];
  let prev: Sentence | undefined;
  for (const s of sentences) {
    if (inAd && prev && (prev.speaker !== s.speaker || prev.section !== s.section)) inAd = false;
    prev = s;
    const kind = asideKind(s.text);
    if (kind === 'sponsor') {
      if (!inAd) brands = [];
      inAd = true;
      const b = FRAME_BRAND.exec(s.text)?.[1]?.replace(/[.,]$/, '');
      if (b && b.length >= 3) brands.push(b);
      continue;
    }
    if (inAd && continuesAd(s.text, brands)) continue;
    inAd = false;
    if (kind) continue;
    out.push(s);
  }
  return out;
}

// (c) Show notes, link lists and chapter lists: runs of lines that are addresses, not prose.
const URL = /(?:https?:\/\/|www\.)\S+|\b[a-z0-9-]+(?:\.[a-z0-9-]+)*\.(?:com|org|net|io|co|fm|app|ai|dev|edu|gov|uk|de|fr)(?:\/\S*)?/gi;
const TS = String.raw`(?:\d{1,2}:)?\d{1,2}:\d{2}`;
/** "00:00 Intro", "(12:34) - Why budgets fail", "1:02:03 — Q&A": a chapter marker with a short title. */
const CHAPTER = new RegExp(String.raw`^[\[(]?${TS}[\])]?\s*(?:[-–—:|]\s*)?([^:]{1,80})$`);

function isLinkLine(line: string): boolean {
  const t = line.trim().replace(/^(?:[-*•●▪◦]|\d{1,2}[.)])\s+/, '');
  if (!t || t.length > 200) return false;
  const urls = t.match(URL);
  if (!urls) return false;
  // What is left besides the addresses: a short label ("Name: url", "Book title (url)"), not a sentence.
  const rest = t.replace(URL, ' ').replace(/[\s:()[\]<>|,–—-]+/g, ' ').trim();
  return rest.split(/\s+/).filter(Boolean).length <= 8 && !/[.!?]["”’]?\s+\p{Lu}/u.test(rest);
}
function isChapterLine(line: string): boolean {
  const m = CHAPTER.exec(line.trim());
  if (!m) return false;
  const title = m[1]!.trim();
  // A title, not a spoken line: capitalised, short, no sentence punctuation at its end, no speaker label.
  return /^[\p{Lu}\p{N}"“]/u.test(title) && title.split(/\s+/).length <= 12 && !/[.!?]["”’]?$/.test(title);
}
const seconds = (line: string) => {
  const m = new RegExp(TS).exec(line)![0].split(':').map(Number);
  return m.reduce((acc, x) => acc * 60 + x, 0);
};
/**
 * Chapters are minutes apart and in order; caption fragments ("0:03 about the budget and") come
 * seconds apart, so a run whose markers are close together is speech, not a chapter list.
 */
function isChapterRun(run: string[]): boolean {
  const t = run.map(seconds);
  const gaps = t.slice(1).map((x, i) => x - t[i]!);
  if (gaps.some((g) => g <= 0)) return false;
  return gaps.reduce((a, b) => a + b, 0) / gaps.length >= 30;
}

/** A heading that introduces show notes or links ("Show notes", "Links mentioned:", "Chapters"). */
const NOTES_LABEL = /^#{0,3}\s*(?:episode\s+|show\s+)?(?:show\s*notes|links?(?:\s+(?:mentioned|from\s+(?:the|this)\s+\w+|we\s+mentioned))?|resources(?:\s+mentioned)?|references|chapters|timestamps|mentioned\s+in\s+(?:this|the)\s+\w+)\s*:?\s*$/i;

/**
 * Blanks runs of show-note lines (two or more link lines, or three or more chapter markers) and the
 * label above them. Runs on raw lines, before timestamps are stripped from transcript lines, since a
 * chapter list is recognised by its timestamps. A lone link line inside prose stays.
 */
export function removeShowNotes(input: string[]): string[] {
  const lines = input.slice();
  const drop = new Array<boolean>(lines.length).fill(false);
  const rules: [(l: string) => boolean, number, (run: string[]) => boolean][] = [
    [isLinkLine, 2, () => true],
    [isChapterLine, 3, isChapterRun],
  ];
  for (const [test, min, valid] of rules) {
    for (let i = 0; i < lines.length; ) {
      if (!test(lines[i]!)) {
        i++;
        continue;
      }
      // Blank lines inside a list are allowed: show notes are often spaced out.
      let e = i;
      let last = i;
      let count = 0;
      while (e < lines.length && (test(lines[e]!) || !lines[e]!.trim())) {
        if (lines[e]!.trim()) {
          count++;
          last = e;
        }
        e++;
      }
      if (count >= min && valid(lines.slice(i, last + 1).filter((l) => l.trim()))) {
        for (let k = i; k <= last; k++) drop[k] = true;
        let j = i - 1;
        while (j >= 0 && !lines[j]!.trim()) j--;
        if (j >= 0 && NOTES_LABEL.test(lines[j]!.trim())) drop[j] = true;
      }
      i = last + 1;
    }
  }
  return lines.map((l, i) => (drop[i] ? '' : l));
}
