import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { TerminalNotices } from '../../src/platforms/terminal/notices.js';
import { runRepl } from '../../src/platforms/terminal/repl.js';
import { LiveLibrary } from '../../src/core/library/live.js';
import { configureLog } from '../../src/core/log.js';

const PROSE = 'Checkpointing is what this whole document keeps returning to, in long and careful sentences. The authors explain it with examples.\n';

/** A pretend interactive terminal: what the bot wrote to it so far, and a way to wait for text. */
function fakeTerminal() {
  const input = Object.assign(new PassThrough(), { isTTY: true, setRawMode: () => undefined });
  const output = Object.assign(new PassThrough(), { isTTY: true, columns: 80 });
  let written = '';
  const waiting = new Set<() => void>();
  output.on('data', (d: Buffer) => {
    written += d.toString();
    for (const w of [...waiting]) w();
  });
  const waitFor = (re: RegExp) =>
    new Promise<void>((resolve) => {
      const check = () => {
        if (!re.test(written)) return;
        waiting.delete(check);
        resolve();
      };
      waiting.add(check);
      check();
    });
  return { input, output, written: () => written, waitFor };
}

afterEach(() => configureLog({ level: 'info', sink: (l) => process.stderr.write(l + '\n') }));

describe('corpus problems in the terminal', () => {
  it('show as one plain line above the prompt, keeping what was typed, never as JSON', async () => {
    const logged: string[] = [];
    configureLog({ level: 'warn', sink: (l) => logged.push(l) });
    const dir = mkdtempSync(path.join(os.tmpdir(), 'notices-'));
    writeFileSync(path.join(dir, 'a.txt'), PROSE);
    const before = new PassThrough();
    const notices = new TerminalNotices(before);
    const live = new LiveLibrary(dir, { inlineFirstBuild: true, ...notices.corpusHooks() });
    const term = fakeTerminal();
    try {
      await live.load();
      const io = { input: term.input as unknown as typeof process.stdin, output: term.output as unknown as typeof process.stdout };
      const repl = runRepl(() => live.get(), { notices }, io);
      await term.waitFor(/> /);
      term.input.write('/quo');
      await term.waitFor(/\/quo/);

      mkdirSync(path.join(dir, 'notes'));
      writeFileSync(path.join(dir, 'notes', 'old.txt'), '   \n');
      await live.reload();
      await term.waitFor(/Corpus file notes\/old\.txt: file is empty; skipped\.\n/);
      // The prompt comes back with the half-typed command.
      await term.waitFor(/skipped\.\n[^\n]*> \/quo/);

      // The same problem at the next reload is not repeated.
      writeFileSync(path.join(dir, 'b.txt'), PROSE.replace('Checkpointing', 'Batching'));
      await live.reload();
      expect(term.written().match(/notes\/old\.txt/g)).toHaveLength(1);

      // A reload that fails says so in words.
      rmSync(dir, { recursive: true, force: true });
      await live.reload();
      await term.waitFor(/The corpus could not be reloaded \(.+\); still answering from the previous version\.\n/);

      expect(term.written()).not.toMatch(/\{"time"/);
      expect(logged).toEqual([]);
      term.input.end('\n/exit\n');
      await repl;
    } finally {
      live.close();
    }
  });

  it('go to the fallback stream, in words, before the prompt is up', () => {
    const out = new PassThrough();
    const notices = new TerminalNotices(out);
    notices.warnings([{ file: 'blob.txt', message: 'looks like a binary file (contains NUL bytes), not text; skipped' }]);
    expect(out.read()?.toString()).toBe('Corpus file blob.txt: looks like a binary file (contains NUL bytes), not text; skipped.\n');
  });
});
