// The quotation check on real, messy text: for every passage the bot serves, a faithful quotation
// (any run of its words, a cut marked with "…") is accepted and a changed one refused. Windows are
// chosen by position, never by content, so this holds for any shelf, not only the bundled one.
import path from 'node:path';
import { describe, expect, inject, it } from 'vitest';
import { PROJECT_ROOT } from '../../src/config.js';
import { loadLibrary } from '../../src/core/library/load.js';
import { checkQuestions } from '../../src/llm/checks.js';

const WINDOW = 6;

/** Runs of WINDOW words at the start, middle and end of a passage, without double quote marks in them. */
function windows(text: string): string[][] {
  const words = text.split(/\s+/).filter(Boolean);
  if (words.length < WINDOW * 2) return [];
  const starts = [0, Math.floor((words.length - WINDOW) / 2), words.length - WINDOW];
  return starts.map((s) => words.slice(s, s + WINDOW)).filter((w) => w.every((x) => !/["“”]/.test(x)));
}

describe('the quotation check on every bundled passage', () => {
  it('accepts verbatim and cut quotations, and refuses one with a word changed', async () => {
    const snapshotDir = inject('sharedSnapshotDir') || undefined;
    const { library } = await loadLibrary(path.join(PROJECT_ROOT, 'data/corpus'), { snapshotDir });
    const wrongly: string[] = [];
    let checked = 0;
    for (const p of library.corpus.passages) {
      for (const w of windows(p.text)) {
        checked++;
        const ask = (quoted: string) => checkQuestions([`What does the speaker mean by “${quoted}”, and would you agree?`], [p.text]);
        const verbatim = ask(w.join(' '));
        if (!verbatim.ok) wrongly.push(`refused verbatim (${verbatim.reason}) in ${p.id}`);
        // In single quotes, where an apostrophe in the words must not be taken for the closing one.
        const single = checkQuestions([`Is '${w.join(' ')}' the heart of it?`], [p.text]);
        if (!single.ok) wrongly.push(`refused verbatim in single quotes (${single.reason}) in ${p.id}`);
        const cut = ask(`${w.slice(0, 2).join(' ')} … ${w.slice(4).join(' ')}`);
        if (!cut.ok) wrongly.push(`refused a marked cut (${cut.reason}) in ${p.id}`);
        const changed = [...w];
        changed[3] = 'zqxvw';
        if (ask(changed.join(' ')).ok) wrongly.push(`accepted a changed word in ${p.id}: ${changed.join(' ')}`);
      }
    }
    expect(checked).toBeGreaterThan(100);
    expect(wrongly).toEqual([]);
  });
});
