// HTML -> the Markdown-ish text the cleaning pipeline already understands (`#` headings, blank
// lines between paragraphs). Saved pages, EPUB chapters and converted DOCX all arrive as HTML, so
// one converter decides what a block is and which elements never carry the document's own words.
// Elements are dropped by type (what they are for), never by the words in them.
import { dom } from './libraries.js';

/** Larger pages are cut: parsing cost grows with size, and no article needs more. */
export const HTML_MAX_CHARS = 4_000_000;
/** The parser's cost grows with the square of nesting depth; real pages stay far below this. */
export const HTML_MAX_DEPTH = 400;

/** Elements whose content is never the document's text: code, chrome, controls, captions. */
const DROPPED = new Set(
  (
    'script style noscript template nav aside footer form button svg math figcaption iframe object embed ' +
    'canvas select textarea input option datalist dialog menu audio video map area head title meta link base'
  ).split(' '),
);
/** Elements that start and end a paragraph of their own. */
const BLOCKS = new Set(
  (
    'p div li blockquote section article main header dd dt dl ul ol table thead tbody tfoot tr td th caption ' +
    'pre address details summary figure hgroup center fieldset legend body html'
  ).split(' '),
);
/** Elements without content, which never open a level of nesting. */
const VOID = new Set('area base br col embed hr img input link meta param source track wbr'.split(' '));
/** Elements a parser closes by itself when a sibling opens, so an unclosed one is not nesting. */
const SELF_CLOSING_SIBLINGS = new Set('p li dt dd tr td th option'.split(' '));

// The project builds without the DOM library (it is a server), so the few DOM shapes used here are
// declared by hand; linkedom's objects have them.
export interface DomNode {
  nodeType: number;
  textContent: string | null;
  childNodes: ArrayLike<DomNode> & Iterable<DomNode>;
  cloneNode(deep?: boolean): DomNode;
}
export interface DomElement extends DomNode {
  localName: string;
  getAttribute(name: string): string | null;
  hasAttribute(name: string): boolean;
  remove(): void;
  closest(selector: string): DomElement | null;
  querySelector(selector: string): DomElement | null;
  querySelectorAll(selector: string): ArrayLike<DomElement> & Iterable<DomElement>;
}
export interface DomDocument extends DomNode {
  documentElement: DomElement | null;
  body: DomElement | null;
  querySelector(selector: string): DomElement | null;
  querySelectorAll(selector: string): ArrayLike<DomElement> & Iterable<DomElement>;
}

export interface PreparedHtml {
  html: string;
  warnings: string[];
}

/**
 * Caps size and nesting before the HTML meets the parser: tags nested deeper than HTML_MAX_DEPTH
 * are removed (their text is kept), so a hostile page costs a warning, not minutes of parsing.
 */
export function prepareHtml(raw: string, what = 'page'): PreparedHtml {
  const warnings: string[] = [];
  let html = raw;
  if (html.length > HTML_MAX_CHARS) {
    html = html.slice(0, HTML_MAX_CHARS);
    warnings.push(`${what} is longer than ${HTML_MAX_CHARS / 1_000_000} million characters; only the start is read`);
  }
  let depth = 0;
  let deepest = 0;
  let flattened = false;
  const out: string[] = [];
  let last = 0;
  const tag = /<(\/?)([A-Za-z][A-Za-z0-9-]*)\b[^>]*?(\/?)>|<!--[\s\S]*?-->/g;
  for (let m = tag.exec(html); m; m = tag.exec(html)) {
    if (m[2] === undefined) continue;
    const name = m[2].toLowerCase();
    if (VOID.has(name) || m[3] === '/' || SELF_CLOSING_SIBLINGS.has(name)) continue;
    const closing = m[1] === '/';
    const level = closing ? depth : depth + 1;
    depth = closing ? Math.max(0, depth - 1) : depth + 1;
    deepest = Math.max(deepest, depth);
    if (level > HTML_MAX_DEPTH) {
      out.push(html.slice(last, m.index), ' ');
      last = m.index + m[0].length;
      flattened = true;
    }
  }
  if (flattened) {
    out.push(html.slice(last));
    html = out.join('');
    warnings.push(`${what} nests elements deeper than ${HTML_MAX_DEPTH} levels; the deeper tags were ignored`);
  }
  return { html, warnings };
}

/** XHTML for the HTML parser: XML's empty-element tags (`<a id="x"/>`) would otherwise open elements. */
export function xhtmlAsHtml(source: string): string {
  return source
    .replace(/^\s*<\?xml[^>]*\?>/, '')
    .replace(/<([A-Za-z][\w:-]*)(\s[^<>]*?)?\s*\/>/g, (m, tag: string, attrs = '') => (VOID.has(tag.toLowerCase()) ? m : `<${tag}${attrs}></${tag}>`));
}

/** A linkedom document for (prepared) HTML; a fragment gets a body of its own. */
export function parseDocument(html: string): DomDocument {
  const source = /<html[\s>]/i.test(html) ? html : `<!doctype html><html><head></head><body>${html}</body></html>`;
  return (dom().parseHTML(source) as unknown as { document: DomDocument }).document;
}

