// A live blog reports a talk in the third person and adds the blogger's own asides in the first.
// The asides must be credited to the blog, never to the talk, and never share a passage with it.
// The post here is written for this test.
import { describe, expect, it } from 'vitest';
import { analyzeText } from '../../src/core/ingest/index.js';
import { buildCorpus } from '../../src/core/ingest/passages.js';
import type { DocumentMeta } from '../../src/core/corpus.js';
import { meta } from './helpers.js';

function passages(raw: string, over: Partial<DocumentMeta> = {}) {
  const m = meta({ kind: 'live blog', ...over });
  const { sentences } = analyzeText(raw, m);
  return buildCorpus([{ meta: m, file: 'x.txt', hash: 'x', sentences }]).passages;
}

const BLOG = `Nimbus is giving the morning keynote on cooling dense racks at the Datacenter Summit.

I think most of our readers know why liquid cooling keeps coming up. We covered the basics last year.

Nimbus said its newest halls run at 120 kilowatts per rack. The company moved from air to direct-to-chip cooling in 2023 and saw fan power fall by two thirds.

This is very similar to what we saw in our own lab. The speaker noted that "we were wrong about immersion" and that the tanks were too hard to service.

The next slide shows the water loop. Each row has its own heat exchanger, so one leak does not take down the hall.`;

describe('a live blog narrator', () => {
  it('credits first-person asides to the blog and keeps the reported talk apart, word for word', () => {
    const ps = passages(BLOG, { source: 'Rackside' });
    const narrator = ps.filter((p) => p.speaker === 'Rackside (live blog)').map((p) => p.text).join('\n');
    const talk = ps.filter((p) => p.speaker === undefined).map((p) => p.text).join('\n');
    expect(narrator).toContain('I think most of our readers know why liquid cooling keeps coming up.');
    expect(narrator).toContain('We covered the basics last year.');
    expect(narrator).toContain('This is very similar to what we saw in our own lab.');
    expect(talk).toContain('Nimbus said its newest halls run at 120 kilowatts per rack.');
    expect(talk).toContain('The company moved from air to direct-to-chip cooling in 2023 and saw fan power fall by two thirds.');
    // First person inside quotation marks is the speaker's, reported by the blog.
    expect(talk).toContain('The speaker noted that "we were wrong about immersion" and that the tanks were too hard to service.');
    expect(talk).toContain('Each row has its own heat exchanger, so one leak does not take down the hall.');
    for (const p of ps) {
      if (p.speaker === undefined) expect(p.text).not.toMatch(/\b(?:I think|our readers|our own lab)\b/);
    }
  });

  it('names the blogger generically when the blog has no source', () => {
    const ps = passages(BLOG);
    expect(ps.some((p) => p.speaker === 'Live blogger' && p.text.includes('our own lab'))).toBe(true);
  });

  it('leaves articles and transcripts alone', () => {
    const raw = 'I think most of our readers know why liquid cooling keeps coming up. Nimbus said its halls run hot.';
    const m = meta({ kind: 'article' });
    expect(analyzeText(raw, m).sentences.every((s) => s.speaker === undefined)).toBe(true);
  });

  it('keeps a speaker label in a live blog as the speaker', () => {
    const raw = `Dana Ruiz: We rebuilt the scheduler twice before it held up under load.`;
    const ps = passages(raw, { source: 'Rackside', speakers: ['Dana Ruiz'] });
    expect(ps.map((p) => p.speaker)).not.toContain('Rackside (live blog)');
  });
});

describe('what is not the narrator', () => {
  it('keeps the US, roman numerals and reported first person with the talk', () => {
    const raw = `The US market took most of the first shipments, Nimbus said.

Phase I of the build finished in May, and Phase II starts next spring.

"We will double capacity," according to the chief engineer.`;
    const m = meta({ kind: 'live blog', source: 'Rackside' });
    expect(analyzeText(raw, m).sentences.every((s) => s.speaker === undefined)).toBe(true);
  });
});
