// Pieces several commands share: turning a source name into a document id, the answer for a
// query that finds nothing or nothing close, the reading plan's spoiler limit, and who may change a channel.
import { z } from 'zod';
import type { CommandContext, OptionSpec, Visibility } from '../src/bot/command.js';
import type { DailyChannel } from '../src/bot/daily.js';
import type { Reach } from '../src/bot/plan.js';
import type { MatchVerdict } from '../src/core/search/match.js';
import { textOption } from '../src/bot/command.js';
import { errorReply, type Reply } from '../src/bot/reply.js';
import { levenshtein } from '../src/core/search/text.js';

/** `source:NAME`, as every command that searches takes it. */
export const sourceOption = textOption('Give the source as a document name from /sources, for example source:NAME.');

export function resolveDocId(ctx: CommandContext, source: string | undefined): string | undefined {
  return source ? ctx.library.resolveSource(source).id : undefined;
}

/** `ahead:true`, on the commands a reading plan limits: look past the plan, in an answer only for you. */
export const aheadOption: OptionSpec = {
  name: 'ahead',
  description: 'Look further than this channel’s reading plan has reached (only you see the answer)',
  type: 'boolean',
  flag: true,
};

const AHEAD = 'Say ahead:true to look further than the reading plan, or leave it out.';
export const aheadSchema = z
  .union([z.boolean(), z.string().trim().toLowerCase().pipe(z.enum(['true', 'false', 'yes', 'no'])).transform((s) => s === 'true' || s === 'yes')], { error: AHEAD })
  .optional();

/** Whether raw options (from any platform, before validation) ask to look ahead. */
export const asksAhead = (raw: Record<string, unknown>): boolean => raw.ahead === true || (typeof raw.ahead === 'string' && /^\s*(true|yes)\s*$/i.test(raw.ahead));

/** Who sees an answer of a command the channel normally sees: looking ahead is only for the person asking. */
export const aheadIsPrivate =
  (usual: Visibility) =>
  (raw: Record<string, unknown>): Visibility =>
    asksAhead(raw) ? 'private' : usual;

/** The spoiler limit on one answer: what it may show, and what the reply says about it. */
export interface SpoilerLimit {
  /** Passed to the library: what the answer may show (undefined: everything). */
  reach?: Reach;
  /** The channel's plan, also when `ahead` lifts it (Share still keeps to it). */
  plan?: Reach;
  ahead: boolean;
  /** The note the answer carries, if the plan bears on it. */
  note?: string;
  /** How to look ahead with this command, for sentences that offer it ("/topic Moriarty ahead:true"). */
  lookAhead: (query?: string) => string;
}

/**
 * How far the channel's reading plan lets `command` look: read from the plan service when the
 * command was typed in a channel. A plan on another document than `docId` limits nothing here.
 */
export async function spoilerLimit(ctx: CommandContext, command: string, ahead: boolean | undefined, docId?: string): Promise<SpoilerLimit> {
  const found = ctx.here && ctx.plans ? await ctx.plans.reach(ctx.here, ctx.now) : undefined;
  const plan = found && ctx.library.corpus.docById.has(found.docId) && (!docId || docId === found.docId) ? found : undefined;
  const lookAhead = (query?: string) => `/${command}${query ? ` ${query}` : ''} ahead:true`;
  if (!plan) return { ahead: Boolean(ahead), lookAhead };
  if (ahead) return { plan, ahead: true, note: `Looking past this channel’s reading plan (up to ${plan.label}): only you see this.`, lookAhead };
  return { reach: plan, plan, ahead: false, note: `Only up to ${plan.label} — this channel’s reading plan. ${lookAhead()} looks further, just for you.`, lookAhead };
}

/** The limit's note, for an answer's notes. */
export const limitNotes = (limit: SpoilerLimit | undefined): string[] => (limit?.note ? [limit.note] : []);

