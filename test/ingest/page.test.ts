import { describe, it, expect } from 'vitest';
import { isChromeLine, isNavLine } from '../../src/core/ingest/chrome.js';
import { ingestText } from '../../src/core/ingest/index.js';
import { joined, meta, texts } from './helpers.js';

const PROSE = 'The committee met on Tuesday to discuss the budget.';
const MORE = 'It approved the plan after a long debate about the costs.';

describe('navigation menus', () => {
  it('drops a run of short menu lines at the top of the page, not only the known UI words', () => {
    expect(texts(`Skip to content\nHome\nNews\nReviews\nSubscribe\n\n${PROSE}`)).toEqual([PROSE]);
    expect(texts(`Menu\nWorld\nBusiness\nScience\n\n${PROSE}`)).toEqual([PROSE]);
  });
  it('drops a footer menu run that contains a known UI line', () => {
    expect(texts(`${PROSE}\n\nAbout\nCareers\nPrivacy Policy\nPress`)).toEqual([PROSE]);
  });
  it('keeps a list introduced by a colon and short lines after the first prose', () => {
    const raw = `${PROSE}\n\nThe winners were:\nAlice Smith\nBob Jones\nCarol White`;
    expect(texts(raw)).toEqual([PROSE, 'The winners were: Alice Smith Bob Jones Carol White.']);
  });
});

describe('bylines and post metadata', () => {
  it('drops "Posted by X on DATE | N Comments", "By X | Updated DATE", reading times, comment counts', () => {
    for (const line of [
      'Posted by jdoe on March 3, 2025 | 12 Comments',
      'By Maria Keller and Tom Achebe | Updated 14 May 2025, 09:12 BST',
      'By Sam Carter, Senior Editor',
      'By JANE DOE',
      '6 min read',
      'Reading time: 4 minutes',
      '12 Comments',
      'Updated March 3, 2025',
      'Last updated: 9 June 2025, 11:58 am PT',
      '11:05 am ET',
      'Published 2025-03-03 · 5 min read',
    ])
      expect(isChromeLine(line), line).toBe(true);
  });
  it('keeps prose that starts with "By" or mentions dates and comments', () => {
    for (const line of [
      'By the end of the year, we had shipped.',
      'By Friday the team knew it would work.',
      'By March 2026 the fleet will have doubled, the company says.',
      'He posted 12 comments under the article before lunch.',
      'Updated guidance arrived on March 3, 2025, and changed everything.',
    ])
      expect(isChromeLine(line), line).toBe(false);
  });
});

describe('share widgets', () => {
  it('drops network names listed under a share label, one per line or on one line', () => {
    expect(texts(`${PROSE}\n\nShare this:\nTwitter\nFacebook\nLinkedIn\n\n${MORE}`)).toEqual([PROSE, MORE]);
    expect(texts(`${PROSE}\n\nShare\nReddit\n\n${MORE}`)).toEqual([PROSE, MORE]);
    expect(isChromeLine('Facebook | X | WhatsApp | Email')).toBe(true);
  });
  it('keeps prose about the networks, and a single name that is not next to a widget', () => {
    expect(isChromeLine('Facebook and LinkedIn both changed their feeds this year.')).toBe(false);
    expect(isChromeLine('Reddit')).toBe(false);
  });
});

describe('breadcrumbs, link bars and link lists', () => {
  it('recognises breadcrumbs and footer link bars', () => {
    expect(isNavLine('Home > Tech > AI')).toBe(true);
    expect(isNavLine('Home › Technology')).toBe(true);
    expect(isNavLine('About us | Careers | Contact | Advertise')).toBe(true);
    expect(isNavLine('Prices rose > 10% in May, and then fell again.')).toBe(false);
    expect(isNavLine('Input / output')).toBe(false);
  });
  it('drops the headlines under "Related articles", "Read more:", "Topics", "Most read"', () => {
    const raw = `${PROSE}\n\nRelated articles\nEurope's AI act: what changes in August\nThe startups betting against scale\n\n${MORE}\n\nRead more:\nHow one insurer cut its bill\nWhy chatbots still get maths wrong?\n\nTopics\nArtificial intelligence\nBusiness\n\nMost read\n\nThe five best laptops\nOur favourite headphones`;
    expect(texts(raw)).toEqual([PROSE, MORE]);
  });
  it('keeps a paragraph of prose after a label that stands alone', () => {
    expect(texts(`Related\n\n${PROSE} ${MORE}`)).toEqual([PROSE, MORE]);
  });
  it('drops a table of contents whose entries come back as headings, and keeps the headings', () => {
    const raw = `1. The cost problem\n2. What changed\n3. Where it fails\n\n${PROSE}\n\nThe cost problem\n\n${MORE}\n\nWhat changed\n\nTwo things happened at once, and both mattered.\n\nWhere it fails\n\nLong documents are still hard for small models.`;
    const out = ingestText(raw, meta());
    expect(out.map((s) => s.text)).not.toContain('1. The cost problem.');
    expect(new Set(out.map((s) => s.section))).toEqual(new Set([undefined, 'The cost problem', 'What changed', 'Where it fails']));
  });
});

