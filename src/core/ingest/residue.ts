// A lint for served text: names the first leftover a reader would call junk (caption timings, sound
// tags, markup, links, widget text, transcript remnants) by its SHAPE, so that `passages --stats`
// and the quality report can count passages that still carry some, whatever document they came
// from. It only looks; removing such text is the cleaning pipeline's job. It is conservative on
// purpose: prose with a clock time ("at 5:30 pm"), a bracketed editorial word inside a sentence,
// or the name of a link without its address is not junk, and a false alarm here would hide the
// real ones.

interface Rule {
  what: string;
  re: RegExp;
}

/** A sentence opens here: start of the text or after sentence punctuation (and closing quotes). */
const OPEN = String.raw`(?:^|[.!?…]["'”’)\]]*\s+)`;
/** A sentence may close or another open here. */
const CLOSE = String.raw`(?=$|\s*[.!?,;:…]|\s+["“‘(]?[A-Z\d])`;

const RULES: Rule[] = [
  // "00:01:02,000 -->", "00:02.400 --> 00:04.100": the timing line of a caption cue.
  { what: 'caption timing', re: /\d{1,2}:\d{2}(?::\d{2})?[.,]\d{2,3}\s*-->|-->\s*\d{1,2}:\d{2}(?::\d{2})?[.,]\d{2,3}/ },
  // "align:start position:0%", "line:-1 size:80%": WebVTT cue settings.
  { what: 'cue setting', re: /\b(?:align:(?:start|center|middle|end|left|right)|position:\d{1,3}(?:\.\d+)?%|line:-?\d{1,3}(?:\.\d+)?%?|size:\d{1,3}(?:\.\d+)?%|vertical:(?:rl|lr))(?=\s|$)/i },
  // "WEBVTT", "Kind: captions Language: en": the header of a caption file.
  { what: 'caption header', re: /(?:^|\s)WEBVTT(?=\s|$)|\bKind:\s*(?:captions|subtitles)\b/ },
  // "<p>", "</span>", "<br/>", "<a href=...>", "<v Name>": a tag, its name straight after the
  // bracket; words after the name only with an attribute's "=" (or a caption voice), so that
  // "x<y and y>z" in prose is not a tag.
  { what: 'HTML tag', re: /<\/?[a-zA-Z][a-zA-Z0-9-]{0,20}\s*\/?>|<[a-zA-Z][a-zA-Z0-9-]{0,20}\s[^<>\n]{0,200}=[^<>\n]{0,200}>|<(?:v|c|lang)[.\s][^<>\n]{1,100}>/ },
  // "&amp;", "&nbsp;", "&#8217;": an entity left undecoded.
  { what: 'HTML entity', re: /&(?:[a-zA-Z]{2,8}|#\d{1,7}|#x[0-9a-fA-F]{1,6});/ },
  // "[Music]", "[LAUGHTER]", "(applause)", "♪": a sound tag standing as its own sentence. A
  // bracket inside a sentence ("he said [the firm] would grow", "(see above)", "[sic]") is prose.
  { what: 'sound tag', re: /[♪♫]/ },
  { what: 'sound tag', re: new RegExp(String.raw`${OPEN}(?:\[[A-Za-z]{3,15}(?:\s[A-Za-z]{2,15}){0,2}\]|\([A-Za-z][a-z]{2,15}(?:\s[a-z]{2,15}){0,2}\))${CLOSE}`) },
  // "> quoted", ">> NEXT SPEAKER": a block-quote or caption turn marker opening a line.
  { what: 'Markdown quote', re: /(?:^|\n)\s*>/ },
  // "## Heading": an ATX heading marker opening a line.
  { what: 'Markdown heading', re: /(?:^|\n)\s*#{1,6}\s/ },
  // "**bold**": emphasis markers ("__" is left alone: it is also code, "__init__").
  { what: 'Markdown emphasis', re: /\*\*/ },
  // "[text](https://...)": a link with its target.
  { what: 'Markdown link', re: /\[[^\]\n]{1,200}\]\((?:https?:\/\/|\/|#|mailto:)[^)\s]{0,500}\)/ },
  { what: 'URL', re: /\b(?:https?:\/\/|www\.)[^\s<>"]{2,}/i },
  { what: 'e-mail address', re: /\b[\w.+-]{1,64}@[a-zA-Z\d-]{1,63}(?:\.[a-zA-Z\d-]{1,63})*\.[a-zA-Z]{2,24}\b/ },
  // "Reply · Like (12) · Share": short labels joined by interface separators, or a label with a count.
  { what: 'widget', re: /(?:^|[\s(])[^\s·•|]{1,15}(?:\s[^\s·•|]{1,15})?\s*[·•|]\s*[^\s·•|]{1,15}(?:\s[^\s·•|]{1,15})?\s*[·•|]\s*\S/ },
  { what: 'widget', re: /[·•|]\s*[A-Z][a-z]{1,12}\s?\(\d{1,6}\)|\b[A-Z][a-z]{1,12}\s?\(\d{1,6}\)\s*[·•|]/ },
  { what: 'widget', re: /\?\s+(?:Yes|No)\s*[/|·]?\s*(?:Yes|No)(?=\s*$|\s+[A-Z])/ },
  // "00:12:34 So ...", "[03:15] Right", "04:10 Next": a media timestamp opening a sentence. A clock
  // time in prose ("we met at 5:30 pm") does not open one, and a bare "5:30" opening one is read
  // as a clock; a media time has seconds, brackets or a zero-padded first field.
  { what: 'timestamp', re: new RegExp(String.raw`${OPEN}(?:[\[(]\d{1,2}:\d{2}(?::\d{2})?(?:[.,]\d{1,3})?[\])]|(?:\d{1,2}:\d{2}:\d{2}|0\d:\d{2})(?:[.,]\d{1,3})?(?![\d:]|\s*[ap]\.?m\b))`, 'i') },
  // "Yeah. Yeah. Yeah.", "Right. Right.": one short word as sentence after sentence.
  { what: 'interjection run', re: new RegExp(String.raw`${OPEN}([A-Za-z]{1,8})[.!?]\s+\1[.!?,](?:\s|$)`, 'i') },
];

/**
 * The first leftover in `text` (in reading order) that a reader would call junk, named with what
 * it is and the text itself, e.g. `sound tag "[Music]"`; undefined when the text is clean.
 */
export function residueOf(text: string): string | undefined {
  let first: { at: number; what: string; hit: string } | undefined;
  for (const rule of RULES) {
    const m = rule.re.exec(text);
    if (!m) continue;
    // Report the junk itself, not the sentence break the rule needed to see before it.
    const hit = m[0].trim().replace(/^[.!?…]["'”’)\]]*\s*/, '');
    const at = m.index + m[0].indexOf(hit);
    if (!first || at < first.at) first = { at, what: rule.what, hit };
  }
  if (!first) return undefined;
  const hit = first.hit.length > 40 ? `${first.hit.slice(0, 39)}…` : first.hit;
  return `${first.what} "${hit}"`;
}
