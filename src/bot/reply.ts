// The platform-neutral answer every command returns. Adapters render it (terminal text, Discord
// embeds and buttons, Slack Block Kit) and never decide content themselves.
import type { Range } from '../core/search/search-index.js';
import type { DocKind } from '../core/corpus.js';
import { shorten } from '../core/search/text.js';
import type { MatchStrength } from '../core/search/match.js';
import { speakerWords } from '../core/attribution.js';

export interface ReplyPassage {
  id: string;
  text: string;
  /** Matched query terms, as [start, end) ranges into `text`; adapters choose how to mark them. */
  highlights: Range[];
  doc: { id: string; title: string; kind: DocKind; url?: string; date?: string; author?: string };
  speaker?: string;
  /** The speaker is a named person asking a question, not the one answering. */
  asks?: boolean;
  section?: string;
  /** The interviewer's question this passage answers, shown above it when the question is what matched. */
  leadIn?: LeadIn;
  /**
   * In a discussion: a passage from elsewhere that its questions compare the discussed one with,
   * served after it. Marked on the passage, since a discussion may carry several passages to read.
   */
  compared?: boolean;
  /** For a context view: the sentences around the passage. */
  before?: string;
  after?: string;
}

/** A question served with its answer: document text, escaped by each platform like the passage. */
export interface LeadIn {
  text: string;
  speaker?: string;
  asks?: boolean;
}

/**
 * The lead-in as one plain line every platform shows above the answer: who asked, then the
 * question in quotes ("Question from the host: “What happens when …?”"). Plain text; each
 * platform escapes it as it escapes document text.
 */
export function leadInWords(l: LeadIn): string {
  const who = speakerWords({ speaker: l.speaker, text: l.text, asks: true })?.who ?? 'Asked';
  return `${who}: “${l.text.replace(/\s+/g, ' ')}”`;
}

/**
 * How a passage names its document: "Title — Author" when the author is known and is not already
 * the passage's speaker. Plain text; each platform escapes it like the title alone.
 */
export function docLabel(p: Pick<ReplyPassage, 'doc' | 'speaker'>): string {
  const { title, author } = p.doc;
  return author && author !== p.speaker && author !== title ? `${title} — ${author}` : title;
}

/**
 * How a page of search results counts them, the same words on every platform: "12 matching
 * passages in all", but for a weak or no match "252 passages in all that share a word with it", never calling
 * passages that are not about the question matches.
 */
export function resultCount(reply: { total?: number; match?: MatchStrength }): string {
  const n = reply.total ?? 0;
  const passages = `passage${n === 1 ? '' : 's'}`;
  return reply.match === 'weak' || reply.match === 'none' ? `${n} ${passages} in all that share a word with it` : `${n} matching ${passages} in all`;
}

/**
 * The heading every platform shows over a discussion's compared passage (`ReplyPassage.compared`):
 * the one its questions set beside the passage discussed.
 */
export const COMPARED_HEADING = 'Compare with';

/**
 * Something the person can do next; adapters turn these into buttons or typed hints. `ahead`: the
 * answer looked past the channel's reading plan, and what follows from it does too (privately).
 */
export type Action =
  | { kind: 'more'; query: string; source?: string; page: number; ahead?: boolean }
  | { kind: 'context'; passageId: string; ahead?: boolean }
  | { kind: 'share'; passageId: string }
  | { kind: 'another'; query?: string; source?: string; seed: number; ahead?: boolean };

export interface SourceSummary {
  id: string;
  title: string;
  kind: DocKind;
  speakers: string[];
  passages: number;
  source?: string;
  date?: string;
  url?: string;
}

/** A file in the corpus folder that is not served, and why ("has no text layer"). */
export interface SkippedFile {
  file: string;
  reason: string;
}

export interface CommandHelp {
  name: string;
  usage: string;
  description: string;
  example: string;
}

/**
 * What a platform opens under an answer once it is posted: a thread people talk in (under a
 * discussion prompt). Commands declare it, so adapters never branch on a command's name.
 */
export type Follow = 'thread';

interface ReplyBase {
  /** Public replies go to the channel; private ones only to the person who asked. */
  visibility: 'public' | 'private';
  title?: string;
  /** Short notes shown with the answer ("Your query was clipped to 200 characters."). */
  notes: string[];
  actions: Action[];
  /** What the platform opens under the posted answer, as its command declared (CommandSpec.follow). */
  follow?: Follow;
}

export type Reply =
  /** `match`: for a search, how close its best passages came to the question (search/match.ts). */
  | (ReplyBase & { kind: 'passages'; passages: ReplyPassage[]; query?: string; match?: MatchStrength; page?: number; total?: number })
  | (ReplyBase & { kind: 'discussion'; passages: ReplyPassage[]; questions: string[] })
  /** `skipped`: the first few files not served (after the documents); `skippedTotal` counts them all. */
  | (ReplyBase & { kind: 'sources'; sources: SourceSummary[]; skipped: SkippedFile[]; skippedTotal: number })
  | (ReplyBase & { kind: 'help'; commands: CommandHelp[] })
  /** A short confirmation or status, such as a daily subscription's schedule. */
  | (ReplyBase & { kind: 'notice'; lines: string[] })
  | (ReplyBase & { kind: 'error'; code: string; message: string; suggestions: string[] });

export function errorReply(code: string, message: string, suggestions: string[] = []): Reply {
  return { kind: 'error', code, message, suggestions, visibility: 'private', notes: [], actions: [] };
}

/** The heading every platform puts over the files a sources reply lists as not served. */
export const NOT_SERVED = 'Not served';

/**
 * A sources reply's skipped files as plain lines ("scan.pdf: has no text layer"), each kept short,
 * then "and N more": the same words on every platform, which escapes them as it escapes document text.
 */
export function notServedLines(reply: { skipped: SkippedFile[]; skippedTotal: number }): string[] {
  const lines = reply.skipped.map((s) => `${shorten(s.file, 120)}: ${shorten(s.reason, 200)}`);
  const more = reply.skippedTotal - reply.skipped.length;
  if (more > 0) lines.push(`and ${more} more`);
  return lines;
}
