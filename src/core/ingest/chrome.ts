// Page chrome: everything a scraper copies from a web page that is not the author's prose
// (navigation, forms, badges, share widgets, notices, captions, file names). Rules describe the
// class of junk, never one site's wording, so that unseen documents of the same kinds are cleaned.

/** Whole-line UI labels. Matched only when they are the entire line, so prose using these words survives. */
const UI_LINES = new Set(
  [
    'close', 'x', '×', 'menu', 'search', 'home', 'or', 'and', 'edit', 'delete', 'reply', 'replies', 'quote',
    'share', 'share this', 'share this article', 'share this post', 'share this story', 'tweet', 'copy link',
    'copy', 'copied', 'link copied', 'print', 'email', 'e-mail', 'like', 'likes', 'follow', 'unfollow',
    'report', 'translate', 'login', 'log in', 'sign in', 'sign up', 'signup', 'register', 'logout',
    'log out', 'sign out', 'create account', 'create an account', 'join now', 'register now', 'sign up now', 'forgot password', 'forgot your password', 'forget the password',
    'forgot password?', 'reset password', 'remember me', 'password', 'username', 'nickname',
    'submit', 'send', 'cancel', 'accept', 'accept all', 'reject', 'reject all', 'decline',
    'got it', 'more', 'read more', 'continue reading', 'load more', 'show more',
    'see more', 'view more', 'view all', 'see all', 'show less', 'next', 'previous', 'prev', 'next post',
    'previous post', 'next article', 'previous article', 'back', 'back to top', 'top', 'skip to content',
    'skip to main content', 'toggle navigation', 'main menu', 'related', 'related posts',
    'related articles', 'related stories', 'you may also like', 'recommended', 'recommended for you',
    'trending', 'popular', 'most popular', 'comments', 'comment', 'leave a reply', 'leave a comment',
    'post comment', 'post a comment', 'add a comment', 'write a comment', 'no comments', 'subscribe',
    'unsubscribe', 'newsletter', 'advertisement', 'sponsored', 'ad', 'loading', 'tags', 'share on',
    'follow us', 'contact us', 'about us', 'privacy policy', 'terms of service', 'terms of use',
    'cookie policy', 'cookie settings', 'all rights reserved', 'open in app', 'download app',
    'listen', 'listen to this article', 'save', 'bookmark', 'expand', 'collapse', 'hide', 'show',
  ].map((s) => s.toLowerCase()),
);

/** Forum user ranks shown under a user name; they sit on their own line at the head of a post. */
const RANK =
  /^(?:newbie|newcomer|new member|member|junior member|full member|senior member|hero member|sr\.? member|jr\.? member|active member|well-known member|elite member|rookie|veteran|legend|regular|contributor|top contributor|moderator|super moderator|global moderator|mod|administrator|admin|staff|vip|guest|banned|registered user|verified|author|op|original poster|lv\.? ?\d+|level \d+|rank \d+)$/i;

const SOCIAL =
  /^(?:share|post|send|pin|save)\s+(?:it\s+)?(?:on|to|via|with)\s+(?:twitter|x|facebook|linkedin|reddit|whatsapp|telegram|email|e-mail|pinterest|weibo|wechat|mastodon|bluesky|threads|hacker news)\b/i;

