import { describe, it, expect } from 'vitest';
import { ingestText } from '../../src/core/ingest/index.js';
import { matchLabel } from '../../src/core/ingest/structure.js';
import { meta } from './helpers.js';

const run = (raw: string, over = {}) => ingestText(raw, meta(over));

describe('headings become sections', () => {
  it('recognises numbered, roman, bracketed, bold, underscore and markdown headings', () => {
    const raw = [
      '1. Why the budget grew', '', 'Costs rose.', '',
      'II. What comes next', '', 'Cuts are planned.', '',
      '3) A note on method', '', 'We used surveys.', '',
      '**Bold conclusions**', '', 'It worked.', '',
      '__Underlined section__', '', 'Mostly.', '',
      '## Appendix', '', 'Tables follow.',
    ].join('\n');
    const sections = [...new Set(run(raw).map((s) => s.section))];
    expect(sections).toEqual(['Why the budget grew', 'What comes next', 'A note on method', 'Bold conclusions', 'Underlined section', 'Appendix']);
    expect(run(raw).map((s) => s.text)).not.toContain('Why the budget grew.');
  });
  it('takes a standalone numbered full sentence as a heading, but not items of a list', () => {
    const heading = run('3. AI programming is moving towards serious engineering.\n\nThe first paragraph says why.');
    expect(heading.map((s) => s.section)).toEqual(['AI programming is moving towards serious engineering']);
    const list = run('We did three things:\n1. We cut costs.\n2. We hired staff.\n3. We moved offices.');
    expect(list.every((s) => s.section === undefined)).toBe(true);
    expect(list.map((s) => s.text)).toContain('1. We cut costs.');
  });
  it('treats a short unpunctuated line followed by a paragraph as a live-blog heading', () => {
    const out = run('The talk covered power and cooling.\n\nClosing words\n\nThe challenges are enormous. It was a good session.');
    expect(out.map((s) => s.section)).toEqual([undefined, 'Closing words', 'Closing words']);
  });
  it('does not make a heading of a short line inside a paragraph', () => {
    const out = run('The meeting ran late\nbecause the vote was close.');
    expect(out.map((s) => s.text)).toEqual(['The meeting ran late because the vote was close.']);
    expect(out[0]!.section).toBeUndefined();
  });
});

describe('speaker labels', () => {
  it('assigns the labelled speaker to following paragraphs until the next label or heading', () => {
    const raw = 'Host: Welcome. How are you?\n\nJane Doe: Fine, thanks.\n\nIt has been a long week.\n\n2. Next topic\n\nThe narrator speaks here.';
    const out = run(raw, { speakers: ['Jane Doe'] });
    expect(out.map((s) => [s.speaker, s.text])).toEqual([
      ['Host', 'Welcome.'],
      ['Host', 'How are you?'],
      ['Jane Doe', 'Fine, thanks.'],
      ['Jane Doe', 'It has been a long week.'],
      [undefined, 'The narrator speaks here.'],
    ]);
  });
  it('ends a named speaker’s turn at a ">>" turn mark that names nobody, and drops the mark', () => {
    const raw = 'Ruth Okafor: We planted the oaks in spring.\n\n>> Did any of them survive the drought?\n\n>> Yes, about half did.';
    const out = run(raw, { kind: 'transcript' });
    expect(out.map((s) => [s.text, s.speaker])).toEqual([
      ['We planted the oaks in spring.', 'Ruth Okafor'],
      ['Did any of them survive the drought?', undefined],
      ['Yes, about half did.', undefined],
    ]);
    expect(new Set(out.map((s) => s.paragraph)).size).toBe(3);
  });

  it('reads Q as Question and A as the previous answerer', () => {
    const raw = 'Interviewer: Let us start.\n\nAda Lovelace: Gladly.\n\nQ: What about engines?\n\nA: They compute.';
    const out = run(raw);
    expect(out.map((s) => s.speaker)).toEqual(['Interviewer', 'Ada Lovelace', 'Question', 'Ada Lovelace']);
  });
  it('handles "Speaker: Name" on its own line', () => {
    const out = run('Speaker: Maria Lopez\nThanks for having me. I will be brief.');
    expect(out.every((s) => s.speaker === 'Maria Lopez')).toBe(true);
  });
  it('does not treat Note:, Update:, Here\'s why: or a mid-sentence colon as labels', () => {
    const raw = "Note: the figures are preliminary.\n\nUpdate: the talk has started.\n\nHere's why: costs fell.\n\nMy view is simple: first, anything is possible.";
    const out = run(raw);
    expect(out.every((s) => s.speaker === undefined)).toBe(true);
    expect(out[0]!.text).toBe('Note: the figures are preliminary.');
    expect(matchLabel('The answer is simple: no.', [])).toBeUndefined();
    expect(matchLabel('Closing Thoughts: we did well.', [], new Set())).toBeUndefined();
  });
});

