// Saved web pages: the article comes out with its title, author and date, and the page around it
// (navigation, asides, footers, forms, scripts) never reaches a sentence.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadCorpus } from '../../src/core/ingest/index.js';
import { cleanTitle, html, readHtml } from '../../src/core/readers/html.js';
import { htmlSourceToText, HTML_MAX_DEPTH } from '../../src/core/readers/html-text.js';
import { DOCUMENT_READERS } from '../../src/core/readers/index.js';
import { loadDom } from '../../src/core/readers/libraries.js';
import { plainText } from '../../src/core/readers/txt.js';

// The converter is synchronous and uses the DOM library the readers load on first use.
beforeAll(() => loadDom());

const PAGE = `<!DOCTYPE html>
<html lang="en-US"><head><meta charset="utf-8"><title>Why Bread Rises - The Crumb Journal</title>
<meta property="og:site_name" content="The Crumb Journal"><meta name="author" content="Tomas Reyes">
<meta property="article:published_time" content="2023-11-04T08:30:00+01:00"><link rel="canonical" href="https://crumb.example/why-bread-rises">
<script>window.trackerLabel = "tracking pixel loaded";</script><style>body { font-family: serif }</style></head>
<body>
<header><nav><ul><li><a href="/">Home</a></li><li><a href="/recipes">Recipes</a></li><li><a href="/shop">Shop our flour</a></li></ul></nav></header>
<main><article>
<h1>Why Bread Rises</h1><p class="byline">By Tomas Reyes</p>
<p>Yeast eats the sugars in flour and breathes out carbon dioxide. The gas is caught in a web of gluten, and the dough swells like a balloon.</p>
<h2>The role of gluten</h2>
<blockquote class="pull">“A well kneaded dough holds its gas for hours”</blockquote>
<p>Kneading lines up the gluten proteins into long elastic strands. A well kneaded dough holds its gas for hours, while a slack one lets it escape.</p>
<blockquote><p>Patience is the baker&rsquo;s most important ingredient &amp; the cheapest one.</p></blockquote>
<h2>Heat and the oven spring</h2>
<p>In the first minutes of baking the gas expands quickly.<br>The loaf jumps upward before the crust sets.</p>
<ul><li>Steam keeps the crust soft for longer.</li><li>A hot stone gives the base a sudden push of heat.</li></ul>
</article>
<aside><h3>You might also like</h3><p>Seven sourdough starters ranked by our readers.</p></aside>
<form><label>Get our newsletter</label><input type="email"><button>Sign me up today</button></form>
</main>
<footer><p>Copyright 2023 The Crumb Journal. All rights reserved.</p></footer>
</body></html>`;

const JUNK = ['Shop our flour', 'tracking pixel', 'font-family', 'sourdough starters ranked', 'Sign me up', 'All rights reserved', 'By Tomas Reyes'];
const tmp = () => fs.mkdtempSync(path.join(os.tmpdir(), 'html-reader-'));

