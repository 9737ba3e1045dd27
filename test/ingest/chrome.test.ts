import { describe, it, expect } from 'vitest';
import { isChromeLine } from '../../src/core/ingest/chrome.js';
import { joined, texts } from './helpers.js';

const PROSE = 'The committee met on Tuesday to discuss the budget.';

describe('forum byline and dateline', () => {
  it('drops a user name with a rank badge and an "edited ... ago" line', () => {
    const out = joined(`jdoe42\nSenior Member\n\nWhy my garden failed this year\n\nEdited on 3 days ago\n\n${PROSE}`);
    expect(out).toBe(PROSE);
  });
  it('drops "Posted 5 hours ago" but keeps prose that mentions ages ago', () => {
    expect(joined(`Posted 5 hours ago\n\n${PROSE}`)).toBe(PROSE);
    const s = 'Two years ago we posted our first results, and they held up.';
    expect(joined(s)).toBe(s);
  });
});

describe('login, register and comment forms, template placeholders', () => {
  it('drops form widgets and placeholder lines', () => {
    const raw = `${PROSE}\n\nSign in\n{{ error.login }}\nor\nCreate account\nRegister\n{{error.email}}\nForgot password?\nReply:{{reply.user}}\n\${user.name}\n%s`;
    expect(texts(raw)).toEqual([PROSE]);
  });
  it('removes a placeholder inside a long prose line but keeps the prose', () => {
    expect(joined('The vote passed {{count}} with a large majority of the members present.')).toBe(
      'The vote passed with a large majority of the members present.',
    );
  });
  it('drops "Leave a Reply" and the email-not-published notice', () => {
    const raw = `${PROSE}\n\nLeave a Reply\n\nYour email address will not be published. Required fields are marked *`;
    expect(texts(raw)).toEqual([PROSE]);
  });
  it('keeps prose that uses UI words inside a sentence', () => {
    const s = 'She asked us to close the door and register for the next session.';
    expect(joined(s)).toBe(s);
  });
});

describe('cookie notices', () => {
  it('drops the whole notice paragraph', () => {
    const raw = `${PROSE}\n\nAllow cookies on this browser?\nWe use cookies that are strictly necessary for login and nothing else.\n\nAccept all`;
    expect(texts(raw)).toEqual([PROSE]);
  });
  it('keeps an ordinary sentence about cookies', () => {
    const s = 'My grandmother baked oatmeal cookies every Sunday.';
    expect(joined(s)).toBe(s);
  });
});

describe('share widgets, copyright, related posts, newsletter', () => {
  it('drops each widget line', () => {
    const raw = [PROSE, '', 'Share on Twitter', 'Share on Facebook', 'Tweet', 'Copy link', '', '© 2024 Example Media Ltd.', 'Copyright 2023 Foo Inc. All rights reserved.', '', 'Related posts:', 'Read more »', 'Subscribe to our newsletter for weekly updates', 'close'].join('\n');
    expect(texts(raw)).toEqual([PROSE]);
  });
  it('keeps sentences that mention sharing or copyright in passing', () => {
    const s = 'They agreed to share the data, and copyright stayed with the authors.';
    expect(joined(s)).toBe(s);
  });
});

describe('image file names and captions', () => {
  it('drops image file names, page/slide captions and figure labels', () => {
    const raw = [PROSE, '', '175533508221923.webp', 'IMG_1234.JPG', 'photo.png', 'Quarterly Review 2023_Page_07', 'Slide 12', 'Figure 3:', '▲The minister (left) with guests', '↑ Source photo', PROSE.replace('Tuesday', 'Friday')].join('\n');
    expect(texts(raw)).toEqual([PROSE, PROSE.replace('Tuesday', 'Friday')]);
  });
  it('drops a caption and its alt text (two identical short lines), keeps a repeated sentence once', () => {
    const raw = `Delegates at the summit\nDelegates at the summit\n\n${PROSE}\n${PROSE}`;
    expect(texts(raw)).toEqual([PROSE]);
  });
  it('drops a short title line repeated through the document', () => {
    const raw = ['Annual results briefing', '', 'Revenue grew by ten percent.', '', 'Annual results briefing', '', 'Costs were flat.', '', 'Annual results briefing', '', 'Margins improved.'].join('\n');
    expect(texts(raw)).toEqual(['Revenue grew by ten percent.', 'Costs were flat.', 'Margins improved.']);
  });
  it('does not call a sentence about a figure a caption', () => {
    expect(isChromeLine('Figure 3 shows that costs fell sharply after the reform, as expected.')).toBe(false);
    expect(isChromeLine('I opened photo.png and the colours looked wrong.')).toBe(false);
  });
});

describe('a row of dots between paragraphs', () => {
  it('loads, with both paragraphs kept (it used to never return)', () => {
    const raw = `${PROSE}\n\n. . . . . . .\n\nThe vote passed with a large majority of the members present.`;
    expect(texts(raw)).toEqual(expect.arrayContaining([PROSE, 'The vote passed with a large majority of the members present.']));
  });
});
