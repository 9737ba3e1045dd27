// The reading plan's model on its own: how a document is cut into days, how reading days are
// counted in local dates, what people may type as a pace, and how a place is found again in an
// edited document. The service tests drive the same through the store and a clock.
import { describe, expect, it } from 'vitest';
import { EVERY_DAY, WEEKDAYS } from '../../src/bot/days.js';
import { MAX_DAY_PASSAGES } from '../../src/bot/plan.js';
import { parsePace, splitPlanArgs } from '../../src/bot/plan-words.js';
import { isUserError } from '../../src/core/errors.js';
import { anchorFor, dateOfReading, locateAnchor, readingDaysBetween, readingIndexOn } from '../../src/scheduler/plan/calendar.js';
import { readingUnits } from '../../src/scheduler/plan/units.js';
import { book, bookLibrary, CHAPTERS, para } from './book.js';

const passagesOf = (lib: ReturnType<typeof bookLibrary>, id = 'b') => lib.corpus.byDoc.get(id)!;

describe('cutting a document into readings', () => {
  const passages = passagesOf(bookLibrary(book('b', CHAPTERS)));

  it('reads one section a day, a long one in near-even parts of at most the part size, every passage once and in order', () => {
    const units = readingUnits(passages, { unit: 'sections', maxPassages: 4 });
    expect(units.flatMap((u) => u.passages.map((p) => p.position))).toEqual(passages.map((p) => p.position));
    for (const u of units) {
      expect(u.passages.length).toBeLessThanOrEqual(4);
      expect(new Set(u.passages.map((p) => p.section)).size).toBe(1);
    }
    const long = units.filter((u) => u.passages[0]!.section === 'Chapter 2');
    expect(long.length).toBe(Math.ceil(9 / 4));
    expect(long.map((u) => u.label)).toEqual(long.map((_, i) => `Chapter 2, part ${i + 1} of ${long.length}`));
    expect(Math.max(...long.map((u) => u.passages.length)) - Math.min(...long.map((u) => u.passages.length))).toBeLessThanOrEqual(1);
    // A section that fits in a day is named alone.
    expect(units[0]!.label).toBe('Chapter 1');
  });

  it('reads N passages a day across sections, labelled by the section each day starts in', () => {
    const units = readingUnits(passages, { unit: 'passages', count: 5 });
    expect(units.map((u) => u.passages.length)).toEqual([5, 5, 4]);
    expect(units[1]!.label).toMatch(/^Chapter 2, passages 6-10 of 14$/);
  });

  it('names the parts of a text without headings by number', () => {
    const flat = bookLibrary(book('f', [['', 7]], (_, p) => p)).corpus.byDoc.get('f')!.map((p) => ({ ...p, section: undefined }));
    const units = readingUnits(flat, { unit: 'sections', maxPassages: 3 });
    expect(units.map((u) => u.label)).toEqual(['part 1 of 3', 'part 2 of 3', 'part 3 of 3']);
  });
});

describe('reading days in local dates', () => {
  it('counts only the chosen weekdays, across weekends and months', () => {
    // Fri 2026-03-27 to Mon 2026-04-06: Mon-Fri 30 Mar-3 Apr and Mon 6 Apr.
    expect(readingDaysBetween(WEEKDAYS, '2026-03-27', '2026-04-06')).toBe(6);
    expect(readingDaysBetween(EVERY_DAY, '2026-02-27', '2026-03-01')).toBe(2);
    expect(readingDaysBetween([1, 3, 5], '2026-03-23', '2026-04-20')).toBe(12);
    expect(readingDaysBetween(WEEKDAYS, '2026-03-27', '2026-03-27')).toBe(0);
  });

  it('moves one reading per reading day from the anchor, forwards and backwards, and stands still on rest days', () => {
    // Anchored on Friday at reading 4: Saturday and Sunday stay at 4, Monday is 5; Thursday before was 3.
    expect(['2026-03-27', '2026-03-28', '2026-03-29', '2026-03-30'].map((d) => readingIndexOn(WEEKDAYS, '2026-03-27', 4, d))).toEqual([4, 4, 4, 5]);
    expect(readingIndexOn(WEEKDAYS, '2026-03-27', 4, '2026-03-26')).toBe(3);
    expect(dateOfReading(WEEKDAYS, '2026-03-27', 4, 6)).toBe('2026-03-31');
  });
});

