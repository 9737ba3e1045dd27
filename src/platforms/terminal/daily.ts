// Daily posts in the terminal: the excerpt is printed where the person is typing, so subscriptions
// can be tried with no chat platform at all.
import type { Reply } from '../../bot/reply.js';
import type { Library } from '../../core/library/library.js';
import { postExcerpt } from '../../scheduler/excerpt.js';
import type { Poster } from '../../scheduler/poster.js';
import type { Subscription } from '../../store/types.js';
import { renderReply, terminalWidth } from './render.js';

export function terminalPoster(
  library: () => Library,
  write: (text: string) => void,
  clock: () => Date = () => new Date(),
  width = () => terminalWidth(process.stdout),
): Poster {
  let n = 0;
  return {
    async post(sub: Subscription, passageId: string, _nonce?: string, _date?: string, planned?: Reply) {
      const reply = planned ?? postExcerpt(library(), sub, passageId, clock());
      write('\n' + renderReply(reply, { width: width(), color: Boolean(process.stdout.isTTY) }) + '\n');
      return { messageId: `terminal-${Date.now()}-${++n}` };
    },
  };
}
