// Speakers and turns in transcripts without labels, on conversations written for these tests: a
// caption-wrapped interview, a panel in one unbroken stream, a name mentioned but not called on, and
// a conversation with no cues at all. What a user notices: who is credited with which phrase, and
// that no passage holds two voices.

import { describe, it, expect } from 'vitest';
import type { Sentence } from '../../src/core/corpus.js';
import { analyzeText } from '../../src/core/ingest/index.js';
import { draftPassages } from '../../src/core/ingest/passages.js';
import { meta } from './helpers.js';

const read = (raw: string, speakers: string[]) => analyzeText(raw, meta({ kind: 'transcript', speakers })).sentences;

/** The speaker credited with the sentence containing `phrase` (null when nobody is). */
const who = (sentences: Sentence[], phrase: string) => {
  const s = sentences.find((x) => x.text.includes(phrase));
  if (!s) throw new Error(`no sentence has "${phrase}"`);
  return s.speaker ?? null;
};

/** Every passage's sentences come from one turn (each test text has no repeated sentence). */
const passagesKeepOneTurn = (sentences: Sentence[]) => {
  const turnOf = new Map(sentences.map((s) => [s.text, s.turn]));
  for (const p of draftPassages('t', sentences)) expect(new Set(p.sentences.map((t) => turnOf.get(t))).size).toBe(1);
};

const INTERVIEW = `Hey Tomas.
Hey.
Thanks for coming in today.
Of course.
Glad to be here.
So I want to start with the river project, since you mentioned
it last time. What made you go back to the delta after ten years
away?
Yeah, honestly it was the water. The levels had dropped further
than anyone predicted, and the old survey markers were standing
dry. I wanted to measure it properly before the maps were drawn
again. We spent two summers on the mud flats with a borrowed boat.
Yeah. I'm curious about that boat, actually. How did you keep the
instruments dry?
We mostly did not. Half the sensors drowned in the first week, and
we learned to wrap the rest in bread bags from the village bakery.
`;

describe('a two-person interview in caption lines', () => {
  const sentences = read(INTERVIEW, ['Nadia Brooks', 'Tomas Varga']);

  it('credits the greeting, the reply and the alternating turns after it', () => {
    expect(who(sentences, 'Hey Tomas')).toBe('Nadia Brooks');
    expect(who(sentences, 'Thanks for coming in')).toBe('Nadia Brooks');
    expect(who(sentences, 'Glad to be here')).toBe('Tomas Varga');
    expect(who(sentences, 'I want to start with the river')).toBe('Nadia Brooks');
    expect(who(sentences, 'What made you go back')).toBe('Nadia Brooks');
    expect(who(sentences, 'it was the water')).toBe('Tomas Varga');
    expect(who(sentences, 'two summers on the mud flats')).toBe('Tomas Varga');
    expect(who(sentences, 'curious about that boat')).toBe('Nadia Brooks');
    expect(who(sentences, 'Half the sensors drowned')).toBe('Tomas Varga');
  });

  it('never puts the question and its answer in one passage', () => {
    passagesKeepOneTurn(sentences);
    const passages = draftPassages('t', sentences);
    expect(passages.some((p) => p.text.includes('ten years away?') && p.text.includes('the water'))).toBe(false);
  });
});

const PANEL =
  'Good evening and welcome to our panel on night trains. Maybe we start with introductions. Kenji, do you want to go first? ' +
  'Sure. Hi, I am happy to be here. I run the timetable office in Osaka. ' +
  "Hello everyone, my name is Priya Natarajan and I design sleeper cars for a living. And I'm Owen, I write about rail policy. " +
  'Great. Priya, what makes a sleeper car comfortable? Mostly the bed length. We tested eleven mattress sizes with real ' +
  'passengers and the longest one won every time. People also want a window they can open at night. Thanks. Owen, how do ' +
  'governments pay for all of this? Slowly. Most routes lose money in the first three years, so the subsidy has to be promised ' +
  'for five. I agree with what Priya said about beds, by the way. Comfort sells tickets. What do you think, Kenji? Honestly, ' +
  'I would add more trains before better beds. A timetable with one departure a night is hard to sell.';

