// Timed cues to the text shape the cleaning pipeline reads: one line per cue, a blank line between
// paragraphs, `Name: ` at the start of a turn. Captions cut speech at arbitrary points, so the
// sentence splitting is left to the pipeline; what only the caption format can tell is removed or
// turned into structure here: markup, sound descriptions, rolling repeats, changes of speaker.
import type { Cue } from './cues.js';

export interface CaptionProse {
  text: string;
  /** Names given by `<v Name>` voices and by `>> NAME:` turn labels: certain, so passed on as speakers. */
  speakers: string[];
}

/** A pause this long (ms) between cues ends a paragraph once the words before it end a sentence. */
const PAUSE_MS = 2_500;
/** Auto-captions have no punctuation: then a pause alone ends a paragraph, the best boundary there is. */
const UNPUNCTUATED_WORDS_PER_STOP = 40;
/** Rolling auto-captions repeat whole lines; overlaps shorter than this many words are left alone. */
const MIN_WORD_OVERLAP = 3;
const MAX_WORD_OVERLAP = 60;

const END_PUNCT = /[.!?…]["'”’)\]]*$/;
const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ', lrm: '', rlm: '', hellip: '…' };

function decodeEntities(s: string): string {
  return s.replace(/&(#x[0-9a-f]{1,6}|#\d{1,7}|[a-z]{2,8});/gi, (m, name: string) => {
    if (name[0] === '#') {
      const code = name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
      return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : '';
    }
    return ENTITIES[name.toLowerCase()] ?? m;
  });
}

/** The voice of a `<v Name>` / `<v.class Name>` span, if the line has one. */
function voiceOf(line: string): string | undefined {
  const m = /<v(?:\.[\w.-]{0,40})?[ \t]+([^<>\n]{1,60})>/i.exec(line);
  const name = m?.[1]!.replace(/[:：]/g, ' ').replace(/\s+/g, ' ').trim();
  return name && /\p{L}/u.test(name) ? name.slice(0, 40) : undefined;
}

/** Cue markup and non-speech out: tags, inline timestamps, {\an8} overrides, sound descriptions, lyrics. */
export function cueLineText(raw: string): string {
  let s = raw
    // Every tag (<c>, <i>, <v Name>, <00:00:01.000>, <font ...>): bounded, so a line of "<" is linear.
    .replace(/<[^<>\n]{0,200}>/g, '')
    .replace(/\{\\[^{}\n]{0,100}\}/g, '');
  s = decodeEntities(s);
  s = s
    // Sound and music descriptions: square brackets in captions are never speech ([Music], [ __ ]).
    .replace(/\[[^[\]\n]{0,80}\]/g, ' ')
    // Parenthesised descriptions: "(applause)", "(LAUGHS)": short and without digits (a year in
    // parentheses is speech).
    .replace(/\((?:[^()\d\n]{1,40})\)/g, (m) => (m.split(/\s+/).length <= 4 ? ' ' : m))
    // Sung lyrics between notes, and lone notes.
    .replace(/[♪♫][^♪♫\n]{0,300}[♪♫]/g, ' ')
    .replace(/[♪♫]/g, ' ');
  return s.replace(/\s+/g, ' ').trim();
}

/** A turn marker at the start of a cue line: `>>`, a dialogue dash, or a SHOUTED or voiced name. */
interface Turn {
  /** A new speaker starts here (known or not). */
  change: boolean;
  name?: string;
  text: string;
}

const SHOUTED_LABEL = /^(\p{Lu}[\p{Lu}'’.-]*(?:[ \t]+\p{Lu}[\p{Lu}'’.-]*){0,2})[ \t]*:[ \t]*(.*)$/u;
const ANY_LABEL = /^(\p{Lu}[\p{L}'’.-]*(?:[ \t]+\p{Lu}[\p{L}'’.-]*){0,2})[ \t]*:[ \t]*(\S.*)$/u;

