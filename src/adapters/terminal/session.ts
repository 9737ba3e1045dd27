// A terminal conversation: typed lines -> commands or follow-ups on the previous reply. It maps
// words to commands and actions only; all content comes from the core.
import { findCommand, runAction, runCommand } from '../../../commands/index.js';
import type { CommandContext } from '../../core/command.js';
import type { DailyService } from '../../core/daily.js';
import { parseInvocation } from '../../core/invocation.js';
import type { Library } from '../../core/library.js';
import { errorReply, type Action, type Reply } from '../../core/reply.js';

const FOLLOW_UPS = new Set(['more', 'another', 'context', 'share']);

export class TerminalSession {
  private last?: Reply;

  private readonly library: () => Library;

  constructor(
    library: Library | (() => Library),
    private readonly opts: {
      channelKey?: string;
      userName?: string;
      random?: () => number;
      now?: () => Date;
      daily?: DailyService;
      defaultTimezone?: string;
    } = {},
  ) {
    this.library = typeof library === 'function' ? library : () => library;
  }

  private context(): CommandContext {
    return {
      library: this.library(),
      now: this.opts.now?.() ?? new Date(),
      random: this.opts.random ?? Math.random,
      channelKey: this.opts.channelKey ?? 'terminal',
      userName: this.opts.userName ?? 'you',
      userId: 'terminal',
      // The terminal is one channel, and whoever sits at it may change its daily posts.
      here: { platform: 'terminal', channelId: 'terminal' },
      daily: this.opts.daily,
      defaultTimezone: this.opts.defaultTimezone,
      mayManage: async () => true,
    };
  }

  /** Handles one typed line; returns the reply to show, or undefined for a blank line. */
  async handle(line: string): Promise<Reply | undefined> {
    const text = line.trim();
    if (!text) return undefined;
    if (!text.startsWith('/')) {
      return errorReply('not_a_command', `Commands start with a slash, for example /topic ${text.slice(0, 40)}. Type /help for the list.`);
    }
    const name = text.slice(1).split(/\s+/)[0]!.toLowerCase();
    const reply = await (FOLLOW_UPS.has(name) && !findCommand(name) ? this.followUp(name, text) : this.command(text));
    if (reply.kind !== 'error') this.last = reply;
    return reply;
  }

  private command(text: string): Promise<Reply> {
    const inv = parseInvocation(text, findCommand);
    return runCommand(this.context(), inv.name, inv.options);
  }

  private async followUp(name: string, text: string): Promise<Reply> {
    const actions = this.last?.actions.filter((a) => a.kind === name) ?? [];
    if (!actions.length) {
      return errorReply('no_action', `There is nothing to /${name} right now. Run /topic or /quote first.`);
    }
    let action: Action = actions[0]!;
    if (name === 'context' || name === 'share') {
      const arg = text.split(/\s+/)[1];
      const passages = this.last && 'passages' in this.last ? this.last.passages : [];
      const n = arg === undefined ? 1 : Number(arg);
      const id = passages[n - 1]?.id;
      const match = actions.find((a) => 'passageId' in a && a.passageId === id);
      if (!Number.isInteger(n) || !match) {
        return errorReply('bad_number', `Give the number of a passage from the last reply, 1 to ${passages.length}: /${name} 2`);
      }
      action = match;
    }
    return runAction(this.context(), action);
  }
}
