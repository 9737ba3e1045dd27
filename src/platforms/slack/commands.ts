// The bot's slash commands as Slack sees them. Slack keeps some names for itself (/topic, /help…)
// and command names are global to a workspace, so the bot answers to one namespaced command
// (`/reading topic …`) and, if wanted, to prefixed ones (`/rg-topic …`). The names are settings;
// the manifest and the replies' "type this" hints are derived from them here, so the three agree.
import { HELP_COMMAND } from '../../../commands/index.js';
import type { CommandSpec, OptionSpec } from '../../bot/command.js';

/** Slack's own commands (and /help), which an app's manifest may not register. */
export const RESERVED_SLACK_COMMANDS: readonly string[] = [
  '/active', '/apps', '/archive', '/away', '/call', '/collapse', '/dm', '/dnd', '/expand', '/feed',
  '/feedback', '/help', '/invite', '/join', '/kick', '/leave', '/me', '/msg', '/mute', '/open',
  '/prefs', '/remind', '/remove', '/rename', '/search', '/shortcuts', '/shrug', '/star', '/status',
  '/topic', '/who',
];

/** Slack's limits for a manifest's slash_commands entries. */
export const SLACK_COMMAND_LIMITS = { command: 32, description: 2000, usageHint: 1000 } as const;

export const DEFAULT_SLACK_COMMAND = '/reading';

export interface SlackCommandSettings {
  /** The namespaced command, e.g. "/reading" (SLACK_COMMAND). */
  command: string;
  /** If set, each command is also registered on its own as /<prefix><name> (SLACK_COMMAND_PREFIX). */
  prefix?: string;
}

/** Why a full command name (with its slash) cannot be registered, or undefined if it can. */
export function commandNameProblem(name: string): string | undefined {
  if (!name.startsWith('/') || name.length < 2) return `"${name}" is not a slash command name`;
  if (name.length > SLACK_COMMAND_LIMITS.command) return `"${name}" is ${name.length} characters long; Slack allows ${SLACK_COMMAND_LIMITS.command}, slash included`;
  if (!/^\/[a-z0-9_-]+$/.test(name)) return `"${name}" may contain only lowercase letters, digits, - and _`;
  if (RESERVED_SLACK_COMMANDS.includes(name)) return `"${name}" is one of Slack's own commands`;
  return undefined;
}

/** "reading", " /Reading " -> "/reading": the leading slash is optional in the setting. */
export function normaliseCommandName(raw: string): string {
  return `/${raw.trim().replace(/^\/+/, '')}`;
}

/** Every problem with a set of names (one line each), for the config check and the generator. */
export function settingsProblems(settings: SlackCommandSettings, commandNames: readonly string[]): { variable: string; message: string }[] {
  const out: { variable: string; message: string }[] = [];
  const main = commandNameProblem(settings.command);
  if (main) out.push({ variable: 'SLACK_COMMAND', message: main });
  if (settings.prefix !== undefined) {
    if (!/^[a-z0-9_-]+$/.test(settings.prefix)) {
      out.push({ variable: 'SLACK_COMMAND_PREFIX', message: `"${settings.prefix}" may contain only lowercase letters, digits, - and _ (for example rg-)` });
    } else {
      const bad = commandNames.map((n) => commandNameProblem(`/${settings.prefix}${n}`)).filter(Boolean);
      if (bad.length) out.push({ variable: 'SLACK_COMMAND_PREFIX', message: `${bad[0]}${bad.length > 1 ? ` (and ${bad.length - 1} more)` : ''}` });
    }
    if (commandNames.some((n) => `/${settings.prefix}${n}` === settings.command)) {
      out.push({ variable: 'SLACK_COMMAND_PREFIX', message: `makes a command named like SLACK_COMMAND (${settings.command}); choose another prefix` });
    }
  }
  return out;
}

export interface SlashCommandEntry {
  command: string;
  description: string;
  usage_hint?: string;
  should_escape: boolean;
}

/** What Slack hands over when someone types one of our commands, resolved to a command of ours. */
export interface Resolved {
  /** The command's name (may be unknown: the first word after the namespaced command). */
  name: string;
  /** The text after it. */
  text: string;
  /** How a person types a command in the form they just used ("/reading topic", "/rg-topic"). */
  form: (name: string) => string;
}

/**
 * A command that takes a #channel needs Slack's escaped form (<#C123|name>) to know which channel
 * was picked, so its Slack command must be registered with should_escape.
 */
const takesChannel = (c: CommandSpec): boolean =>
  [...c.options, ...(c.subcommands ?? []).flatMap((s) => s.options)].some((o: OptionSpec) => o.type === 'channel');

