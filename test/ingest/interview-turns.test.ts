// A two-person interview without labels, as captions give it: the guest's answers are most of the
// text, and a group wants them credited, while a question, a host's lead-in or a reaction must
// never be put in the guest's mouth. The conversation is written for this test with who says what
// kept beside it, so every credited sentence is checked against the truth.

import { describe, expect, it } from 'vitest';
import { analyzeText } from '../../src/core/ingest/index.js';
import { draftPassages } from '../../src/core/ingest/passages.js';
import { captionsOf, meta, truthIn, type Turns } from './helpers.js';

const HOST = 'Maya Okafor';
const GUEST = 'Lars Berg';

/** Who says what, in order; the test joins it into unlabelled caption lines. */
const TURNS: Turns = [
  [HOST, 'Hi Lars.'],
  [GUEST, 'Hi.'],
  [HOST, 'Thanks for joining us on such short notice.'],
  [GUEST, 'Of course, happy to be here.'],
  [HOST, "So you've been planting fruit trees on city land for almost twenty years now. How did that start?"],
  [GUEST, "It started with a single pear tree behind a bus depot. Nobody had planted it on purpose, it had just grown from a core someone threw away. Every autumn the drivers would pick the pears on their breaks, and I thought, why is this the only one? If you walk around any city you see hundreds of corners where nothing grows at all. So I wrote to the council and asked for one corner."],
  [HOST, 'And they said yes?'],
  [GUEST, "Not at first. They worried about fallen fruit on the pavement and wasps and who would be liable if someone slipped. It took three years of letters before they gave us a trial site. What changed their minds was a petition from the bus drivers themselves, which I had nothing to do with."],
  [HOST, "That's a lovely detail. What do you say to people who worry about the mess?"],
  [GUEST, "The mess is real, I will not pretend otherwise. But the mess is a sign that nobody is picking, and the answer to that is a picking rota, not fewer trees. We publish a map of every tree with the week its fruit is ripe, and volunteers sign up for a street. The pavements have been cleaner since the rota began than they were before we planted."],
  [HOST, 'I want to ask about the volunteers. Who are they, mostly?'],
  [GUEST, "Retired people and teenagers, oddly, and very few in between. The teenagers come because a school counts it as community service, and some of them stay for years. The retired volunteers bring the knowledge: grafting, pruning, which old varieties cope with salt from the roads. Does that surprise you? It surprised me. I expected families with small children, and they come to the harvest days but not to the work."],
  [HOST, 'Looking ahead, what would you do differently if you started again tomorrow?'],
  [GUEST, "I would plant fewer varieties. We put in forty kinds of apple in the first five years because each one had a champion, and half of them hate this climate. A smaller list of trees that thrive would have saved us a decade of replanting. I would also get the soil tested before the first hole is dug, every single time."],
];

const RAW = captionsOf(TURNS);
const truthOf = truthIn(TURNS);

describe('a two-person interview where only the greeting names anyone', () => {
  const sentences = analyzeText(RAW, meta({ kind: 'transcript', speakers: [HOST, GUEST] })).sentences;
  const credited = sentences.filter((s) => s.speaker);

  it('credits nobody wrongly', () => {
    const wrong = credited.filter((s) => truthOf(s.text) !== s.speaker).map((s) => `${s.speaker}: ${s.text}`);
    expect(wrong).toEqual([]);
  });

  it("credits most of the guest's answers to the guest", () => {
    const guestSentences = sentences.filter((s) => truthOf(s.text) === GUEST && s.text.split(/\s+/).length > 3);
    const toGuest = guestSentences.filter((s) => s.speaker === GUEST);
    expect(toGuest.length / guestSentences.length).toBeGreaterThanOrEqual(0.7);
    for (const phrase of ['a single pear tree behind a bus depot', 'The mess is real', 'I would plant fewer varieties'])
      expect(sentences.find((s) => s.text.includes(phrase))?.speaker).toBe(GUEST);
  });

  it("credits the host's announced question to the host, and a bare question to the host or nobody", () => {
    // A question put to "you" with nothing announcing it has the shape of the guest's own
    // rhetorical one ("Does that surprise you?"), so it may stay unattributed; never the guest's.
    expect(sentences.find((s) => s.text.includes('Who are they, mostly'))?.speaker).toBe(HOST);
    for (const phrase of ['What do you say to people who worry', 'what would you do differently'])
      expect([HOST, undefined]).toContain(sentences.find((s) => s.text.includes(phrase))?.speaker);
  });

  it("keeps the guest's own questions and reported questions with the guest or nobody", () => {
    for (const phrase of ['why is this the only one', 'Does that surprise you'])
      expect([GUEST, undefined]).toContain(sentences.find((s) => s.text.includes(phrase))?.speaker);
  });

  it('never puts two people in one passage', () => {
    for (const p of draftPassages('t', sentences)) {
      const voices = new Set(p.sentences.map(truthOf).filter(Boolean));
      if (p.speaker) expect([...voices]).toEqual([p.speaker]);
    }
  });
});