/**
 * Removes the dropped kinds of element (and hidden ones) from a whole page, in place. A <header>
 * outside any article or section is the page's banner (logo, site name, menus), not content,
 * unless it holds the page's h1 (a post's own title block).
 */
export function removeDropped(root: DomDocument | DomElement): void {
  // A few words around a control are its label: "Was this article helpful? Yes No", a newsletter
  // box, a cookie notice. The block holding them goes with the control, in any language.
  for (const control of [...root.querySelectorAll(CONTROLS)]) {
    const block = control.closest(WIDGET_BLOCKS);
    if (block && wordsOutsideControls(block) <= WIDGET_MAX_WORDS) block.remove();
  }
  for (const el of [...root.querySelectorAll('*')]) {
    const name = el.localName.toLowerCase();
    if (DROPPED.has(name) || isHidden(el)) el.remove();
    else if (name === 'header' && !el.closest('article, main, section') && !el.querySelector('h1')) el.remove();
  }
}

const CONTROLS = 'button, input, select, textarea';
/** Blocks a widget sits in; never the article, main or section, which hold the text itself. */
const WIDGET_BLOCKS = 'p, div, li, form, fieldset, aside, footer, header, dl, table';
/** Longer than this, the words around a control are text that happens to contain one. */
const WIDGET_MAX_WORDS = 12;

function wordsOutsideControls(block: DomElement): number {
  const clone = block.cloneNode(true) as DomElement;
  for (const c of [...clone.querySelectorAll(CONTROLS)]) c.remove();
  return (clone.textContent ?? '').split(/\s+/).filter(Boolean).length;
}

function isHidden(el: DomElement): boolean {
  if (el.hasAttribute('hidden') || el.getAttribute('aria-hidden') === 'true') return true;
  const role = el.getAttribute('role');
  if (role && /^(navigation|complementary|contentinfo|banner|search|dialog|alertdialog|menu|menubar|toolbar)$/i.test(role)) return true;
  return /(?:^|;)\s*display\s*:\s*none/i.test(el.getAttribute('style') ?? '');
}

/** Text of one line: runs of white space are one space, as a browser shows them. */
const squash = (s: string) => s.replace(/[\s\u00a0]+/g, ' ');

/**
 * The text of a DOM subtree: headings as `#` lines, each block a paragraph, `<br>` a line break.
 * Iterative, so depth never costs stack.
 */
export function htmlToText(root: DomNode): string {
  const blocks: string[] = [];
  let line = '';
  let lines: string[] = [];
  let pre = 0;
  const flush = () => {
    const all = [...lines, line].map((l) => (pre ? l.replace(/\s+$/, '') : l.trim())).filter(Boolean);
    if (all.length) blocks.push(all.join('\n'));
    lines = [];
    line = '';
  };
  type Step = { node: DomNode; exit?: boolean };
  const stack: Step[] = [{ node: root }];
  while (stack.length) {
    const { node, exit } = stack.pop()!;
    if (node.nodeType === 3) {
      const text = node.textContent ?? '';
      if (pre) {
        const parts = text.split('\n');
        line += parts[0];
        for (const part of parts.slice(1)) {
          lines.push(line);
          line = part;
        }
      } else line += squash(text);
      continue;
    }
    if (node.nodeType !== 1 && node.nodeType !== 9 && node.nodeType !== 11) continue;
    const el = node as DomElement;
    const name = node.nodeType === 1 ? el.localName.toLowerCase() : '#root';
    if (exit) {
      if (name === 'pre') pre--;
      if (BLOCKS.has(name) || /^h[1-6]$/.test(name)) flush();
      else if (name === 'td' || name === 'th') line += ' ';
      continue;
    }
    if (node.nodeType === 1 && (DROPPED.has(name) || isHidden(el))) continue;
    if (name === 'br') {
      lines.push(line);
      line = '';
      continue;
    }
    if (name === 'hr') {
      flush();
      continue;
    }
    const heading = /^h([1-6])$/.exec(name);
    if (heading) {
      flush();
      const text = squash(el.textContent ?? '').trim();
      if (text) blocks.push(`${'#'.repeat(Number(heading[1]))} ${text}`);
      continue;
    }
    if (BLOCKS.has(name)) flush();
    if (name === 'pre') pre++;
    stack.push({ node, exit: true });
    const children = [...node.childNodes];
    for (let i = children.length - 1; i >= 0; i--) stack.push({ node: children[i]! });
  }
  flush();
  return blocks.join('\n\n');
}

/** HTML source straight to text: caps, parse, convert. Used where the whole document is content. */
export function htmlSourceToText(raw: string, what?: string): { text: string; warnings: string[]; document: DomDocument } {
  const prepared = prepareHtml(raw, what);
  const document = parseDocument(prepared.html);
  return { text: htmlToText(document.body ?? document), warnings: prepared.warnings, document };
}
