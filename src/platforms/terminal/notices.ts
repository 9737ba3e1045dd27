// What the terminal says about the corpus between answers: a reload that skipped a file or
// failed is one plain line, printed above the prompt without losing what is being typed. Raw JSON
// log lines over the prompt were unreadable; chat platforms keep the structured log instead.
import type readline from 'node:readline';
import { CORPUS_FILE_SKIPPED, CORPUS_FILE_WARNING } from '../../core/ingest/warnings.js';
import { log } from '../../core/log.js';
import { stripControls } from '../../core/untrusted.js';
import type { IngestWarning } from '../../core/corpus.js';

export class TerminalNotices {
  private rl?: readline.Interface;
  private output?: NodeJS.WritableStream;
  /** Problems shown after the last load: a reload repeats only what is new. */
  private shown = new Set<string>();

  /** Before a prompt is up (and for piped input), notices go to `fallback`. */
  constructor(private readonly fallback: NodeJS.WritableStream = process.stderr) {}

  /** Notices now go above this prompt (an interactive terminal), until detached. */
  attach(rl: readline.Interface, output: NodeJS.WritableStream): void {
    this.rl = rl;
    this.output = output;
  }

  detach(): void {
    this.rl = undefined;
    this.output = undefined;
  }

  show(line: string): void {
    if (!this.rl || !this.output) {
      this.fallback.write(line + '\n');
      return;
    }
    // Clear the prompt line, print, then redraw the prompt with what was typed so far.
    this.output.write(`\r\x1b[K${line}\n`);
    this.rl.prompt(true);
  }

  /** One line per corpus problem not already shown after the previous load. */
  warnings(warnings: IngestWarning[]): void {
    const lines = warnings.map(describeWarning);
    const fresh = lines.filter((l) => !this.shown.has(l));
    this.shown = new Set(lines);
    for (const l of fresh) this.show(l);
  }

  /** LiveLibrary hooks for the terminal: plain lines here, the structured log only at info level. */
  corpusHooks() {
    return {
      onSwap: (_: unknown, warnings: IngestWarning[]) => {
        for (const w of warnings) log.info(w.skipped ? CORPUS_FILE_SKIPPED : CORPUS_FILE_WARNING, { file: w.file, reason: w.message });
        this.warnings(warnings);
      },
      onReloadFailed: (message: string) => this.show(`The corpus could not be reloaded (${message}); still answering from the previous version.`),
    };
  }
}

/** "notes/old.txt: file is empty; skipped." File names and reasons never carry terminal codes through. */
export const describeWarning = (w: IngestWarning): string => stripControls(`Corpus file ${w.file}: ${w.message.replace(/[.\s]+$/, '')}.`);