describe('paragraph joining', () => {
  it('joins hard-wrapped lines of an article into one paragraph per blank-line block', () => {
    const raw = 'The river rose quickly during the night and by morning the lower\nstreets were under water, forcing the town to close its schools.\n\nA second paragraph follows here.';
    const out = run(raw);
    expect(out.map((s) => s.text)).toEqual([
      'The river rose quickly during the night and by morning the lower streets were under water, forcing the town to close its schools.',
      'A second paragraph follows here.',
    ]);
    expect(out.map((s) => s.paragraph)).toEqual([0, 1]);
  });
  it('treats each punctuated line as a paragraph when there are no blank lines', () => {
    const out = run('First paragraph is here.\nSecond paragraph is here.');
    expect(out.map((s) => s.paragraph)).toEqual([0, 1]);
  });
  it('joins transcript caption lines broken mid-sentence', () => {
    const out = run('so we went to the\nstore and bought bread.', { kind: 'transcript' });
    expect(out.map((s) => s.text)).toEqual(['So we went to the store and bought bread.']);
  });
});

describe('role labels and questions', () => {
  it('reads Speaker:, Moderator:, Panelist: and Audience member: as roles that start a new turn', () => {
    const raw = 'Moderator: Our next question.\n\nQ: How do you handle tail latency?\n\nSpeaker: We hedge requests after the 95th percentile.\n\nAudience member: Does that double the load?\n\nPanelist: Only by a few percent.';
    expect(run(raw).map((s) => s.speaker)).toEqual(['Moderator', 'Question', 'Speaker', 'Audience member', 'Panelist']);
    expect(new Set(run(raw).map((s) => s.paragraph)).size).toBe(5);
  });
  it('never keeps a question and an unlabelled answer in one paragraph', () => {
    const out = run('Greg Brockman: Hello.\n\nQ: How do you handle tail latency?\nWe hedge requests after the 95th percentile.', { speakers: ['Greg Brockman'] });
    expect(out.map((s) => [s.speaker, s.paragraph])).toEqual([
      ['Greg Brockman', 0],
      ['Question', 1],
      ['Greg Brockman', 2],
    ]);
    const unknown = run('Q: Why now?\n\nBecause the chips finally arrived.');
    expect(unknown.map((s) => s.speaker)).toEqual(['Question', 'Answer']);
  });
  it('keeps a multi-line question together until it ends with a question mark', () => {
    const out = run('Q: Given what you said about batching\nhow do you handle tail latency?\n\nA: We hedge.', { speakers: ['Ann Lee'] });
    expect(out[0]!.text).toBe('Given what you said about batching how do you handle tail latency?');
  });
  it('attributes a one-word label before a quotation to that paragraph only, with the full name from the text', () => {
    const raw = 'Dana Ruiz, the head of platform, took the stage.\n\nRuiz: "We stopped asking the cloud for everything."\n\nThe assistant now works offline.';
    expect(run(raw, { kind: 'live blog' }).map((s) => s.speaker)).toEqual([undefined, 'Dana Ruiz', undefined]);
    expect(run('Summary: "good" was the verdict.\n\nMore text follows here.').every((s) => s.speaker === undefined)).toBe(true);
  });
});

describe('subheads set directly above their paragraph', () => {
  it('takes a short capitalised line above a full sentence as a heading', () => {
    const out = run('Intro text is here.\n\nMore intro follows.\n\nPricing\nPricing for the API is usage-based, with a generous free tier.');
    expect(out.map((s) => [s.section, s.text])).toEqual([
      [undefined, 'Intro text is here.'],
      [undefined, 'More intro follows.'],
      ['Pricing', 'Pricing for the API is usage-based, with a generous free tier.'],
    ]);
  });
  it('does not split a wrapped sentence whose next line starts with a name', () => {
    const out = run('Intro text is here.\n\nMore intro follows.\n\nThe committee met with\nJohn Smith to discuss the budget for next year.');
    expect(out.map((s) => s.section)).toEqual([undefined, undefined, undefined]);
  });
});