/** A usage line without its leading "/name", as Slack shows it after the command. */
const hintOf = (c: CommandSpec): string => c.usage.replace(new RegExp(`^/${c.name}\\s*`), '').trim();

const clip = (s: string, max: number): string => (s.length <= max ? s : `${s.slice(0, max - 1)}…`);

export class SlackCommands {
  readonly main: string;
  private readonly prefixed = new Map<string, string>();

  constructor(
    readonly settings: SlackCommandSettings,
    private readonly specs: readonly CommandSpec[],
  ) {
    const problems = settingsProblems(settings, specs.map((s) => s.name));
    if (problems.length) throw new Error(`Invalid Slack command names: ${problems.map((p) => `${p.variable}: ${p.message}`).join('; ')}`);
    this.main = settings.command;
    if (settings.prefix !== undefined) for (const s of specs) this.prefixed.set(`/${settings.prefix}${s.name}`, s.name);
  }

  /** How a person types `name` through the namespaced command, which is always registered. */
  readonly mainForm = (name: string): string => `${this.main} ${name}`;

  /** The manifest's slash_commands, checked against Slack's rules (it refuses to make a bad one). */
  entries(): SlashCommandEntry[] {
    const names = this.specs.map((s) => s.name);
    const entries: SlashCommandEntry[] = [
      {
        command: this.main,
        description: clip(`Reading group: ${names.join(', ')}. Try ${this.mainForm(HELP_COMMAND)}.`, SLACK_COMMAND_LIMITS.description),
        usage_hint: clip(`<${names.join(' | ')}> [what to look up]`, SLACK_COMMAND_LIMITS.usageHint),
        should_escape: this.specs.some(takesChannel),
      },
      ...[...this.prefixed].map(([command, name]) => {
        const spec = this.specs.find((s) => s.name === name)!;
        const hint = hintOf(spec);
        return {
          command,
          description: clip(spec.description, SLACK_COMMAND_LIMITS.description),
          ...(hint ? { usage_hint: clip(hint, SLACK_COMMAND_LIMITS.usageHint) } : {}),
          should_escape: takesChannel(spec),
        };
      }),
    ];
    for (const e of entries) {
      const problem = commandNameProblem(e.command);
      if (problem) throw new Error(`Refusing to generate a Slack manifest: ${problem}`);
    }
    return entries;
  }

  /** Every command name Slack may send us. */
  names(): string[] {
    return [this.main, ...this.prefixed.keys()];
  }

  /** Our command for what Slack sent, or undefined if the command is not one of ours. */
  resolve(command: string, text: string): Resolved | undefined {
    const typed = command.toLowerCase();
    if (typed === this.main) {
      const m = /^\s*(\S+)\s*([\s\S]*)$/.exec(text);
      // The namespaced command alone shows what it can do.
      return { name: m ? m[1]!.toLowerCase() : HELP_COMMAND, text: m ? m[2]! : '', form: this.mainForm };
    }
    const name = this.prefixed.get(typed);
    if (name) return { name, text, form: (n) => `/${this.settings.prefix}${n}` };
    return undefined;
  }

  /**
   * The private answer to a slash command that reaches the bot but is not one of its names (an
   * old manifest's /quote, a prefix since changed): which command to type instead.
   */
  unknown(command: string): string {
    const typed = command.toLowerCase().slice(0, 40);
    const meant = this.specs.find((s) => typed === `/${s.name}` || typed.endsWith(`-${s.name}`) || typed.endsWith(`_${s.name}`));
    const instead = meant ? `Type ${this.mainForm(meant.name)} instead, or` : 'Type';
    return `I don't answer to ${typed} here. ${instead} ${this.mainForm(HELP_COMMAND)} to see what I can do.`;
  }

  /** Whether a command keeps Slack's escaped markup (a picked #channel) in its text. */
  keepsMarkup(name: string): boolean {
    const spec = this.specs.find((s) => s.name === name);
    return spec ? takesChannel(spec) : false;
  }
}

/**
 * Slack's escaped markup in typed text (<@U1|ann>, <#C1|general>, <https://x|x>) as the words the
 * person saw, for commands that search rather than pick a channel. Special mentions (<!here>) stay
 * as they are: replies escape them, so they show as text and never ping.
 */
export function plainText(text: string): string {
  return text.replace(/<([@#]?)([^>|!][^>|]*)(?:\|([^>]*))?>/g, (_, _sigil: string, target: string, label?: string) => label || target);
}
