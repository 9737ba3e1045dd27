// Pieces several commands share: turning a source name into a document id, and the answer for a
// query that finds nothing or nothing close.
import type { CommandContext } from '../src/bot/command.js';
import type { MatchVerdict } from '../src/core/search/match.js';
import { textOption } from '../src/bot/command.js';
import { errorReply, type Reply } from '../src/bot/reply.js';
import { levenshtein } from '../src/core/search/text.js';

/** `source:NAME`, as every command that searches takes it. */
export const sourceOption = textOption('Give the source as a document name from /sources, for example source:NAME.');

export function resolveDocId(ctx: CommandContext, source: string | undefined): string | undefined {
  return source ? ctx.library.resolveSource(source).id : undefined;
}

/** "a", "b" or "c" */
const orList = (xs: string[]) => {
  const q = xs.map((x) => `"${x}"`);
  return q.length > 1 ? `${q.slice(0, -1).join(', ')} or ${q.at(-1)}` : q[0]!;
};

/**
 * The plain sentence for a question the shelf does not cover: the name it lacks when the question
 * names one ("Nothing in these documents talks about Gemini."), else the question itself.
 */
export function nothingOn(ctx: CommandContext, query: string, verdict: MatchVerdict, docId?: string): string {
  const where = docId ? `“${ctx.library.doc(docId).title}”` : 'these documents';
  const subject = verdict.absent ?? (verdict.lacking ? `“${verdict.lacking}”` : `“${query}”`);
  return `Nothing in ${where} talks about ${subject}.`;
}

/**
 * Whether a command that posts to the channel should post nothing: the shelf has nothing on the
 * question, or the question names a subject no document uses, however loosely the rest matched.
 */
export const offShelf = (verdict: MatchVerdict) => verdict.match === 'none' || verdict.lacking !== undefined;

/** Said under passages that share only some of a question's words. */
export const LOOSELY_RELATED = 'Nothing matches the question closely; these passages share only some of its words.';
/** Said with a quote or prompt posted on a subject that only loosely matches anything. */
export const onlyLooselyRelated = (query: string) => `Only loosely related to “${query}”.`;
/** Said under the closest passages to a question the shelf does not cover. */
export const CLOSEST_ANYWAY = 'These are the closest passages, but they are not about it.';

/**
 * The answer for a query that finds nothing, or (given a verdict of no match) only passages that
 * are not about it: what was not found, then spellings or subjects that do find something.
 */
export async function noResults(ctx: CommandContext, query: string, docId?: string, verdict?: MatchVerdict): Promise<Reply> {
  const help = await ctx.library.noResultHelp(query, docId);
  const where = docId ? ` in ${ctx.library.doc(docId).title}` : '';
  const parts = [verdict ? nothingOn(ctx, query, verdict, docId) : `I found nothing about "${query}"${where}.`];
  if (help.commonOnly && !verdict) parts[0] = `I found nothing about "${query}"${where}: those are all very common words, which searches leave out.`;
  if (help.elsewhere) parts.push('Other sources do have it: search again without source:.');
  // For a name the shelf lacks, only near spellings of it help ("Nadela"), not words like its others.
  const near = (s: string) => (verdict?.absent ?? verdict?.lacking ?? query).toLowerCase().split(/\s+/).some((w) => levenshtein(s.toLowerCase(), w) <= (w.length >= 8 ? 2 : 1));
  const spellings = verdict ? help.spellings.filter(near) : help.spellings;
  if (spellings.length) parts.push(`Did you mean ${orList(spellings)}?`);
  // Subjects the shelf does cover, when no spelling of the question's words is close.
  const topics = help.topics.length || !verdict || spellings.length ? help.topics : (await ctx.library.topics(docId)).slice(0, 5);
  if (topics.length) parts.push(`Try a subject like ${orList(topics)}.`);
  if (parts.length === 1) parts.push('Try fewer or different words.');
  return errorReply(verdict ? 'no_match' : 'no_results', parts.join(' '), [...spellings, ...topics]);
}