describe('a panel with a host and three guests in one unbroken stream', () => {
  const speakers = ['Rosa Lind', 'Kenji Mori', 'Priya Natarajan', 'Owen Hale'];
  const sentences = read(PANEL, speakers);

  it('credits self-introductions and the turns guests are called on for', () => {
    expect(who(sentences, 'I run the timetable office')).toBe('Kenji Mori');
    expect(who(sentences, 'my name is Priya Natarajan')).toBe('Priya Natarajan');
    expect(who(sentences, "I'm Owen")).toBe('Owen Hale');
    expect(who(sentences, 'Mostly the bed length')).toBe('Priya Natarajan');
    expect(who(sentences, 'eleven mattress sizes')).toBe('Priya Natarajan');
    expect(who(sentences, 'Most routes lose money')).toBe('Owen Hale');
    expect(who(sentences, 'more trains before better beds')).toBe('Kenji Mori');
  });

  it('gives the opening and the calling on to the host, known as the one nobody introduces or calls on', () => {
    // The welcome itself is an emcee's opening, dropped as such; the host's next words are still theirs.
    expect(sentences.some((s) => s.text.includes('welcome to our panel'))).toBe(false);
    expect(who(sentences, 'Maybe we start with introductions')).toBe('Rosa Lind');
    expect(who(sentences, 'Kenji, do you want to go first?')).toBe('Rosa Lind');
    expect(who(sentences, 'Owen, how do governments pay')).toBe('Rosa Lind');
  });

  it('does not hand over on a name that is only mentioned', () => {
    expect(who(sentences, 'I agree with what Priya said')).not.toBe('Priya Natarajan');
    expect(who(sentences, 'Comfort sells tickets')).not.toBe('Priya Natarajan');
    const turnOf = (phrase: string) => sentences.find((s) => s.text.includes(phrase))!.turn;
    expect(turnOf('Comfort sells tickets')).toBe(turnOf('I agree with what Priya said'));
  });

  it('never mixes two turns in a passage', () => {
    passagesKeepOneTurn(sentences);
  });
});

describe('a conversation that mentions names without calling on anyone', () => {
  const raw = `The budget came in this morning and it is smaller than last year.
I agree with what Priya said at the meeting about the reserve fund.
Marcus thinks the roof can wait another winter, and I am not sure.
We should write to the council before the end of the month.
`;
  const sentences = read(raw, ['Priya Shah', 'Marcus Webb']);

  it('credits nobody and keeps the talk in one turn', () => {
    expect(sentences.every((s) => s.speaker === undefined)).toBe(true);
    expect(new Set(sentences.map((s) => s.turn)).size).toBe(1);
  });
});

describe('a conversation with no cues at all', () => {
  const raw = `So where did the recipe come from?
It was my grandmother's. She wrote it on the back of a calendar and
never measured anything twice. We cook it every winter now.
Do you still have the calendar?
Yes, it hangs in the kitchen. The ink has faded but the flour stains
are still there, which tells you which page mattered.
`;
  const sentences = read(raw, ['Lena Ortiz', 'Sam Reyes']);

  it('stays unattributed', () => {
    expect(sentences.every((s) => s.speaker === undefined)).toBe(true);
  });

  it('invents no turns from question marks alone, so a reply keeps its question as context', () => {
    passagesKeepOneTurn(sentences);
    expect(new Set(sentences.map((s) => s.turn)).size).toBe(1);
  });
});

describe('without metadata', () => {
  it('takes names from unambiguous self-introductions only', () => {
    const raw =
      "Hello everyone, I'm Dana Ruiz and I host this show. Today we talk about bridges. Marek, what got you started? " +
      'Well, my father built them. I grew up on construction sites. ' +
      "I'm Canadian, by the way, so winter work was normal.";
    const sentences = read(raw, []);
    expect(who(sentences, "I'm Dana Ruiz")).toBe('Dana Ruiz');
    expect(who(sentences, 'Today we talk about bridges')).toBe('Dana Ruiz');
    // Marek never introduced himself: with no metadata his name is not known to be a speaker's.
    expect(who(sentences, 'my father built them')).toBeNull();
    expect(sentences.some((s) => s.speaker === 'Canadian')).toBe(false);
  });
});
