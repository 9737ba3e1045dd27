// Free text -> a command name and raw options, for platforms where people type a whole line (the
// terminal, Slack). The options are then validated by the command's own zod schema, exactly as
// structured options from Discord are.
import type { CommandSpec, OptionSpec } from './command.js';

export interface Invocation {
  name: string;
  options: Record<string, unknown>;
}

/** Splits on spaces, keeping "quoted words" together (also in key:"two words"). */
export function splitWords(line: string): string[] {
  const words: string[] = [];
  const re = /(?:[^\s"“”]+|"[^"]*"|“[^”]*”)+|["“][^"”]*$/g;
  for (const m of line.matchAll(re)) words.push(m[0].replace(/["“”]/g, ''));
  return words;
}

export function optionsOf(command: CommandSpec, subcommand?: string): OptionSpec[] {
  const sub = command.subcommands?.find((s) => s.name === subcommand);
  return [...command.options, ...(sub?.options ?? [])];
}

/**
 * Parses `/name [subcommand] words key:value --key value`. Unknown `key:` prefixes stay part of the
 * text (a query may contain a colon). `lookup` finds the command for its option list.
 */
export function parseInvocation(line: string, lookup: (name: string) => CommandSpec | undefined): Invocation {
  const words = splitWords(line.trim());
  const name = (words.shift() ?? '').replace(/^\//, '').toLowerCase();
  const command = lookup(name);
  if (!command) return { name, options: {} };

  const options: Record<string, unknown> = {};
  let subcommand: string | undefined;
  if (command.subcommands?.length) {
    const next = words[0]?.toLowerCase();
    const looksLikeOption = !next || /^--|^[a-z][\w-]*:/i.test(next);
    // A word where the subcommand goes is taken as one, so "/daily tomorow" is refused by the
    // schema with the list of subcommands instead of silently showing today's excerpt.
    subcommand = looksLikeOption ? command.subcommands[0]!.name : (words.shift() as string).toLowerCase();
    options.subcommand = subcommand;
  }
  const specs = optionsOf(command, subcommand);
  const known = new Set(specs.map((o) => o.name));
  const rest: string[] = [];
  for (let i = 0; i < words.length; i++) {
    const w = words[i]!;
    const flag = /^--([a-z][\w-]*)(?:=(.*))?$/i.exec(w);
    if (flag && known.has(flag[1]!.toLowerCase())) {
      options[flag[1]!.toLowerCase()] = flag[2] ?? words[++i] ?? '';
      continue;
    }
    const pair = /^([a-z][\w-]*):(.+)$/i.exec(w);
    if (pair && known.has(pair[1]!.toLowerCase())) {
      options[pair[1]!.toLowerCase()] = pair[2];
      continue;
    }
    rest.push(w);
  }
  const restOption = specs.find((o) => o.rest);
  // A flag's bare name first or last on the line sets it ("/quote ahead", "/topic storms ahead"),
  // unless it is all there is where a query is required ("/topic ahead" looks up the word).
  for (const flag of specs.filter((o) => o.flag && options[o.name] === undefined)) {
    const at = [0, rest.length - 1].find((i) => rest[i]?.toLowerCase() === flag.name);
    if (at === undefined || (rest.length === 1 && restOption?.required)) continue;
    rest.splice(at, 1);
    options[flag.name] = true;
  }
  if (rest.length) {
    if (restOption) options[restOption.name] = rest.join(' ');
    else options._extra = rest.join(' ');
  }
  return { name, options };
}
