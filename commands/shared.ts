// Pieces several commands share: turning a source name into a document id, and the answer for a
// query that finds nothing.
import type { CommandContext } from '../src/core/command.js';
import { textOption } from '../src/core/command.js';
import { errorReply, type Reply } from '../src/core/reply.js';

/** `source:NAME`, as every command that searches takes it. */
export const sourceOption = textOption('Give the source as a document name from /sources, for example source:NAME.');

export function resolveDocId(ctx: CommandContext, source: string | undefined): string | undefined {
  return source ? ctx.library.resolveSource(source).id : undefined;
}

export function noResults(ctx: CommandContext, query: string, docId?: string): Reply {
  const related = ctx.library.relatedTerms(query);
  const where = docId ? ` in ${ctx.library.doc(docId).title}` : '';
  const hint = related.length ? ` Try one of: ${related.map((r) => `"${r}"`).join(', ')}.` : ' Try fewer or different words.';
  return errorReply('no_results', `I found nothing about "${query}"${where}.${hint}`, related);
}
