// Whether search says honestly how close it came: a strong match for a question the shelf answers,
// "only loosely related" when the best passages share a few of its words, and "nothing" (naming
// what is missing) for a question about something no document mentions. Fresh documents, not the
// bundled shelf, so the labels follow shapes and not known text.
import { describe, expect, it } from 'vitest';
import { runCommand } from '../../commands/index.js';
import type { CommandContext } from '../../src/bot/command.js';
import type { Reply } from '../../src/bot/reply.js';
import { namesIn } from '../../src/core/search/match.js';
import { seededRandom } from '../../src/core/search/text.js';
import { replyJson } from '../../src/platforms/terminal/json.js';
import { renderReply } from '../../src/platforms/terminal/render.js';
import { renderSlack } from '../../src/platforms/slack/render.js';
import { doc, library } from '../helpers/fixtures.js';

const GARDEN = doc({ id: 'garden', title: 'The allotment year', speakers: ['Rosa Quill'] }, [
  {
    speaker: 'Rosa Quill',
    sentences: [
      'Tomatoes need a long warm season, so we sow them indoors in March and plant them out after the last frost.',
      'Slugs are the worst enemy of young lettuce; a ring of crushed eggshells slows them down more than any pellet.',
    ],
  },
  {
    speaker: 'Rosa Quill',
    sentences: ['Compost heaps work best when green clippings and brown leaves go in layers and the heap is turned every fortnight.'],
  },
  { sentences: ['The Hartley Street allotments were founded in 1921 by the railway workers of the town.'] },
]);
const BEES = doc({ id: 'bees', title: 'Keeping bees on a rooftop' }, [
  ['A hive on a city roof needs shelter from the wind and a source of water within a short flight.'],
  ['Rooftop bees forage on street trees, and their honey tastes of lime blossom in early summer.'],
]);
const lib = library(GARDEN, BEES);
const ctx: CommandContext = { library: lib, now: new Date('2026-03-14T10:00:00Z'), random: seededRandom(3), channelKey: 'c', userName: 'Lee' };

describe('match labels', () => {
  it('calls a question the shelf answers a strong match', () => {
    expect(lib.search('when do you sow tomatoes indoors').match).toBe('strong');
    expect(lib.search('how do rooftop bees find water').match).toBe('strong');
    expect(lib.search('compost layers').match).toBe('strong');
  });

  it('says none, naming it, when the question is about a name no document mentions', () => {
    const r = lib.search('what does Monty Don say about tomatoes');
    expect(r.match).toBe('none');
    expect(r.absent).toBe('Monty Don');
    expect(lib.search('how do bees fare in Copenhagen').absent).toBe('Copenhagen');
    // A name the shelf has is no reason for doubt, however it is cased in the question.
    expect(lib.search('what does Rosa Quill sow indoors').match).toBe('strong');
    expect(lib.search('when were the Hartley Street allotments founded').match).toBe('strong');
  });

  it('needs a name of several words side by side, not its words scattered', () => {
    // "Street" and "Rosa" are both on the shelf, never together.
    expect(lib.search('what grows on Rosa Street').absent).toBe('Rosa Street');
  });

  it('calls passages that share only a common word loosely related, never strong', () => {
    const r = lib.search('why is the season for ski resorts getting shorter');
    expect(r.hits.length).toBeGreaterThan(0);
    expect(r.match).not.toBe('strong');
  });

  it('never calls strong a question naming, even in lower case, a subject no document has', () => {
    // Tomatoes and sowing are on the shelf; polytunnels and biochar are not, and are no everyday words.
    expect(lib.search('when do you sow tomatoes in a polytunnel').match).toBe('weak');
    expect(lib.search('does biochar help the compost heap').match).toBe('weak');
    // An everyday word the shelf lacks is only a way of asking: it weighs, but names no missing subject.
    expect(lib.search('when do you sow tomatoes indoors, roughly').match).toBe('strong');
    // A misspelling of a word the shelf has is still that word.
    expect(lib.search('when do you sow tomatos indoors').match).toBe('strong');
  });

  it('reads no names into a question typed in title case or in capitals', () => {
    expect(namesIn('What Does Rosa Think About Compost')).toEqual([]);
    expect(namesIn('WHEN TO SOW TOMATOES')).toEqual([]);
    expect(namesIn('Gemini context window').map((n) => n.text)).toEqual([]);
    expect(namesIn("how does Meta's Llama licence work").map((n) => n.text)).toEqual(['Meta', 'Llama']);
    expect(namesIn('how much did GPT-5 cost').map((n) => n.text)).toEqual(['GPT-5']);
  });
});

