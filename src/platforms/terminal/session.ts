// A terminal conversation: typed lines -> commands, or follow-ups on what was last shown (see
// follow-ups.ts). It maps words to commands and actions only; all content comes from the core.
import { COMMANDS, continuedCommand, findCommand, HELP_COMMAND, runAction, runCommand } from '../../../commands/index.js';
import type { CommandContext } from '../../bot/command.js';
import type { DailyService } from '../../bot/daily.js';
import type { PlanService } from '../../bot/plan.js';
import type { PromptWriter } from '../../bot/prompt-writer.js';
import { parseInvocation } from '../../bot/invocation.js';
import type { Library } from '../../core/library/library.js';
import { errorReply, type Action, type Reply } from '../../bot/reply.js';
import { levenshtein } from '../../core/search/text.js';
import { FOLLOW_UPS, FollowUps, isFollowUp } from './follow-ups.js';

export class TerminalSession {
  private readonly followUps = new FollowUps();

  private readonly library: () => Library;

  constructor(
    library: Library | (() => Library),
    private readonly opts: {
      channelKey?: string;
      userName?: string;
      random?: () => number;
      now?: () => Date;
      daily?: DailyService;
      plans?: PlanService;
      promptWriter?: PromptWriter;
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
      plans: this.opts.plans,
      promptWriter: this.opts.promptWriter,
      defaultTimezone: this.opts.defaultTimezone,
      mayManage: async () => true,
    };
  }

  /** Handles one typed line; returns the reply to show, or undefined for a blank line. */
  async handle(line: string): Promise<Reply | undefined> {
    const text = line.trim();
    if (!text) return undefined;
    if (!text.startsWith('/')) return this.bare(text);
    const name = text.slice(1).split(/\s+/)[0]!.toLowerCase();
    if (isFollowUp(name) && !findCommand(name)) {
      const action = this.followUps.resolve(name, text.split(/\s+/)[1]);
      if (!isAction(action)) return action;
      return this.followUps.track(name, await runAction(this.context(), action));
    }
    const inv = parseInvocation(text, findCommand);
    return this.followUps.track(inv.name, await runCommand(this.context(), inv.name, inv.options), findCommand(inv.name)?.continuedBy);
  }

  /**
   * A line without a slash. Starting with a command's name it is that command ("quote scaling",
   * "share 2"), said back so the person learns the slash; a near miss is suggested; anything else
   * is pointed at the command whose answers page (/topic), as most such lines are questions.
   */
  private async bare(text: string): Promise<Reply> {
    const first = text.split(/\s+/)[0]!.toLowerCase();
    // A follow-up word only alone or with a number: "more about scaling" is a question.
    if (findCommand(first) || (isFollowUp(first) && /^\S+(\s+\d+)?$/.test(text))) {
      const reply = (await this.handle('/' + text))!;
      return { ...reply, notes: [...reply.notes, `Commands start with a slash; I read that as /${text.slice(0, 60)}.`] };
    }
    const near = first.length >= 3 ? closestName(first) : undefined;
    if (near) return errorReply('not_a_command', `Did you mean /${near}? Commands start with a slash; /help lists them.`, [near]);
    return errorReply('not_a_command', `Commands start with a slash, for example /${continuedCommand('more')} ${text.slice(0, 40)}. Type /${HELP_COMMAND} for the list.`);
  }
}

const isAction = (x: Action | Reply): x is Action => x.kind === 'more' || x.kind === 'another' || x.kind === 'context' || x.kind === 'share';

/** The command or follow-up a typing slip or two away from `word` (not `word` itself), if exactly one is. */
function closestName(word: string): string | undefined {
  const near = [...COMMANDS.map((c) => c.name), ...FOLLOW_UPS].filter((n) => n !== word && levenshtein(word, n) <= (n.length >= 5 ? 2 : 1));
  return near.length === 1 ? near[0] : undefined;
}
