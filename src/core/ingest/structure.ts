// Document structure: which lines are headings, who is speaking, and which lines belong to one
// paragraph. Scraped text encodes all three only through layout conventions, so each rule below
// is one convention.

import type { DocKind } from '../corpus.js';
import { stripInlineMarkup } from './normalize.js';

export interface Paragraph {
  text: string;
  section?: string;
  speaker?: string;
  /** The speaker is a named person asking ("Question, Lena Park at Acme:"), not answering. */
  asks?: boolean;
  /** Character offsets in `text` where a source line ended (caption breaks are split hints). */
  breaks: number[];
}

export interface StructureResult {
  paragraphs: Paragraph[];
  headings: string[];
  /** True when speaker labels were found (transcript turns are then paragraphs). */
  labelled: boolean;
}

const END_PUNCT = /[.!?。！？…]["'”’)\]]*$/;
const QUESTION_ROLE = 'Question';
/** Prefixes a speaker line's name when that person asks (a name never holds this character). */
const ASKER_MARK = '\u0001';
const ANSWER_ROLE = 'Answer';

/** Roles that label a turn without naming a person. */
const ROLES = new Map<string, string>(
  Object.entries({
    q: QUESTION_ROLE,
    question: QUESTION_ROLE,
    a: ANSWER_ROLE,
    answer: ANSWER_ROLE,
    host: 'Host',
    'co-host': 'Co-host',
    cohost: 'Co-host',
    interviewer: 'Interviewer',
    interviewee: 'Interviewee',
    moderator: 'Moderator',
    audience: 'Audience',
    'audience member': 'Audience member',
    'audience question': 'Audience question',
    presenter: 'Presenter',
    panelist: 'Panelist',
    narrator: 'Narrator',
    reporter: 'Reporter',
    anchor: 'Anchor',
    guest: 'Guest',
    participant: 'Participant',
    speaker: 'Speaker',
    'keynote speaker': 'Speaker',
    caller: 'Caller',
    respondent: 'Respondent',
    interpreter: 'Interpreter',
    translator: 'Translator',
    unknown: 'Unknown speaker',
    'unknown speaker': 'Unknown speaker',
    'male speaker': 'Male speaker',
    'female speaker': 'Female speaker',
  }),
);

/** Roles that answer questions: an unlabelled reply to a question is theirs. */
const ANSWERING_ROLES = new Set(['Interviewee', 'Guest', 'Speaker', 'Panelist', 'Presenter', 'Respondent']);

/** Words that open "Word: text" lines that are not speaker labels. */
const NOT_LABEL_FIRST = new Set(
  (
    'note notes nb update updates updated edit edited editor warning caution disclaimer source sources related example ' +
    'examples summary tl;dr tldr tip tips ps p.s important conclusion conclusions background result results step ' +
    'part chapter section figure fig table slide image photo credit via tags tag category categories posted date time ' +
    'location title subject abstract keywords reason reasons bottom why how what when where who which here here’s here\'s ' +
    'there the a an this that these those my our your his her its their it we they i you he she in on at for of to by ' +
    'with from and but or so one two three first second third finally also bonus key lesson lessons rule rules hint spoiler ' +
    'read watch listen see correction clarification context translation original transcript full watch price cost ' +
    'pros cons verdict score rating status problem solution answer question challenge goal goals takeaway takeaways ' +
    'closing opening final thoughts words update: breaking live ps: fact quick short long meanwhile'
  ).split(/\s+/),
);
const NAME_CONNECTORS = new Set(['de', 'da', 'van', 'von', 'der', 'den', 'del', 'la', 'le', 'du', 'bin', 'al', 'el', 'di', 'dos', 'ibn']);

const slugName = (s: string) => s.toLowerCase().replace(/\s+/g, ' ').trim();

function titleCaseIfShouting(name: string): string {
  if (name !== name.toUpperCase() || !/[A-Z]{2}/.test(name)) return name;
  return name.toLowerCase().replace(/(^|[\s'’-])(\p{L})/gu, (_m, p: string, c: string) => p + c.toUpperCase());
}

export interface LabelMatch {
  name: string;
  rest: string;
  /** A one-off 'Name: "quote"' in prose: it attributes its own paragraph, not the ones after it. */
  scoped?: boolean;
  /** 'Question, Name at Org:': Name asks; the answer after it belongs to whoever answers. */
  asker?: boolean;
}

const NAME_WORD = /^\p{Lu}[\p{L}'’.-]*$/u;
const isNameWords = (s: string) => {
  const words = s.trim().split(/\s+/);
  return words.length <= 4 && words.every((w, i) => (i > 0 && NAME_CONNECTORS.has(w.toLowerCase())) || NAME_WORD.test(w)) && !NOT_LABEL_FIRST.has(words[0]!.toLowerCase());
};

/**
 * The person who asks, in "Question, Lena Park at Acme", "Question from Lena Park", "Q (Lena Park)",
 * "Audience question - Lena Park": the role word is who they are, the name is who speaks.
 */
export function askerOf(raw: string): string | undefined {
  const m = /^(?:[-–—]\s*)?(?:q|question|audience question|question from the audience)\s*(?:,|\bfrom\b|\(|[-–—])\s*([^,()]+?)\s*(?:(?:,|\bat\b|\bfrom\b|\bof\b|\()\s*[^()]*)?\)?\s*$/i.exec(raw.trim());
  if (!m) return undefined;
  const name = m[1]!.trim();
  return isNameWords(name) ? titleCaseIfShouting(name) : undefined;
}

/** "Nadia Brooks (Host)" and "Host (Nadia Brooks)": the person, whichever side the role is on. */
function personOfRoleLabel(raw: string, known: string[]): string | undefined {
  const m = /^([^()]+?)\s*\(([^()]+)\)$/.exec(raw);
  if (!m) return undefined;
  const [outer, inner] = [m[1]!.trim(), m[2]!.trim()];
  const isKnown = (s: string) => known.some((k) => slugName(k) === slugName(s));
  if (ROLES.has(slugName(outer)) && (isKnown(inner) || isNameWords(inner))) return inner;
  if (isKnown(outer) || (ROLES.has(slugName(inner)) && isNameWords(outer))) return outer;
  // "Nadia Brooks (Acme Corp)": a person's two or three names, not a dateline ("WASHINGTON (AP)", "Paris (Reuters)").
  const words = outer.split(/\s+/);
  if (isNameWords(outer) && words.length >= 2 && words.length <= 3 && outer !== outer.toUpperCase() && inner.split(/\s+/).length <= 6) return outer;
  return undefined;
}

/**
 * "Name: words" at the start of a line. `known` are meta.speakers; `recurring` names seen as labels
 * at least twice in the document (a one-off "Closing Thoughts:" is a lead-in, a name that recurs is a speaker).
 */
export function matchLabel(line: string, known: string[], recurring?: Set<string>): LabelMatch | undefined {
  // A timestamp between the name and the colon holds colons of its own: "Lisa Wong 00:01:02: text".
  const untimed = !/\d:\d/.test(line) ? line : line.replace(/^(\D[^:：\n]{0,39}?)\s*(?:[-–—|]\s*)?[(\[]?(?:\d{1,2}:)?\d{1,2}:\d{2}(?:[.,]\d{1,3})?[)\]]?\s*([:：])/, '$1$2');
  const m = /^(?:>>\s*)?([^:：\n]{1,40}?)\s*[:：]\s*(.*)$/.exec(untimed);
  if (!m) return undefined;
  // **Name:** in markdown interviews; "Name (00:01:02):" or "Name 01:02:" in transcription exports.
  const raw = m[1]!.replace(/^[*_]+|[*_]+$/g, '').replace(TIMESTAMP_TAIL, '').trim();
  const rest = m[2]!.replace(/^[*_]+\s*/, '').trim();
  if (!raw || /^\d|https?$/i.test(raw)) return undefined;
  const asker = askerOf(raw);
  if (asker) return { name: known.find((k) => slugName(k) === slugName(asker)) ?? asker, rest, asker: true };
  const person = personOfRoleLabel(raw, known);
  if (person && person !== raw) return matchLabel(`${person}: ${rest}`, known, recurring);
  // Clock times and ratios ("10:30", "3:2") are not labels.
  if (/\d$/.test(raw) && /^\d/.test(rest)) return undefined;
  const lower = slugName(raw);
  const knownHit = known.find((k) => slugName(k) === lower);
  if (knownHit) return { name: knownHit, rest };
  const role = ROLES.get(lower);
  if (role) return { name: role, rest };
  if (/^speaker\s+(?:\d{1,2}|[a-z])$/i.test(raw)) return { name: raw.replace(/^speaker/i, 'Speaker'), rest };
  // First or last name of a known speaker ("Greg:" for Greg Brockman).
  const partial = known.filter((k) => slugName(k).split(' ').includes(lower));
  if (partial.length === 1 && !raw.includes(' ')) return { name: partial[0]!, rest };
  const words = raw.split(/\s+/);
  if (words.length > 4 || /\d/.test(raw)) return undefined;
  if (NOT_LABEL_FIRST.has(words[0]!.toLowerCase())) return undefined;
  const nameLike = words.every(
    (w, i) => (i > 0 && NAME_CONNECTORS.has(w.toLowerCase())) || /^\p{Lu}[\p{L}'’.-]*$/u.test(w),
  );
  if (!nameLike) return undefined;
  if (rest === '' && line.length > 50) return undefined;
  const display = titleCaseIfShouting(raw);
  if (recurring && !recurring.has(slugName(display))) {
    // A one-off label is accepted only if it looks like a personal name of 2-3 words or is all caps,
    // or is one name word followed by a quotation ('Ruiz: "We stopped..."').
    const personal = words.length >= 2 && words.length <= 3;
    const quoted = words.length === 1 && /^["“‘]/.test(rest);
    if (!personal && !quoted && raw !== raw.toUpperCase()) return undefined;
    if (quoted && !personal) return { name: display, rest, scoped: true };
  }
  return { name: display, rest };
}

/** A timestamp after a speaker's name: "(00:01:02)", "[01:02]", "00:01:02", "- 1:02". */
const TIMESTAMP_TAIL = /\s*(?:[-–—|@]\s*)?[(\[]?\s*(?:\d{1,2}:)?\d{1,2}:\d{2}(?:[.,]\d{1,3})?\s*[)\]]?$/;

/** "Speaker: Name" or "Speaker - Name" alone on its line names whoever talks next. */
export function matchSpeakerLine(line: string, known: string[] = []): string | undefined {
  // "— Question, Lena Park at Acme" alone on its line: she asks what follows.
  if (/^(?:[-–—]\s*)?(?:q|question|audience question)\b/i.test(line) && line.length <= 120 && !/[:：?]/.test(line)) {
    const asker = askerOf(line);
    if (asker) return ASKER_MARK + (known.find((k) => slugName(k) === slugName(asker)) ?? asker);
  }
  // Transcription exports put the name and the time on a line of their own: "Lisa Wong 0:03", "SPEAKER 2 [01:15]".
  const timed = /\d:\d\d/.test(line) ? TIMESTAMP_TAIL.exec(line) : null;
  if (timed && timed.index > 0 && /\d:\d\d/.test(timed[0])) {
    const name = line.slice(0, timed.index).trim();
    if (/^speaker\s+(?:\d{1,2}|[a-z])$/i.test(name)) return name.replace(/^speaker/i, 'Speaker');
    const lower = slugName(name);
    const knownHit = known.find((k) => slugName(k) === lower);
    if (knownHit) return knownHit;
    const role = ROLES.get(lower);
    if (role) return role;
    const words = name.split(/\s+/);
    if (words.length <= 4 && words.every((w, i) => (i > 0 && NAME_CONNECTORS.has(w.toLowerCase())) || /^\p{Lu}[\p{L}'’.-]*$/u.test(w)) && !NOT_LABEL_FIRST.has(words[0]!.toLowerCase()))
      return titleCaseIfShouting(name);
  }
  const m = /^(?:speaker|speakers|presenter|guest|interviewee|panelist|voice)\s*[:：\-–—]\s*(.{2,60})$/i.exec(line);
  if (!m) return undefined;
  const name = m[1]!.trim();
  if (END_PUNCT.test(name) && !/\b[A-Z]\.$/.test(name)) return undefined;
  const words = name.split(/\s+/);
  if (words.length > 5 || !words.every((w) => /^[\p{Lu}(]/u.test(w) || NAME_CONNECTORS.has(w.toLowerCase()))) return undefined;
  return titleCaseIfShouting(name);
}

const ROMAN = /^(?=[IVXLC])(?:C{0,3})(?:XC|XL|L?X{0,3})(?:IX|IV|V?I{0,3})$/;

/** "1. Title", "II. Title", "3) Title", "4、Title": returns the title without its number. */
export function numberedTitle(line: string): string | undefined {
  const m = /^(\d{1,2}|[IVXLC]{1,7})(?:[.)]|\s*[、．])\s*(\S.*)$/.exec(line);
  if (!m) return undefined;
  if (!/^\d/.test(m[1]!) && !ROMAN.test(m[1]!)) return undefined;
  // "I. M. Pei" or "2. 5" are not numbered titles.
  if (!/^[\p{L}"“‘'(*_]/u.test(m[2]!)) return undefined;
  return m[2]!;
}

/** Whole-line markup headings: `# Title`, `**Title**`, `__Title__`. */
export function markupHeading(line: string): string | undefined {
  const md = /^#{1,6}\s+(.+?)\s*#*$/.exec(line);
  if (md) return md[1]!;
  const bold = /^(\*\*|__)(?!\s)(.+?)\1\s*:?$/.exec(line);
  if (bold && line.length <= 200 && !bold[2]!.includes(bold[1]!)) return bold[2]!;
  return undefined;
}

function cleanHeading(text: string): string {
  let t = stripInlineMarkup(text.replace(/^(\*\*|__)|(\*\*|__)$/g, '')).trim();
  const n = numberedTitle(t);
  if (n) t = n;
  return t.replace(/[.:]$/, '').trim();
}

/** Lines wrapped at a fixed width (most lines end near one length and mid-sentence). */
export function isHardWrapped(lines: string[]): boolean {
  const lens = lines.filter(Boolean).map((l) => l.length).sort((a, b) => a - b);
  if (lens.length < 5) return false;
  const w = lens[Math.floor(lens.length * 0.9)]!;
  if (w > 200) return false;
  const content = lines.filter(Boolean);
  const nearWidth = content.filter((l) => l.length >= w * 0.6).length / content.length;
  const open = content.filter((l) => !END_PUNCT.test(l)).length / content.length;
  return nearWidth >= 0.5 && open >= 0.4;
}

/** A timestamp opening a line ("[00:12:34]", "(12:34)", "00:12:34"), which hides the label after it. */
const LEADING_TIME = /^\s*(?:[\[(]\s*(?:\d{1,2}:)?\d{1,2}:\d{2}(?:[.,]\d{1,3})?\s*[\])]|(?:\d{1,2}:)?\d{1,2}:\d{2}(?:[.,]\d{1,3})?(?=\s))\s*(?:[-–—|]\s*)?/;

/**
 * Turns by named people: speaker labels opening several lines, at least two people each labelled
 * more than once, and labels opening a fair share of the paragraphs (an article quoting one
 * exchange is still an article).
 */
function hasSpeakerTurns(content: string[]): boolean {
  const counts = new Map<string, number>();
  let labelled = 0;
  for (const l of content) {
    const m = matchLabel(l.trim().replace(LEADING_TIME, ''), []);
    // "Q:" and "A:" alone also shape FAQ pages and edited print interviews, which read as articles.
    if (!m || m.name === QUESTION_ROLE || m.name === ANSWER_ROLE) continue;
    labelled++;
    // "Nadia Brooks:" and later "Nadia:" are one person's turns.
    const key = slugName(m.name).split(' ')[0]!;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  const people = [...counts.values()].filter((n) => n >= 2).length;
  return labelled >= 4 && people >= 2 && labelled / content.length >= 0.3;
}

/** Transcript when there is no paragraph structure, or lines run on without punctuation, or fillers abound. */
/** "10:42 AM: She says ...", "UPDATE 14:05 — The vote ...": a time of day (no seconds, no brackets) opening an entry. */
const ENTRY_STAMP = /^(?:update[sd]?\s+)?\d{1,2}[:.][0-5]\d(?:\s*[ap]\.?m\.?)?(?:\s+[A-Z]{2,4})?\s*[:\-–—|]\s+(\S.{30,})$/i;
/**
 * A live blog is a run of entries stamped with the time of day, most of them the writer's prose.
 * (A transcript stamped by the clock opens each line with a speaker's name instead.)
 */
function isLiveBlog(content: string[]): boolean {
  const entries = content.flatMap((l) => ENTRY_STAMP.exec(l.trim())?.[1] ?? []);
  if (entries.length < 4 || entries.length < content.length * 0.3) return false;
  const labelled = entries.filter((e) => /^[\p{Lu}][\p{L}'’.-]*(?:\s+[\p{Lu}][\p{L}'’.-]*){0,3}\s*:/u.test(e)).length;
  return labelled * 2 < entries.length;
}

export function guessKind(text: string): DocKind {
  const lines = text.split('\n');
  const content = lines.filter((l) => l.trim());
  if (content.length === 0) return 'article';
  if (isLiveBlog(content)) return 'live blog';
  if (hasSpeakerTurns(content)) return 'transcript';
  const blanks = lines.length - content.length;
  const open = content.filter((l) => l.length > 40 && !END_PUNCT.test(l.trim())).length / content.length;
  const words = text.split(/\s+/).length;
  const fillers = (text.match(/\b(?:um+|uh+|uhm|erm)\b/gi) ?? []).length;
  if (words > 100 && (fillers / words) * 1000 >= 2) return 'transcript';
  if (blanks / content.length < 0.2 && open >= 0.5) return 'transcript';
  return 'article';
}

/** A line ending in one of these words stops mid-phrase: it is wrapped text, not a heading. */
const DANGLING = /\b(?:the|a|an|of|to|in|on|for|with|at|by|from|and|or|but|as|that|which|who|is|are|was|were|be|has|have|had|will|would|can|could|our|their|his|her|its|my|your|this|these|than)$/i;

/** "Ruiz" as "Dana Ruiz" when the text names that person in full exactly once, in one form. */
function fullName(surname: string, lines: string[]): string {
  const esc = surname.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const re = new RegExp(`\\b((?:\\p{Lu}[\\p{Ll}'’-]+\\s+){1,2})${esc}\\b`, 'gu');
  const forms = new Set<string>();
  for (const l of lines) for (const m of l.matchAll(re)) forms.add(`${m[1]!.trim()} ${surname}`);
  return forms.size === 1 ? [...forms][0]! : surname;
}

/** A title: short, unpunctuated, starting with a capital or a digit, a few words long. */
function isTitleLine(text: string): boolean {
  const words = text.split(/\s+/).length;
  return text.length <= 120 && words >= 2 && words <= 16 && !END_PUNCT.test(text) && !/[,;]$/.test(text) && /^[\p{Lu}\d"“‘]/u.test(text);
}

/** "Host: ...", "Jane Doe: ..." where the label is a role or a speaker named in the metadata. */
function isKnownLabel(text: string, known: string[]): boolean {
  const m = /^([^:：]{1,40}?)\s*[:：]/.exec(text);
  if (!m) return false;
  const lower = slugName(m[1]!);
  return ROLES.has(lower) || known.some((k) => slugName(k) === lower || slugName(k).split(' ').includes(lower));
}

const TURN_MARK = /^>>+[ \t]*/;
const LIST_MARK = /^(?:[-*•●▪◦‣]|\d{1,2}[.)])\s+/;

interface Line {
  text: string;
  heading?: string;
  /** `>> words`: the caption and TV-transcript mark of a new, unnamed speaker. */
  turn?: boolean;
  label?: LabelMatch;
  speakerLine?: string;
}

/** Headings, speaker turns and paragraphs from cleaned lines ('' = blank line). */
export function buildStructure(lines: string[], kind: DocKind, known: string[]): StructureResult {
  const transcript = kind === 'transcript';
  const blankStructured = lines.some((l, i) => !l && i > 0 && lines[i - 1]) && lines.filter((l) => !l).length >= 2;
  const wrapped = isHardWrapped(lines);

  // Names used as labels more than once are speakers even when they do not look like names.
  const seen = new Map<string, number>();
  for (const l of lines) {
    const m = l && matchLabel(l, known);
    if (m) seen.set(slugName(m.name), (seen.get(slugName(m.name)) ?? 0) + 1);
  }
  const recurring = new Set([...seen].filter(([, n]) => n >= 2).map(([k]) => k));
  // "Nadia:" once, where "Nadia Brooks:" labels turns elsewhere, is her too (merged below).
  for (const short of shortNames([...seen.keys()].filter((k) => !ROLES.has(k)).concat(known.map(slugName)))) recurring.add(short);

  // Blocks of consecutive non-blank lines.
  const blocks: string[][] = [];
  let cur: string[] = [];
  for (const l of lines) {
    if (l) cur.push(l);
    else if (cur.length) {
      blocks.push(cur);
      cur = [];
    }
  }
  if (cur.length) blocks.push(cur);

  const classified: Line[][] = blocks.map((block, bi) =>
    block.map((text, li): Line => {
      const markup = markupHeading(text);
      if (markup) return { text, heading: cleanHeading(markup) };
      const speakerLine = matchSpeakerLine(text, known);
      if (speakerLine) return { text, speakerLine };
      const alone = block.length === 1;
      const next = blocks[bi + 1]?.[0];
      // A page or episode title: the first line of the document, alone, unpunctuated, above the body.
      // ("Live from NeurIPS: Building inference" is a title, not a speaker called "Live from NeurIPS".)
      if (bi === 0 && alone && next !== undefined && isTitleLine(text) && !isKnownLabel(text, known)) return { text, heading: cleanHeading(text) };
      const label = matchLabel(text, known, recurring);
      if (label) return { text, label };
      if (TURN_MARK.test(text)) return { text: text.replace(TURN_MARK, ''), turn: true };
      const num = numberedTitle(text);
      if (num && text.length <= 160 && !/[.!?]["”’]?\s+\S/.test(num)) {
        // A numbered line is a heading when it stands alone, not when it is one item of a list.
        const neighbourNumbered = !!(block[li - 1] && numberedTitle(block[li - 1]!)) || !!(block[li + 1] && numberedTitle(block[li + 1]!));
        if (alone || (!blankStructured && !neighbourNumbered && li === 0)) return { text, heading: cleanHeading(text) };
      }
      // A subhead set directly above its paragraph, without a blank line: a few capitalised words,
      // then a full sentence that opens with a capital ("Pricing" / "Pricing for the API is ...").
      const below = block[li + 1];
      if (
        !transcript &&
        !wrapped &&
        blankStructured &&
        li === 0 &&
        below !== undefined &&
        text.length <= 50 &&
        text.split(/\s+/).length <= 6 &&
        !END_PUNCT.test(text) &&
        !/[:,;\-–—]$/.test(text) &&
        !DANGLING.test(text) &&
        /^[\p{Lu}\d]/u.test(text) &&
        /^[\p{Lu}"“‘]/u.test(below) &&
        END_PUNCT.test(below) &&
        below.split(/\s+/).length >= 8
      )
        return { text, heading: cleanHeading(text) };
      // Live-blog and news subheads: a short unpunctuated line alone, followed by prose.
      if (
        !transcript &&
        alone &&
        blankStructured &&
        text.length <= 80 &&
        text.split(/\s+/).length <= 10 &&
        !END_PUNCT.test(text) &&
        !/[:,;]$/.test(text) &&
        /^[\p{Lu}\d"“‘]/u.test(text) &&
        next !== undefined &&
        (next.length > 80 || END_PUNCT.test(next))
      )
        return { text, heading: cleanHeading(text) };
      return { text };
    }),
  );

  const paragraphs: Paragraph[] = [];
  const headings: string[] = [];
  let section: string | undefined;
  let speaker: string | undefined;
  let lastAnswerer: string | undefined;
  let para: Paragraph | undefined;
  let labelled = false;

  const flush = () => {
    if (para && para.text.trim()) paragraphs.push(para);
    para = undefined;
  };
  let lastLine = '';
  const append = (text: string) => {
    const t = stripInlineMarkup(text.replace(LIST_MARK, (m) => (/^\d/.test(m) ? m : '')));
    if (!t) return;
    if (!para) {
      para = { text: t, section, speaker, breaks: [] };
      lastLine = t;
      if (asking && speaker !== undefined) para.asks = true;
      return;
    }
    para.breaks.push(para.text.length);
    // A word hyphenated across a line break is one word; keep the hyphen (it may be a real compound).
    // The text's end is its last line's unless that is too short to hold a letter and a hyphen:
    // testing the whole text flattens it at every line, quadratic in a long unbroken transcript.
    if (/\p{L}-$/u.test(lastLine.length >= 3 ? lastLine : para.text) && /^\p{Ll}/u.test(t)) para.text += t;
    else para.text += ' ' + t;
    lastLine = t;
  };
  // The named asker of a question: her question is hers, the unlabelled answer after it is not.
  let asking = false;
  const setSpeaker = (name: string, asker = false) => {
    labelled = true;
    asking = asker;
    if (asker) {
      speaker = name;
      return;
    }
    if (name === ANSWER_ROLE) name = lastAnswerer ?? ANSWER_ROLE;
    else if (!ROLES.has(name.toLowerCase()) || ANSWERING_ROLES.has(name)) lastAnswerer = name;
    speaker = name;
  };
  // After a question, the next unlabelled paragraph is the answer: it never joins the question.
  const answerAfterQuestion = () => {
    if ((speaker !== QUESTION_ROLE && !asking) || !para || !/\?["”’)]?$/.test(lastLine.length >= 2 ? lastLine : para.text)) return;
    flush();
    asking = false;
    speaker = lastAnswerer ?? ANSWER_ROLE;
  };

  for (const block of classified) {
    if (block[0]?.heading === undefined && block[0]?.label === undefined && block[0]?.speakerLine === undefined) answerAfterQuestion();
    flush();
    block.forEach((line, li) => {
      if (line.heading !== undefined) {
        flush();
        section = line.heading;
        headings.push(line.heading);
        speaker = undefined; // a new section starts with the narrator until someone is labelled
        asking = false;
        return;
      }
      if (line.speakerLine) {
        flush();
        if (line.speakerLine.startsWith(ASKER_MARK)) setSpeaker(line.speakerLine.slice(1), true);
        else setSpeaker(line.speakerLine);
        return;
      }
      if (line.label) {
        flush();
        // Outside transcripts, 'Name: "..."' quotes that person; the report goes on in the writer's voice.
        if (line.label.scoped || (!transcript && !line.label.asker && /^["“‘]/.test(line.label.rest ?? ''))) {
          // The quotation is this speaker's; the narration after it is not.
          const before = speaker;
          setSpeaker(fullName(line.label.name, lines));
          if (line.label.rest) append(line.label.rest);
          flush();
          speaker = before;
          return;
        }
        // Outside transcripts a report names a person in full once and by surname after that.
        const name = line.label.name;
        const surname = !transcript && !line.label.asker && !name.includes(' ') && !ROLES.has(name.toLowerCase());
        setSpeaker(surname ? fullName(name, lines) : name, line.label.asker);
        if (line.label.rest) append(line.label.rest);
        return;
      }
      if (line.turn) {
        // Someone else speaks, and nobody says who: crediting the last named speaker would be wrong.
        flush();
        speaker = undefined;
        asking = false;
        append(line.text);
        return;
      }
      if ((speaker === QUESTION_ROLE || asking) && para) answerAfterQuestion();
      const prev = block[li - 1];
      const continues =
        para !== undefined &&
        prev !== undefined &&
        prev.heading === undefined &&
        !LIST_MARK.test(line.text) &&
        (transcript || wrapped || !END_PUNCT.test(prev.text));
      if (!continues) flush();
      append(line.text);
    });
  }
  flush();
  return { paragraphs: mergeShortNames(paragraphs, known), headings, labelled };
}

/** The one-word names ("nadia", "brooks") that stand for exactly one of these full names. */
function shortNames(names: string[]): Set<string> {
  const owners = new Map<string, Set<string>>();
  for (const n of names) {
    const words = slugName(n).split(' ');
    if (words.length < 2) continue;
    for (const w of [words[0]!, words[words.length - 1]!]) {
      if (NAME_CONNECTORS.has(w)) continue;
      owners.set(w, (owners.get(w) ?? new Set()).add(slugName(n)));
    }
  }
  return new Set([...owners].filter(([, o]) => o.size === 1).map(([w]) => w));
}

/**
 * One person, one name: a first- or last-name-only speaker ("Nadia") becomes the one full name it
 * belongs to ("Nadia Brooks", from a label or the metadata). Two full names sharing it leave it as is.
 */
function mergeShortNames(paragraphs: Paragraph[], known: string[]): Paragraph[] {
  const full = new Map<string, string>();
  for (const k of known) if (k.trim().includes(' ')) full.set(slugName(k), k);
  for (const p of paragraphs) if (p.speaker?.includes(' ') && !ROLES.has(slugName(p.speaker))) if (!full.has(slugName(p.speaker))) full.set(slugName(p.speaker), p.speaker);
  const owners = new Map<string, Set<string>>();
  for (const key of full.keys()) {
    const words = key.split(' ');
    for (const w of new Set([words[0]!, words[words.length - 1]!])) owners.set(w, (owners.get(w) ?? new Set()).add(key));
  }
  return paragraphs.map((p) => {
    if (!p.speaker || p.speaker.includes(' ') || ROLES.has(slugName(p.speaker))) return p;
    const o = owners.get(slugName(p.speaker));
    return o && o.size === 1 ? { ...p, speaker: full.get([...o][0]!)! } : p;
  });
}
