// Page chrome: everything a scraper copies from a web page that is not the author's prose
// (navigation, forms, badges, share widgets, notices, captions, file names). Rules describe the
// class of junk, never one site's wording, so that unseen documents of the same kinds are cleaned.

import { isTranscriptNote, isCueLine, isMetaAtom, isMetaLine, stripTranscriptMarks, stripUpdateMark } from './marks.js';

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
    // Live-blog and news furniture.
    'live', 'live updates', 'live coverage', 'breaking', 'breaking news', 'pinned', 'pinned post', 'key events',
    'show key events only', 'key moments', 'sponsored content', 'paid content', 'partner content', 'paid post',
    'in this article', 'in this story', 'in this post', 'contents', 'table of contents', 'on this page', 'jump to',
    'topics', 'most read', 'most viewed', 'top stories', 'more stories', 'latest stories', 'latest news', 'refresh',
    'skip to navigation', 'skip to footer', 'open menu', 'close menu', 'sections',
    // Consent buttons, also in the languages scraped pages most often carry next to English text.
    'i agree', 'agree', 'allow all', 'allow cookies', 'manage cookies', 'cookie preferences', 'manage preferences',
    'manage settings', 'accept cookies', 'accept and close', 'aceptar', 'acepto', 'aceptar todo', 'aceptar todas',
    'rechazar', 'configurar', 'configurar cookies', 'accepter', "j'accepte", 'tout accepter', 'refuser', 'tout refuser',
    'paramètres', 'personnaliser', 'akzeptieren', 'alle akzeptieren', 'ablehnen', 'einstellungen', 'zustimmen',
    'accetta', 'accetto', 'rifiuta', 'impostazioni', 'aceitar', 'rejeitar', 'accepteren', 'alles accepteren',
    'weigeren', 'alles weigeren', 'akkoord', 'instellingen', 'cookie-instellingen', 'voorkeuren', 'alle ablehnen',
    'rechazar todo', 'rechazar todas', 'tout rejeter', 'reject all cookies', 'accept all cookies', 'only necessary',
    'necessary only', 'nur notwendige', 'solo necesarias', 'alleen noodzakelijk',
  ].map((s) => s.toLowerCase()),
);

/** Forum user ranks shown under a user name; they sit on their own line at the head of a post. */
const RANK =
  /^(?:newbie|newcomer|new member|member|junior member|full member|senior member|hero member|sr\.? member|jr\.? member|active member|well-known member|elite member|rookie|veteran|legend|regular|contributor|top contributor|moderator|super moderator|global moderator|mod|administrator|admin|staff|vip|guest|banned|registered user|verified|author|op|original poster|lv\.? ?\d+|level \d+|rank \d+)$/i;

const SOCIAL =
  /^(?:share|post|send|pin|save)\s+(?:it\s+)?(?:on|to|via|with)\s+(?:twitter|x|facebook|linkedin|reddit|whatsapp|telegram|email|e-mail|pinterest|weibo|wechat|mastodon|bluesky|threads|hacker news)\b/i;

/** Names of the networks a share or follow widget lists, one per line or several on one line. */
const NETWORKS = new Set(
  'twitter x facebook linkedin reddit whatsapp telegram email e-mail mail print pinterest tumblr pocket flipboard mastodon bluesky threads hacker_news weibo wechat qq line skype messenger sms instagram youtube tiktok snapchat xing vk digg copy_link copy_url rss'.split(' '),
);
/** How many network names the line is made of, or 0 if it holds anything else. */
function networkCount(line: string): number {
  if (line.length > 80) return 0;
  const words = line.toLowerCase().replace(/\b(hacker|copy) (news|link|url)\b/g, '$1_$2').split(/[\s|•·,/]+/).filter(Boolean);
  return words.length > 0 && words.every((w) => NETWORKS.has(w)) ? words.length : 0;
}

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

/** The rest of a newsletter box: the address field, the promise, the inbox pitch. */
const NEWSLETTER_BOX =
  /^(?:enter\s+)?(?:your\s+)?e-?mail(?:\s+address)?\s*[:*]?$|^enter\s+your\s+e-?mail\b|\b(?:straight|directly|right)\s+(?:to|in|into)\s+your\s+inbox\b|\bdelivered\s+(?:straight\s+|directly\s+|right\s+)?to\s+your\s+inbox\b|^no\s+spam\b|\bunsubscribe\s+(?:at\s+)?any\s*time\b/i;

const READ_MORE = /^(?:read more|continue reading|related(?: posts| articles| stories)?|see also|more from|recommended|you might also like|also read|read next|read also)\s*[:»›→>…]/i;

/** Cookie notices: the word cookie plus the vocabulary such notices are written in. */
const COOKIE = /\bcookies?\b/i;
const COOKIE_NOTICE =
  /\b(?:browser|consent|accept|necessary|essential|privacy|website|this site|our site|we use|login|authenticat|tracking|third[- ]party|preferences|settings|analytics|experience|policy|allow|utilizamos|usamos|acepta\w*|consentimiento|naveg\w+|nous utilisons|accept\w*|consentement|navigation|wir verwenden|wir nutzen|akzeptier\w*|einwillig\w*|zustimm\w*|utilizziamo|usiamo|accett\w*|consenso|navigazione|utilizamos|aceit\w*|wij gebruiken|we gebruiken|gebruikt|accepteren|akkoord|toestemming|weigeren|website|webseite|sitio web|site web|sito web)\b/i;
