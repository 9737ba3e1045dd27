// What a typed follow-up refers to. On Discord and Slack each button sits on its reply and knows
// its passage; typed words can only mean "the last one": /context N and /share N the numbered
// passages of the last reply that listed passages, /more the last /topic results and /another the
// last /quote. Each is kept until a newer one of its own kind replaces it, so reading a passage in
// context or sharing it does not make /more forget the results it came from.
import { continuedCommand } from '../../../commands/index.js';
import type { ContinuingAction } from '../../bot/command.js';
import { errorReply, type Action, type Reply, type ReplyPassage } from '../../bot/reply.js';

export const FOLLOW_UPS = ['more', 'another', 'context', 'share'] as const;
export type FollowUp = (typeof FOLLOW_UPS)[number];

export const isFollowUp = (name: string): name is FollowUp => (FOLLOW_UPS as readonly string[]).includes(name);

type MoreAction = Extract<Action, { kind: 'more' }>;
type AnotherAction = Extract<Action, { kind: 'another' }>;


export class FollowUps {
  /** The numbered passages of the last list shown. */
  private list: ReplyPassage[] = [];
  /** The passage last read with /context: what a bare /share means. */
  private focus?: string;
  /** The last list looked past the reading plan: /context on it does too. */
  private ahead = false;
  /** The last paged results (their next page, if any) and the last draw (its re-roll, if any). */
  private more?: { next?: MoreAction; query?: string };
  private another?: { next?: AnotherAction; query?: string };

  /**
   * Remembers what a reply, produced by `from` (a command or follow-up name), lets the person do
   * next, and returns it with the actions that can be typed after it, for the hints shown.
   * `continuedBy` is what the command declares continues its answers (/more after /topic).
   */
  track(from: string, reply: Reply, continuedBy?: ContinuingAction): Reply {
    if (reply.kind === 'error') return reply;
    const kind = continuedBy ?? (from === 'more' || from === 'another' ? from : undefined);
    if (kind === 'more') this.more = { next: reply.actions.find((a): a is MoreAction => a.kind === 'more'), query: queryOf(reply) };
    if (kind === 'another') this.another = { next: reply.actions.find((a): a is AnotherAction => a.kind === 'another'), query: queryOf(reply) };
    const shown = reply.kind === 'passages' || reply.kind === 'discussion' ? reply.passages : [];
    if (from === 'context') {
      this.focus = shown[0]?.id;
      return reply;
    }
    if (from === 'share' || !shown.length) return reply;
    this.list = shown;
    this.focus = undefined;
    this.ahead = reply.actions.some((a) => 'ahead' in a && a.ahead);
    // Every listed passage can be read in context, and shared when the list was private.
    const typed: Action[] = reply.actions.filter((a) => a.kind === 'more' || a.kind === 'another');
    for (const p of shown) typed.push(this.action('context', p.id));
    // A list that looked past the reading plan offers Share only where its reply does (what the channel has reached).
    const shareable = (id: string) => !this.ahead || reply.actions.some((a) => a.kind === 'share' && a.passageId === id);
    if (reply.visibility === 'private') for (const p of shown) if (shareable(p.id)) typed.push({ kind: 'share', passageId: p.id });
    return { ...reply, actions: typed };
  }

  /** The action a typed follow-up stands for, or an error reply saying what is missing. */
  resolve(name: FollowUp, arg: string | undefined): Action | Reply {
    const [paged, drawn] = [continuedCommand('more'), continuedCommand('another')];
    const nothing = () => errorReply('no_action', `There is nothing to /${name} right now. Run /${paged} or /${drawn} first.`);
    if (name === 'more' || name === 'another') {
      const last = name === 'more' ? this.more : this.another;
      if (!last) return nothing();
      if (last.next) return last.next;
      const about = last.query ? ` on “${last.query}”` : '';
      return name === 'more'
        ? errorReply('no_more', `That was every result${about}. Try /${paged} with other words.`)
        : errorReply('no_another', `That was the only quote${about}. Try /${drawn} with other words, or /${drawn} alone for a random one.`);
    }
    if (!this.list.length) return nothing();
    const n = this.list.length;
    if (arg === undefined) {
      if (this.focus) return this.action(name, this.focus);
      if (n === 1) return this.action(name, this.list[0]!.id);
      return errorReply('bad_number', `Which one? Give its number from the last list, 1 to ${n}: /${name} 2`);
    }
    const i = /^\d{1,3}$/.test(arg) ? Number(arg) : NaN;
    if (!(i >= 1 && i <= n)) {
      return errorReply('bad_number', n === 1 ? `The last reply showed one passage: /${name} 1` : `Give the number of a passage from the last list, 1 to ${n}: /${name} 2`);
    }
    return this.action(name, this.list[i - 1]!.id);
  }

  /** Context in the last list's mode (ahead of the reading plan or not); Share always keeps to the plan. */
  private action(name: 'context' | 'share', passageId: string): Action {
    return name === 'context' && this.ahead ? { kind: 'context', passageId, ahead: true } : { kind: name, passageId };
  }
}

const queryOf = (reply: Reply): string | undefined => (reply.kind === 'passages' ? reply.query : undefined);
