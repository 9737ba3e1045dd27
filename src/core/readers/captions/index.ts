// Caption files (SRT, WebVTT) as transcripts. Both endings share one reading, because files are
// mislabelled and renamed (a WebVTT saved as .srt or .txt): the content decides the shape.
import type { DocumentReader, ReadOutcome } from '../reader.js';
import { decodeText, sniffText } from '../text.js';
import { parseCues, parseTiming } from './cues.js';
import { cuesToProse } from './prose.js';

/** A caption file announces itself in its first lines; the sniff looks no further. */
const SNIFF_CHARS = 600;

export function readCaptions(bytes: Uint8Array): ReadOutcome {
  const decoded = decodeText(bytes);
  if ('error' in decoded) return decoded;
  const parsed = parseCues(decoded.text);
  if (parsed.cues.length === 0) return { error: 'has no captions (no "00:00:01.000 --> 00:00:02.000" timing lines)' };
  const prose = cuesToProse(parsed.cues);
  if (!prose.text.trim()) return { error: 'has captions but no spoken words in them' };
  const fields: Record<string, unknown> = { kind: 'transcript' };
  // "Language: en-US" in the header; metadata keeps the two-letter code.
  const language = /^([a-z]{2})(?:[-_][a-z0-9]{1,8})*$/i.exec(parsed.header.get('language') ?? '')?.[1];
  if (language) fields.language = language.toLowerCase();
  if (prose.speakers.length > 0 && prose.speakers.length <= 50) fields.speakers = prose.speakers;
  return { text: prose.text, metadata: { where: 'caption file', fields }, warnings: parsed.warnings };
}

function head(bytes: Uint8Array): string | undefined {
  return sniffText(bytes.subarray(0, SNIFF_CHARS * 4))?.replace(/^\uFEFF/, '').slice(0, SNIFF_CHARS);
}

/** `WEBVTT` first is the format's signature. */
function sniffVtt(bytes: Uint8Array) {
  const h = head(bytes);
  return h !== undefined && /^\s*WEBVTT(?:[ \t]|\r?\n|$)/.test(h) ? 'signature' : 'no';
}

/** SRT has no signature, but an index line then a timing line is a shape prose does not take. */
function sniffSrt(bytes: Uint8Array) {
  const h = head(bytes);
  if (h === undefined) return 'no';
  const lines = h.trimStart().split(/\r\n?|\n/);
  // Some exports leave out the index: a timing line first is the same shape.
  const timed = /^\d{1,6}\s*$/.test(lines[0] ?? '') ? parseTiming(lines[1] ?? '') : parseTiming(lines[0] ?? '');
  return timed ? 'looks-like' : 'no';
}

export const webVtt: DocumentReader = { extensions: ['.vtt'], sniff: sniffVtt, read: readCaptions };
export const srtCaptions: DocumentReader = { extensions: ['.srt'], sniff: sniffSrt, read: readCaptions };
