// /topic: the best passages on a subject, a page at a time (the More button continues it).
import { z } from 'zod';
import { clipQuery, defineCommand, requiredText } from '../src/bot/command.js';
import type { Action } from '../src/bot/reply.js';
import { within } from '../src/core/search/horizon.js';
import { aheadOption, aheadSchema, CLOSEST_ANYWAY, limitNotes, LOOSELY_RELATED, noResults, nothingOn, resolveDocId, sourceOption, spoilerLimit } from './shared.js';

export const TOPIC_PAGE_SIZE = 3;
const PAGE = 'Page must be a whole number from 1 to 1000.';

export const topic = defineCommand({
  name: 'topic',
  description: 'The three best passages on a subject, with source and speaker.',
  usage: '/topic <query> [source:NAME] [ahead:true]',
  visibility: 'private',
  continuedBy: 'more',
  setByActions: ['page'],
  example: '/topic checkpoint design',
  options: [
    { name: 'query', description: 'The subject to look up', type: 'string', required: true, autocomplete: 'query', rest: true },
    { name: 'source', description: 'Only search this document', type: 'string', autocomplete: 'source' },
    aheadOption,
  ],
  schema: z.object({
    query: requiredText('what topic to look up, for example /topic checkpoint design'),
    source: sourceOption,
    /** 1-based page, set by the More button. */
    page: z.coerce.number({ error: PAGE }).int(PAGE).min(1, PAGE).max(1000, PAGE).default(1),
    ahead: aheadSchema,
  }),
  async run(ctx, input) {
    const { library } = ctx;
    const docId = resolveDocId(ctx, input.source);
    const limit = await spoilerLimit(ctx, 'topic', input.ahead, docId);
    // More and Context stay in the answer's mode: ahead, or within the plan.
    const mode = limit.ahead ? { ahead: true } : {};
    const { query, notes } = clipQuery(input.query);
    const offset = (input.page - 1) * TOPIC_PAGE_SIZE;
    const { hits, total, ...verdict } = await library.searchAsync(query, { docId, offset, limit: TOPIC_PAGE_SIZE, reach: limit.reach });
    if (!hits.length) {
      if (input.page > 1 && total > 0) {
        return { kind: 'passages', visibility: 'private', query, match: verdict.match, page: input.page, total, passages: [], notes: ['That was everything on this topic.', ...limitNotes(limit)], actions: [] };
      }
      return noResults(ctx, query, docId, undefined, limit);
    }
    const actions: Action[] = hits.map((h) => ({ kind: 'context', passageId: h.passage.id, ...mode }));
    if (offset + hits.length < total) actions.unshift({ kind: 'more', query, source: docId, page: input.page + 1, ...mode });
    // Share posts to the channel, so a passage beyond its plan is never offered for it.
    const shareable = hits.filter((h) => within(limit.plan, h.passage));
    actions.push(...shareable.map((h): Action => ({ kind: 'share', passageId: h.passage.id })));
    // Said before the passages, so nobody takes loosely related text for an answer.
    const label = verdict.match === 'strong' ? [] : [verdict.match === 'weak' ? LOOSELY_RELATED : CLOSEST_ANYWAY];
    // Named back, so a reader sees which part of the question the documents do not cover (or not yet).
    if (verdict.match === 'weak' && (verdict.lacking || verdict.ahead)) label.unshift(nothingOn(ctx, query, verdict, docId, limit));
    return {
      kind: 'passages',
      visibility: 'private',
      title: verdict.match === 'strong' ? `On “${query}”` : verdict.match === 'weak' ? `Loosely related to “${query}”` : nothingOn(ctx, query, verdict, docId, limit),
      query,
      match: verdict.match,
      page: input.page,
      total,
      passages: hits.map((h) => library.toReply(h.passage, h.highlights, h.leadIn)),
      notes: [...label, ...notes, ...limitNotes(limit)],
      actions,
    };
  },
});