/** A paragraph written as a cookie notice (not an article that mentions cookies), in English and the commonest other languages. */
const COOKIE_BLOCK =
  /\b(?:we|this (?:site|website|browser)|our|utilizamos|usamos|nous utilisons|wir verwenden|wir nutzen|utilizziamo|usiamo)\b.{0,80}\bcookies?\b|\bcookies?\b.{0,80}\b(?:browser|consent|accept|necessary|privacy policy|login|authentication|acepta\w*|consentimiento|naveg\w+|accept\w*|consentement|navigation|akzeptier\w*|einwillig\w*|zustimm\w*|accett\w*|consenso|navigazione)\b|\b(?:wij|deze (?:website|site)|website|webseite|diese (?:website|seite)|sitio web|este sitio|ce site|site web|questo sito)\b.{0,80}\bcookies?\b|\bcookies?\b.{0,80}\b(?:einverst\w*|toestemming|akkoord|accepteren|weigeren|voorkeuren|verwend\w*|utilis\w*|utiliz\w*)\b/i;

const IMAGE_FILE = /^(?:\S+\.(?:webp|jpe?g|png|gif|bmp|svg|tiff?|avif|heic|ico)(?:\?\S*)?\s*)+$/i;
const PAGE_CAPTION = /^\S.{0,100}?[_-](?:page|slide|p|pg|img|image|fig)[_-]?\d+[a-z]?$/i;
const FIGURE_LABEL = /^(?:slide|page|figure|fig\.?|image|img|photo|picture|chart|graph|table|exhibit|diagram|video)\s*#?\d+[a-z]?\s*[:.\-–—]?\s*$/i;
const FIGURE_CAPTION = /^(?:figure|fig\.|slide|chart|exhibit|table)\s*\d+[a-z]?\s*[:.\-–—]\s*\S.{0,120}$/i;
const CREDIT =
  /^[(\[]?\s*(?:image|photo|picture|photograph|illustration|graphic|video|credit|credits|image credit|photo credit|image source|picture source|source|via|courtesy)\s*[:：]\s*\S.{0,90}$/i;
/** "Photo by Jane Doe/Reuters", "(Photograph: X)", "Image courtesy of X" ending a caption line. */
const CREDIT_TAIL =
  /(?:^|[.!?]["”’]?\s+|\s)[(\[]?(?:photo(?:graph)?|image|picture|pic|illustration|graphic|video|footage)s?(?:\s+credit)?\s*(?:by|:|courtesy(?:\s+of)?)\s*([^()[\].!?]{2,80}?)[)\]]?\.?$/i;
/** The credited name starts with a capital and is a few words long ("Jane Doe/Reuters"), unlike "the photo by the river". */
const isCreditTail = (t: string) => {
  const m = CREDIT_TAIL.exec(t);
  return !!m && /^[\p{Lu}\d]/u.test(m[1]!) && wordsOf(m[1]!).length <= 8;
};
/** Picture agencies in credits ("Jane Doe/Reuters", "AFP via Getty Images"). */
const AGENCY =
  /(?:\/\s*|\bvia\s+|^)(?:getty(?: images)?|reuters|afp|ap(?: photo)?|epa(?:-efe)?|bloomberg|shutterstock|alamy|pa(?: wire| media)?|istock(?:photo)?|unsplash|anadolu(?: agency)?|xinhua|zuma(?: press)?|sipa(?: usa)?|dpa|nurphoto|imago)\b[^.!?]{0,30}$/i;
/** Links, breadcrumbs and footer menus on one line: short items between separators. */
const NAV_SEP = /\s+[|/•·]\s+|\s*[>›»→]\s*/;
/** Live-page controls: "Refresh for the latest updates", "Auto-refresh on". */
const LIVE_UI = /^(?:auto[- ]?(?:refresh|update)s?(?:\s+(?:on|off))?|(?:refresh|reload)\b.{0,40}\b(?:updates?|latest|posts?)|\d+\s+new\s+(?:updates?|posts?))$/i;
/** A feedback widget: a question about this page being useful, maybe with its answer buttons ("Was this helpful? Yes | No"). */
const FEEDBACK =
  /^(?:(?:was|is|did\s+you\s+find|do\s+you\s+find|how\s+(?:helpful|useful)\s+(?:was|is))\s+(?:this|the)\s+(?:article|page|post|story|answer|information|guide|content|piece|entry)?\s*(?:helpful|useful|informative)?\s*\??\s*(?:(?:yes|no|👍|👎|[|/·•])\s*){0,5})$/i;
const FEEDBACK_WORD = /\b(?:helpful|useful|informative)\b/i;
/** "Posted by Jane in Live Blogs", "Filed by X under Y": who posted where, in a header line. */
const POSTED_IN = /^(?:posted|filed|written|published)\s+by\s+[^.!?|]{1,40}?\s+(?:in|under)\s+[^.!?|]{1,40}$/i;
/**
 * A writer's parenthesised note to readers about the coverage itself (the connection, the photos,
 * the updates): "(Sorry, the Wi-Fi is down, pictures later!)". A parenthesis about the subject stays.
 */
const COVERAGE_NOTE =
  /^[(\[].*\b(?:I|I['’]m|I['’]ll|me|my|we|we['’]ll|our)\b.*\b(?:wi-?fi|connection|signal|battery|photos?|pictures?|images?|slides?|updates?|posts?|typos?|live\s?blog|blog(?:ging)?|coverage|laptop|internet)\b.*[)\]]$/i;
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
  if (t.length <= 200 && (NEWSLETTER.test(t) || NEWSLETTER_BOX.test(t))) return true;
  if (t.length <= 160 && READ_MORE.test(t)) return true;
  if (IMAGE_FILE.test(t)) return true;
  if (PAGE_CAPTION.test(t) && !END_PUNCT.test(t)) return true;
  if (FIGURE_LABEL.test(t)) return true;
  if (FIGURE_CAPTION.test(t) && !/[.!?]\s+\S/.test(t)) return true;
  if (CREDIT.test(t) && !END_PUNCT.test(t.replace(/[)\]]$/, ''))) return true;
  if (t.length <= 300 && /photo|image|picture|pic|illustration|graphic|video|footage/i.test(t) && isCreditTail(t)) return true;
  if (t.length <= 80 && wordsOf(t).length <= 10 && AGENCY.test(t) && !END_PUNCT.test(t)) return true;
  if (isMetaLine(t)) return true;
  if (networkCount(t) >= 2) return true;
  if (isNavLine(t)) return true;
  if (b.length <= 60 && LIVE_UI.test(b)) return true;
  if (t.length <= 100 && FEEDBACK_WORD.test(t) && FEEDBACK.test(t)) return true;
  if (t.length <= 300 && COVERAGE_NOTE.test(t)) return true;
  if (t.length <= 160 && isCompositeChrome(t)) return true;
  // A like button still loading: "Like Loading...".
  if (/^(?:like|likes|share|comments?)?\s*loading\s*(?:\.{1,3}|…)?$/i.test(t)) return true;
  if (t.length <= 200 && isTranscriptNote(t)) return true;
  if (isCueLine(t)) return true;
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

/**
 * A header or footer line made of several pieces of chrome side by side ("Refresh for updates ·
 * Last updated 11:58", "Posted by X in Y | 14 comments"): each piece alone would be dropped.
 */
function isCompositeChrome(t: string): boolean {
  const segs = t.split(/\s+[|•·]\s+/);
  if (segs.length < 2) return false;
  return segs.every((seg) => {
    const x = seg.trim();
    return x !== '' && (POSTED_IN.test(x) || isMetaAtom(x) || isChromeLine(x));
  });
}

/** Removes placeholders left inside an otherwise good line. */
export function stripPlaceholders(line: string): string {
  return line.replace(PLACEHOLDER, '').replace(/ {2,}/g, ' ').trim();
}

const wordsOf = (s: string) => s.split(/\s+/).filter(Boolean);
const isShortNoPunct = (s: string, max = 120) => s.length > 0 && s.length <= max && !END_PUNCT.test(s);

/** Breadcrumbs and link bars: "Home > Tech > AI", "About us | Careers | Contact". */
export function isNavLine(t: string): boolean {
  if (t.length > 150 || !NAV_SEP.test(t)) return false;
  const segs = t.split(NAV_SEP).map((x) => x.trim());
  if (segs.some((x) => !x || x.length > 30 || wordsOf(x).length > 4 || END_PUNCT.test(x))) return false;
  return segs.length >= 3 || (segs.length === 2 && /^home$/i.test(segs[0]!));
}

/** Labels that introduce a list of links (related stories, topics, a table of contents, a share bar). */
const LIST_LABEL =
  /^(?:related(?: (?:articles?|posts?|stories|story|content|links|coverage|reading|topics|news))?|read more|more (?:from|on|about|in) .{1,30}|more stories|see also|also read|read next|read also|you (?:may|might) also like|recommended(?: for you| reading| stories| articles)?|most (?:read|popular|viewed|shared|watched)|trending(?: now| stories)?|popular(?: now| stories| posts)?|top stories|latest(?: news| stories| posts)?|topics|tags|filed under|categories|in this (?:article|story|post)|on this page|(?:table of )?contents|jump to|key (?:events|moments)|share(?: this)?(?: article| post| story| page)?|share on|follow us(?: on)?)$/;

/** A line that reads as a link text: a headline or a menu entry, not a sentence. */
const isLinkLike = (s: string) => s.length <= 120 && wordsOf(s).length <= 16 && (!END_PUNCT.test(s) || /\?["”’]?$/.test(s));
/** One entry of a navigation menu: one to three capitalised words. */
const isMenuItem = (s: string) => s.length <= 25 && wordsOf(s).length <= 3 && !END_PUNCT.test(s) && !/[:,;]$/.test(s) && /^[\p{Lu}\d]/u.test(s);
const isProse = (s: string) => (END_PUNCT.test(s) && wordsOf(s).length >= 6) || s.length > 100;

/** Consent buttons in their own block right after a cookie notice ("Aceptar", "Paramètres"). */
function dropButtonsAfter(lines: string[], blank: number): void {
  let k = blank;
  while (k < lines.length && !lines[k]) k++;
  const start = k;
  while (k < lines.length && lines[k]) k++;
  const block = lines.slice(start, k);
  if (block.length && block.length <= 4 && block.every((l) => l.length <= 30 && wordsOf(l).length <= 3 && !END_PUNCT.test(l)))
    for (let m = start; m < k; m++) lines[m] = '';
}

/** Applies the in-line rewrites: transcript timestamps and stage directions, live-blog update markers. */
function rewriteLines(input: string[], transcript: boolean): string[] {
  const out: string[] = [];
  for (const raw of input) {
    if (!raw) {
      out.push(raw);
      continue;
    }
    let l = stripTranscriptMarks(raw, transcript);
    // A line that held nothing but a timestamp or a "[laughter]" goes without leaving a paragraph break.
    if (!l) continue;
    if (!transcript) {
      const u = stripUpdateMark(l);
      if (u.marked) {
        // Each live-blog update is its own entry: a paragraph boundary before it.
        if (out.length && out[out.length - 1]) out.push('');
        l = u.text;
      }
    }
    out.push(l);
  }
  return out;
}

/**
 * Line and block chrome. Removed lines become blank lines, because a widget or an image between two
 * pieces of prose is a paragraph boundary in the page it came from.
 */
export function removeChrome(input: string[], opts: { transcript: boolean }): ChromeResult {
  const lines = rewriteLines(input, opts.transcript);
  let headerTitle: string | undefined;
  // Comments first: a commenter's dateline must not be taken for the post's own header.
  if (!opts.transcript) removeFurniture(lines);

  // Post header: author, badge and title above a dateline at the very top of a forum or blog post.
  const firstContent: number[] = [];
  for (let i = 0; i < lines.length && firstContent.length < 8; i++) if (lines[i]) firstContent.push(i);
  const datelineAt = firstContent.findIndex((i) => {
    const t = lines[i]!;
    return t.length <= 80 && (DATELINE.test(t) || AGO.test(t) || (!opts.transcript && isMetaLine(t)));
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

  // Cookie notices run over several lines of one paragraph: drop the whole paragraph, and the
  // consent buttons if they follow in a block of their own.
  let blockStart = 0;
  for (let i = 0; i <= lines.length; i++) {
    if (i === lines.length || !lines[i]) {
      const block = lines.slice(blockStart, i).join(' ');
      if (COOKIE.test(block) && COOKIE_NOTICE.test(block) && block.length <= 1500) {
        // Only when the block reads like a notice, not an article that mentions cookies.
        if (COOKIE_BLOCK.test(block)) {
          for (let k = blockStart; k < i; k++) lines[k] = '';
          dropButtonsAfter(lines, i);
        }
      }
      blockStart = i + 1;
    }
  }

  const removed = lines.map((l) => !!l && isChromeLine(l));

  if (!opts.transcript) {
    // A list label takes the link texts under it: in its own block, or in the next block when the
    // label stands alone and the whole next block is link texts.
    for (let i = 0; i < lines.length; i++) {
      if (!lines[i] || lines[i]!.length > 40 || !LIST_LABEL.test(bare(lines[i]!))) continue;
      removed[i] = true;
      let j = i + 1;
      if (j < lines.length && !lines[j]) {
        while (j < lines.length && !lines[j]) j++;
        let e = j;
        while (e < lines.length && lines[e]) e++;
        if (e - j >= 2 && lines.slice(j, e).every(isLinkLike)) for (let k = j; k < e; k++) removed[k] = true;
        continue;
      }
      for (; j < lines.length && lines[j] && isLinkLike(lines[j]!); j++) removed[j] = true;
    }

    // Menus: a run of three or more short one-to-three word lines at the top of the page, or
    // anywhere when part of the run is already known chrome. A line ending in ":" introduces a list.
    const firstProse = lines.findIndex((l, i) => !!l && !removed[i] && isProse(l));
    for (let i = 0; i < lines.length; ) {
      if (!lines[i] || !(removed[i] || isMenuItem(lines[i]!))) {
        i++;
        continue;
      }
      let e = i;
      while (e < lines.length && lines[e] && (removed[e] || isMenuItem(lines[e]!))) e++;
      const run = e - i;
      const items = lines.slice(i, e).filter((_, k) => !removed[i + k]).length;
      const intro = i > 0 && !!lines[i - 1] && !removed[i - 1] && /:$/.test(lines[i - 1]!);
      const top = firstProse === -1 || i < firstProse;
      if (run >= 3 && items >= 1 && !intro && (top || items < run)) for (let k = i; k < e; k++) removed[k] = true;
      i = e;
    }

    // A network name alone on its line next to a share widget ("Share" / "Facebook").
    const nearRemoved = (i: number) => (i > 0 && removed[i - 1]) || (i + 1 < lines.length && removed[i + 1]);
    for (let i = 0; i < lines.length; i++) if (lines[i] && networkCount(lines[i]!) > 0 && nearRemoved(i)) removed[i] = true;
  }

  // A short label sandwiched between widgets is part of the same form or menu ("Create account").
  const near = (i: number, step: number) => {
    for (let j = i + step; j >= 0 && j < lines.length && Math.abs(j - i) <= 2; j += step) if (lines[j]) return removed[j];
    return false;
  };
  const sandwiched = lines.map((l, i) => !!l && !removed[i] && l.length <= 40 && wordsOf(l).length <= 4 && !END_PUNCT.test(l) && near(i, -1) && near(i, 1));
  for (let i = 0; i < lines.length; i++) if (removed[i] || sandwiched[i]) lines[i] = '';

  if (!opts.transcript) removeTableOfContents(lines);
  removeRepeats(lines, opts);

  for (let i = 0; i < lines.length; i++) if (lines[i]) lines[i] = stripPlaceholders(lines[i]!);
  return headerTitle !== undefined ? { lines, headerTitle } : { lines };
}

/** Spaces, punctuation and quote marks: what differs between two copies of one line. A plain class compiles much faster than \p{L}. */
const PUNCT_RUN = /[\s"'“”‘’„«»‹›.,;:!?()[\]{}—–\-_*/\\|…]+/g;

// A contents line may carry a page number behind a dot leader ("The boat people ..... 9"), and the
// heading it names may be written as a Markdown heading.
const tocKey = (s: string) =>
  s
    .replace(/^#{1,6}\s+/, '')
    .replace(/(?:\s*(?:\.\s?){2,}|\s*…+|\s{2,}|\t+)\s*(?:\d{1,4}|[ivxlc]{1,6})$/i, '')
    .replace(/^(?:[-*•●▪◦‣]|\d{1,2}(?:\.\d{1,2})*[.)]?|[IVXLC]{1,6}[.)])\s+/, '')
    .toLowerCase()
    .replace(PUNCT_RUN, ' ')
    .trim();

/** Where the block of non-blank lines starting at `i` ends (exclusive). */
function blockEnd(lines: string[], i: number): number {
  let e = i;
  while (e < lines.length && lines[e]) e++;
  return e;
}

/** The blocks of non-blank lines, as [start, end) pairs: a page's paragraphs and boxes. */
function blocksOf(lines: string[]): [number, number][] {
  const blocks: [number, number][] = [];
  for (let i = 0; i < lines.length; ) {
    if (!lines[i]) i++;
    else {
      const e = blockEnd(lines, i);
      blocks.push([i, e]);
      i = e;
    }
  }
  return blocks;
}

/**
 * A table of contents without a label: a block of short lines most of which come back later as
 * standalone headings. The headings stay; their copies at the top go.
 */
function removeTableOfContents(lines: string[]): void {
  const blocks = blocksOf(lines);
  const standaloneAfter = new Map<string, number>();
  for (const [s, e] of blocks) if (e - s === 1 && isShortNoPunct(lines[s]!)) standaloneAfter.set(tocKey(lines[s]!), s);
  if (standaloneAfter.size < 2) return;
  for (const [s, e] of blocks) {
    if (e - s < 2) continue;
    const block = lines.slice(s, e);
    if (!block.every((l) => isShortNoPunct(l, 100))) continue;
    const hits = block.filter((l) => (standaloneAfter.get(tocKey(l)) ?? -1) > e).length;
    if (hits >= 2 && hits * 3 >= block.length * 2) for (let k = s; k < e; k++) lines[k] = '';
  }
}

/** Whitespace other than one plain space between words. */
const ODD_SPACE = /\s\s|[^\S ]/;

/**
 * Repetition: a caption next to its alt text shows up as two identical consecutive short lines,
 * and a page title or running header repeats through the whole page. Neither is prose.
 */
function removeRepeats(lines: string[], opts: { transcript: boolean }): void {
  // Most lines already have single spaces only: the rewrite then returns the same text, so it is skipped.
  const norm = (s: string) => {
    const low = s.toLowerCase();
    return (ODD_SPACE.test(low) ? low.replace(/\s+/g, ' ') : low).trim();
  };
  const content = lines.map((l, i) => ({ l, i })).filter((x) => x.l);
  // Each line's normal form once: comparing neighbours made each twice.
  const normal = content.map(({ l }) => norm(l));
  const drop = new Set<number>();
  for (let k = 0; k < content.length; ) {
    let e = k + 1;
    while (e < content.length && normal[e] === normal[k]) e++;
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
    content.forEach(({ l }, k) => {
      if (isShortNoPunct(l)) counts.set(normal[k]!, (counts.get(normal[k]!) ?? 0) + 1);
    });
    content.forEach(({ l, i }, k) => {
      if (isShortNoPunct(l) && (counts.get(normal[k]!) ?? 0) >= 3) drop.add(i);
    });
    // A pull quote repeats a sentence of the body as a line of its own, with other quote marks or
    // without its attribution. The copy that stands alone goes; the sentence in the body stays.
    const keys = content.map(({ l }) => l.toLowerCase().replace(PUNCT_RUN, ' ').trim());
    const candidates: number[] = [];
    content.forEach(({ l, i }, k) => {
      if (l.length <= 300 && !drop.has(i) && wordsOf(l).length >= 6) candidates.push(k);
    });
    if (candidates.length === 0) return finish();
    // A line is a copy when an identical line comes earlier, or when its words run, in order and
    // whole, inside a longer line. With a few candidate lines, the page is searched for each; with
    // many (searching for each is quadratic in the page), the page's words are indexed once.
    let search: { all: string; starts: number[] } | undefined;
    const bySearch = (k: number) => {
      if (!search) {
        const starts: number[] = [];
        keys.reduce((at, key) => (starts.push(at), at + key.length + 1), 0);
        search = { all: keys.join('\n'), starts };
      }
      return isCopyBySearch(search.all, search.starts, keys[k]!, search.starts[k]!);
    };
    if (candidates.length <= SEARCHED_CANDIDATES) {
      for (const k of candidates) if (bySearch(k)) drop.add(content[k]!.i);
      return finish();
    }
    const firstWith = new Map<string, number>();
    keys.forEach((key, k) => {
      if (!firstWith.has(key)) firstWith.set(key, k);
    });
    const linesWith = new Map<string, number[]>();
    keys.forEach((key, k) => {
      for (const w of key.split(' ')) {
        const list = linesWith.get(w);
        if (!list) linesWith.set(w, [k]);
        else if (list[list.length - 1] !== k) list.push(k);
      }
    });
    for (const k of candidates) {
      const key = keys[k]!;
      const i = content[k]!.i;
      // A line of nothing but punctuation has an empty key, found everywhere: the page-wide search decides.
      if (key === '') {
        if (bySearch(k)) drop.add(i);
        continue;
      }
      if (firstWith.get(key)! < k) {
        drop.add(i);
        continue;
      }
      let rarest: number[] | undefined;
      for (const w of key.split(' ')) {
        const list = linesWith.get(w)!;
        if (!rarest || list.length < rarest.length) rarest = list;
      }
      for (const j of rarest!) {
        if (keys[j]!.length > key.length && containsWords(keys[j]!, key)) {
          drop.add(i);
          break;
        }
      }
    }
  }
  finish();

  function finish(): void {
    for (const i of drop) lines[i] = '';
  }
}

/** Up to this many candidate pull quotes on a page, each is searched for; more, the words are indexed. */
const SEARCHED_CANDIDATES = 8;

/** True when `needle`'s words stand whole inside `hay` (both with single spaces between words). */
function containsWords(hay: string, needle: string): boolean {
  for (let at = hay.indexOf(needle); at !== -1; at = hay.indexOf(needle, at + 1)) {
    if ((at === 0 || hay[at - 1] === ' ') && (at + needle.length === hay.length || hay[at + needle.length] === ' ')) return true;
  }
  return false;
}

/**
 * The pull-quote test as a search of the page's keys joined by newlines: found elsewhere inside a
 * longer line, word for word, or as an identical line earlier on.
 */
function isCopyBySearch(all: string, starts: number[], key: string, start: number): boolean {
  // An empty key is found at every position, the end of the text included, again and again: each
  // position is looked at once (a line like ". . . . . ." once made this loop forever).
  for (let at = all.indexOf(key); at !== -1; at = at < all.length ? all.indexOf(key, at + 1) : -1) {
    if (at === start) continue;
    const whole = (at === 0 || all[at - 1] === '\n') && (at + key.length === all.length || all[at + key.length] === '\n');
    // Inside a longer line, or an identical line earlier on: this one is the copy.
    const wordBounded = (at === 0 || /[\s]/.test(all[at - 1]!)) && (at + key.length === all.length || /[\s]/.test(all[at + key.length]!));
    if ((!whole && wordBounded) || (whole && at < start)) return true;
  }
  return false;
}

// Page furniture in a page saved as plain text, where no HTML tells the article from what the site
// wraps around it: reader comments, the author's bio box, the tags line. Each is found by the shape
// of the block (a name and a date above a comment, an action bar below it), not by any site's words.

/** The action bar under a comment: "Reply", "Like (12)", "Reply · Like (4)", "3 replies", "Load more comments". */
const ACTION = String.raw`(?:reply|replies|like|likes|unlike|dislike|report|flag|share|upvote|downvote|vote|permalink|edit|delete|quote|(?:like|likes|upvote|upvotes|reply|replies|vote|votes|points?)\s*[(\[]\d+[)\]]|\d+\s+(?:likes?|repl(?:y|ies)|points?|upvotes?|votes?)|(?:view|show|hide|see)\s+(?:all\s+|more\s+)?(?:\d+\s+)?(?:repl(?:y|ies)|comments?)|(?:load|show|view|see)\s+(?:more|older|newer|all)\s+(?:comments|replies|responses)|[↑↓▲▼👍👎♥❤]\s*\d*)`;
const ACTION_LINE = new RegExp(String.raw`^${ACTION}(?:\s*[·•|,/–—-]?\s*${ACTION})*$`, 'i');
/** "14 Comments", "Comments (14)", "Join the discussion", "3 thoughts on ...": the head of a thread. */
const THREAD_LABEL =
  /^(?:\d+\s+(?:comments?|responses?|replies|thoughts?\s+on\b.{0,100})|(?:comments?|responses|discussion)\s*[(\[]\d+[)\]]|(?:join|start)\s+the\s+(?:discussion|conversation)|reader\s+comments|comments?|discussion|(?:leave|post|add)\s+a\s+(?:reply|comment))$/i;
const MONTH = String.raw`(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?`;
const CLOCK_AT = String.raw`(?:\s*(?:at|,|·|-|@)?\s*\d{1,2}[:.]\d{2}\s*(?:[ap]\.?m\.?)?)?`;
/** A comment's date: "March 14, 2024 at 9:12 am", "14 Mar 2024", "2024-03-14", "3 days ago". */
const DATE_LINE = new RegExp(
  String.raw`^(?:(?:on|posted|commented)\s+)?(?:${MONTH}\s+\d{1,2}(?:st|nd|rd|th)?,?\s+\d{4}|\d{1,2}(?:st|nd|rd|th)?\s+${MONTH}\s+\d{4}|\d{4}-\d{2}-\d{2}|\d{1,2}[./]\d{1,2}[./]\d{2,4})${CLOCK_AT}$`,
  'i',
);
const isDateLine = (t: string) => t.length <= 60 && (DATE_LINE.test(t) || (AGO.test(t) && wordsOf(t).length <= 6) || DATELINE.test(t));
/** A commenter's name: a handle or a few words, no sentence punctuation. */
const isNameLine = (t: string) =>
  t.length <= 40 && wordsOf(t).length <= 4 && !END_PUNCT.test(t) && !/[:,;]$/.test(t) && /^[\p{L}\p{N}@_]/u.test(t) && !/^by\s/i.test(t);
/** "Margaret Dunn · March 14, 2024", "Pete_K 3 days ago", "Anna says:" on one line. */
function isNameDateLine(t: string): boolean {
  if (t.length > 90) return false;
  if (/^[\p{L}\p{N}@_][^!?]{0,40}\s+(?:says|said|wrote|writes|commented)\s*:?$/u.test(t)) return true;
  const m = /^(.{1,40}?)\s*(?:[·•|,–—-]|\bon\b)?\s+((?:\d|(?:an?|one)\s|just\s+now|yesterday|today|(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)).*)$/i.exec(t);
  return !!m && isNameLine(m[1]!.trim()) && isDateLine(m[2]!.trim());
}

/** Index of the next non-blank line from i going by step, or -1. */
function nextContent(lines: string[], i: number, step: number, limit = 3): number {
  for (let j = i + step, n = 0; j >= 0 && j < lines.length && n < limit; j += step, n++) if (lines[j]) return j;
  return -1;
}

/** The header of a comment at i: its first line, if a name and a date start there. */
function commentHeaderAt(lines: string[], i: number): number | undefined {
  const t = lines[i]!;
  if (isNameDateLine(t)) return i;
  if (!isNameLine(t)) return undefined;
  const n = nextContent(lines, i, 1, 2);
  return n !== -1 && isDateLine(lines[n]!) ? i : undefined;
}

/** Reader comments: from each comment's header (name, date) or the thread label to its action bar. */
function removeComments(lines: string[]): void {
  const actions: number[] = [];
  // "Share" or "Edit" alone are also page controls; a comment's bar lets readers answer or vote.
  const isBar = (t: string) => t.length <= 80 && ACTION_LINE.test(t) && /reply|repl(?:y|ies)|like|vote|points|comments|[↑↓▲▼👍👎♥❤]/i.test(t);
  for (let i = 0; i < lines.length; i++) if (lines[i] && isBar(lines[i]!.trim())) actions.push(i);
  // One "Reply" alone could be a menu; a thread has an action bar with a count or more than one bar.
  const counted = actions.some((i) => /\d/.test(lines[i]!)) || actions.length >= 2;
  if (!counted) return;
  let thread = false;
  let prevEnd = -1;
  for (const t of actions) {
    let start: number | undefined;
    for (let j = t - 1; j > prevEnd && t - j <= 20; j--) {
      if (!lines[j]) continue;
      if (commentHeaderAt(lines, j) !== undefined) {
        start = j;
        break;
      }
      if (THREAD_LABEL.test(bare(lines[j]!))) {
        start = j;
        break;
      }
    }
    // Within a thread, the comment after an action bar runs up to the next bar.
    if (start === undefined && thread && prevEnd >= 0 && t - prevEnd <= 20) start = prevEnd + 1;
    // A comment is short: a long stretch between a byline and a share bar is the article itself.
    const body = start === undefined ? [] : lines.slice(start, t).filter(Boolean);
    if (start !== undefined && (body.length > 14 || body.join(' ').length > 2000)) start = undefined;
    if (start !== undefined) {
      for (let k = start; k <= t; k++) lines[k] = '';
      thread = true;
      // The thread label above the first comment goes with it.
      const above = nextContent(lines, start, -1);
      if (above !== -1 && THREAD_LABEL.test(bare(lines[above]!))) lines[above] = '';
    } else if (thread) lines[t] = '';
    prevEnd = t;
  }
  // A last comment without an action bar: a header right after the thread, up to the next blank line.
  if (thread) {
    for (let i = prevEnd + 1; i < lines.length; i++) {
      if (!lines[i]) continue;
      if (commentHeaderAt(lines, i) === undefined) break;
      let e = i;
      while (e < lines.length && (lines[e] || (e + 1 < lines.length && lines[e + 1] && isDateLine(lines[e + 1]!)))) e++;
      for (let k = i; k < e; k++) lines[k] = '';
      i = e;
    }
  }
}

/** "About the author", "About the writer", "Author bio": the label of a bio box. */
const BIO_LABEL = /^(?:about\s+the\s+(?:authors?|writers?|reporters?|contributors?|editors?)|about\s+me|author\s+bio(?:graphy)?|the\s+author|meet\s+the\s+author)$/i;
/** "Tom Harlowe is a writer based in ...": a person introduced by their trade in the third person. */
const BIO_LEAD =
  /^(?:\p{Lu}[\p{L}'’.-]*\s+){1,3}(?:is|was)\s+(?:an?|the)\s+(?:[\p{L}-]+,?\s+){0,6}?(?:writer|journalist|editor|reporter|correspondent|author|contributor|columnist|freelancer|critic|photographer|producer|novelist|poet|historian|blogger|designer|developer|engineer|researcher|illustrator)s?\b/u;
/** The signs of a bio box: how to follow or reach the person, where they live, what else they wrote. */
const BIO_SIGN =
  /\b(?:follow\s+(?:him|her|them|me)|find\s+(?:him|her|them|me)\s+on|(?:reach|contact)\s+(?:him|her|them|me)|(?:based|lives)\s+in|(?:his|her|their)\s+(?:new|latest|first|debut)\s+(?:book|novel|collection)|is\s+the\s+author\s+of)\b|(?:^|\s)@[A-Za-z0-9_]{2,}\b|\b[\w.+-]+@[\w-]+\.[\w.]+\b/i;

const FOLLOW_SIGN = /\b(?:follow\s+(?:him|her|them|me)|find\s+(?:him|her|them|me)\s+on|(?:reach|contact)\s+(?:him|her|them|me))\b|(?:^|\s)@[A-Za-z0-9_]{2,}\b|\b[\w.+-]+@[\w-]+\.[\w.]+\b/i;

function removeAuthorBio(lines: string[]): void {
  for (let i = 0; i < lines.length; i++) {
    if (!lines[i]) continue;
    const t = lines[i]!.trim();
    if (t.length <= 40 && BIO_LABEL.test(bare(t))) {
      lines[i] = '';
      // The bio under its label: the rest of the label's block, or the next block if it is short.
      let j = i + 1;
      if (j < lines.length && !lines[j]) j = nextContent(lines, i, 1, 3);
      if (j === -1 || j >= lines.length) continue;
      const e = blockEnd(lines, j);
      if (lines.slice(j, e).join(' ').length <= 800) for (let k = j; k < e; k++) lines[k] = '';
      continue;
    }
    // A bio without its label: a short block that opens like one and says how to follow the person.
    // Where the person lives is a sign only at the foot of the page; a handle or "follow her" anywhere.
    if ((i === 0 || !lines[i - 1]) && BIO_LEAD.test(t)) {
      const e = blockEnd(lines, i);
      const block = lines.slice(i, e).join(' ');
      const after = lines.slice(e).filter(Boolean).join(' ').length;
      const foot = after < 1500 && lines.slice(0, i).filter(Boolean).join(' ').length > 3 * after;
      if (block.length <= 600 && (FOLLOW_SIGN.test(block) || (foot && BIO_SIGN.test(block)))) for (let k = i; k < e; k++) lines[k] = '';
    }
  }
}

/** "Tags: a, b, c", "Filed under: x | y": a line of short labels. */
const TAGS_LINE = /^(?:tags?|tagged(?:\s+(?:with|as|in))?|topics?|filed\s+(?:under|in)|categor(?:y|ies)|labels?|keywords|posted\s+in)\s*[:：]\s*(.{1,300})$/i;
function isTagsLine(t: string): boolean {
  const m = TAGS_LINE.exec(t.trim());
  if (!m) return false;
  const items = m[1]!.split(/\s*[,;|•·/]\s*|\s+#/).map((x) => x.trim().replace(/^#/, '')).filter(Boolean);
  return items.length >= 1 && items.every((x) => wordsOf(x).length <= 4 && !/[.!?]$/.test(x.replace(/\.$/, '')) && x.length <= 40) && !/[.!?]\s+\p{Lu}/u.test(m[1]!);
}

/** An address field: "Email address", "Your email", "Enter your e-mail". */
const EMAIL_FIELD = /^(?:enter\s+)?(?:your\s+)?e-?mail(?:\s+address)?\s*[:*]?$|^enter\s+your\s+e-?mail\b/i;
/**
 * A newsletter box is one short block: a pitch, a tagline, an address field, a button. When a block
 * holds both a sign-up line and an address field, its tagline goes with it.
 */
function removeSignupBoxes(lines: string[]): void {
  for (const [i, e] of blocksOf(lines)) {
    const block = lines.slice(i, e).map((l) => l.trim());
    if (
      block.length <= 8 &&
      block.join(' ').length <= 600 &&
      block.some((l) => EMAIL_FIELD.test(l)) &&
      block.some((l) => l.length <= 200 && (NEWSLETTER.test(l) || NEWSLETTER_BOX.test(l) || /\b(?:newsletter|inbox|subscribe)\b/i.test(l)))
    )
      for (let k = i; k < e; k++) lines[k] = '';
  }
}

/** Furniture of a saved page: comment threads, bio boxes, tags lines. Removed lines become blank lines. */
export function removeFurniture(lines: string[]): void {
  removeComments(lines);
  removeAuthorBio(lines);
  removeSignupBoxes(lines);
  for (let i = 0; i < lines.length; i++) if (lines[i] && isTagsLine(lines[i]!)) lines[i] = '';
}
