// A talk by one named speaker, without labels: a lecture, a sermon, a keynote. Its words are the
// speaker's and a group expects them credited, but the questions from the floor at the end are not,
// nor what an audience member says before asking. Written for this test, with who says what kept
// beside it so every credited sentence is checked.

import { describe, expect, it } from 'vitest';
import { analyzeText } from '../../src/core/ingest/index.js';
import { captionsOf, meta, truthIn, type Turns } from './helpers.js';

const SPEAKER = 'Ines Carvalho';
const FLOOR = 'audience';

const TURNS: Turns = [
  [SPEAKER, "Good evening. Tonight I want to talk about the oldest bridges in this city, and why almost none of them were built by engineers. Most were built by masons who had never seen a drawing of a bridge in their lives. They learned by standing on the ones that had not fallen down."],
  [SPEAKER, "So how did they know an arch would hold? They did not know, not the way we know. They knew the way a cook knows bread: by doing it wrong many times. You can still see the mistakes if you walk under the south bridge with a torch. There are two arches there, one inside the other, because the first one sagged in its first winter."],
  [SPEAKER, "Why does that matter to us now? Because we have stopped letting anything sag. We model every load before a stone is cut, and the models are very good. But the masons had something we have lost, which is a feel for how a material complains before it fails. A stone arch creaks and sheds dust for years before it goes."],
  [SPEAKER, "I will stop there, and I think we have a few minutes for questions."],
  [FLOOR, "Thank you, that was wonderful. I restore windmills in the north, and we see the same thing with oak frames."],
  [FLOOR, "Do you think the masons wrote any of it down?"],
  [SPEAKER, "Very little, and what they wrote was mostly accounts. We know how much lime they bought and how many days it rained. The knowledge itself went from hand to hand. When a guild died out, the knowledge died with it, and we are still finding arches whose method nobody can explain."],
  [FLOOR, "Have you ever seen one fail?"],
  [SPEAKER, "Once, when I was a student. A small footbridge over a canal, nothing famous. It had been creaking for a decade and the council had fenced it off. It came down on a Sunday morning with nobody on it, which is exactly what the creaking had been promising."],
];

const RAW = captionsOf(TURNS);
const truthOf = truthIn(TURNS);

describe('a talk by one listed speaker, with questions from the floor', () => {
  const sentences = analyzeText(RAW, meta({ kind: 'transcript', speakers: [SPEAKER] })).sentences;

  it('credits nobody wrongly: the floor is never the speaker', () => {
    const wrong = sentences.filter((s) => s.speaker && truthOf(s.text) !== s.speaker).map((s) => `${s.speaker}: ${s.text}`);
    expect(wrong).toEqual([]);
  });

  it("credits most of the talk and the answers to the speaker", () => {
    const theirs = sentences.filter((s) => truthOf(s.text) === SPEAKER);
    expect(theirs.filter((s) => s.speaker === SPEAKER).length / theirs.length).toBeGreaterThanOrEqual(0.75);
    for (const phrase of ['built by masons who had never seen', 'a feel for how a material complains', 'mostly accounts', 'came down on a Sunday morning'])
      expect(sentences.find((s) => s.text.includes(phrase))?.speaker).toBe(SPEAKER);
  });
});