describe('what people type as a pace', () => {
  const ok = (s: string) => parsePace(s);
  const refusal = (s: string) => {
    try {
      parsePace(s);
    } catch (e) {
      expect(isUserError(e)).toBe(true);
      return (e as Error).message;
    }
    throw new Error(`"${s}" was accepted`);
  };

  it('reads sections, passages and days in the forms a group writes them', () => {
    expect(ok('')).toMatchObject({ pace: { unit: 'sections' } });
    expect(ok('1 section a day')).toMatchObject({ pace: { unit: 'sections' }, days: EVERY_DAY });
    expect(ok('3 passages a day')).toMatchObject({ pace: { unit: 'passages', count: 3 }, days: EVERY_DAY });
    expect(ok('2 passages weekdays')).toMatchObject({ pace: { unit: 'passages', count: 2 }, days: WEEKDAYS });
    expect(ok('sections mon,wed,fri')).toMatchObject({ pace: { unit: 'sections' }, days: [1, 3, 5] });
    expect(ok('sections on mon, wed and fri')).toMatchObject({ days: [1, 3, 5] });
    expect(ok('2 sections a week').days).toHaveLength(2);
    expect(ok('three passages daily')).toMatchObject({ pace: { count: 3 }, days: EVERY_DAY });
    expect(ok('4 passages')).toEqual({ pace: { unit: 'passages', count: 4 } });
  });

  it('refuses what it cannot read with a sentence that shows what would work', () => {
    expect(refusal('lots of pages')).toMatch(/Try "1 section a day"/);
    expect(refusal(`${MAX_DAY_PASSAGES + 20} passages a day`)).toMatch(new RegExp(`1 to ${MAX_DAY_PASSAGES} passages`));
    expect(refusal('2 sections a day')).toMatch(/passages/);
    expect(refusal('3 passages a week')).toMatch(/which days/);
    expect(refusal('9 sections a week')).toMatch(/7 days/);
    expect(refusal('3 bananas')).toMatch(/how many but not of what/);
  });

  it('splits free text into the document and the pace', () => {
    expect(splitPlanArgs('hot-chips 3 passages a day')).toEqual({ source: 'hot-chips', pace: '3 passages a day' });
    expect(splitPlanArgs('pretraining gpt 4.5 sections mon,wed')).toEqual({ source: 'pretraining gpt 4.5', pace: 'sections mon,wed' });
    expect(splitPlanArgs('hot-chips weekdays')).toEqual({ source: 'hot-chips', pace: 'weekdays' });
    expect(splitPlanArgs('hot-chips')).toEqual({ source: 'hot-chips', pace: '' });
  });
});

describe('finding the place again after an edit', () => {
  const pace = { unit: 'sections', maxPassages: 4 } as const;
  const before = passagesOf(bookLibrary(book('b', CHAPTERS)));
  const unitsBefore = readingUnits(before, pace);
  // The group is at Chapter 2, part 2 of 3.
  const at = unitsBefore.findIndex((u) => u.label === 'Chapter 2, part 2 of 3');
  const anchor = anchorFor(before, unitsBefore[at]!.passages[0]!, '2026-03-23');
  const firstText = (units: ReturnType<typeof readingUnits>, i: number | undefined) => units[i!]!.passages[0]!.text;

  it('follows the same passage when others are inserted before it', () => {
    const edited = passagesOf(bookLibrary(book('b', [['Prologue', 2], ...CHAPTERS])));
    const units = readingUnits(edited, pace);
    const i = locateAnchor(units, anchor);
    expect(i).toBe(at + 1);
    expect(firstText(units, i)).toBe(firstText(unitsBefore, at));
  });

  it('stays put when passages are added after it', () => {
    const edited = passagesOf(bookLibrary(book('b', [...CHAPTERS, ['Chapter 4', 3]])));
    expect(locateAnchor(readingUnits(edited, pace), anchor)).toBe(at);
  });

  it("finds the place by its neighbours when the passage's own text was edited", () => {
    const first = unitsBefore[at]!.passages[0]!;
    const edited = passagesOf(
      bookLibrary(book('b', CHAPTERS, (name, paras) => paras.map((p, i) => (name === first.section && para(name, i)[0] === first.text ? [p[0]!.replace('argument', 'claim, revised,')] : p)))),
    );
    expect(edited.some((p) => p.id === first.id)).toBe(false);
    const units = readingUnits(edited, pace);
    const i = locateAnchor(units, anchor);
    expect(units[i!]!.label).toBe('Chapter 2, part 2 of 3');
    expect(units[i!]!.passages[0]!.position).toBe(first.position);
  });

  it('says it cannot find the place when the passage, its neighbours and its section are gone', () => {
    const edited = passagesOf(bookLibrary(book('b', [['Chapter 1', 3], ['Chapter 3', 2]])));
    expect(locateAnchor(readingUnits(edited, pace), anchor)).toBeUndefined();
  });
});
