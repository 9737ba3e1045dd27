import { describe, expect, it } from 'vitest';
import { doc, ENGINEERING, library, POWER, TRANSLATION } from '../helpers/fixtures.js';

const lib = library(ENGINEERING, POWER, TRANSLATION);

describe('autocomplete', () => {
  it('completes the word being typed from the corpus, as it is written there', () => {
    expect(lib.querySuggestions('checkp')).toContain('checkpoint');
    expect(lib.querySuggestions('liquid cool')).toContain('liquid cooling');
    expect(lib.querySuggestions('electrcity')).toContain('electricity');
  });

  it('prefers completions that go with the words already typed', () => {
    const l = library(
      doc({ id: 'kitchen' }, [['Cookies are tasty, and cookies are everywhere in the office kitchen.', 'More cookies arrive every single Friday afternoon.']]),
      doc({ id: 'hall' }, [['Liquid cooling removes the heat from dense racks in the new hall.']]),
    );
    // Alone, "coo" completes to the commoner word; after "liquid", to the word used with it.
    expect(l.querySuggestions('coo')[0]).toBe('cookies');
    expect(l.querySuggestions('liquid coo')[0]).toBe('liquid cooling');
    expect(lib.querySuggestions('blast rad')[0]).toBe('blast radius');
  });

  it('offers the section headings as topics for an empty box, within the limits', () => {
    const empty = lib.querySuggestions('');
    expect(empty).toEqual(expect.arrayContaining(['Checkpoints', 'Failures', 'Research']));
    const all = [...empty, ...lib.querySuggestions('a'.repeat(300)), ...lib.querySuggestions('c')];
    for (const c of all) expect(c.length).toBeLessThanOrEqual(100);
    expect(lib.querySuggestions('c').length).toBeLessThanOrEqual(25);
  });

  it('ranks sources exact, then prefix, then related, and drops the unrelated', () => {
    expect(lib.sourceChoices('eng').map((c) => c.value)).toEqual(['eng', 'eng-2']);
    expect(lib.sourceChoices('Power and data centres')[0]).toEqual({ name: 'Power and data centres', value: 'power' });
    expect(lib.sourceChoices('centres').map((c) => c.value)).toEqual(['power']);
    expect(lib.sourceChoices('powr').map((c) => c.value)).toEqual(['power']);
    expect(lib.sourceChoices('zzzz')).toEqual([]);
    expect(lib.sourceChoices('')).toHaveLength(3);
  });
});