/** Said for a subject the group has not reached: it is further on, not missing, and how to look. */
function furtherOn(subject: string, limit: SpoilerLimit | undefined, query: string): string {
  const upTo = limit?.plan ? ` (up to ${limit.plan.label})` : '';
  const how = limit ? ` ${limit.lookAhead(query)} looks there, just for you.` : '';
  return `${subject} comes further on than this channel has read${upTo}.${how}`;
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
export function nothingOn(ctx: CommandContext, query: string, verdict: MatchVerdict, docId?: string, limit?: SpoilerLimit): string {
  if (verdict.ahead) return furtherOn(`“${verdict.ahead}”`, limit, query);
  const where = docId ? `“${ctx.library.doc(docId).title}”` : 'these documents';
  const subject = verdict.absent ?? (verdict.lacking ? `“${verdict.lacking}”` : `“${query}”`);
  return `Nothing in ${where} talks about ${subject}.`;
}

/**
 * Whether a command that posts to the channel should post nothing: the shelf has nothing on the
 * question, or the question names a subject no document uses, however loosely the rest matched.
 */
export const offShelf = (verdict: MatchVerdict) => verdict.match === 'none' || verdict.lacking !== undefined || verdict.ahead !== undefined;

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
export async function noResults(ctx: CommandContext, query: string, docId?: string, verdict?: MatchVerdict, limit?: SpoilerLimit): Promise<Reply> {
  const reach = limit?.reach;
  const help = await ctx.library.noResultHelp(query, docId, reach);
  const where = docId ? ` in ${ctx.library.doc(docId).title}` : '';
  const parts = [verdict ? nothingOn(ctx, query, verdict, docId, limit) : `I found nothing about "${query}"${where}.`];
  if (help.commonOnly && !verdict) parts[0] = `I found nothing about "${query}"${where}: those are all very common words, which searches leave out.`;
  // Found beyond the plan only: the group has not got there yet, which is no reason to say it is missing.
  if (help.ahead && !verdict?.ahead) parts[0] = furtherOn(`“${query}”`, limit, query);
  if (help.elsewhere) parts.push('Other sources do have it: search again without source:.');
  // For a name the shelf lacks, only near spellings of it help ("Nadela"), not words like its others.
  const near = (s: string) => (verdict?.absent ?? verdict?.lacking ?? query).toLowerCase().split(/\s+/).some((w) => levenshtein(s.toLowerCase(), w) <= (w.length >= 8 ? 2 : 1));
  const spellings = verdict ? help.spellings.filter(near) : help.spellings;
  if (spellings.length) parts.push(`Did you mean ${orList(spellings)}?`);
  // Subjects the shelf does cover, when no spelling of the question's words is close.
  const topics = help.topics.length || !verdict || spellings.length ? help.topics : (await ctx.library.topics(docId, reach)).slice(0, 5);
  if (topics.length) parts.push(`Try a subject like ${orList(topics)}.`);
  if (parts.length === 1 && !help.ahead && !verdict?.ahead) parts.push('Try fewer or different words.');
  return errorReply(verdict ? 'no_match' : 'no_results', parts.join(' '), [...spellings, ...topics]);
}

/**
 * The answer for someone who may not change a channel's daily posts or reading plan, in the terms
 * of the platform's own permissions; undefined when they may (or the front end has no such check).
 */
export async function refusedChange(ctx: CommandContext, channel: DailyChannel, what: { its: string; plain: string; instead: string }): Promise<Reply | undefined> {
  if (!ctx.mayManage || (await ctx.mayManage(channel.channelId))) return undefined;
  return errorReply(
    'not_allowed',
    channel.platform === 'discord'
      ? `Only people who can manage this channel (the Manage Channels permission) can change ${what.its}. ${what.instead}`
      : `Only workspace admins and owners (or the bot admins configured in ADMIN_USER_IDS) can change ${what.plain}. ${what.instead}`,
  );
}
