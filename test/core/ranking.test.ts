// Meeting-style questions on small documents written for them: joined and split words meet,
// questions about a person prefer that person's turns, fact questions prefer passages holding an
// answer of the asked kind, and an interviewer's question is served as the lead-in to its answer.
import { describe, expect, it } from 'vitest';
import { doc, library } from '../helpers/fixtures.js';
import { Speakers } from '../../src/core/search/speakers.js';
import { buildCorpus } from '../../src/core/ingest/passages.js';

const LAUNCHES = doc({ id: 'launches', title: 'Launch notes' }, [
  ['The PaintBox release of our picture tool brought a wave of new sign-ups from designers.'],
  ['An image of the office was shared widely on the first morning, and people liked the colours.'],
  ['The GPT4.5 preview shipped to testers a week later than planned.'],
  ['Our evaluation of the older checkpoint was mostly about tone and style.'],
]);

describe('words joined or split', () => {
  const lib = library(LAUNCHES);
  const top = (q: string) => lib.search(q).hits[0]?.passage.text ?? '';

  it('finds a camel-case name from one of its parts, or its parts apart or hyphenated', () => {
    expect(top('paint release')).toMatch(/PaintBox/);
    expect(top('paint box release')).toMatch(/PaintBox/);
    expect(top('paint-box')).toMatch(/PaintBox/);
  });

  it('marks the joined word when a part of it matched', () => {
    const hit = lib.search('paint release').hits[0]!;
    expect(hit.highlights.map(([s, e]) => hit.passage.text.slice(s, e)).join(' | ')).toMatch(/PaintBox/);
  });

  it('meets a version number however its letters and digits are joined', () => {
    for (const q of ['gpt 4.5 preview', 'GPT-4.5 preview', 'gpt4.5 preview']) expect(top(q)).toMatch(/GPT4\.5/);
  });
});

/** Each passage its own document, so passage building cannot join them. */
const notes = (id: string, ...texts: string[]) => texts.map((t, i) => doc({ id: `${id}-${i}`, title: `${id} ${i}` }, [[t]]));

const GROWTH = notes(
  'growth',
  'After the launch, users told us they liked the new colours.',
  'After the launch, we counted 40,000 users in the first week.',
  'The company had to move, which was hard on everyone there.',
  'The company had to move to a bigger office near the river in Lisbon.',
);

describe('fact questions', () => {
  const lib = library(...GROWTH);
  const top = (q: string) => lib.search(q).hits[0]?.passage.text ?? '';

  it('"how many" prefers the passage that holds a number', () => {
    expect(top('how many users signed up after the launch')).toMatch(/40,000/);
  });

  it('"where" prefers the passage that names a place', () => {
    expect(top('where did the company move')).toMatch(/Lisbon/);
  });

  it('does not count the asking words as the topic ("long" of "how long")', () => {
    const ovens = library(...notes('ovens', 'As long as the oven is working, a long loaf keeps rising for a long time.', 'Our first oven keeps working, about thirty years after we bought it.'));
    expect(ovens.search('how long did the oven keep working').hits[0]?.passage.text).toMatch(/thirty years/);
  });

  it('never lifts a passage that shares only the asking words', () => {
    expect(lib.search('how many').hits).toHaveLength(0);
  });
});

const PANEL = doc({ id: 'panel', title: 'Panel on batteries', kind: 'transcript', speakers: ['Priya Raman', 'Tomas Berg'] }, [
  { speaker: 'Tomas Berg', sentences: ['Priya thinks batteries win: Priya says storage on batteries is the answer.'] },
  { speaker: 'Priya Raman', sentences: ['My view is that cheaper battery cells will change almost everything about storage.'] },
  { speaker: 'Tomas Berg', sentences: ['I think hydrogen will matter more than people expect for storage.'] },
]);

