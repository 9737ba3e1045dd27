// What a reader under a reading limit can get out of the library: nothing past the limit in the
// limited document, by any route (search, quotes, prompts, context, suggestions, verdicts).
import { describe, expect, it } from 'vitest';
import { doc, library } from '../helpers/fixtures.js';
import { BOOK, BOOK_ID, bookPassages, HARBOUR, LATER_WORDS, reachAfterChapter } from '../helpers/book.js';
import { seededRandom } from '../../src/core/search/text.js';
import type { Passage } from '../../src/core/corpus.js';
import type { SemanticSearch } from '../../src/core/search/vectors/semantic.js';

const lib = library(BOOK, HARBOUR);
const reach = reachAfterChapter(lib, 2);
const ahead = (p: Passage) => p.docId === BOOK_ID && p.position > reach.upTo;
const mentionsLater = (text: string) => LATER_WORDS.filter((w) => new RegExp(`\\b${w}`, 'i').test(text));

describe('a reading limit in the library', () => {
  it('keeps search hits, totals and later pages within what the group has read', () => {
    const open = lib.search('storm lamp lighthouse', { limit: 10 });
    expect(open.hits.some((h) => ahead(h.passage))).toBe(true);
    const limited = lib.search('storm lamp lighthouse', { limit: 10, reach });
    expect(limited.hits.length).toBeGreaterThan(0);
    expect(limited.hits.some((h) => ahead(h.passage))).toBe(false);
    expect(limited.total).toBe(limited.hits.length);
    expect(limited.total).toBeLessThan(open.total);
    // A page past the visible results is empty, whatever is further on.
    expect(lib.search('storm lamp lighthouse', { offset: limited.total, limit: 3, reach }).hits).toEqual([]);
  });

  it('leaves other documents alone: a word the book uses later is still found where another document has it', () => {
    const open = lib.search('smugglers', { limit: 10 }).hits.map((h) => h.passage.docId);
    expect(open).toEqual(expect.arrayContaining([BOOK_ID, 'harbour']));
    const limited = lib.search('smugglers', { limit: 10, reach });
    expect(limited.hits.map((h) => h.passage.docId)).toEqual(['harbour']);
    expect(limited.match).toBe('strong');
  });

  it('finds nothing about what only comes later, and says it is further on rather than missing', () => {
    const name = lib.search('What does Moriarty want?', { reach });
    expect(name.hits).toEqual([]);
    expect(name.ahead).toBe('Moriarty');
    expect(name.absent).toBeUndefined();
    const word = lib.search('the betrayal', { reach });
    expect(word.hits.every((h) => !ahead(h.passage))).toBe(true);
    // Without the limit the same questions are answered from the later chapters.
    expect(lib.search('What does Moriarty want?').hits[0]!.passage.position).toBeGreaterThan(reach.upTo);
    expect(lib.search('What does Moriarty want?').ahead).toBeUndefined();
  });

  it('does not find the last passage read by the words of the next one (search reads neighbours too)', () => {
    const last = bookPassages(lib).find((p) => p.position === reach.upTo)!;
    // Open, the last passage read is found by the first words after it, through its context field.
    expect(lib.search('schooner reef', { limit: 10, docId: BOOK_ID }).hits.map((h) => h.passage.id)).toContain(last.id);
    for (const q of ['schooner reef', 'Pembertn', 'Captain Pemberton']) expect(lib.search(q, { limit: 10, reach }).hits).toEqual([]);
  });

  it('quotes and discussion passages, random or on a subject, come only from what was read', () => {
    for (let seed = 0; seed < 40; seed++) {
      const q = lib.randomQuote(seededRandom(seed), undefined, reach)!;
      expect(ahead(q)).toBe(false);
      const d = lib.discussionPassage(undefined, seededRandom(seed), BOOK_ID, reach)!;
      expect(ahead(d.passage)).toBe(false);
    }
    const candidates = lib.quoteCandidates('Elsie lamp storm', undefined, reach).candidates;
    expect(candidates.length).toBeGreaterThan(0);
    expect(candidates.some((c) => ahead(c.passage))).toBe(false);
    expect(lib.quoteCandidates('Elsie lamp storm').candidates.some((c) => ahead(c.passage))).toBe(true);
    const topic = lib.discussionPassage('Elsie and the lamp', Math.random, undefined, reach)!;
    expect(ahead(topic.passage)).toBe(false);
  });

  it('shows no sentence after the limit in context, and refuses a passage beyond it', () => {
    const last = bookPassages(lib).find((p) => p.position === reach.upTo)!;
    expect(lib.context(last.id).after).toBeTruthy();
    const limited = lib.context(last.id, reach);
    expect(limited.before).toBeTruthy();
    expect(limited.after).toBeUndefined();
    const later = bookPassages(lib).find(ahead)!;
    expect(() => lib.context(later.id, reach)).toThrow(/further on than this channel has read/);
    expect(() => lib.passageWithin(later.id, reach)).toThrow(/further on/);
    expect(lib.passageWithin(last.id, reach).id).toBe(last.id);
  });

  it('suggests no spelling or subject that only the later chapters use', async () => {
    const open = await lib.noResultHelp('Pembertn');
    expect(open.spellings).toContain('pemberton');
    const limited = await lib.noResultHelp('Pembertn', undefined, reach);
    expect(limited.spellings).not.toContain('pemberton');
    for (const s of [...limited.spellings, ...limited.topics]) expect(mentionsLater(s)).toEqual([]);
    for (const t of await lib.topics(BOOK_ID, reach)) expect(mentionsLater(t)).toEqual([]);
    const moriarty = await lib.noResultHelp('Moriarty', undefined, reach);
    expect(moriarty.ahead).toBe(true);
    expect((await lib.noResultHelp('Moriarty')).ahead).toBe(false);
  });

  it('completes no word or heading that only the later chapters use', () => {
    const lower = (xs: string[]) => xs.map((x) => x.toLowerCase());
    expect(lower(lib.querySuggestions('Mori'))).toContain('moriarty');
    expect(lower(lib.querySuggestions('trea'))).toContain('treasure');
    for (const typed of ['Mori', 'trea', 'Pem', 'betr', 'ship', 'conf', 'Elsie trea', 'gol']) {
      for (const s of lib.querySuggestions(typed, 25, reach)) expect(mentionsLater(s.replace(/^\S+ /, ''))).toEqual([]);
    }
    expect(lower(lib.querySuggestions('Els', 25, reach))).toContain('elsie');
    const headings = lib.querySuggestions('', 25, reach);
    expect(headings).toEqual(['Chapter 1: Arrival', 'Chapter 2: The Lamp']);
    expect(lib.querySuggestions('')).toContain('Chapter 4: The Betrayal');
  });

  it('adds no passage by meaning from further on', () => {
    // Meaning that points straight at one later passage, for a question that shares no word with it.
    const target = bookPassages(lib).find(ahead)!;
    const similarity = new Float32Array(lib.corpus.passages.map((p) => (p === target ? 1 : 0)));
    const semantic = { similarity: () => similarity, prepare: async () => undefined } as unknown as SemanticSearch;
    const meaning = lib.withSemantic(semantic);
    expect(meaning.search('what the stranger wanted', { limit: 10 }).hits.some((h) => ahead(h.passage))).toBe(true);
    expect(meaning.search('what the stranger wanted', { limit: 10, reach }).hits.some((h) => ahead(h.passage))).toBe(false);
  });

  it('does not match a source by the name of a speaker who first speaks further on', () => {
    const talk = library(
      doc({ id: 'panel', title: 'Panel on lighthouses', kind: 'transcript', speakers: ['Ada Park', 'Grace Lind'] }, [
        { speaker: 'Ada Park', sentences: ['Lighthouses were automated one by one, and the keepers left the islands for good.'] },
        { speaker: 'Grace Lind', sentences: ['I grew up in a keeper’s cottage, and the lamp was the first thing I saw every night.'] },
      ]),
    );
    const first = { docId: 'panel', upTo: talk.corpus.byDoc.get('panel')![0]!.position };
    expect(talk.sourceChoices('grace').map((c) => c.value)).toEqual(['panel']);
    expect(talk.sourceChoices('grace', 25, first)).toEqual([]);
    expect(talk.sourceChoices('ada', 25, first).map((c) => c.value)).toEqual(['panel']);
  });

  it('changes nothing for a limit on a document the library does not have', () => {
    const elsewhere = { docId: 'no-such-book', upTo: 0 };
    const q = 'storm lamp lighthouse';
    expect(lib.search(q, { limit: 10, reach: elsewhere }).hits.map((h) => h.passage.id)).toEqual(lib.search(q, { limit: 10 }).hits.map((h) => h.passage.id));
    expect(lib.querySuggestions('trea', 25, elsewhere)).toEqual(lib.querySuggestions('trea'));
  });
});
