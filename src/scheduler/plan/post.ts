// A day of a reading plan as a reply: the day's passages in reading order, "Today: Chapter 3,
// part 2 of 4", and a discussion prompt on the day's most substantial passage, with a thread
// under it where the platform has them. The daily post and /daily today in a plan channel share it.
import type { PlanDayInfo } from '../../bot/plan.js';
import type { Reply } from '../../bot/reply.js';
import type { Passage } from '../../core/corpus.js';
import type { Library } from '../../core/library/library.js';
import type { ReadingUnit } from './units.js';

/** The passage a day's prompt is about: the longest that is not a bare question. */
export function mostSubstantial(passages: readonly Passage[]): Passage {
  const answers = passages.filter((p) => !p.asks && !/\?\s*$/.test(p.text));
  return [...(answers.length ? answers : passages)].sort((a, b) => b.text.length - a.text.length)[0]!;
}

export async function planDayReply(library: Library, day: { title: string; unit: ReadingUnit; total: number; next?: PlanDayInfo }): Promise<Reply> {
  const { unit, total } = day;
  const questions = await library.discussionQuestions(mostSubstantial(unit.passages));
  const last = unit.index === total - 1;
  return {
    kind: 'discussion',
    visibility: 'public',
    title: `Today: ${unit.label}`,
    passages: unit.passages.map((p) => library.toReply(p)),
    questions,
    notes: [
      `Reading plan for "${day.title}": day ${unit.index + 1} of ${total}.`,
      last ? `That was the last reading: the group has finished "${day.title}".` : day.next ? `Next: ${day.next.label}, ${day.next.date}.` : '',
    ].filter(Boolean),
    actions: [],
    follow: 'thread',
  };
}