const titleCase = (name: string) =>
  name === name.toUpperCase() ? name.toLowerCase().replace(/(^|[\s'’-])(\p{L})/gu, (_m, p: string, c: string) => p + c.toUpperCase()) : name;

function turnOf(text: string): Turn {
  let change = false;
  let t = text;
  const marker = /^(?:>>+|-|–|—)[ \t]*/.exec(t);
  if (marker && (marker[0].startsWith('>') || /[ \t]/.test(marker[0]))) {
    change = true;
    t = t.slice(marker[0].length);
  }
  // "ANA:" in capitals is the caption convention for a speaker; after ">>" any capitalised name is.
  const label = SHOUTED_LABEL.exec(t) ?? (change ? ANY_LABEL.exec(t) : null);
  if (label && /\p{L}{2}/u.test(label[1]!)) return { change: true, name: titleCase(label[1]!), text: label[2]! };
  return { change, text: t };
}

const wordsOf = (s: string) => s.split(' ').filter(Boolean);
const key = (w: string) => w.toLowerCase().replace(/[^\p{L}\p{N}]/gu, '');

interface Para {
  speaker?: string;
  /** A turn of an unnamed speaker: marked so the pipeline does not credit it to the one before. */
  anonymous: boolean;
  lines: string[];
}

/** The cues as pipeline text. */
export function cuesToProse(cues: Cue[]): CaptionProse {
  const speakers = new Set<string>();
  const paras: Para[] = [];
  let para: Para | undefined;
  let speaker: string | undefined;
  let emitted: string[] = []; // the tail of words emitted (as keys), for rolling-repeat removal
  let prevCueLines: string[] = [];
  let lastEnd = -Infinity;

  // Is punctuation rare? Then pauses, not stops, end paragraphs.
  let stops = 0;
  let words = 0;
  const cleanedCues = cues.map((c) => c.lines.map(cueLineText).filter(Boolean));
  for (const lines of cleanedCues)
    for (const t of lines) {
      words += wordsOf(t).length;
      if (END_PUNCT.test(t)) stops++;
    }
  const unpunctuated = words > 0 && stops * UNPUNCTUATED_WORDS_PER_STOP < words;

  const startPara = (name: string | undefined, anonymous: boolean) => {
    para = { ...(name !== undefined ? { speaker: name } : {}), anonymous, lines: [] };
    paras.push(para);
  };

  cues.forEach((cue, ci) => {
    const voice = cue.lines.map(voiceOf).find((v) => v !== undefined);
    const cleaned = cleanedCues[ci]!;
    // Rolling captions: a cue opens with the line(s) the previous cue showed.
    const norm = (l: string) => wordsOf(l).map(key).join(' ');
    const seen = new Set(prevCueLines.map(norm));
    prevCueLines = cleaned;
    let lines = cleaned;
    while (lines.length && seen.has(norm(lines[0]!))) lines = lines.slice(1);
    if (!lines.length) {
      lastEnd = Math.max(lastEnd, cue.to);
      return;
    }
    const pause = cue.from - lastEnd >= PAUSE_MS;
    lastEnd = Math.max(lastEnd, cue.to);

    lines.forEach((line, li) => {
      const turn = turnOf(line);
      let text = turn.text;
      let name = turn.name;
      if (li === 0 && voice !== undefined && name === undefined) name = voice;
      const changed = (name !== undefined && name !== speaker) || turn.change;
      if (changed) {
        speaker = name;
        if (name !== undefined) speakers.add(name);
        startPara(name, name === undefined);
        emitted = [];
      } else if (!para || (li === 0 && pause && (unpunctuated || END_PUNCT.test(para.lines.at(-1) ?? '')) && para.lines.length >= 2)) {
        startPara(undefined, false);
      }
      // Word overlap with what was just said: a partial rolling repeat.
      const ws = wordsOf(text);
      const wk = ws.slice(0, MAX_WORD_OVERLAP).map(key);
      let overlap = 0;
      const max = Math.min(ws.length, emitted.length, MAX_WORD_OVERLAP);
      for (let k = max; k >= MIN_WORD_OVERLAP; k--) {
        let same = true;
        for (let j = 0; j < k && same; j++) same = emitted[emitted.length - k + j] === wk[j];
        if (same) {
          overlap = k;
          break;
        }
      }
      text = ws.slice(overlap).join(' ');
      if (!text) return;
      para!.lines.push(text);
      emitted = emitted.concat(wk.slice(overlap), ws.slice(Math.max(MAX_WORD_OVERLAP, ws.length - MAX_WORD_OVERLAP)).map(key)).slice(-MAX_WORD_OVERLAP);
    });
  });

  const out: string[] = [];
  for (const p of paras) {
    if (!p.lines.length) continue;
    const first = p.speaker !== undefined ? `${p.speaker}: ${p.lines[0]}` : p.anonymous ? `>> ${p.lines[0]}` : p.lines[0]!;
    out.push([first, ...p.lines.slice(1)].join('\n'));
  }
  return { text: out.join('\n\n') + '\n', speakers: [...speakers] };
}
