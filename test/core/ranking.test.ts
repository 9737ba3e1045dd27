// Meeting-style questions on small documents written for them: joined and split words meet,
// questions about a person prefer that person's turns, fact questions prefer passages holding an
// answer of the asked kind, and an interviewer's question is served as the lead-in to its answer.
import { describe, expect, it } from 'vitest';
import { doc, library } from '../helpers/fixtures.js';

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

  it('a name that is not a speaker is matched as an ordinary word', () => {
    const lib2 = library(doc({ id: 'story', title: 'Story' }, [['Priya went to the market for batteries.'], ['The market sold bread.']]));
    expect(lib2.search('what does Priya buy at the market').hits[0]?.passage.text).toMatch(/Priya/);
  });
});