describe('photo credits and captions', () => {
  it('drops credit lines and captions that end in a credit', () => {
    for (const line of [
      'Photo: Jane Doe/Reuters',
      'A server rack at a data centre in Frankfurt. (Photo by Jane Doe/Reuters)',
      'Image credit: Northwind',
      '(Image credit: Northwind via livestream)',
      'Jane Doe/AFP via Getty Images',
      'Photograph: Tom Roe/The Daily Ledger',
    ])
      expect(isChromeLine(line), line).toBe(true);
  });
  it('keeps sentences that mention photos or agencies', () => {
    expect(isChromeLine('The photo by the river was taken at dawn, she said.')).toBe(false);
    expect(isChromeLine('Reuters reported the deal on Monday, citing two sources.')).toBe(false);
  });
});

describe('pull quotes', () => {
  it('drops a standalone copy of a sentence from the body, with other quote marks', () => {
    const quote = '"We were paying more for inference than for the people on the phones," said Priya Raman.';
    const raw = `${PROSE}\n\n${quote}\n\n“We were paying more for inference than for the people on the phones”\n\n${MORE}`;
    expect(texts(raw)).toEqual([PROSE, quote, MORE]);
  });
  it('keeps distinct sentences that share words', () => {
    const a = 'We were paying more for inference than for training last year.';
    const b = 'We were paying more for training than for inference this year.';
    expect(texts(`${a}\n\n${b}`)).toEqual([a, b]);
  });
});

describe('cookie banners in other languages', () => {
  it('drops a Spanish or French notice and its buttons', () => {
    const es = 'Utilizamos cookies propias y de terceros para mejorar nuestros servicios. Si continúa navegando, consideramos que acepta su uso.\nAceptar\nConfigurar';
    const fr = 'Nous utilisons des cookies pour vous garantir la meilleure expérience sur notre site.\n\nJ\'accepte\nParamètres';
    expect(texts(`${es}\n\n${PROSE}\n\n${fr}`)).toEqual([PROSE]);
  });
  it('keeps a sentence about cookies in another language context', () => {
    const s = 'The bakery sells Spanish cookies that locals call polvorones.';
    expect(joined(s)).toBe(s);
  });
});

describe('live-blog furniture', () => {
  it('strips "Update 10:42 am:" markers, makes each update a paragraph, drops lone times and live badges', () => {
    const raw = `LIVE\nRefresh for the latest updates\n\nUpdate 11:58 am: That's a wrap for today.\nUpdate 11:30 am:\nDeveloper tools got a long segment.\n\n11:05 am ET\nPricing is usage-based, with a free tier.`;
    const out = ingestText(raw, meta({ kind: 'live blog' }));
    expect(out.map((s) => s.text)).toEqual(["That's a wrap for today.", 'Developer tools got a long segment.', 'Pricing is usage-based, with a free tier.']);
    expect(new Set(out.map((s) => s.paragraph)).size).toBe(3);
  });
  it('keeps a sentence that starts with a time', () => {
    expect(joined('10:30 was when the doors opened, and the hall filled fast.')).toBe('10:30 was when the doors opened, and the hall filled fast.');
  });
});

describe('titles', () => {
  it('makes a standalone title line above the body the first section, never part of a sentence', () => {
    const raw = `Live from NeurIPS: Building inference at planet scale\n\n${PROSE}`;
    const out = ingestText(raw, meta({ kind: 'live blog' }));
    expect(out.map((s) => [s.section, s.text])).toEqual([['Live from NeurIPS: Building inference at planet scale', PROSE]]);
  });
  it('does not take a first labelled line for a title', () => {
    const out = ingestText('Host: Today we talk about bees\n\nThanks for having me.', meta({ kind: 'transcript' }));
    expect(out[0]!.speaker).toBe('Host');
  });
});
