// Character-level normalisation applied before any line rule, so that rules can match plain ASCII
// spaces and one line ending style whatever editor, scraper or OS produced the file.

const ZERO_WIDTH = /[\u200B-\u200D\u2060\uFEFF\u00AD]/g; // invisible; scrapers leave them inside words
const ODD_SPACES = /[\t\u00A0\u1680\u2000-\u200A\u202F\u205F\u3000]/g; // look like spaces, break \s-based rules in places
const ENTITIES: Record<string, string> = {
  '&amp;': '&',
  '&nbsp;': ' ',
  '&quot;': '"',
  '&#39;': "'",
  '&apos;': "'",
  '&lt;': '<',
  '&gt;': '>',
  '&hellip;': '…',
  '&mdash;': '—',
  '&ndash;': '–',
  '&rsquo;': '’',
  '&lsquo;': '‘',
  '&ldquo;': '“',
  '&rdquo;': '”',
};

/** Unicode, line-ending and space normalisation; keeps typographic quotes and line structure. */
export function normalizeText(raw: string): string {
  let s = raw.normalize('NFC').replace(/\r\n?/g, '\n').replace(ZERO_WIDTH, '').replace(ODD_SPACES, ' ');
  // Scraped HTML sometimes keeps a few entities; decoding them keeps words intact.
  s = s.replace(/&(?:[a-z]+|#\d+);/gi, (m) => {
    const known = ENTITIES[m.toLowerCase()];
    if (known !== undefined) return known;
    const num = /^&#(\d+);$/.exec(m);
    return num ? String.fromCodePoint(Number(num[1])) : m;
  });
  return s
    .split('\n')
    .map((l) => unquoteLine(l.replace(/ {2,}/g, ' ').trim()))
    .join('\n');
}

/**
 * A line without its Markdown or e-mail block-quote markers (`> `, `> > `, a bare `>`): they are
 * quotation markup, never words, in every kind of document. Two kept cases: `>> words`, the caption
 * and TV-transcript mark of a new speaker, which structure reads as a turn; and a comparison that
 * opens a line (">50% of the fleet", ">= 3"), where `>` is a word.
 */
export function unquoteLine(line: string): string {
  if (!line.startsWith('>')) return line;
  if (/^>>+[ \t]*[^\s>]/.test(line)) return line;
  const marks = /^(?:>[ \t]*)+/.exec(line)![0];
  const rest = line.slice(marks.length);
  if (marks === '>' && /^[\d=<>+\-.,%$€£]/.test(rest)) return line;
  return rest;
}

/** Inline markup that a .md file or an HTML scrape leaves inside otherwise good prose. */
export function stripInlineMarkup(line: string): string {
  return (
    line
      // Images carry no prose, only alt text that duplicates captions.
      .replace(/!\[[^\]]*\]\([^)]*\)/g, '')
      // Links: the visible text is the prose, the URL is noise in a quotation.
      .replace(/\[([^\]]+)\]\((?:[^)]*)\)/g, '$1')
      // Leftover tags from an HTML scrape.
      .replace(/<\/?(?:br|p|div|span|em|strong|b|i|u|a|img|figure|figcaption|small|sup|sub)\b[^>]*>/gi, ' ')
      // Emphasis markers inside a line (whole-line bold is a heading and handled by structure).
      .replace(/(\*\*|__)(?=\S)(.+?)(?<=\S)\1/g, '$2')
      .replace(/(^|[\s(])\*(?=\S)([^*]+?)(?<=\S)\*(?=[\s.,;:!?)]|$)/g, '$1$2')
      .replace(/`([^`]+)`/g, '$1')
      .replace(/ {2,}/g, ' ')
      .trim()
  );
}
