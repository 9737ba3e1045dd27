// The reply for a channel's excerpt of a date, shared by /daily today and the daily posts: it sits
// below both, so a scheduled post never imports a command.
import type { Library } from '../core/library/library.js';
import type { Reply } from './reply.js';

/** The reply for a channel's excerpt of a date: what /daily today shows and what daily posts post. */
export function dailyExcerpt(library: Library, passageId: string, date: string): Reply {
  const p = library.passage(passageId);
  return {
    kind: 'passages',
    visibility: 'public',
    title: `Excerpt of the day, ${date}`,
    passages: [library.toReply(p)],
    notes: [],
    actions: [{ kind: 'context', passageId: p.id }],
  };
}
