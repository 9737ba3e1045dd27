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
