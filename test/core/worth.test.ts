import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { classifyPassage, PASSAGE_KINDS } from '../../src/core/discuss/worth.js';

interface Labelled {
  id: string;
  style: string;
  text: string;
  worth: boolean;
  kind: string;
}
// Held out: written and labelled before the classifier existed; never tuned on.
const FIXTURES: Labelled[] = JSON.parse(readFileSync(new URL('../fixtures/discuss/passages.json', import.meta.url), 'utf8')).passages;

describe('which passages are worth a discussion prompt', () => {
  it('has held-out passages in every style, worthy and not', () => {
    expect(FIXTURES.length).toBeGreaterThanOrEqual(30);
    expect(new Set(FIXTURES.map((f) => f.style))).toEqual(new Set(['book', 'web', 'podcast', 'captions']));
    expect(FIXTURES.some((f) => f.worth) && FIXTURES.some((f) => !f.worth)).toBe(true);
  });

  it('tells worthy passages from boilerplate, bare questions, anecdotes and filler on held-out text', () => {
    const wrong = FIXTURES.filter((f) => classifyPassage(f.text).worthy !== f.worth);
    const accuracy = 1 - wrong.length / FIXTURES.length;
    // First run 2026-12-02: 36 of 38; the two misses showed number-only passages scoring under the bar (a bug,
    // fixed and checked on other sentences). The floor sits under the first run, not at the tuned result.
    expect(accuracy, `misjudged: ${wrong.map((w) => w.id).join(', ')}`).toBeGreaterThanOrEqual(0.9);
    // Never posts boilerplate, whatever else it misses.
    expect(wrong.filter((w) => w.kind === 'boilerplate')).toEqual([]);
  });

  it('names what a worthy passage does, from the kinds questions are chosen by', () => {
    const worthy = FIXTURES.filter((f) => f.worth && classifyPassage(f.text).worthy);
    const named = worthy.filter((f) => classifyPassage(f.text).kinds.includes(f.kind as (typeof PASSAGE_KINDS)[number]));
    expect(named.length / worthy.length).toBeGreaterThanOrEqual(0.7);
  });

  it('says why an unworthy passage is left out', () => {
    expect(classifyPassage('Where were you when it happened? And what did you do next?').why).toBe('question');
    expect(classifyPassage('Uh yeah, so, um, okay, right, yeah.').why).toBe('filler');
    expect(classifyPassage("Editor's note: a section on the budget has been left out of this version.").why).toBe('boilerplate');
  });
});
