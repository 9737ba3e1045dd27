// The interactive front end `npm start` opens when no platform is configured. Reads lines from
// stdin (a TTY or a pipe), answers each, and exits 0 at end of input.
import readline from 'node:readline';
import type { DailyService } from '../../bot/daily.js';
import type { PlanService } from '../../bot/plan.js';
import type { PromptWriter } from '../../bot/prompt-writer.js';
import type { Library } from '../../core/library/library.js';
import type { TerminalNotices } from './notices.js';
import { renderReply, terminalWidth, wrapText } from './render.js';
import { TerminalSession } from './session.js';

export interface ReplOptions {
  daily?: DailyService;
  plans?: PlanService;
  promptWriter?: PromptWriter;
  defaultTimezone?: string;
  /** Corpus problems found while the prompt is up are printed above it. */
  notices?: TerminalNotices;
}

export async function runRepl(library: () => Library, opts: ReplOptions = {}, io = { input: process.stdin, output: process.stdout }): Promise<void> {
  const tty = Boolean((io.input as NodeJS.ReadStream).isTTY && (io.output as NodeJS.WriteStream).isTTY);
  const width = () => terminalWidth(io.output as NodeJS.WriteStream);
  const session = new TerminalSession(library, { daily: opts.daily, plans: opts.plans, promptWriter: opts.promptWriter, defaultTimezone: opts.defaultTimezone });
  const rl = readline.createInterface({ input: io.input, output: tty ? io.output : undefined, terminal: tty, prompt: '> ' });
  const write = (s: string) => io.output.write(s + '\n');

  const { corpus } = library();
  const docs = corpus.documents.length;
  const banner = `Reading-group bot: ${corpus.passages.length} passages from ${docs} document${docs === 1 ? '' : 's'}. Type /help for commands, /exit to leave.`;
  write(wrapText(banner, width()).join('\n'));
  if (tty) rl.prompt();
  if (tty) opts.notices?.attach(rl, io.output);

  for await (const line of rl) {
    const cmd = line.trim().toLowerCase();
    if (cmd === '/exit' || cmd === '/quit') break;
    const reply = await session.handle(line);
    if (reply) write(renderReply(reply, { width: width(), color: tty }) + '\n');
    if (tty) rl.prompt();
  }
  opts.notices?.detach();
  rl.close();
}
