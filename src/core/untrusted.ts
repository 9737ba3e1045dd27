// Text and links that come from documents or users, made safe to show before any platform escaping:
// control characters and terminal escape sequences removed, and web addresses accepted only when
// they are plain, well-formed http(s) links. Platforms then escape their own markup on top.
import type { Reply } from '../bot/reply.js';

/**
 * ANSI/VT escape sequences (CSI, OSC such as hyperlinks and titles, DCS/PM/APC strings, two-byte
 * escapes), C0 and C1 control characters other than tab and newline, and bidirectional overrides
 * that make text read differently from what it says.
 */
const CONTROLS =
  /\u001b\[[0-?]*[ -/]*[@-~]?|\u001b\][^\u0007\u001b]*(?:\u0007|\u001b\\)?|\u001b[PX^_][^\u001b]*(?:\u001b\\)?|\u001b[ -/]*[0-~]?|[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;

export function stripControls(text: string): string {
  return text.replace(CONTROLS, '');
}

/** Like stripControls, moving [start, end) ranges into the text along with it. */
export function stripControlsIn(text: string, ranges: [number, number][]): { text: string; ranges: [number, number][] } {
  const removed: [number, number][] = [];
  for (const m of text.matchAll(CONTROLS)) if (m[0].length) removed.push([m.index, m.index + m[0].length]);
  if (!removed.length) return { text, ranges };
  const at = (offset: number) => offset - removed.reduce((n, [s, e]) => n + Math.max(0, Math.min(e, offset) - s), 0);
  return {
    text: stripControls(text),
    ranges: ranges.map(([s, e]): [number, number] => [at(s), at(e)]).filter(([s, e]) => e > s),
  };
}

/** A reply with control characters removed from every string, highlights kept on their words. */
export function withoutControls(reply: Reply): Reply {
  const deep = (v: unknown): unknown =>
    typeof v === 'string'
      ? stripControls(v)
      : Array.isArray(v)
        ? v.map(deep)
        : v && typeof v === 'object'
          ? Object.fromEntries(Object.entries(v).map(([k, x]) => [k, deep(x)]))
          : v;
  const out = deep(reply) as Reply;
  if ('passages' in reply && 'passages' in out) {
    out.passages = out.passages.map((p, i) => {
      const { text, ranges } = stripControlsIn(reply.passages[i]!.text, reply.passages[i]!.highlights);
      return { ...p, text, highlights: ranges };
    });
  }
  return out;
}

// Characters that break out of Slack's <url|text> and Discord's markdown, or hide what a link is.
const UNSAFE_IN_URL = /[\s<>|"`\\\u0000-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2066-\u2069]/u;
export const MAX_URL = 2048;

/** Why a web address cannot be linked, in words for a warning; undefined when it is fine. */
export function urlProblem(raw: unknown): string | undefined {
  if (typeof raw !== 'string') return 'expected a web address as text, like https://example.org/talk';
  const url = raw.trim();
  if (!/^https?:\/\//i.test(url)) return 'only web addresses starting with http:// or https:// are linked';
  if (url.length > MAX_URL) return `web addresses are limited to ${MAX_URL} characters`;
  if (UNSAFE_IN_URL.test(url)) return 'a web address may not contain spaces, <, >, |, quotes, backslashes or control characters';
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return 'not a well-formed web address';
  }
  if (!parsed.hostname || !/^https?:\/\/[^/?#]/i.test(url)) return 'the web address has no host name';
  if (parsed.username || parsed.password) return 'a web address may not carry a user name or password';
  return undefined;
}

/** The address as a platform may link it, or undefined when it must not be linked at all. */
export function safeUrl(raw: string | undefined): string | undefined {
  if (raw === undefined || urlProblem(raw)) return undefined;
  return new URL(raw.trim()).href;
}
