// The terminal as main.ts's fallback front end: a prompt in the foreground when no chat platform
// is configured, so the bot (daily posts included) can be tried with nothing set up.
import type { Fallback } from '../platform.js';
import { terminalPoster } from './daily.js';
import { TerminalNotices } from './notices.js';
import { runRepl } from './repl.js';

export const terminal: Fallback<'terminal'> = {
  name: 'terminal',
  open(config) {
    // What a reload skipped is said in plain lines above the prompt; platforms log it.
    const notices = new TerminalNotices();
    return {
      corpusHooks: notices.corpusHooks(),
      poster: ({ library }) => terminalPoster(library, (text) => process.stdout.write(text + '\n')),
      run: ({ library, daily, plans, promptWriter }) => runRepl(library, { daily, plans, promptWriter, defaultTimezone: config.DAILY_TIMEZONE, notices }),
    };
  },
};
