import { describe, expect, it } from 'vitest';
import { keyPhrases, type PhraseStats } from '../../src/core/library/discussion.js';
import { discussionQuestions } from '../../src/core/discuss/questions.js';
import { buildCorpus } from '../../src/core/ingest/passages.js';
import { doc } from '../helpers/fixtures.js';

// A corpus where "blast radius" recurs and "time" is everywhere.
const stats: PhraseStats = {
  idf: (t) => ({ time: 0.2, blast: 3, radiu: 3, compon: 2, repair: 2.5, cost: 1.5 }[t] ?? 1.5),
  passagesWith: (key) => ({ 'blast radiu': 4, time: 300, compon: 5, 'repair cost': 2 }[key] ?? 1),
  commonIdf: 1,
};

describe('discussion prompts', () => {
  it('picks the ideas a passage is about, not everyday words or pronouns', async () => {
    const phrases = await keyPhrases('The blast radius needs to be reduced so that when one component fails, fewer other components fail. We want it done in time.', stats);
    expect(phrases[0]).toBe('blast radius');
    expect(phrases).not.toContain('time');
    expect(phrases.join(' ')).not.toMatch(/\b(we|it|one)\b/i);
  });

  it('asks what the claim rests on and what the trade-off costs, quoting each sentence whole', async () => {
    const d = doc({ id: 'd', title: 'Ops' }, [
      {
        speaker: 'Ada',
        sentences: [
          'Repair costs have to come down as clusters grow.',
          'I believe the blast radius of every failure must be small.',
          'Redundancy across racks helps, but it doubles the hardware bill for every rack.',
        ],
      },
    ]);
    const p = buildCorpus([d]).passages[0]!;
    const questions = await discussionQuestions(p, d.meta, stats);
    expect(questions.length).toBeGreaterThanOrEqual(2);
    expect(questions.length).toBeLessThanOrEqual(3);
    // The claim is quoted whole and asked about, never with "Do you agree?".
    expect(questions.some((q) => q.includes('“I believe the blast radius of every failure must be small.”'))).toBe(true);
    // The trade-off is quoted whole and asked what it costs.
    const tradeOff = questions.find((q) => q.includes('“Redundancy across racks helps, but it doubles the hardware bill for every rack.”'));
    expect(tradeOff).toMatch(/\b(cost|pays?|trade)\b/i);
    for (const q of questions) expect(q).not.toMatch(/Do you agree/);
    // The same passage gets the same questions (the daily post shows them again).
    expect(await discussionQuestions(p, d.meta, stats)).toEqual(questions);
  });
});