describe('what /topic, /quote and /discuss say', () => {
  const run = (name: string, options: Record<string, unknown>) => runCommand(ctx, name, options) as Promise<Reply>;

  it('/topic says plainly that nothing talks about a missing name, and labels the closest passages', async () => {
    const r = await run('topic', { query: 'what does Monty Don say about tomatoes' });
    expect(r.kind).toBe('passages');
    if (r.kind !== 'passages') return;
    expect(r.title).toBe('Nothing in these documents talks about Monty Don.');
    expect(r.notes.join(' ')).toMatch(/closest passages, but they are not about it/);
    expect(r.match).toBe('none');
    expect(replyJson('topic', r).match).toBe('none');
  });

  it('never counts passages that are not about the question as matching, on any platform', async () => {
    const none = await run('topic', { query: 'what does Monty Don say about tomatoes' });
    const strong = await run('topic', { query: 'slugs lettuce eggshells' });
    const shown = (r: Reply) => JSON.stringify([renderReply(r, { width: 100, color: false }), renderSlack(r)]);
    expect(shown(none)).not.toMatch(/matching passage/);
    expect(shown(none)).toMatch(/passages? in all that share a word with it/);
    expect(shown(strong)).toMatch(/matching passages? in all/);
  });

  it('/topic titles weak results as loosely related and strong ones as usual', async () => {
    const weak = await run('topic', { query: 'why is the season for ski resorts getting shorter' });
    if (weak.kind !== 'passages') throw new Error(weak.kind);
    expect(weak.match).not.toBe('strong');
    expect(weak.title).toMatch(/^(Loosely related to|Nothing in these documents talks about)/);
    const strong = await run('topic', { query: 'slugs lettuce eggshells' });
    if (strong.kind !== 'passages') throw new Error(strong.kind);
    expect(strong.title).toBe('On “slugs lettuce eggshells”');
    expect(replyJson('topic', strong).match).toBe('strong');
  });

  it('names back a lower-case subject no document has, and posts nothing to the channel about it', async () => {
    const topic = await run('topic', { query: 'does biochar help the compost heap' });
    if (topic.kind !== 'passages') throw new Error(topic.kind);
    expect(topic.title).toMatch(/^Loosely related to/);
    expect(topic.notes).toContain('Nothing in these documents talks about “biochar”.');
    const quote = await run('quote', { query: 'does biochar help the compost heap' });
    expect(quote.kind).toBe('error');
    if (quote.kind === 'error') expect(quote.message).toMatch(/^Nothing in these documents talks about “biochar”\./);
    // An everyday word the shelf lacks is no reason to refuse a quote on the rest.
    const everyday = await run('quote', { query: 'slugs and lettuce, roughly' });
    expect(everyday.kind).toBe('passages');
  });

  it('/quote and /discuss post nothing to the channel about a subject the shelf lacks', async () => {
    for (const [name, key] of [['quote', 'query'], ['discuss', 'topic']] as const) {
      const r = await run(name, { [key]: 'what did Monty Don plant in Copenhagen' });
      expect(r.kind, name).toBe('error');
      if (r.kind !== 'error') continue;
      expect(r.visibility).toBe('private');
      expect(r.message).toMatch(/^Nothing in these documents talks about (Monty Don|Copenhagen)\./);
    }
  });
});
