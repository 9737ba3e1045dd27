// Pieces several commands share: turning a source name into a document id, and the answer for a
// query that finds nothing.
import type { CommandContext } from '../src/bot/command.js';
import { textOption } from '../src/bot/command.js';
import { errorReply, type Reply } from '../src/bot/reply.js';

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

export async function noResults(ctx: CommandContext, query: string, docId?: string): Promise<Reply> {
  const help = await ctx.library.noResultHelp(query, docId);
  const where = docId ? ` in ${ctx.library.doc(docId).title}` : '';
  const parts = [`I found nothing about "${query}"${where}.`];
  if (help.commonOnly) parts[0] = `I found nothing about "${query}"${where}: those are all very common words, which searches leave out.`;
  if (help.elsewhere) parts.push('Other sources do have it: search again without source:.');
  if (help.spellings.length) parts.push(`Did you mean ${orList(help.spellings)}?`);
  if (help.topics.length) parts.push(`Try a subject like ${orList(help.topics)}.`);
  if (parts.length === 1) parts.push('Try fewer or different words.');
  return errorReply('no_results', parts.join(' '), [...help.spellings, ...help.topics]);
}
