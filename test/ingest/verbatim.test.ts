import { describe, it, expect } from 'vitest';
import { cleanVerbatim } from '../../src/core/ingest/verbatim.js';
import { texts } from './helpers.js';

describe('fillers', () => {
  it('removes um, uh, umm, uh-huh and fixes what they leave behind', () => {
    expect(cleanVerbatim('Uh, we went home.')).toBe('We went home.');
    expect(cleanVerbatim('It was, um, , fine and uh good.')).toBe('It was, fine and good.');
    expect(cleanVerbatim('Umm the plan uh-huh worked.')).toBe('The plan worked.');
  });
  it('drops a standalone Mhm. and keeps "you know" and ordinary words', () => {
    expect(texts('Mhm. So we started.', { kind: 'transcript' })).toEqual(['So we started.']);
    expect(cleanVerbatim('You know, the umbrella was under the hum of the fridge.')).toBe('You know, the umbrella was under the hum of the fridge.');
  });
  it('does not touch articles', () => {
    expect(texts('Um, this stays as written.')).toEqual(['Um, this stays as written.']);
  });
});

describe('stutters', () => {
  it('collapses repeated words and phrases', () => {
    expect(cleanVerbatim('I I I agree.')).toBe('I agree.');
    expect(cleanVerbatim('So what what goes into it or or so.')).toBe('So what goes into it or so.');
    expect(cleanVerbatim('Why do why do we care?')).toBe('Why do we care?');
    expect(cleanVerbatim('It it was the the best.')).toBe('It was the best.');
  });
  it('keeps grammatical doubles', () => {
    expect(cleanVerbatim('I think that that approach works.')).toBe('I think that that approach works.');
    expect(cleanVerbatim('She had had enough.')).toBe('She had had enough.');
    expect(cleanVerbatim('It was very very good.')).toBe('It was very very good.');
  });
});

describe('case and comma repairs', () => {
  it('capitalises the pronoun I and weekday names, not i.e. or words containing i', () => {
    expect(cleanVerbatim("yes i'll have it by friday, i.e. before the iPhone event")).toBe("Yes I'll have it by Friday, i.e. before the iPhone event");
  });
  it('takes the commas around a hesitation with it, except after an opening word', () => {
    expect(cleanVerbatim('who has spent, uh, ten years here')).toBe('Who has spent ten years here');
    expect(cleanVerbatim('Honestly, um, most of the time.')).toBe('Honestly, most of the time.');
  });
});
