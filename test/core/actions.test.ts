import { describe, expect, it } from 'vitest';
import { ACTION_MAX, decodeAction, encodeAction } from '../../src/bot/actions.js';
import { runAction } from '../../commands/index.js';
import { Library } from '../../src/core/library/library.js';
import { buildCorpus } from '../../src/core/ingest/passages.js';
import type { Action } from '../../src/bot/reply.js';
import { doc, ENGINEERING, POWER } from '../helpers/fixtures.js';

const longDoc = doc({ id: 'a-very-long-document-identifier-that-goes-on-and-on-forever' }, [
  ['This document has a long id, so its passages have long ids that cannot travel in a button.'],
]);
const corpus = buildCorpus([ENGINEERING, POWER, longDoc]);
const USER = '123456789012345678';

describe('action codec (button state in 100 characters)', () => {
  const cases: Action[] = [
    { kind: 'more', query: 'checkpoint design', source: 'eng', page: 2 },
    { kind: 'more', query: 'what: a query with a colon', page: 3 },
    { kind: 'another', seed: 42 },
    { kind: 'another', seed: 7, query: 'blast radius', source: 'power' },
    { kind: 'context', passageId: corpus.passages[0]!.id },
    { kind: 'share', passageId: corpus.byDoc.get(longDoc.meta.id)![0]!.id },
    { kind: 'more', query: 'checkpoints', source: longDoc.meta.id, page: 9 },
  ];

  it.each(cases)('round-trips %o within the limit', (action) => {
    const encoded = encodeAction(action, USER);
    expect(encoded.length).toBeLessThanOrEqual(ACTION_MAX);
    expect(decodeAction(encoded, corpus)).toEqual({ owner: USER, action });
  });

  it('keeps the searchable words of a 200-character query within the limit', () => {
    const query = 'why is it that the saving of checkpoints at every single step of a very long training run is so much harder than anyone thought it would be when the people who were there first started the project';
    const encoded = encodeAction({ kind: 'more', query, page: 2 }, USER);
    expect(encoded.length).toBeLessThanOrEqual(ACTION_MAX);
    const decoded = decodeAction(encoded, corpus);
    expect(decoded?.action).toMatchObject({ kind: 'more', page: 2 });
    const q = (decoded!.action as { query: string }).query;
    expect(q.startsWith('saving checkpoints every single step')).toBe(true);
    expect(q).not.toMatch(/\b(the|of|is|at)\b/);
  });

  it('marks public actions as usable by anyone', () => {
    expect(decodeAction(encodeAction({ kind: 'another', seed: 1 }), corpus)?.owner).toBeUndefined();
  });

  it('rejects forged or stale strings', () => {
    for (const bad of ['', 'hello', 'rg1:m:-:x:eng:query', 'rg1:z:-:1:2:3', 'rg1:c:-:#00000000', 'rg0:c:-:eng:1234', 'rg1:a:-:-1::']) {
      expect(decodeAction(bad, corpus)).toBeUndefined();
    }
  });

  it('decodes a button whose passage has since left the corpus, so running it can say so', async () => {
    const decoded = decodeAction('rg1:c:-:gone-doc:1234abcd', corpus);
    expect(decoded?.action).toEqual({ kind: 'context', passageId: 'gone-doc:1234abcd' });
    const reply = await runAction({ library: new Library(corpus), now: new Date(), random: Math.random, channelKey: 't' }, decoded!.action);
    expect(reply).toMatchObject({ kind: 'error', code: 'unknown_passage' });
  });
});
