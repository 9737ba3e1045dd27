// Marks that are not prose but sit inside or beside it: dates, clock times and media timestamps,
// bylines and post metadata ("By X | DATE", "12 Comments", "6 min read"), live-blog update markers,
// and the bracketed stage directions of transcripts ("[laughter]", "(crosstalk)"). Each rule
// describes the shape of a class of mark, so it applies to any site or transcription service.

const MONTH =
  '(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\\.?';
const WEEKDAY = '(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)(?:day|nesday|sday|urday)?\\.?';
const DAY = '\\d{1,2}(?:st|nd|rd|th)?';
const DATE =
  `(?:${WEEKDAY},?\\s+)?(?:${MONTH}\\s+${DAY}(?:,?\\s+\\d{4})?|${DAY}\\s+(?:of\\s+)?${MONTH}(?:,?\\s+\\d{4})?|${MONTH}\\s+\\d{4}` +
  '|\\d{4}-\\d{2}-\\d{2}|\\d{1,2}[./]\\d{1,2}[./]\\d{2,4})';
const ZONE = '[a-z]{2,5}(?:[+-]\\d{1,2})?';
/** "10:42", "10.42am", "10:42 a.m. et", "9 pm". Date and clock patterns are written for lower-cased
 * text and compiled without the "i" flag, which makes these large alternations costly to compile. */
export const CLOCK = `(?:\\d{1,2}[:.]\\d{2}(?:\\s*[ap]\\.?m\\.?)?|\\d{1,2}\\s*[ap]\\.?m\\.?)(?:\\s+${ZONE})?`;
const DATE_PREFIX = /^(?:(?:last|first)\s+)?(?:updated|published|posted|edited|modified|created|submitted|recorded|aired|broadcast|filmed|date|on)(?:\s+(?:on|at))?\s*:?\s*/i;
// Each pattern is compiled once (large alternations are costly to compile at start-up), so a
// date-and-time is recognised by replacing dates and clock times with tokens and reading what is left.
const DATE_G = new RegExp(`(?<![a-z\\d])${DATE}(?![a-z\\d])`, 'g');
const CLOCK_G = new RegExp(`(?<![\\d:.])${CLOCK}(?![a-z\\d])`, 'g');
const TOKENS_ONLY = /^(?:\s*[\u0001\u0002]\s*(?:,|at|on|[-–—])?)+\s*$/;

/** "14 May 2025", "Updated 9 June 2025, 11:58 am PT", "10:42 a.m. ET": a date and/or time and nothing else. */
export function isDateTime(seg: string): boolean {
  const s = seg.trim().replace(DATE_PREFIX, '').toLowerCase();
  if (!s || !/\d/.test(s)) return false;
  const left = s.replace(DATE_G, '\u0001').replace(CLOCK_G, '\u0002');
  return left !== s && TOKENS_ONLY.test(left);
}

/** Timezone abbreviations are upper case, so this one is checked case-sensitively on the zone. */
const COUNT_RE = /^(?:\d[\d,.]*\s*k?|no|one)\s+(?:comments?|replies|responses|views|likes|shares|reactions|reads)$|^(?:comments?|replies|views)\s*[:(]?\s*\d[\d,.]*\)?$/i;
/** An episode's or video's length in its header: "38 minutes", "1 hr 12 min", "Duration: 41:07". */
const DURATION_RE = /^(?:(?:duration|length|running\s+time|runtime)\s*:?\s*)?(?:\d{1,3}\s*(?:h|hrs?|hours?)\.?\s*)?\d{1,3}\s*(?:m|mins?|minutes?)\.?(?:\s*\d{1,2}\s*(?:s|secs?|seconds?))?$|^(?:duration|length|running\s+time|runtime)\s*:?\s*(?:\d{1,2}:)?\d{1,2}:\d{2}$/i;
const READ_TIME_RE = /^(?:\d{1,3}\s*(?:-|–)?\s*(?:min|mins|minutes?)\.?\s+(?:read|reading|listen|watch)|(?:estimated\s+)?(?:reading|read|listening)\s+time\s*:?\s*\d{1,3}\s*(?:min|mins|minutes?)?\.?)$/i;

