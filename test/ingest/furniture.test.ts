// Page furniture in pages saved as plain text (no HTML to tell the article from the site around
// it): reader comments, bio boxes, tags lines, newsletter boxes, related links, cookie banners in
// several languages, a table of contents. None of it may reach a passage; the article must survive
// word for word. Every page here is written for this test.
import { describe, expect, it } from 'vitest';
import { analyzeText } from '../../src/core/ingest/index.js';
import { buildCorpus } from '../../src/core/ingest/passages.js';
import type { DocumentMeta } from '../../src/core/corpus.js';
import { meta } from './helpers.js';

function all(raw: string, over: Partial<DocumentMeta> = {}): string {
  const m = meta(over);
  const { sentences } = analyzeText(raw, m);
  return buildCorpus([{ meta: m, file: 'x.txt', hash: 'x', sentences }]).passages.map((p) => p.text).join('\n');
}

const P1 = 'The bakery on Mill Street closed in March after ninety-one years, and the queue on its final morning reached the post office.';
const P2 = 'A loaf that cost eleven pence to make in 2019 cost twenty-six pence by last winter, so the margin vanished long before the customers did.';
const P3 = 'The building is now a community kitchen, run by volunteers on three evenings a week.';

const PAGE = `Why Our Town Lost Its Bakery

Contents
The last loaf
What the numbers said
What came next

The last loaf

${P1}

What the numbers said

${P2}

What came next

${P3}

Tags: baking, small business, high street, rural life

Share this article
Facebook
Twitter
Email

About the author
Tom Harlowe is a writer based in Shropshire who covers rural economics. Follow him on Mastodon at @tomharlowe.

Enjoyed this? Get the next story straight to your inbox.
Enter your email
Subscribe
No spam. Unsubscribe any time.

You may also like
How the village pub came back from the dead
Ten years of the farmers' market
The bus route that saved a school

14 Comments

Margaret Dunn
March 14, 2024 at 9:12 am
My grandmother bought her bread there every Saturday for fifty years and I still miss the smell of the place.
Reply
Like (12)

Pete_K
3 days ago
Flour prices are not the whole story, the rent on that street went up every single year.
Reply · Like (4)

Load more comments`;

describe('a blog page saved as text', () => {
  it('keeps the article word for word and drops every piece of furniture', () => {
    const text = all(PAGE);
    for (const p of [P1, P2, P3]) expect(text).toContain(p);
    for (const junk of [
      'Tags', 'baking, small business', 'Tom Harlowe', 'Follow him', 'inbox', 'Enter your email', 'No spam', 'village pub',
      'Comments', 'Margaret', 'grandmother', 'Pete_K', 'rent on that street', 'Reply', 'Like (', 'Load more', 'The last loaf What',
    ])
      expect(text).not.toContain(junk);
  });

  it('drops a WordPress-style thread with "says:" headers', () => {
    const raw = `${P1}

${P2}

3 thoughts on “Why Our Town Lost Its Bakery”

Anna K. says:
June 2, 2024 at 8:01 pm
We drove forty minutes for their rye bread, every month without fail.
Reply

LocalHistorian
June 3, 2024
The shop was a cobbler's before 1931, which explains the odd windows.
Reply`;
    const text = all(raw);
    expect(text).toContain(P1);
    expect(text).toContain(P2);
    for (const junk of ['thoughts on', 'Anna', 'rye bread', 'LocalHistorian', 'cobbler', 'Reply']) expect(text).not.toContain(junk);
  });

  it('keeps an article between a byline and a share bar', () => {
    const raw = `Jane Doe
March 3, 2024

${P1}

${P2}

Share
Like`;
    const text = all(raw);
    expect(text).toContain(P1);
    expect(text).toContain(P2);
  });

  it('keeps a profile of a journalist in the body of an article', () => {
    const profile = 'Irina Volkova is a journalist based in Odesa who has reported from the port since 2014.';
    const raw = `${profile}

${P1}

${P2}

${P3}

${P1.replace('Mill Street', 'Bridge Road')}

${P2.replace('eleven', 'twelve')}`;
    expect(all(raw)).toContain(profile);
  });

  it('keeps prose that uses the word tags', () => {
    const s = 'Tags on the old loaves show that the flour came from a mill twenty miles away.';
    expect(all(s)).toBe(s);
  });
});

