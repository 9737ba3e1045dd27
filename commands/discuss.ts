// /discuss: a passage and open questions for the group, posted for the channel with a thread under it.
import { z } from 'zod';
import { clipQuery, defineCommand, textOption } from '../src/bot/command.js';
import { errorReply } from '../src/bot/reply.js';
import { aheadIsPrivate, aheadOption, aheadSchema, limitNotes, noResults, offShelf, onlyLooselyRelated, resolveDocId, sourceOption, spoilerLimit } from './shared.js';

export const discuss = defineCommand({
  name: 'discuss',
  description: 'A reading-group prompt: a passage and open questions about what it says.',
  usage: '/discuss [topic] [source:NAME]',
  // Looking past the channel's reading plan is for the person asking alone.
  visibility: aheadIsPrivate('public'),
  // The prompt is posted for the channel and people answer under it.
  follow: 'thread',
  example: '/discuss research versus engineering',
  options: [
    { name: 'topic', description: 'What to discuss (leave empty for a surprise)', type: 'string', autocomplete: 'query', rest: true },
    { name: 'source', description: 'Only use this document', type: 'string', autocomplete: 'source' },
    aheadOption,
  ],
  schema: z.object({
    topic: textOption('Give the topic as words, for example /discuss research versus engineering.'),
    source: sourceOption,
    ahead: aheadSchema,
  }),
  async run(ctx, input) {
    const { library } = ctx;
    const docId = resolveDocId(ctx, input.source);
    const limit = await spoilerLimit(ctx, 'discuss', input.ahead, docId);
    let notes: string[] = [];
    let passage;
    if (input.topic) {
      const clipped = clipQuery(input.topic);
      notes = clipped.notes;
      await library.prepare(clipped.query);
      passage = library.discussionPassage(clipped.query, ctx.random, docId, limit.reach);
      if (!passage) return noResults(ctx, clipped.query, docId, undefined, limit);
      // Prompts about something the shelf does not discuss would be prompts about something else.
      const verdict = { match: passage.match ?? 'strong', absent: passage.absent, lacking: passage.lacking, ahead: passage.ahead } as const;
      if (offShelf(verdict)) return noResults(ctx, clipped.query, docId, verdict, limit);
      if (passage.match === 'weak') notes = [onlyLooselyRelated(clipped.query), ...notes];
    } else {
      passage = library.discussionPassage(undefined, ctx.random, docId, limit.reach);
      if (!passage) return errorReply('no_passages', 'There is no passage long enough to discuss in that source.');
    }
    return {
      kind: 'discussion',
      visibility: limit.ahead ? 'private' : 'public',
      title: input.topic ? `Discussion: ${clipQuery(input.topic).query}` : 'Discussion prompt',
      passages: [library.toReply(passage.passage, passage.highlights, passage.leadIn)],
      questions: await library.discussionQuestions(passage.passage),
      notes: [...notes, ...limitNotes(limit)],
      actions: [{ kind: 'context', passageId: passage.passage.id, ...(limit.ahead ? { ahead: true } : {}) }],
    };
  },
});
