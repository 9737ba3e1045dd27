// Gaps a second, development set of messy documents showed (issue 12): page furniture written as
// several widgets on one line, feedback widgets, a writer's parenthesised notes about the coverage,
// live blogs told apart from articles by their clock-stamped entries, and a reporter's quoted
// surname labels credited to the person named in full. Written fresh, in other words than the set.
import { describe, expect, it } from 'vitest';
import { asideKind, removeShowNotes } from '../../src/core/ingest/asides.js';
import { isChromeLine } from '../../src/core/ingest/chrome.js';
import { guessKind } from '../../src/core/ingest/structure.js';
import { ingestText } from '../../src/core/ingest/index.js';
import { isMetaLine } from '../../src/core/ingest/marks.js';
import { joined, meta } from './helpers.js';

const PROSE = 'The orchard lost a third of its pears to the late frost.';

describe('chrome the development set found', () => {
  it('drops a header line made of several widgets side by side', () => {
    expect(joined(`Auto-refresh on · Updated 3 May 2025, 14:20\n\n${PROSE}`)).toBe(PROSE);
    expect(joined(`Posted by admin in Garden Diary | 9 comments\n\n${PROSE}`)).toBe(PROSE);
    // A sentence that happens to hold a middle dot stays.
    const s = 'We moved the hives on Monday · the bees did not notice at all.';
    expect(isChromeLine(s)).toBe(false);
  });

  it('drops a feedback widget, with or without its buttons, but keeps prose about being helpful', () => {
    expect(isChromeLine('Did you find this page useful? 👍 👎')).toBe(true);
    expect(isChromeLine('Is this guide helpful? Yes / No')).toBe(true);
    expect(isChromeLine('Was this answer helpful?')).toBe(true);
    expect(isChromeLine('Was the advice helpful to the growers who tried it?')).toBe(false);
  });

  it("drops the writer's bracketed note about the coverage, not a bracketed remark about the subject", () => {
    expect(isChromeLine('(Sorry all, my laptop battery is nearly gone, so updates will be slower.)')).toBe(true);
    expect(isChromeLine('[Note from me: pictures of the new tractor to follow once the signal comes back.]')).toBe(true);
    expect(isChromeLine('(I grew up two fields away from this orchard, and the pears were always late.)')).toBe(false);
  });
});

describe('live blogs and their quoted speakers', () => {
  const BLOG = [
    'Opening session at the Harvest Tech Forum',
    '',
    '09:58 - Morning from the hall, where the coffee queue is already out of the door and into the yard.',
    '',
    '10:03 - Prof. Ana Ruiz opens the day with the forum chair, to polite applause from the front rows.',
    '',
    'Ruiz: "Most of what we call precision farming is really precision guessing."',
    '',
    '10:11 - She shows a map of soil moisture that changes colour every few metres across one field.',
    '',
    '10:15 - I have to say this is the clearest slide I have seen at this event in three years of attending.',
    '',
    'Ruiz: "If the map is wrong, the tractor is confidently wrong."',
  ].join('\n');

  it('tells a live blog from an article by its clock-stamped entries', () => {
    expect(guessKind(BLOG)).toBe('live blog');
    // A transcript stamped by the clock opens its lines with names: still a transcript.
    const stamped = Array.from({ length: 6 }, (_, i) => `10:0${i} - ${i % 2 ? 'Ana Ruiz' : 'Tom Bell'}: We should look at the moisture data again before we plant.`).join('\n');
    expect(guessKind(stamped)).not.toBe('live blog');
    // An article that mentions a few times of day is still an article.
    expect(guessKind(`${PROSE}\n\nThe frost came at 4:30 in the morning and lasted until dawn, the growers said.\n\n${PROSE}`)).toBe('article');
  });

  it('credits a quoted surname label to the person named in full, and the report after it to nobody', () => {
    const sentences = ingestText(BLOG, meta({ kind: 'live blog' }));
    const by = (phrase: string) => sentences.find((s) => s.text.includes(phrase))?.speaker;
    expect(by('Most of what we call precision farming')).toBe('Ana Ruiz');
    expect(by('If the map is wrong')).toBe('Ana Ruiz');
    expect(by('She shows a map of soil moisture')).toBeUndefined();
    expect(by('I have to say this is the clearest slide')).not.toBe('Ana Ruiz');
  });
});

describe('asides the development set found', () => {
  it("drops a post's change log and its thanks to readers, not a report of someone fixing things", () => {
    expect(asideKind('Corrected the mayor\'s name and added a photo of the new bridge.')).toBe('editorial');
    expect(asideKind('This entry has been updated with the final vote figures.')).toBe('editorial');
    expect(asideKind('Many thanks to the readers who spotted the wrong date.')).toBe('editorial');
    expect(asideKind('The council fixed the potholes on Mill Lane and added two benches.')).toBeUndefined();
  });

  it('drops "stay tuned" and a call to follow a handle, not a story about following someone', () => {
    expect(asideKind("Stay tuned, the vote on the second motion is after lunch.")).toBe('editorial');
    expect(asideKind('Please follow @orchardnotes for pictures from the tasting.')).toBe('call to action');
    expect(asideKind('We followed the shepherd down the hill at dusk.')).toBeUndefined();
  });

  it('drops production credits in show notes with the links, and keeps one credit line in prose alone', () => {
    const notes = ['Links', '- Our guest: https://example.org/guest', '- Theme music by Ola Brandt', '- Artwork: Ines Poole', '- Mixed by Rafe Ode. Edited by Kim Ito.'];
    expect(removeShowNotes(notes).filter(Boolean)).toEqual([]);
    const prose = ['The film was produced by a cooperative of fishermen in the north.', '', PROSE];
    expect(removeShowNotes(prose)).toEqual(prose);
  });
});

describe('podcast headers, sponsor reads and goodbyes the development set found', () => {
  it("drops an episode's recording date and length, not a sentence about recording", () => {
    expect(isMetaLine('Aired 12 June 2025 · 1 hr 4 min')).toBe(true);
    expect(isMetaLine('Recorded 2 May 2024 | Duration: 52:10')).toBe(true);
    expect(isMetaLine('Recorded in a barn in 2024, the album took nine days.')).toBe(false);
  });

  it('drops a sponsor read from its lead-in to its last repeat of the code, and the guest after it stays', () => {
    const raw = [
      'Nell Avery: First, a short message from the folks who help keep this podcast going.',
      '',
      'Nell Avery: This episode is brought to you by Brightmoor Tea. Brightmoor blends loose leaf teas for long evenings. Go to brightmoor.com slash nell, code EVENING15.',
      '',
      'Sami Okoro: The bridge took eleven years to finish, and the river moved twice while they built it.',
    ].join('\n');
    const out = ingestText(raw, meta({ kind: 'transcript' })).map((s) => s.text).join(' ');
    expect(out).not.toMatch(/short message|Brightmoor|EVENING15/);
    expect(out).toContain('The bridge took eleven years to finish');
  });

  it('drops a goodbye that names the next meeting day and the end of the event, not the end of a story', () => {
    expect(asideKind('Thanks, everyone, and see you on Monday.')).toBe('sign-off');
    expect(asideKind("That's the end of the panel.")).toBe('sign-off');
    expect(asideKind("That's the end of the war, as far as the village was concerned.")).toBeUndefined();
  });
});
