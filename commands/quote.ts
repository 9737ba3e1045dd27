// /quote: one quotable passage, on a subject or at random (the Another button draws again).
import { z } from 'zod';
import { clipQuery, defineCommand, textOption } from '../src/bot/command.js';
import { errorReply } from '../src/bot/reply.js';
import { seededRandom } from '../src/core/search/text.js';
import { aheadIsPrivate, aheadOption, aheadSchema, limitNotes, noResults, offShelf, onlyLooselyRelated, resolveDocId, sourceOption, spoilerLimit } from './shared.js';

const SEED = 'That Another button carried a number I cannot use; run /quote again for a fresh one.';

export const quote = defineCommand({
  name: 'quote',
  description: 'A quotable passage, at random or on a topic, with its source and speaker.',
  usage: '/quote [query] [source:NAME] [ahead:true]',
  // Looking past the channel's reading plan is for the person asking alone.
  visibility: aheadIsPrivate('public'),
  continuedBy: 'another',
  setByActions: ['seed'],
  example: '/quote technical humility',
  options: [
    { name: 'query', description: 'What the quote should be about (leave empty for a random one)', type: 'string', autocomplete: 'query', rest: true },
    { name: 'source', description: 'Only quote from this document', type: 'string', autocomplete: 'source' },
    aheadOption,
  ],
  schema: z.object({
    query: textOption('Give the quote’s subject as words, for example /quote technical humility.'),
    source: sourceOption,
    /** Set by the Another button: which candidate (with a query) or which random draw (without). */
    seed: z.coerce.number({ error: SEED }).int(SEED).nonnegative(SEED).max(Number.MAX_SAFE_INTEGER, SEED).optional(),
    ahead: aheadSchema,
  }),
  async run(ctx, input) {
    const { library } = ctx;
    const docId = resolveDocId(ctx, input.source);
    const limit = await spoilerLimit(ctx, 'quote', input.ahead, docId);
    const visibility = limit.ahead ? 'private' : 'public';
    // Another stays in the answer's mode: ahead and private, or within the plan.
    const mode = limit.ahead ? { ahead: true } : {};
    if (input.query) {
      const { query, notes } = clipQuery(input.query);
      await library.prepare(query);
      const { candidates, ...verdict } = library.quoteCandidates(query, docId, limit.reach);
      if (!candidates.length) return noResults(ctx, query, docId, undefined, limit);
      // A quote is posted to the channel: one about something else would pass for an answer.
      if (offShelf(verdict)) return noResults(ctx, query, docId, verdict, limit);
      const index = (input.seed ?? 0) % candidates.length;
      const hit = candidates[index]!;
      return {
        kind: 'passages',
        visibility,
        query,
        match: verdict.match,
        passages: [library.toReply(hit.passage, hit.highlights, hit.leadIn)],
        notes: [...(verdict.match === 'weak' ? [onlyLooselyRelated(query)] : []), ...notes, ...limitNotes(limit)],
        actions: candidates.length > 1 ? [{ kind: 'another', query, source: docId, seed: index + 1, ...mode }] : [],
      };
    }
    const random = input.seed === undefined ? ctx.random : seededRandom(input.seed);
    const p = library.randomQuote(random, docId, limit.reach);
    if (!p) return errorReply('no_quotes', 'That source has no passage that reads well as a quotation. Try /topic instead.');
    return {
      kind: 'passages',
      visibility,
      passages: [library.toReply(p)],
      notes: limitNotes(limit),
      actions: [{ kind: 'another', source: docId, seed: Math.floor(random() * 1e9), ...mode }],
    };
  },
});