describe('cookie banners in several languages', () => {
  const banners: Record<string, string> = {
    en: 'We use cookies to give you the best experience on our site. You can change your preferences at any time.\nAccept all\nReject all\nManage preferences',
    de: 'Diese Website verwendet Cookies, um Ihnen ein besseres Nutzererlebnis zu bieten. Mit einem Klick stimmen Sie der Verwendung zu.\nAlle akzeptieren\nNur notwendige',
    fr: "Ce site utilise des cookies pour mesurer l'audience et personnaliser le contenu. Vous pouvez accepter ou refuser ces cookies.\nTout accepter\nTout refuser",
    es: 'Este sitio web utiliza cookies propias y de terceros para analizar su navegación. Puede aceptar todas las cookies o configurarlas.\nAceptar todas\nRechazar',
    nl: 'Deze website gebruikt cookies om het gebruik van de site te analyseren. Klik op accepteren om akkoord te gaan.\nAccepteren\nWeigeren',
  };
  for (const [lang, banner] of Object.entries(banners)) {
    it(lang, () => {
      const text = all(`${banner}\n\n${P1}\n\n${P2}`);
      expect(text).toBe(`${P1} ${P2}`);
      const bottom = all(`${P1}\n\n${P2}\n\n${banner}`);
      expect(bottom).toBe(`${P1} ${P2}`);
    });
  }
  it('keeps an article about baking cookies', () => {
    const s = 'The oatmeal cookies sold out by noon, and the owner refused to raise the price of a single cookie.';
    expect(all(s)).toBe(s);
  });
});

describe('tables of contents', () => {
  const C1 = 'The canal was dug by hand between 1791 and 1796, by gangs of men who moved from one job to the next across the country.';
  const C2 = 'Families lived aboard the narrowboats, and children were often born, raised and married without ever living on land.';
  const C3 = 'By 1950 the canal carried almost nothing, and volunteers cleared it lock by lock over the next thirty years.';
  const body = (h: (s: string) => string) =>
    `${h('Digging the cut')}\n\n${C1}\n\n${h('The boat people')}\n\n${C2}\n\n${h('Decline and rescue')}\n\n${C3}`;
  const tocs = {
    numbered: '1. Digging the cut\n2. The boat people\n3. Decline and rescue',
    'dot leaders': 'Digging the cut ........ 3\nThe boat people ........ 9\nDecline and rescue ..... 14',
  };
  for (const [name, toc] of Object.entries(tocs)) {
    for (const [style, h] of [['plain', (s: string) => s], ['markdown', (s: string) => `## ${s}`]] as const) {
      it(`${name}, ${style} headings`, () => {
        const text = all(`A Short History of the Canal\n\n${toc}\n\n${body(h)}`);
        expect(text).toBe([C1, C2, C3].join('\n'));
      });
    }
  }
});

describe('a news page with WordPress and Disqus furniture', () => {
  const F1 = 'The river festival returned this year after a four-year gap, and the organisers counted more than eight thousand visitors on the Saturday alone.';
  const F2 = 'Most of the stalls were run by people from the villages upstream, who had not been part of the festival when it last ran.';
  it('keeps the two paragraphs and nothing else', () => {
    const raw = `${F1}

${F2}

Share this:
Click to share on Twitter (Opens in new window)
Click to share on Facebook (Opens in new window)
Like this:
Like Loading...

Sign up for our weekly newsletter
The best local stories, every Friday morning.
Email address
Sign up

We value your privacy
We and our partners store and access information on your device, such as cookies, and process personal data for ads and content measurement. You may accept or manage your choices.
I Accept
Show Purposes

Related Posts
River festival organisers seek volunteers
June 2, 2024
The new footbridge opens in August
May 28, 2024

Discussion

riverrat_77 · 5h
Best year yet, the food stalls were miles better than before.
42 points · Reply

Hannah O.
•
3 years ago
Shame about the parking though, we circled for an hour.
12
Reply
Share ›`;
    expect(all(raw)).toBe(`${F1} ${F2}`);
  });
});