const CONNECTOR = '(?:de|da|van|von|der|den|del|la|le|du|bin|al|el|di|dos|ibn)';
/** One personal name: capitalised words, maybe with a particle ("Ludwig van Beethoven"). */
const PERSON = new RegExp(`^\\p{Lu}[\\p{L}'’.-]*(?:\\s+(?:${CONNECTOR}\\s+)?\\p{Lu}[\\p{L}'’.-]*){0,3}$`, 'u');
/** "By Jane Doe", "By Jane Doe and John Roe, Senior Editor", "By JANE DOE, Reuters". */
export function isByline(s: string): boolean {
  const m = /^[Bb][Yy]\s+(\S.*)$/.exec(s);
  if (!m || /[.!?]$/.test(m[1]!)) return false;
  const parts = m[1]!.split(/\s*(?:,|\band\b|&)\s*/);
  if (!parts.every(Boolean) || parts.length > 5) return false;
  const first = parts[0]!;
  if (!PERSON.test(first) || NOT_A_NAME.test(first.split(/\s+/)[0]!)) return false;
  // Every part is a name, except that the last may be a role or an outlet ("Senior Editor", "Reuters").
  return parts.slice(1).every((p, i) => PERSON.test(p) || (i === parts.length - 2 && p.length <= 40 && !/\d/.test(p)));
}
/** "Posted by jdoe on March 3, 2025", "Written by admin": a user name may be lower case here. */
const POSTED_BY_RE =
  /^(?:posted|written|published|submitted|reported|edited|updated|compiled|reviewed|story|words|text)\s+by\s+\S+(?:\s+\S+){0,3}?(?:\s+(?:on|at)\s+(\S.*?))?(?:\s*,\s*[^,.!?\d]{1,40})?$/i;
const NOT_A_NAME = new RegExp(`^(?:${MONTH}|${WEEKDAY}|the|this|that|then|now|far|way|contrast|comparison|default|design|hand|night|day)$`, 'i');

/** One piece of post metadata: a date or time, a comment count, a reading time, a byline. */
export function isMetaAtom(seg: string): boolean {
  const s = seg.trim().replace(/[.,;]$/, '');
  if (!s) return true;
  if (COUNT_RE.test(s) || READ_TIME_RE.test(s) || DURATION_RE.test(s) || isDateTime(s)) return true;
  const posted = POSTED_BY_RE.exec(s);
  if (posted && (posted[1] === undefined || isDateTime(posted[1]))) return true;
  return isByline(s);
}

/** Every metadata atom has a digit or starts with one of these words: a cheap test before the full one. */
const META_WORD_START =
  /^(?:by|recorded|aired|broadcast|filmed|duration|length|runtime|posted|written|published|submitted|reported|edited|updated|compiled|reviewed|story|words|text|comments?|replies|views|reading|read|estimated)\b/i;