describe('the HTML reader', () => {
  it('finds the title without the site name, the author, date, language, address and site', async () => {
    const read = await readHtml(Buffer.from(PAGE));
    if ('error' in read) throw new Error(read.error);
    // A pull quote repeats the article's own words; the reader keeps them once, in place.
    expect(read.text.match(/holds its gas for hours/g)).toHaveLength(1);
    expect(read.metadata?.fields).toEqual({
      title: 'Why Bread Rises',
      author: 'Tomas Reyes',
      date: '2023-11-04',
      language: 'en',
      url: 'https://crumb.example/why-bread-rises',
      source: 'The Crumb Journal',
    });
  });

  it('serves the article as sections of whole sentences and none of the page around it', async () => {
    const dir = tmp();
    fs.writeFileSync(path.join(dir, 'bread.html'), PAGE);
    const { documents, warnings } = await loadCorpus(dir);
    expect(warnings).toEqual([]);
    const [doc] = documents;
    expect(doc?.meta).toMatchObject({ title: 'Why Bread Rises', author: 'Tomas Reyes', date: '2023-11-04', source: 'The Crumb Journal' });
    const sentences = doc!.sentences;
    const all = sentences.map((s) => s.text).join('\n');
    for (const junk of JUNK) expect(all, junk).not.toContain(junk);
    expect(all).toContain('Patience is the baker’s most important ingredient & the cheapest one.');
    expect(sentences.find((s) => s.text.startsWith('Kneading lines up'))?.section).toBe('The role of gluten');
    expect(sentences.find((s) => s.text.startsWith('The loaf jumps upward'))?.section).toBe('Heat and the oven spring');
    // The pull quote repeats the article's own words: served once, in its place in the text.
    expect(all.match(/holds its gas for hours/g)).toHaveLength(1);
    // A heading never runs into the sentence after it.
    expect(all).not.toMatch(/gluten Kneading|spring In the first/);
  });

  it('reads a page where no article stands out from its body, still without the chrome', async () => {
    const page = `<html><head><title>Notice</title></head><body><header><a href="/">Riverside Library</a><span>Open daily</span></header><nav>Home About Contact</nav><p>The library closes early on Friday.</p><footer>Footer links and legal text</footer></body></html>`;
    const read = await readHtml(Buffer.from(page));
    if ('error' in read) throw new Error(read.error);
    expect(read.text).toContain('The library closes early on Friday.');
    expect(read.text).not.toMatch(/Home About|Footer links|Riverside Library|Open daily/);
  });

  it('drops a widget (a few words around buttons or a field) in any language, and keeps prose that holds a control', async () => {
    const page = `<!doctype html><html><body><article><h1>Mending nets</h1>
      <p>Mending a net starts at the torn mesh and works outward, one knot at a time, until the shape holds again.</p>
      <div class="rate">Did this guide help you? <button>Yes</button> <button>No</button></div>
      <div class="avis">Cet article vous a-t-il été utile ? <button>Oui</button> <button>Non</button></div>
      <form><label>Get the weekly letter</label> <input type="email" placeholder="you@example.org"> <button>Sign up</button></form>
      <p>The old hands keep a spare needle in the cap, and when the light fails they feel for the knots instead of looking; click <button>here</button> to hear one of them describe it.</p>
      <p>A net mended this way lasts another season, sometimes two.</p>
    </article></body></html>`;
    const read = await readHtml(Buffer.from(page));
    if ('error' in read) throw new Error(read.error);
    expect(read.text).not.toMatch(/help you|utile|weekly letter|Sign up|Oui|Yes/);
    expect(read.text).toContain('The old hands keep a spare needle in the cap');
    expect(read.text).toContain('A net mended this way lasts another season, sometimes two.');
  });

  it('reads an XHTML page, whose empty elements close themselves', async () => {
    const page = `<?xml version="1.0" encoding="utf-8"?>\n<html xmlns="http://www.w3.org/1999/xhtml"><head><title>Field notes</title></head><body><h2>Morning</h2><a id="start"/><p>The heron waited by the reeds for an hour.</p><h3 class="rule"/><p>Then it flew off without a catch.</p></body></html>`;
    const read = await readHtml(Buffer.from(page));
    if ('error' in read) throw new Error(read.error);
    expect(read.text).toContain('The heron waited by the reeds for an hour.\n\nThen it flew off without a catch.');
  });

  it('takes a site name off a title only when it looks like one', () => {
    expect(cleanTitle('How Tides Work | Coastal Notes')).toBe('How Tides Work');
    expect(cleanTitle('Tides | Coast', undefined, 'Tides')).toBe('Tides');
    expect(cleanTitle('Tides | Coast')).toBe('Tides | Coast');
    expect(cleanTitle('How Tides Work — Coastal Notes', 'Coastal Notes')).toBe('How Tides Work');
    expect(cleanTitle('Rust: A Language for the Next Forty Years')).toBe('Rust: A Language for the Next Forty Years');
    expect(cleanTitle('Yes - a very long answer to a short question')).toBe('Yes - a very long answer to a short question');
  });

  it('survives nesting deep enough to stall a parser, and says it cut it', () => {
    const n = HTML_MAX_DEPTH * 20;
    const page = `<!doctype html><html><body>${'<div>'.repeat(n)}<p>Deep inside there is still a sentence.</p>${'</div>'.repeat(n)}</body></html>`;
    const out = htmlSourceToText(page);
    expect(out.text).toContain('Deep inside there is still a sentence.');
    expect(out.warnings.join(' ')).toMatch(/deeper than \d+ levels/);
  });

  it('knows a page by its content: a doctype is a signature, a fragment with page structure looks like HTML', () => {
    expect(html.sniff(Buffer.from(PAGE))).toBe('signature');
    expect(html.sniff(Buffer.from('\uFEFF<?xml version="1.0"?>\n<html xmlns="http://www.w3.org/1999/xhtml"><body><p>x</p></body></html>'))).toBe('signature');
    expect(html.sniff(Buffer.from('<article><h1>Title</h1><p>One.</p><p>Two.</p></article>'))).toBe('looks-like');
    expect(html.sniff(Buffer.from('Use the <b> tag for bold text.\nIt is easy.'))).toBe('no');
    expect(html.sniff(Buffer.from('# Notes\n\nSome <em>markdown</em> with a tag.'))).toBe('no');
    expect(DOCUMENT_READERS.forFile('saved-page', Buffer.from(PAGE))).toBe(html);
  });

  it('reads a page saved as .txt as HTML: the content outranks the ending', () => {
    expect(plainText.sniff(Buffer.from(PAGE))).toBe('could-be');
    expect(DOCUMENT_READERS.forFile('bread.txt', Buffer.from(PAGE))).toBe(html);
  });
});