/** "Edited on 5months ago", "Posted 3 days ago", "Published: 12 May 2024". */
const DATELINE =
  /^(?:last\s+)?(?:edited|posted|published|updated|modified|created|submitted)(?:\s+(?:on|at|by))?\s*:?\s*(?:\d|an?\s|just now|yesterday|today|(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\b)/i;
const AGO = /\b\d+\s*(?:seconds?|secs?|minutes?|mins?|hours?|hrs?|days?|weeks?|months?|years?|yrs?)\s*ago\b|\b(?:an?|one)\s+(?:hour|day|week|month|year)\s+ago\b/i;

/** Template engines' unrendered placeholders: {{x}}, {% x %}, ${x}, <%= x %>, printf %s. */
const PLACEHOLDER = /\{\{[^{}]*\}\}|\{%[^{}]*%\}|\$\{[^{}]*\}|<%=?[^%]*%>|(?<![\w%])%[sdif](?![\w%])/g;

const COPYRIGHT = /^(?:©|\(c\)|copyright\b)|\ball rights reserved\b/i;

const COMMENT_FORM =
  /your email address will not be published|required fields are marked|save my name,? email|notify me of (?:follow-up|new) (?:comments|posts)|you must be logged in to post|log in to (?:reply|comment)|this site uses akismet|comments are closed/i;

const NEWSLETTER =
  /^(?:subscribe|sign up|join|get)\b.{0,80}\b(?:newsletter|inbox|updates|mailing list)\b|^subscribe (?:now|today|to)\b|\bsubscribe to our\b|\bsign up for our\b/i;

const READ_MORE = /^(?:read more|continue reading|related(?: posts| articles| stories)?|see also|more from|recommended|you might also like|also read|read next|read also)\s*[:»›→>…]/i;

/** Cookie notices: the word cookie plus the vocabulary such notices are written in. */
const COOKIE = /\bcookies?\b/i;
const COOKIE_NOTICE =
  /\b(?:browser|consent|accept|necessary|essential|privacy|website|this site|our site|we use|login|authenticat|tracking|third[- ]party|preferences|settings|analytics|experience|policy|allow)\b/i;

const IMAGE_FILE = /^(?:\S+\.(?:webp|jpe?g|png|gif|bmp|svg|tiff?|avif|heic|ico)(?:\?\S*)?\s*)+$/i;
const PAGE_CAPTION = /^\S.{0,100}?[_-](?:page|slide|p|pg|img|image|fig)[_-]?\d+[a-z]?$/i;
const FIGURE_LABEL = /^(?:slide|page|figure|fig\.?|image|img|photo|picture|chart|graph|table|exhibit|diagram|video)\s*#?\d+[a-z]?\s*[:.\-–—]?\s*$/i;
const FIGURE_CAPTION = /^(?:figure|fig\.|slide|chart|exhibit|table)\s*\d+[a-z]?\s*[:.\-–—]\s*\S.{0,120}$/i;
const CREDIT = /^(?:image|photo|picture|photograph|credit|image credit|photo credit|image source|picture source|source|via)\s*[:：]\s*\S.{0,90}$/i;
/** Chinese and Japanese media mark photo captions with a triangle or arrow. */
const CAPTION_MARK = /^[▲△↑⬆▴▵⇧☝]/;

const END_PUNCT = /[.!?。！？…]["'”’)\]]*$/;

function bare(line: string): string {
  return line
    .toLowerCase()
    .replace(/[\s|•·»«›‹→←>:…\-–—_*#]+$/g, '')
    .replace(/^[\s|•·»«›‹→←<#*\-–—]+/g, '')
    .replace(/[!?.]+$/, '')
    .trim();
}

export interface ChromeResult {
  lines: string[];
  /** A post title found in a forum/blog header (author, badge, title, dateline). */
  headerTitle?: string;
}

/** True for one line that is chrome on its own, whatever surrounds it. */
export function isChromeLine(line: string): boolean {
  const t = line.trim();
  if (!t) return false;
  const b = bare(t);
  if (b === '' && /[|•·»«›‹→←>…\-–—_*]/.test(t) && t.length < 20) return true; // separators, arrows
  // UI labels never end a sentence; "Okay." or "Next." in a transcript is speech.
  if (UI_LINES.has(b) && !/[.!]$/.test(t)) return true;
  if (RANK.test(b)) return true;
  if (SOCIAL.test(t)) return true;
  if (t.length <= 80 && (DATELINE.test(t) || (AGO.test(t) && t.split(/\s+/).length <= 8))) return true;
  if (t.length <= 160 && COPYRIGHT.test(t)) return true;
  if (COMMENT_FORM.test(t) && t.length <= 200) return true;
  if (t.length <= 200 && NEWSLETTER.test(t)) return true;
  if (t.length <= 160 && READ_MORE.test(t)) return true;
  if (IMAGE_FILE.test(t)) return true;
  if (PAGE_CAPTION.test(t) && !END_PUNCT.test(t)) return true;
  if (FIGURE_LABEL.test(t)) return true;
  if (FIGURE_CAPTION.test(t) && !/[.!?]\s+\S/.test(t)) return true;
  if (CREDIT.test(t) && !END_PUNCT.test(t)) return true;
  if (CAPTION_MARK.test(t) && t.length <= 200) return true;
  if (COOKIE.test(t) && COOKIE_NOTICE.test(t) && t.length <= 600) return true;
  // A line that is only placeholders and a few words around them is a template form field.
  if (PLACEHOLDER.test(t)) {
    PLACEHOLDER.lastIndex = 0;
    const rest = t.replace(PLACEHOLDER, '').replace(/[\s:：,;|/\-]+/g, ' ').trim();
    if (rest.split(/\s+/).filter(Boolean).length <= 4) return true;
  }
  PLACEHOLDER.lastIndex = 0;
  return false;
}

/** Removes placeholders left inside an otherwise good line. */
export function stripPlaceholders(line: string): string {
  return line.replace(PLACEHOLDER, '').replace(/ {2,}/g, ' ').trim();
}

const wordsOf = (s: string) => s.split(/\s+/).filter(Boolean);
const isShortNoPunct = (s: string, max = 120) => s.length > 0 && s.length <= max && !END_PUNCT.test(s);

/**
 * Line and block chrome. Removed lines become blank lines, because a widget or an image between two
 * pieces of prose is a paragraph boundary in the page it came from.
 */
export function removeChrome(input: string[], opts: { transcript: boolean }): ChromeResult {
  const lines = input.map((l) => l);
  let headerTitle: string | undefined;

  // Post header: author, badge and title above a dateline at the very top of a forum or blog post.
  const firstContent: number[] = [];
  for (let i = 0; i < lines.length && firstContent.length < 8; i++) if (lines[i]) firstContent.push(i);
  const datelineAt = firstContent.findIndex((i) => {
    const t = lines[i]!;
    return t.length <= 80 && (DATELINE.test(t) || AGO.test(t));
  });
  if (datelineAt > 0) {
    const before = firstContent.slice(0, datelineAt);
    if (before.every((i) => lines[i]!.length <= 250)) {
      const candidates = before.filter((i) => !isChromeLine(lines[i]!) && wordsOf(lines[i]!).length >= 4);
      const last = candidates[candidates.length - 1];
      if (last !== undefined) headerTitle = lines[last]!.replace(/[.]$/, '');
      for (const i of before) lines[i] = '';
    }
  }

  // A rank badge is shown under the user name: the short line just above it is the name.
  for (let i = 0; i < lines.length; i++) {
    if (!lines[i] || !RANK.test(bare(lines[i]!))) continue;
    let j = i - 1;
    while (j >= 0 && !lines[j]) j--;
    if (j >= 0 && i - j <= 2 && lines[j]!.length <= 30 && wordsOf(lines[j]!).length <= 3 && !END_PUNCT.test(lines[j]!))
      lines[j] = '';
  }

  // Cookie notices run over several lines of one paragraph: drop the whole paragraph.
  let blockStart = 0;
  for (let i = 0; i <= lines.length; i++) {
    if (i === lines.length || !lines[i]) {
      const block = lines.slice(blockStart, i).join(' ');
      if (COOKIE.test(block) && COOKIE_NOTICE.test(block) && block.length <= 1500) {
        // Only when the block reads like a notice, not an article that mentions cookies.
        const notice = /\b(?:we|this (?:site|website|browser)|our)\b.{0,80}\bcookies?\b|\bcookies?\b.{0,80}\b(?:browser|consent|accept|necessary|privacy policy|login|authentication)\b/i;
        if (notice.test(block)) for (let k = blockStart; k < i; k++) lines[k] = '';
      }
      blockStart = i + 1;
    }
  }

  const removed = lines.map((l) => !!l && isChromeLine(l));
  // A short label sandwiched between widgets is part of the same form or menu ("Create account").
  const near = (i: number, step: number) => {
    for (let j = i + step; j >= 0 && j < lines.length && Math.abs(j - i) <= 2; j += step) if (lines[j]) return removed[j];
    return false;
  };
  const sandwiched = lines.map((l, i) => !!l && !removed[i] && l.length <= 40 && wordsOf(l).length <= 4 && !END_PUNCT.test(l) && near(i, -1) && near(i, 1));
  for (let i = 0; i < lines.length; i++) if (removed[i] || sandwiched[i]) lines[i] = '';

  removeRepeats(lines, opts);

  for (let i = 0; i < lines.length; i++) if (lines[i]) lines[i] = stripPlaceholders(lines[i]!);
  return { lines, headerTitle };
}

/**
 * Repetition: a caption next to its alt text shows up as two identical consecutive short lines,
 * and a page title or running header repeats through the whole page. Neither is prose.
 */
function removeRepeats(lines: string[], opts: { transcript: boolean }): void {
  const norm = (s: string) => s.toLowerCase().replace(/\s+/g, ' ').trim();
  const content = lines.map((l, i) => ({ l, i })).filter((x) => x.l);
  const drop = new Set<number>();
  for (let k = 0; k < content.length; ) {
    let e = k + 1;
    while (e < content.length && norm(content[e]!.l) === norm(content[k]!.l)) e++;
    if (e - k >= 2) {
      const line = content[k]!.l;
      if (isShortNoPunct(line)) for (let m = k; m < e; m++) drop.add(content[m]!.i);
      // A duplicated full sentence is a scrape glitch: keep one copy. In transcripts it may be real ("Yeah. Yeah.").
      else if (!opts.transcript) for (let m = k + 1; m < e; m++) drop.add(content[m]!.i);
    }
    k = e;
  }
  if (!opts.transcript) {
    const counts = new Map<string, number>();
    for (const { l } of content) if (isShortNoPunct(l)) counts.set(norm(l), (counts.get(norm(l)) ?? 0) + 1);
    for (const { l, i } of content) if (isShortNoPunct(l) && (counts.get(norm(l)) ?? 0) >= 3) drop.add(i);
  }
  for (const i of drop) lines[i] = '';
}