const META_DIGITS =
  /\d[:.]\d\d|\d\s*[ap]\.?m\b|\d[-/.]\d|\d\s*(?:comment|repl|view|like|share|reaction|min)|(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d|\d(?:st|nd|rd|th)?\s+(?:of\s+)?(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)/i;
const metaHint = (t: string) => META_WORD_START.test(t) || (/\d/.test(t) && META_DIGITS.test(t));

/** A line made only of post metadata, separated by "|", "•" or "·" ("By X | Updated DATE | 6 min read"). */
export function isMetaLine(line: string): boolean {
  const t = line.trim();
  if (!t || t.length > 160 || !metaHint(t)) return false;
  // Dates and names contain commas and dashes, so only the usual metadata separators split.
  const segs = t.split(/\s*[|•·]\s*|\s+[-–—]\s+(?=(?:\d|by\b|updated|published|posted|last))/i);
  return segs.every(isMetaAtom) && segs.some((s) => s.trim() !== '');
}

/** "Update 10:42 am:", "10:42 a.m. ET —", "UPDATE (10:42):" at the start of a live-blog entry. */
const UPDATE_MARK = new RegExp(
  `^(?:(?:update|updated|edit|posted|breaking|latest)\\b\\s*(?:at\\s+)?)?[(\\[]?\\s*${CLOCK}\\s*[)\\]]?\\s*(?:[:\\-–—|]|(?=\\s*$))\\s*`,
);

/** Strips a live-blog update marker; `marked` says one was there (the entry starts a new paragraph). */
export function stripUpdateMark(line: string): { text: string; marked: boolean } {
  if (!/^\S{0,9}\s*[(\[]?\s*\d/.test(line)) return { text: line, marked: false };
  // The marker is ASCII, so its length in the lower-cased line is its length in the line.
  const m = UPDATE_MARK.exec(line.slice(0, 60).toLowerCase());
  if (!m) return { text: line, marked: false };
  // A bare clock time followed by a dash is a range or a score in prose ("10:30 - 11:00 was slow").
  const rest = line.slice(m[0].length);
  if (/^\d/.test(rest)) return { text: line, marked: false };
  return { text: rest.trim(), marked: true };
}

// Media timestamps: [00:12:34], (00:12), [1:02:03.500].
const TS = '(?:\\d{1,2}:)?\\d{1,2}:\\d{2}(?:[.,]\\d{1,3})?';
const BRACKETED_TS = new RegExp(`\\s*(?:\\[\\s*${TS}\\s*\\]|\\(\\s*${TS}\\s*\\))`, 'g');
/** A timestamp opening a transcript line, bracketed or bare ("00:12:34 Speaker 1: ..."). */
const LEADING_TS = new RegExp(`^(?:[\\[(]\\s*${TS}\\s*[\\])]|${TS}(?=\\s))\\s*(?:[-–—|]\\s*)?`);
const LEADING_HMS = /^\d{1,2}:\d{2}:\d{2}(?:[.,]\d{1,3})?(?=\s|$)\s*(?:[-–—|]\s*)?/;
const CUE_LINE = new RegExp(`^${TS}\\s*-->\\s*${TS}(?:\\s.*)?$`);

/** Sounds and events a transcriber notes in brackets; never words anyone said. */
const STAGE_WORDS =
  'inaudible|unintelligible|indiscernible|indistinct|crosstalk|cross-talk|cross talk|overlapping(?: speech| voices)?|simultaneous speech|' +
  'laughter|laughs?|laughing|chuckles?|chuckling|giggles?|applause|applauds|clapping|cheers|cheering|music(?: playing| fades(?: out| in)?| ends| starts)?|' +
  '(?:upbeat|gentle|soft|dramatic|theme|intro|outro|background|bright|light|mellow|tense|somber|ambient) music|theme song|jingle|' +
  'silence|pause|pauses|long pause|cough|coughs|coughing|clears throat|sighs?|sniffs|groans?|gasps?|' +
  'blank_audio|blank audio|no audio|no speech|audio cuts out|audio drops|technical difficulties|bleep|background noise|' +
  'phone rings|door closes|foreign language|speaking foreign language|speaks foreign language|sound effect|video plays|video playing|' +
  'commercial break|ad break|end of transcript|transcript ends|off[- ]mic|off[- ]camera|recording starts|recording ends';
/** The inside of a bracket that holds only a stage direction, maybe with who and when ("audience laughs", "inaudible 00:00:41"). */
const STAGE_INNER = new RegExp(`^(?:[a-z]+\\s+)?(?:${STAGE_WORDS})(?:\\s+(?:at\\s+)?${TS})?$`);
const BRACKETED = /\s*(?:\[([^[\]()]{1,60})\]|\(([^[\]()]{1,60})\))/g;
/** Stems of the stage words: a cheap test so that the large pattern is rarely compiled or run. */
const STAGE_HINT = /inaud|unintel|indis|cross|overlap|simult|laugh|chuckl|giggl|applau|clap|cheer|music|theme|jingle|silen|pause|cough|throat|sigh|sniff|groan|gasp|blank|audio|speech|technical|bleep|noise|ring|door|foreign|effect|video|break|transcript|mic|camera|recording/i;
const isStage = (inner: string) => inner.length <= 60 && STAGE_HINT.test(inner) && STAGE_INNER.test(inner.trim().toLowerCase().replace(/\s+/g, ' '));

/**
 * Removes media timestamps and bracketed stage directions from a line. A bare timestamp at the
 * start of a line is removed in transcripts, and in articles only with seconds: "10:30" may begin a sentence.
 */
export function stripTranscriptMarks(line: string, transcript: boolean): string {
  let t = line;
  if (transcript) t = t.replace(LEADING_TS, '');
  // With hours, minutes and seconds it is a media time even in an article: clocks in prose stop at minutes.
  else if (/^\d{1,2}:\d{2}:\d{2}/.test(t)) t = t.replace(LEADING_HMS, '');
  if (/[[(]/.test(t)) t = t.replace(BRACKETED, (m, sq?: string, par?: string) => (isStage(sq ?? par ?? '') ? '' : m)).replace(BRACKETED_TS, '');
  if (t === line) return line;
  return t
    .replace(/\s+([,.;:!?])/g, '$1')
    .replace(/([,;])(?:\s*[,;])+/g, '$1')
    .replace(/^[\s,;]+/, '')
    .replace(/ {2,}/g, ' ')
    .trim();
}

/** SubRip / WebVTT cue timing lines and headers. */
export function isCueLine(line: string): boolean {
  return (line.includes('-->') && CUE_LINE.test(line)) || line.startsWith('WEBVTT');
}

/** Notes that a transcript was machine-made ("Transcript generated automatically. May contain errors."). */
const TRANSCRIPT_NOTE_RE =
  /\b(?:transcripts?|captions?|subtitles?)\b.{0,80}\b(?:generated|automatic(?:ally)?|automated|machine|may contain (?:errors|mistakes)|not (?:be )?in (?:its )?final form|edited for (?:clarity|length|brevity)|ai[- ]generated)\b|\bauto(?:matic(?:ally)?)?[- ]?(?:generated\s+)?(?:transcripts?|captions?|subtitles?)\b|^(?:this\s+)?(?:episode\s+)?transcript(?:ion)?\s*:?$/i;

/** True for a note that the transcript was machine-made; a cheap test first keeps the large one rarely compiled. */
export const isTranscriptNote = (line: string) =>
  /transcri|caption|subtitle/i.test(line) && /generat|automat|machine|error|mistake|final|edited|auto|^\W*(?:this\s+)?(?:episode\s+)?transcri\w*\W*$/i.test(line) && TRANSCRIPT_NOTE_RE.test(line);
