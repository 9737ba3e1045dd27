// Replies name commands the way Discord and the terminal type them ("/topic"). Where a platform
// types them differently (Slack: "/reading topic" or "/rg-topic"), the mentions in the bot's own
// words (errors, notes, notices, help) are rewritten to that form; document text is left alone.
import type { Reply } from './reply.js';

/** How a person types a command where they are; the default is "/name". */
export type CommandForm = (name: string) => string;

export const slashForm: CommandForm = (name) => `/${name}`;

/** `text` with every "/name" of a known command written in `form`. */
export function retype(text: string, names: readonly string[], form: CommandForm): string {
  if (!names.length) return text;
  // Not inside a URL or a path (".../topic"), and not a longer word ("/topics", "/daily-x").
  const re = new RegExp(`(^|[^\\w/.:-])/(${names.join('|')})(?![\\w/-])`, 'g');
  return text.replace(re, (_, before: string, name: string) => `${before}${form(name)}`);
}

/** The reply with its command mentions in `form` (the same reply when the form is "/name"). */
export function retypeReply(reply: Reply, names: readonly string[], form: CommandForm | undefined): Reply {
  if (!form || form === slashForm) return reply;
  const r = (s: string) => retype(s, names, form);
  const base = { ...reply, notes: reply.notes.map(r) };
  switch (base.kind) {
    case 'error':
      return { ...base, message: r(base.message) };
    case 'notice':
      return { ...base, lines: base.lines.map(r) };
    case 'help':
      return { ...base, commands: base.commands.map((c) => ({ ...c, usage: r(c.usage), example: r(c.example) })) };
    default:
      return base;
  }
}
