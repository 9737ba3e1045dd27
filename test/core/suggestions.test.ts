// What a search that finds nothing offers instead: real words of the corpus close to what was
// typed, or the subjects the corpus keeps coming back to, never stop words, contractions or
// lower-cased headings, and only suggestions that find something when tried.
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCommand } from '../../commands/index.js';
import type { CommandContext } from '../../src/bot/command.js';
import type { Library } from '../../src/core/library/library.js';
import { loadLibrary } from '../../src/core/library/load.js';
import type { Reply } from '../../src/bot/reply.js';
import { seededRandom, STOP_WORDS } from '../../src/core/search/text.js';
import { doc, library } from '../helpers/fixtures.js';

const GARDEN = doc({ id: 'garden', title: 'The Kitchen Garden', speakers: ['Monty'] }, [
  {
    section: 'Getting Started With Your Garden',
    speaker: 'Monty',
    sentences: [
      'A compost heap needs green waste and brown waste in equal measure, and they’re easy to find in any garden.',
      'Turn the compost heap every month so that air reaches the middle of it.',
      'Therefore a compost heap that smells has too much green waste in it.',
    ],
  },
  {
    section: 'Getting Started With Your Garden',
    speaker: 'Monty',
    sentences: [
      'Tomato seedlings want warmth and light, and they don’t like cold nights.',
      'Harden off tomato seedlings for a week before planting them out.',
    ],
  },
  {
    section: 'Pruning Roses In Late Winter',
    speaker: 'Monty',
    sentences: [
      'Prune climbing roses in late winter, cutting back to a healthy outward bud.',
      'Feed the roses with compost in spring, which is often all they need.',
    ],
  },
]);

const ORCHARD = doc({ id: 'orchard', title: 'Notes From The Orchard' }, [
  {
    section: 'Fruit Trees For Small Gardens',
    sentences: [
      'Apple trees on dwarfing rootstock fit a small garden and fruit in their third year.',
      'Mulch apple trees with compost each spring to keep the soil moist.',
      'A compost heap near the orchard saves carrying barrows of waste.',
    ],
  },
  {
    section: 'Fruit Trees For Small Gardens',
    sentences: ['Tomato seedlings can share a sunny orchard border in their first summer.', 'Climbing roses can grow up old apple trees.'],
  },
]);

const ctx = (lib: Library): CommandContext => ({ library: lib, now: new Date('2026-03-14T10:00:00Z'), random: seededRandom(1), channelKey: 't' });

function error(r: Reply) {
  if (r.kind !== 'error') throw new Error(`expected an error, got ${r.kind}`);
  return r;
}

/** Every rule a suggestion must keep, checked against the library it came from. */
function expectGoodSuggestions(lib: Library, r: Reply, docId?: string) {
  const e = error(r);
  expect(e.code).toBe('no_results');
  expect(e.suggestions.length).toBeGreaterThan(0);
  expect(e.suggestions.length).toBeLessThanOrEqual(5);
  const headings = new Set(lib.corpus.passages.map((p) => p.section?.toLowerCase()).filter(Boolean));
  for (const s of e.suggestions) {
    expect(s, s).not.toMatch(/['’]/);
    expect(headings.has(s.toLowerCase()), s).toBe(false);
    for (const w of s.split(' ')) expect(STOP_WORDS.has(w.toLowerCase()), `${s}: "${w}" is a stop word`).toBe(false);
    // Trying the suggestion finds something.
    expect(lib.search(s, { docId, limit: 1 }).hits.length, s).toBeGreaterThan(0);
    expect(e.message).toContain(`"${s}"`);
  }
  return e;
}

describe('no-result suggestions on a small corpus', () => {
  const lib = library(GARDEN, ORCHARD);
  const topic = (query: string, source?: string) => runCommand(ctx(lib), 'topic', { query, source });

  it('for only stop words, says so and offers the corpus’s subjects', async () => {
    const e = expectGoodSuggestions(lib, await topic('the and of'));
    expect(e.message).toMatch(/very common words/);
    // Subjects the texts come back to, as they are written.
    expect(e.suggestions).toEqual(expect.arrayContaining(['compost heap']));
    expect(e.suggestions).not.toContain("they're");
    expect(e.suggestions).not.toContain('therefore');
  });

  it('offers real words close in spelling to a misspelt one', async () => {
    const e = expectGoodSuggestions(lib, await topic('compsot'));
    expect(e.suggestions[0]).toBe('compost');
    const seed = expectGoodSuggestions(lib, await topic('seedlinsg'));
    expect(seed.suggestions).toContain('seedlings');
  });

  it('offers the corpus’s subjects for a word like nothing in it', async () => {
    const e = expectGoodSuggestions(lib, await topic('xylophone zebra'));
    expect(e.message).not.toMatch(/very common words/);
    expect(e.suggestions.some((s) => /compost|tomato|roses|apple/.test(s))).toBe(true);
  });

  it('keeps suggestions within the source searched, and says when other sources have it', async () => {
    const e = expectGoodSuggestions(lib, await topic('prune', 'orchard'), 'orchard');
    expect(e.message).toMatch(/other sources do have it/i);
    expectGoodSuggestions(lib, await topic('the of', 'orchard'), 'orchard');
  });
});

describe('no-result suggestions on the bundled corpus', () => {
  let lib: Library;
  beforeAll(async () => {
    lib = (await loadLibrary(path.resolve(import.meta.dirname, '../../data/corpus'))).library;
  });

  it.each(['the and of', 'zxqv', 'xylophone zebra', 'they are were', 'qwertyuiop asdf', 'wombat marsupial', 'is it not so'])('"%s"', async (query) => {
    const r = await runCommand(ctx(lib), 'topic', { query });
    expectGoodSuggestions(lib, r);
  });

  it('offers corrections for misspelt words the search cannot reach', async () => {
    const e = expectGoodSuggestions(lib, await runCommand(ctx(lib), 'topic', { query: 'chekpoitn' }));
    expect(e.suggestions).toContain('checkpoint');
  });
});
