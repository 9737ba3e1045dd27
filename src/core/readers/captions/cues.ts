// SRT and WebVTT files as a list of timed cues. Our own line scanner rather than
// @plussub/srt-vtt-parser: that parser throws on a BOM before WEBVTT and on an id line with no
// timing, drops the header we need for the language, treats any block whose first line contains
// "NOTE"/"STYLE"/"REGION" as a comment (a cue id "keynote-3" loses its cue), reads SRT ".500"
// millis as 1 ms and glues cues together when a sloppy SRT leaves out the blank lines.

export interface Cue {
  /** Milliseconds from the start of the media. */
  from: number;
  to: number;
  /** The cue's text lines, tags and all (settings after the timing are not kept). */
  lines: string[];
}

export interface ParsedCaptions {
  cues: Cue[];
  /** `Key: value` lines between WEBVTT and the first blank line (`Kind`, `Language`), keys lowercased. */
  header: Map<string, string>;
  warnings: string[];
}

/** A long film has a few thousand cues; more than this is not a caption file anyone reads aloud. */
export const MAX_CUES = 100_000;
/** Caption lines are ~40 characters; a line far longer is damage or an attack, cut so nothing downstream chokes. */
export const MAX_LINE_CHARS = 2_000;
/** About eighty hours of speech: more caption text than this is cut, so a huge file costs bounded time. */
export const MAX_TEXT_CHARS = 5_000_000;
/** Timing lines are short; the timing pattern is only tried on lines up to this length. */
const MAX_TIMING_LINE = 300;

// Anchored and built from bounded pieces, so a hostile line fails fast instead of backtracking.
const STAMP = String.raw`(?:(\d{1,3}):)?(\d{1,2}):(\d{2})(?:[.,](\d{1,3}))?`;
const TIMING = new RegExp(String.raw`^\s*${STAMP}\s*-->\s*${STAMP}(?:\s|$)`);

const ms = (h: string | undefined, m: string, s: string, frac: string | undefined) =>
  ((Number(h ?? 0) * 60 + Number(m)) * 60 + Number(s)) * 1000 + (frac ? Math.round(Number(`0.${frac}`) * 1000) : 0);

export function parseTiming(line: string): { from: number; to: number } | undefined {
  if (line.length > MAX_TIMING_LINE || !line.includes('-->')) return undefined;
  const m = TIMING.exec(line);
  if (!m) return undefined;
  return { from: ms(m[1], m[2]!, m[3]!, m[4]), to: ms(m[5], m[6]!, m[7]!, m[8]) };
}

/** WEBVTT comment and style blocks carry no speech. */
const SKIPPED_BLOCK = /^(?:NOTE|STYLE|REGION)(?:[ \t]|$)/;

/** Cues of an SRT or WebVTT text (both shapes are accepted by either reader: files are mislabelled). */
export function parseCues(text: string): ParsedCaptions {
  const lines = text.replace(/^\uFEFF/, '').split(/\r\n?|\n/);
  const header = new Map<string, string>();
  const warnings: string[] = [];
  const cues: Cue[] = [];
  let i = 0;
  while (i < lines.length && !lines[i]!.trim()) i++;
  if (/^WEBVTT(?:[ \t]|$)/.test(lines[i] ?? '')) {
    for (i++; i < lines.length && lines[i]!.trim() && !parseTiming(lines[i]!); i++) {
      const kv = /^([A-Za-z][\w-]{0,30})[ \t]*:[ \t]*(.{0,200})$/.exec(lines[i]!.slice(0, 300));
      if (kv) header.set(kv[1]!.toLowerCase(), kv[2]!.trim());
    }
  }

  let cue: Cue | undefined;
  let skipping = false;
  let blockStart = true;
  let cut = 0;
  let tooMany = false;
  let chars = 0;
  for (; i < lines.length; i++) {
    let line = lines[i]!;
    // Only a truly empty line ends a cue: auto-captions put a single space inside their cues.
    if (line === '') {
      cue = undefined;
      skipping = false;
      blockStart = true;
      continue;
    }
    if (line.length > MAX_LINE_CHARS) {
      line = line.slice(0, MAX_LINE_CHARS);
      cut++;
    }
    const timing = parseTiming(line);
    if (timing) {
      skipping = false;
      // A cue id or SRT index stuck to the previous cue (no blank line between them) is not speech.
      const prevLine = lines[i - 1]?.trim() ?? '';
      const beforePrev = lines[i - 2]?.trim() ?? '';
      if (cue && cue.lines.length && prevLine && (/^\d+$/.test(prevLine) || (!beforePrev && cue.lines.length > 1))) cue.lines.pop();
      if (cues.length >= MAX_CUES || chars > MAX_TEXT_CHARS) {
        tooMany = true;
        break;
      }
      cue = { ...timing, lines: [] };
      cues.push(cue);
      blockStart = false;
      continue;
    }
    if (blockStart && !cue && SKIPPED_BLOCK.test(line)) skipping = true;
    blockStart = !line.trim();
    if (skipping) continue;
    // Text before any timing in a block is a cue id (or stray text): never speech.
    if (cue && line.trim()) {
      cue.lines.push(line);
      chars += line.length;
    }
  }
  if (cut) warnings.push(`${cut} caption line(s) longer than ${MAX_LINE_CHARS} characters were cut short`);
  if (tooMany) warnings.push(`only the first ${cues.length} captions were read (at most ${MAX_CUES} cues or ${MAX_TEXT_CHARS} characters); the rest of the file was left out`);
  return { cues, header, warnings };
}
