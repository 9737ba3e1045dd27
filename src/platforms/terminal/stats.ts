// `passages --stats`: what the bot would serve, counted per document, so a person trying new files
// sees at a glance which came out without speakers, which have little worth quoting, and which
// files were not served at all, without reading hundreds of passages.
import type { SkippedFile } from '../../bot/reply.js';
import { QUOTABLE, type Library } from '../../core/library/library.js';
import { stripControls } from '../../core/untrusted.js';
import type { Passage } from '../../core/corpus.js';
import { residueOf } from '../../core/ingest/residue.js';

export interface PassageCounts {
  passages: number;
  /**
   * Passages with no leftover a reader would call junk (caption timings, sound tags, markup, links,
   * widget text, transcript remnants), as the residue lint sees them by shape. The lint only looks,
   * so this says how much of what is served still needs cleaning, not what was removed.
   */
  junkFree: number;
  withSpeaker: number;
  /** withSpeaker / passages, 0 when there are none. */
  speakerCoverage: number;
  /** Passages good enough for random quotes and the daily rotation (quotability >= QUOTABLE). */
  quotable: number;
}

export interface DocumentCounts extends PassageCounts {
  id: string;
  title: string;
  kind: string;
}

export interface PassageStats {
  documents: DocumentCounts[];
  totals: PassageCounts & { documents: number };
  skipped: SkippedFile[];
}

function count(passages: readonly Passage[]): PassageCounts {
  const withSpeaker = passages.filter((p) => p.speaker).length;
  return {
    passages: passages.length,
    junkFree: passages.filter((p) => residueOf(p.text) === undefined).length,
    withSpeaker,
    speakerCoverage: passages.length ? withSpeaker / passages.length : 0,
    quotable: passages.filter((p) => p.quotability >= QUOTABLE).length,
  };
}

/** Counts for every document (or the one `docId` names), their totals, and the files not served. */
export function passageStats(library: Library, docId?: string): PassageStats {
  const docs = library.corpus.documents.filter((d) => !docId || d.id === docId);
  const documents = docs.map((d) => ({ id: d.id, title: d.title, kind: d.kind, ...count(library.corpus.byDoc.get(d.id) ?? []) }));
  const all = docs.flatMap((d) => library.corpus.byDoc.get(d.id) ?? []);
  return { documents, totals: { documents: docs.length, ...count(all) }, skipped: library.skipped };
}

export const STATS_HELP = `passages --stats: per document, "passages" served; "junk-free" those with no leftover a reader would call junk (caption timings or cue settings, sound tags like [Music], HTML or Markdown remnants, bare URLs or e-mail addresses, "Reply · Like (12)" widgets, a timestamp opening a sentence, "Yeah. Yeah." runs); "speaker" passages with a known speaker and "coverage" their share; "quotable" passages good enough for /quote and daily posts (quotability >= ${QUOTABLE}). Then totals and the files not served, with why.`;

const ID_MAX = 40;
const pct = (x: number) => `${Math.round(x * 100)}%`;

/** The stats as a plain table (ids, not titles: short, and a slug never carries terminal codes). */
export function renderStats(stats: PassageStats): string {
  const head = ['document', 'passages', 'junk-free', 'speaker', 'coverage', 'quotable'];
  const row = (name: string, c: PassageCounts) => [name, String(c.passages), String(c.junkFree), String(c.withSpeaker), pct(c.speakerCoverage), String(c.quotable)];
  const clip = (s: string) => {
    const clean = stripControls(s);
    return clean.length > ID_MAX ? clean.slice(0, ID_MAX - 1) + '…' : clean;
  };
  const rows = [head, ...stats.documents.map((d) => row(clip(d.id), d)), row(`total (${stats.totals.documents} documents)`, stats.totals)];
  const widths = head.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  const line = (r: string[]) => r.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!))).join('  ');
  const out = rows.map(line);
  out.splice(rows.length - 1, 0, '-'.repeat(line(head).length));
  out.push('');
  if (stats.skipped.length) {
    out.push(`Not served (${stats.skipped.length}):`);
    for (const s of stats.skipped) out.push(`  ${stripControls(s.file)}: ${stripControls(s.reason)}`);
  } else out.push('Not served: none.');
  return out.join('\n');
}
