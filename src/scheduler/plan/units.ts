// A document cut into a reading plan's days. Pure: the units come from the corpus as it is now,
// so a re-ingested document is cut again and the plan finds its place by an anchor (anchor.ts),
// never by a unit number saved from an older cut.
import type { PlanPace } from '../../bot/plan.js';
import type { Passage } from '../../core/corpus.js';

export { DEFAULT_PART_PASSAGES, MAX_DAY_PASSAGES, type PlanPace } from '../../bot/plan.js';

export interface ReadingUnit {
  /** 0-based, in reading order. */
  index: number;
  /** The unit's passages, in `position` order. */
  passages: Passage[];
  /**
   * Where this is, for people: "Chapter 3, part 2 of 4", "passages 7-9 of 120". Lower case unless
   * a heading starts it, since it is read mid-sentence ("Only up to passages 7-9 of 120").
   */
  label: string;
}

const clean = (s: string) => s.replace(/\s+/g, ' ').trim();

/** Runs of neighbouring passages that share a section (no section is a run of its own). */
function sectionRuns(passages: readonly Passage[]): Passage[][] {
  const runs: Passage[][] = [];
  for (const p of passages) {
    const last = runs[runs.length - 1];
    if (last && (last[0]!.section ?? '') === (p.section ?? '')) last.push(p);
    else runs.push([p]);
  }
  return runs;
}

/** `n` items in `parts` runs as even as possible, the longer ones first. */
function evenParts<T>(items: readonly T[], max: number): T[][] {
  const parts = Math.max(1, Math.ceil(items.length / max));
  const base = Math.floor(items.length / parts);
  const extra = items.length % parts;
  const out: T[][] = [];
  let at = 0;
  for (let i = 0; i < parts; i++) {
    const size = base + (i < extra ? 1 : 0);
    out.push(items.slice(at, at + size));
    at += size;
  }
  return out;
}

/** The reading units of one document's passages under a pace. */
export function readingUnits(docPassages: readonly Passage[], pace: PlanPace): ReadingUnit[] {
  const passages = [...docPassages].sort((a, b) => a.position - b.position);
  const units: Omit<ReadingUnit, 'index'>[] = [];
  if (pace.unit === 'sections') {
    const runs = sectionRuns(passages);
    let previous: string | undefined;
    for (const run of runs) {
      const name = run[0]!.section ? clean(run[0]!.section) : undefined;
      const parts = evenParts(run, Math.max(1, pace.maxPassages));
      // A text without headings reads as one long section whose parts need no name; text before
      // the first heading or between headings is named by where it sits.
      const base = name ?? (runs.length === 1 ? undefined : previous ? `After ${previous}` : 'Opening');
      previous = name ?? previous;
      parts.forEach((part, i) => {
        const label = base
          ? parts.length > 1
            ? `${base}, part ${i + 1} of ${parts.length}`
            : base
          : `part ${i + 1} of ${parts.length}`;
        units.push({ passages: part, label });
      });
    }
  } else {
    const count = Math.max(1, pace.count);
    const total = passages.length;
    for (let at = 0; at < total; at += count) {
      const part = passages.slice(at, at + count);
      const range = part.length > 1 ? `passages ${at + 1}-${at + part.length} of ${total}` : `passage ${at + 1} of ${total}`;
      const section = part[0]!.section ? clean(part[0]!.section) : undefined;
      units.push({ passages: part, label: section ? `${section}, ${range}` : range });
    }
  }
  return units.map((u, index) => ({ ...u, index }));
}

/** How a pace reads for people: "one section a day (long ones in parts of 5 passages)", "3 passages a day". */
export function describePace(pace: PlanPace): string {
  return pace.unit === 'sections'
    ? `one section a reading day (long ones in parts of at most ${pace.maxPassages} passages)`
    : `${pace.count} passage${pace.count === 1 ? '' : 's'} a reading day`;
}
