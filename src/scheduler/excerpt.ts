// The reply a daily post carries, for every platform's poster: the channel's excerpt of its local
// date, or a permanent PostError when the passage left the corpus since it was chosen.
import { dailyExcerpt } from '../bot/daily-excerpt.js';
import { isUserError } from '../core/errors.js';
import type { Library } from '../core/library/library.js';
import type { Reply } from '../bot/reply.js';
import type { Subscription } from '../store/types.js';
import { PostError } from './poster.js';
import { localDate } from './time.js';

export function postExcerpt(library: Library, sub: Subscription, passageId: string, now = new Date()): Reply {
  try {
    return dailyExcerpt(library, passageId, localDate(now, sub.timezone));
  } catch (e) {
    if (isUserError(e)) throw new PostError('The passage chosen for today is no longer in the corpus.', { code: 'unknown_passage', permanent: true });
    throw e;
  }
}
