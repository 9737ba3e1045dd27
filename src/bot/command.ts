// How a command is declared once for every platform: its name, help text, options (with a zod
// schema that validates whatever the platform hands us) and a handler that returns a Reply.
import { z } from 'zod';
import type { DailyChannel, DailyService } from './daily.js';
import type { Library } from '../core/library/library.js';
import type { PlanService } from './plan.js';
import type { PromptWriter } from './prompt-writer.js';
import type { Action, Follow, Reply } from './reply.js';

export interface CommandContext {
  library: Library;
  now: Date;
  random: () => number;
  /** Identifies the conversation ("terminal", "discord:<guild>:<channel>"): daily picks are per channel. */
  channelKey: string;
  /** Display name of the person asking, for "shared by". */
  userName?: string;
  /** Platform id of the person asking (who subscribed a channel). */
  userId?: string;
  /** Where the command was typed, for the daily subscription commands. */
  here?: DailyChannel;
  /** Daily subscriptions, where the bot keeps state. */
  daily?: DailyService;
  /** Whether the person may change a channel's subscription (checked by the adapter, per platform). */
  mayManage?: (channelId: string) => Promise<boolean>;
  /**
   * Whether the bot can see and post in a channel: undefined if it can, else why not, so a
   * subscription is refused at once rather than failing at 09:00 tomorrow.
   */
  checkChannel?: (channelId: string) => Promise<string | undefined>;
  /** Reading plans, where the bot keeps state: spoiler limits and /plan. */
  plans?: PlanService;
  /** Discussion questions from a language model, when LLM_BASE_URL is set. */
  promptWriter?: PromptWriter;
  /** DAILY_TIMEZONE: the zone subscriptions default to. */
  defaultTimezone?: string;
  /** How a person types a command here, when not "/name" (Slack: "/reading topic"). */
  commandForm?: (name: string) => string;
  /** Every command the bot answers to, for /help; runCommand fills it in. */
  commands?: readonly CommandSpec[];
}

export type Visibility = 'public' | 'private';

/** Actions that run a command again with more of the same: the next page, another draw. */
export type ContinuingAction = Extract<Action['kind'], 'more' | 'another'>;

export interface OptionSpec {
  name: string;
  description: string;
  type: 'string' | 'integer' | 'boolean' | 'channel';
  required?: boolean;
  /** What adapters can offer as completions for this option. */
  autocomplete?: 'source' | 'query' | 'timezone';
  /** In free text (terminal, Slack) this option takes the words that are not `key:value` pairs. */
  rest?: boolean;
  /** Only for free text: platforms with structured options (Discord) do not show it. */
  hidden?: boolean;
  /** A boolean that free text also sets by its bare name, first or last on the line ("/quote ahead"). */
  flag?: boolean;
}

export interface SubcommandSpec {
  name: string;
  description: string;
  options: OptionSpec[];
}

export interface CommandSpec<S extends z.ZodType = z.ZodType> {
  name: string;
  description: string;
  usage: string;
  example: string;
  options: OptionSpec[];
  /** Commands like /daily group their behaviour under subcommands; the first is the default. */
  subcommands?: SubcommandSpec[];
  /**
   * Who sees a successful answer: the channel or only the person asking. Declared, not read off
   * the reply, because a platform must choose before the answer exists (Discord's "thinking…"
   * is public or private from the start). Errors are always private.
   */
  visibility: Visibility | ((raw: Record<string, unknown>) => Visibility);
  /** What follows a successful answer; runCommand copies it onto the reply for the adapter. */
  follow?: Follow;
  /**
   * The action that continues this command's answers: `more` pages them, `another` draws again.
   * Buttons carry it on the reply; the terminal, where it is typed, remembers the last answer of each.
   */
  continuedBy?: ContinuingAction;
  /** Validates the raw options (plus `subcommand` where there are subcommands). */
  schema: S;
  /** Schema keys only buttons set (the More button's page), never typed nor shown as options. */
  setByActions?: readonly string[];
  run(ctx: CommandContext, input: z.output<S>): Reply | Promise<Reply>;
}

export function defineCommand<S extends z.ZodType>(spec: CommandSpec<S>): CommandSpec<S> {
  return spec;
}

/** The keys a command's schema accepts (its zod object's shape); none for any other schema. */
export function schemaKeys(spec: CommandSpec): string[] {
  return spec.schema instanceof z.ZodObject ? Object.keys(spec.schema.shape) : [];
}

export const MAX_QUERY = 200;

/**
 * Optional free-text option: trimmed, empty becomes undefined; length is handled by clipQuery.
 * `error` is the sentence a value that is not text gets (a number or a list from a JSON client).
 */
export const textOption = (error: string) =>
  z
    .string({ error })
    .optional()
    .transform((s) => (s && s.trim() ? s.trim().replace(/\s+/g, ' ') : undefined));

export const optionalText = textOption('Please give that option as words.');

/** Required free-text query, with a friendly message when it is missing. */
export const requiredText = (what: string) =>
  z
    .string({ error: `Please tell me ${what}.` })
    .transform((s) => s.trim().replace(/\s+/g, ' '))
    .refine((s) => s.length > 0, { message: `Please tell me ${what}.` });

/** Long queries are clipped (and the reply says so) rather than refused. */
export function clipQuery(query: string): { query: string; notes: string[] } {
  if (query.length <= MAX_QUERY) return { query, notes: [] };
  const cut = query.slice(0, MAX_QUERY);
  const atWord = cut.lastIndexOf(' ') > MAX_QUERY * 0.6 ? cut.slice(0, cut.lastIndexOf(' ')) : cut;
  return { query: atWord, notes: [`Your query was ${query.length} characters long, so I used only the first ${MAX_QUERY}.`] };
}