describe('questions about a person', () => {
  const lib = library(PANEL);
  const top = (q: string) => lib.search(q).hits[0]?.passage;

  it('"what does X think about Y" ranks X\'s own passage above one that mentions X and Y', () => {
    expect(top('what does Priya think about storage')?.speaker).toBe('Priya Raman');
    expect(top("Priya's view on batteries and storage")?.speaker).toBe('Priya Raman');
  });

  it('resolves a surname or a short form of the first name', () => {
    expect(top('does Raman think storage gets cheaper')?.speaker).toBe('Priya Raman');
    expect(top('what does Tom think about storage')?.speaker).toBe('Tomas Berg');
  });

  it('takes a name written whole over a short form of another speaker\'s name', () => {
    // "Tom" is Tom Weir where he speaks, not Tomas Berg of the other document.
    const weir = doc({ id: 'kilns', title: 'Kilns', kind: 'transcript', speakers: ['Tom Weir'] }, [
      { speaker: 'Tom Weir', sentences: ['I think storage of heat matters most.'] },
    ]);
    const asked = new Speakers(buildCorpus([PANEL, weir])).askedAbout('what does Tom think about storage');
    expect(asked.map((a) => [...a.byDoc.values()])).toEqual([['Tom Weir']]);
    // With no whole name on the shelf, the short form still finds its speaker.
    expect(new Speakers(buildCorpus([PANEL])).askedAbout('what does Tom think').map((a) => [...a.byDoc.values()])).toEqual([['Tomas Berg']]);
  });

  it('a name that is not a speaker is matched as an ordinary word', () => {
    const lib2 = library(doc({ id: 'story', title: 'Story' }, [['Priya went to the market for batteries.'], ['The market sold bread.']]));
    expect(lib2.search('what does Priya buy at the market').hits[0]?.passage.text).toMatch(/Priya/);
  });
});

const INTERVIEW = doc({ id: 'interview', title: 'An interview about kilns', kind: 'transcript', speakers: ['Rosa Lind'] }, [
  { speaker: 'Host', sentences: ['What happens to the glaze when the kiln cools too quickly?'] },
  { speaker: 'Rosa Lind', sentences: ['It crazes: fine cracks run all over the surface, because the clay and the coating shrink at different rates.'] },
  { speaker: 'Host', sentences: ['Last year your studio fired twelve thousand bowls for the city market, more than any other potter in the region.', 'How did you manage that?'] },
  { speaker: 'Rosa Lind', sentences: ['We ran two kilns day and night through the whole autumn.'] },
]);

describe('question and answer as one unit', () => {
  const lib = library(INTERVIEW);

  it("serves the answer in place of the interviewer's question, with the question as its lead-in", () => {
    const { hits } = lib.search('what happens to the glaze when the kiln cools quickly', { limit: 10 });
    expect(hits[0]?.passage.text).toMatch(/^It crazes/);
    expect(hits[0]?.leadIn?.text).toMatch(/^What happens to the glaze/);
    expect(hits.some((h) => /^What happens to the glaze/.test(h.passage.text))).toBe(false);
  });

  it('carries the lead-in into the reply of /topic', () => {
    const reply = lib.toReply(lib.search('glaze kiln cools').hits[0]!.passage, [], lib.search('glaze kiln cools').hits[0]!.leadIn);
    expect(reply.leadIn).toEqual({ text: 'What happens to the glaze when the kiln cools too quickly?', speaker: 'Host' });
  });

  it('keeps a question that first tells something worth finding as a result of its own', () => {
    expect(lib.search('how many bowls did the studio fire').hits[0]?.passage.text).toMatch(/twelve thousand bowls/);
  });

  it('pairs a question put to "you" with the reply in a transcript without speaker labels', () => {
    const captions = library(
      doc({ id: 'captions', title: 'Captions', kind: 'transcript' }, [
        ['So what do you do with a cracked kiln shelf when it happens halfway through a long firing?', 'Do you throw it out, or do you grind it down and keep going with it for a while?'],
        ['Honestly we grind the edge smooth.', 'Then we keep using it until it splits in two.', 'A new one costs more than a week of sales.'],
      ]),
    );
    const hit = captions.search('cracked kiln shelf').hits[0];
    expect(hit?.passage.text).toMatch(/^Honestly/);
    expect(hit?.leadIn?.text).toMatch(/cracked kiln shelf/);
  });
});
