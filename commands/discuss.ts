// /discuss: a passage worth arguing about and open questions on what it does, with a second passage
// that takes another line when the shelf has one; posted for the channel with a thread under it.
import { z } from 'zod';
import { clipQuery, defineCommand, textOption, type CommandContext } from '../src/bot/command.js';
import { errorReply, type Reply } from '../src/bot/reply.js';
import type { Passage } from '../src/core/corpus.js';
import { log } from '../src/core/log.js';
import { within } from '../src/core/search/horizon.js';
import { aheadIsPrivate, aheadOption, aheadSchema, limitNotes, noResults, offShelf, onlyLooselyRelated, resolveDocId, sourceOption, spoilerLimit } from './shared.js';

/**
 * Logged when a prompt writer's answer passes its own checks but is still no list of questions;
 * the writer logs its own failures, so those are not logged twice.
 */
export const PROMPT_WRITER_FAILED = 'prompt_writer_failed';

// What a prompt writer hands back is outside input like any other: checked before it is shown.
const Written = z.object({
  questions: z.array(z.string().trim().min(1).max(600)).min(1).max(5),
  model: z.string().trim().min(1).max(100),
});

/** The first sentence of why the writer failed, short enough for a note. */
function shortReason(e: unknown): string {
  const message = (e instanceof Error ? e.message : String(e)).replace(/\s+/g, ' ').trim() || 'the writer gave no reason';
  const first = message.split(/(?<=[.!?])\s/)[0]!.replace(/[.!?]+$/, '');
  return first.length > 160 ? `${first.slice(0, 159)}…` : first;
}

/**
 * Questions from the configured prompt writer, with the note saying which made them: the model's
 * when it answers well, otherwise none (the offline ones are used) and the reason.
 */
async function writtenQuestions(ctx: CommandContext, p: Passage, allowed: (n: Passage) => boolean): Promise<{ questions?: string[]; note: string }> {
  const doc = ctx.library.doc(p.docId);
  // The model sees no more than the channel has reached: the next passage may be past its reading plan.
  const neighbours = [p.prevId, p.nextId].flatMap((id) => {
    const n = id ? ctx.library.corpus.byId.get(id) : undefined;
    return n && allowed(n) ? [n.text] : [];
  });
  const offline = (e: unknown) => {
    const reason = shortReason(e);
    return { note: `Questions written offline: ${reason}${reason.endsWith('…') ? '' : '.'}` };
  };
  let written;
  try {
    written = await ctx.promptWriter!.write({
      passage: { text: p.text, title: doc.title, ...(p.speaker ? { speaker: p.speaker } : {}), ...(p.section ? { section: p.section } : {}) },
      neighbours,
    });
  } catch (e) {
    return offline(e);
  }
  const answer = Written.safeParse(written);
  if (!answer.success) {
    log.warn(PROMPT_WRITER_FAILED, { passage: p.id });
    return offline(new Error('the writer’s answer was not a list of questions'));
  }
  return { questions: answer.data.questions, note: `Questions by ${answer.data.model}.` };
}

/** A topic whose passages make no point a group could argue about: said kindly, nothing posted. */
function nothingToDiscuss(query: string): Reply {
  return errorReply(
    'nothing_to_discuss',
    `The passages on “${query}” are mostly notes, questions or stories without a point, so they would make a poor prompt. Try a broader topic, or /discuss with no topic for a passage worth arguing about.`,
    ['/discuss'],
  );
}

export const discuss = defineCommand({
  name: 'discuss',
  description: 'A reading-group prompt: a passage and open questions about what it says.',
  usage: '/discuss [topic] [source:NAME] [ahead:true]',
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
      if (passage.worthy === false) return nothingToDiscuss(clipped.query);
      if (passage.match === 'weak') notes = [onlyLooselyRelated(clipped.query), ...notes];
    } else {
      passage = library.discussionPassage(undefined, ctx.random, docId, limit.reach);
      if (!passage) return errorReply('no_passages', 'There is no passage in that source that makes a point a group could argue about. Try another source, or /discuss with a topic.');
    }
    const p = passage.passage;
    // The compared passage keeps to the channel's reading plan too.
    const reached = (c: Passage) => within(limit.reach, c);
    const offline = await library.discussionPrompt(p, ctx.random, { allowed: reached });
    const written = ctx.promptWriter ? await writtenQuestions(ctx, p, reached) : undefined;
    // A model's questions do not quote the compared passage, so it is served only beside offline ones.
    const compared = written?.questions ? undefined : offline.comparison;
    return {
      kind: 'discussion',
      visibility: limit.ahead ? 'private' : 'public',
      title: input.topic ? `Discussion: ${clipQuery(input.topic).query}` : 'Discussion prompt',
      passages: [library.toReply(p, passage.highlights, passage.leadIn), ...(compared ? [{ ...library.toReply(compared.passage), compared: true }] : [])],
      questions: written?.questions ?? offline.questions,
      notes: [...notes, ...limitNotes(limit), ...(written ? [written.note] : [])],
      actions: [{ kind: 'context', passageId: p.id, ...(limit.ahead ? { ahead: true } : {}) }],
    };
  },
});
