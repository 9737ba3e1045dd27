// The command list and the one entry point every adapter calls: validate raw options with the
// command's zod schema, run it, and turn any failure into a friendly error reply.
import type { CommandContext, CommandSpec, ContinuingAction, Visibility } from '../src/bot/command.js';
import { retypeReply, slashForm } from '../src/bot/command-forms.js';
import { errorMessage, isUserError } from '../src/core/errors.js';
import { log } from '../src/core/log.js';
import { errorReply, type Action, type Reply } from '../src/bot/reply.js';
import { levenshtein } from '../src/core/search/text.js';
import { daily } from './daily.js';
import { discuss } from './discuss.js';
import { help } from './help.js';
import { plan } from './plan.js';
import { quote } from './quote.js';
import { sources } from './sources.js';
import { topic } from './topic.js';
import { spoilerLimit } from './shared.js';
/** Whether options (as a platform hands them, unvalidated) ask to look past the reading plan: autocomplete follows them. */
export { asksAhead } from './shared.js';
import { within } from '../src/core/search/horizon.js';

export const COMMANDS: CommandSpec[] = [quote, topic, daily, discuss, plan, sources, help] as CommandSpec[];

/** The command that lists the others: what a platform runs when a person asks for nothing in particular. */
export const HELP_COMMAND = help.name;

export function findCommand(name: string): CommandSpec | undefined {
  const n = name.replace(/^\//, '').toLowerCase();
  return COMMANDS.find((c) => c.name === n);
}

/** Who will see the answer to `name` with these raw options, before it is computed; unknown commands answer privately. */
export function expectedVisibility(name: string, raw: Record<string, unknown>): Visibility {
  const command = findCommand(name);
  if (!command) return 'private';
  return typeof command.visibility === 'function' ? command.visibility(raw) : command.visibility;
}

export async function runCommand(ctx: CommandContext, name: string, raw: Record<string, unknown>): Promise<Reply> {
  const form = ctx.commandForm ?? slashForm;
  const reply = await runNamed({ ...ctx, commands: COMMANDS }, name, raw, form);
  // What the command declares follows its answer travels with the reply; errors are only answers,
  // and an answer only the asker sees (a look ahead of the reading plan) opens nothing in the channel.
  const follow = findCommand(name)?.follow;
  const followed: Reply = follow && reply.kind !== 'error' && reply.visibility === 'public' ? { ...reply, follow } : reply;
  // Every command this reply names is written as the person types it here.
  return retypeReply(followed, COMMANDS.map((c) => c.name), ctx.commandForm);
}

async function runNamed(ctx: CommandContext, name: string, raw: Record<string, unknown>, form: (name: string) => string): Promise<Reply> {
  const command = findCommand(name);
  if (!command) {
    const closest = [...COMMANDS].sort((a, b) => levenshtein(name, a.name) - levenshtein(name, b.name))[0]!;
    return errorReply('unknown_command', `There is no ${form(name)} command. Did you mean ${form(closest.name)}? Type ${form('help')} for the list.`, [form(closest.name)]);
  }
  // Each option's schema says in one sentence what to type; an option that does not (a new one)
  // still gets a sentence here, never the validator's own wording.
  const parsed = command.schema.safeParse(raw, { error: (issue) => unreadableOption(command, issue.path?.[0]) });
  if (!parsed.success) return errorReply('bad_option', parsed.error.issues[0]!.message);
  return guarded(command.name, () => command.run(ctx, parsed.data));
}

/** The command an action runs again: the one that declares it continues its answers. */
export function continuedCommand(kind: ContinuingAction): string {
  const command = COMMANDS.find((c) => c.continuedBy === kind);
  if (!command) throw new Error(`No command is continued by ${kind}`);
  return command.name;
}

/** Who will see what an action answers, before it runs (a continued answer keeps its mode). */
export function actionVisibility(action: Action): Visibility {
  switch (action.kind) {
    case 'more':
    case 'another':
      return expectedVisibility(continuedCommand(action.kind), action.ahead ? { ahead: true } : {});
    case 'context':
      return 'private';
    case 'share':
      return 'public';
  }
}

/** What a button press (or its typed equivalent in the terminal) does. */
export async function runAction(ctx: CommandContext, action: Action): Promise<Reply> {
  // A continued answer keeps its mode: ahead of the reading plan (privately) or within it.
  const ahead = 'ahead' in action && action.ahead ? { ahead: true } : {};
  switch (action.kind) {
    case 'more':
      return runCommand(ctx, continuedCommand('more'), { query: action.query, source: action.source, page: action.page, ...ahead });
    case 'another':
      return runCommand(ctx, continuedCommand('another'), { query: action.query, source: action.source, seed: action.seed, ...ahead });
    case 'context':
      return guarded('context', async () => {
        const limit = await spoilerLimit(ctx, 'topic', action.ahead);
        const passage = ctx.library.context(action.passageId, limit.reach);
        // Share posts to the channel: not offered for a passage beyond the plan.
        const shareable = within(limit.plan, ctx.library.passage(action.passageId));
        return {
          kind: 'passages',
          visibility: 'private',
          title: 'In context',
          passages: [passage],
          notes: [],
          actions: shareable ? [{ kind: 'share', passageId: action.passageId }] : [],
        };
      });
    case 'share':
      return guarded('share', async () => {
        // Shared to the channel, so always within its plan, whatever the answer it came from.
        const { plan } = await spoilerLimit(ctx, 'topic', false);
        return {
          kind: 'passages',
          visibility: 'public',
          passages: [ctx.library.toReply(ctx.library.passageWithin(action.passageId, plan))],
          notes: ctx.userName ? [`Shared by ${ctx.userName}`] : [],
          actions: [],
        };
      });
  }
}

function unreadableOption(command: CommandSpec, option: PropertyKey | undefined): string {
  const what = typeof option === 'string' ? `that ${option}` : 'those options';
  return `I couldn't use ${what}; try something like ${command.example}.`;
}

async function guarded(name: string, run: () => Reply | Promise<Reply>): Promise<Reply> {
  try {
    return await run();
  } catch (e) {
    if (isUserError(e)) return errorReply(e.code, e.message);
    log.error('command_failed', { command: name, error: errorMessage(e) });
    return errorReply('internal', 'Sorry, something went wrong on my side. Please try again in a moment.');
  }
}