// Auto-captions keep no question marks: the host's questions show only by their words.
const CAPTION_TURNS: Turns = [
  [HOST, 'Hey Lars.'],
  [GUEST, 'Hey, good to see you.'],
  [HOST, 'So what do you think makes a street tree survive its first five years'],
  [GUEST, 'Water, mostly, and a bit of luck with the neighbours. A young tree needs forty litres a week in summer and the council waters twice a season at best. The trees that live are the ones where somebody in the house opposite decides it is theirs.'],
  [HOST, 'I love that. Were there any streets where it just never worked'],
  [GUEST, 'Yeah, one. A long road by the ring road where the salt spray from the gritters killed everything we planted three winters running. We gave up on fruit there and planted hawthorn, which shrugs off salt and feeds the birds.'],
  [HOST, "You'd think the council would have warned you about the salt"],
  [GUEST, 'Yeah, so they did, in a way. There was a note in a report from the nineteen eighties that nobody had read since. I found it after the third winter, which was about two winters too late.'],
  [HOST, 'Yeah I totally agree that the old reports are a gold mine, we found the same with the canal surveys. How do you find them now'],
  [GUEST, 'I ask the archivist before I ask anyone else. She knows which boxes nobody has opened, and those are the ones with the answers.'],
];

describe('an interview from auto-captions, with no question marks at all', () => {
  const raw = captionsOf(CAPTION_TURNS);
  const truth = truthIn(CAPTION_TURNS);
  const sentences = analyzeText(raw, meta({ kind: 'transcript', speakers: [HOST, GUEST] })).sentences;

  it('credits nobody wrongly', () => {
    expect(sentences.filter((s) => s.speaker && truth(s.text) !== s.speaker).map((s) => `${s.speaker}: ${s.text}`)).toEqual([]);
  });

  it("still credits most of the guest's answers", () => {
    const theirs = sentences.filter((s) => truth(s.text) === GUEST && s.text.split(/\s+/).length > 3);
    expect(theirs.filter((s) => s.speaker === GUEST).length / theirs.length).toBeGreaterThanOrEqual(0.6);
  });
});

describe('caption runs split where a reply begins', () => {
  it('starts a new sentence at a capitalised reply word in the middle of a run, and nowhere else', async () => {
    const { splitSpokenRuns } = await import('../../src/core/ingest/sentences.js');
    expect(splitSpokenRuns('were there any streets where it never worked Yeah, one by the ring road')).toEqual([
      'were there any streets where it never worked',
      'Yeah, one by the ring road',
    ]);
    expect(splitSpokenRuns('the trees live. and then they fruit')).toEqual(['the trees live.', 'and then they fruit']);
    // A capital that is not a reply (a name, a place) and a reply word in lower case stay put.
    expect(splitSpokenRuns('we went to Wells with Sure Start and yeah it rained')).toEqual(['we went to Wells with Sure Start and yeah it rained']);
  });
});

// Written as an unseen check after the rules above: the host agreeing with a piece of advice
// ("Yeah, I totally agree with that") must not be taken for the guest answering it.
const KILN: Turns = [
  ['Mira Lund', 'Hi Tove.'],
  ['Tove Hald', 'Hi, thanks for having me.'],
  ['Mira Lund', "So you've been firing a wood kiln in the hills for what, fifteen years now? How did you end up there?"],
  ['Tove Hald', 'Honestly by accident. I was renting a studio in town with an electric kiln and the landlord sold the building. It took three.'],
  ['Mira Lund', 'That is lovely. What would you tell someone who wants to start with wood firing today'],
  ['Tove Hald', 'Start by helping at someone else\'s firing. You learn more in one night of stoking than in a year of reading, and you find out whether you actually like being awake at four in the morning.'],
  ['Mira Lund', 'Yeah, I totally agree with that, I did exactly that at a firing in Wales. Last question: what do you think the hardest part is, after all these years?'],
  ['Tove Hald', 'The hardest part is letting the kiln decide. Some people never make peace with that.'],
];

describe('a host agreeing with the guest before the next question', () => {
  const sentences = analyzeText(captionsOf(KILN), meta({ kind: 'transcript', speakers: ['Mira Lund', 'Tove Hald'] })).sentences;
  const truth = truthIn(KILN);

  it('credits nobody wrongly, and the last answer to the guest', () => {
    expect(sentences.filter((s) => s.speaker && truth(s.text) !== s.speaker).map((s) => `${s.speaker}: ${s.text}`)).toEqual([]);
    expect(sentences.find((s) => s.text.includes('letting the kiln decide'))?.speaker).toBe('Tove Hald');
  });
});
