import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Library } from '../../src/core/library/library.js';
import { LiveLibrary } from '../../src/core/library/live.js';
import { configureLog } from '../../src/core/log.js';

const para = (topic: string) =>
  `${topic} is what this whole document keeps returning to, in long and careful sentences. The authors explain ${topic} with examples from their own work, and they are candid about what went wrong.\n`;

function folder(files: Record<string, string | Buffer>): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'live-'));
  for (const [name, body] of Object.entries(files)) writeFileSync(path.join(dir, name), body);
  return dir;
}

const texts = (l: LiveLibrary) => l.get().corpus.passages.map((p) => p.text).join(' ');

/** A watched live library, and a promise for the first swap whose passages match `re` (no deadline but the test's own). */
function watching(dir: string, useWorker?: boolean) {
  const listeners = new Set<(l: Library) => void>();
  const live = new LiveLibrary(dir, { debounceMs: 50, useWorker, onSwap: (l) => listeners.forEach((f) => f(l)) });
  const swapped = (re: RegExp) =>
    new Promise<void>((resolve) => {
      const f = (l: Library) => {
        if (!re.test(l.corpus.passages.map((p) => p.text).join(' '))) return;
        listeners.delete(f);
        resolve();
      };
      listeners.add(f);
    });
  return { live, swapped };
}

describe.each([
  ['on this thread', false],
  ['in the build worker', true],
])('the live library, building %s', (_, useWorker) => {
  it('says "still loading" before the first load finishes', () => {
    const live = new LiveLibrary(folder({ 'a.txt': para('Checkpointing') }), { useWorker });
    expect(() => live.get()).toThrow(/still loading/);
  });

  it('picks up added, edited and removed files on reload, swapping the whole library', async () => {
    const dir = folder({ 'a.txt': para('Checkpointing'), 'b.txt': para('Batching') });
    const live = new LiveLibrary(dir, { useWorker });
    await live.load();
    const first = live.get();
    writeFileSync(path.join(dir, 'c.txt'), para('Distillation'));
    writeFileSync(path.join(dir, 'a.txt'), para('Sharding'));
    rmSync(path.join(dir, 'b.txt'));
    await live.reload();
    expect(live.get()).not.toBe(first);
    expect(texts(live)).toMatch(/Distillation/);
    expect(texts(live)).toMatch(/Sharding/);
    expect(texts(live)).not.toMatch(/Checkpointing|Batching/);
    // The old library object is untouched, for requests still using it.
    expect(first.corpus.passages.map((p) => p.text).join(' ')).toMatch(/Checkpointing/);
    live.close();
  });

  it('keeps serving a file\'s last good version when it breaks, and everything when the folder breaks', async () => {
    configureLog({ level: 'error', sink: () => undefined });
    const dir = folder({ 'a.txt': para('Checkpointing'), 'b.txt': para('Batching') });
    const live = new LiveLibrary(dir, { useWorker });
    await live.load();
    writeFileSync(path.join(dir, 'a.txt'), Buffer.from([0, 1, 2, 0, 255, 0]));
    await live.reload();
    expect(texts(live)).toMatch(/Checkpointing/);
    rmSync(path.join(dir, 'a.txt'));
    rmSync(path.join(dir, 'b.txt'));
    await live.reload();
    expect(texts(live)).toMatch(/Batching/);
    rmSync(dir, { recursive: true, force: true });
    await live.reload();
    expect(texts(live)).toMatch(/Batching/);
    live.close();
    configureLog({ level: 'info', sink: (l) => process.stderr.write(l + '\n') });
  });

  it('reloads by itself when a file in a subfolder changes', async () => {
    const dir = folder({ 'a.txt': para('Checkpointing') });
    mkdirSync(path.join(dir, 'shelf', 'notes'), { recursive: true });
    writeFileSync(path.join(dir, 'shelf', 'notes', 'b.txt'), para('Batching'));
    const { live, swapped } = watching(dir, useWorker);
    await live.load();
    expect(texts(live)).toMatch(/Batching/);
    live.watch();
    try {
      const reloaded = swapped(/Quantization/);
      writeFileSync(path.join(dir, 'shelf', 'notes', 'b.txt'), para('Quantization'));
      await reloaded;
      expect(texts(live)).toMatch(/Quantization/);
    } finally {
      live.close();
    }
  });

  it('reloads by itself when the folder changes', async () => {
    const dir = folder({ 'a.txt': para('Checkpointing') });
    const { live, swapped } = watching(dir, useWorker);
    await live.load();
    live.watch();
    try {
      const reloaded = swapped(/Quantization/);
      writeFileSync(path.join(dir, 'z.txt'), para('Quantization'));
      await reloaded;
      expect(texts(live)).toMatch(/Quantization/);
    } finally {
      live.close();
    }
  });
});

describe('builds and answers', () => {
  /** A web page saved as one line of about `bytes` characters. */
  const longLine = (bytes: number) => {
    let text = '';
    for (let i = 0; text.length < bytes; i++) text += `${para(`Topic number ${i}`).trim()} `;
    return text.slice(0, bytes);
  };

  it('chat platforms get their first build in the worker, so "still loading" answers are never held up', async () => {
    const live = new LiveLibrary(folder({ 'a.txt': para('Checkpointing') }));
    try {
      expect((await live.load()).thread).toBe('worker');
    } finally {
      live.close();
    }
  });

  it('rebuilds a folder in which a long-line file was dropped off the answering thread', async () => {
    const dir = folder({ 'a.txt': para('Checkpointing') });
    // As in the terminal: a small first build on this thread, for a quick start.
    const live = new LiveLibrary(dir, { inlineFirstBuild: true });
    try {
      expect((await live.load()).thread).toBe('main');
      writeFileSync(path.join(dir, 'saved-page.txt'), longLine(1_000_000));
      // The loop keeps turning while the reload runs: no gap between timer ticks takes up a large
      // share of the reload (a build on this thread would be one gap as long as the build).
      const ticks: number[] = [];
      const started = performance.now();
      const timer = setInterval(() => ticks.push(performance.now()), 10);
      const loaded = await live.reload();
      clearInterval(timer);
      const ended = performance.now();
      const marks = [started, ...ticks, ended];
      const longestGap = Math.max(...marks.slice(1).map((t, i) => t - marks[i]!));
      expect(longestGap).toBeLessThan((ended - started) / 2);
      expect(loaded?.thread).toBe('worker');
      expect(texts(live)).toMatch(/Topic number 1234\b/);
      expect(texts(live)).toMatch(/Checkpointing/);
    } finally {
      live.close();
    }
  });

  it('keeps a broken file\'s last good version when reloads move to the worker after a first build here', async () => {
    configureLog({ level: 'error', sink: () => undefined });
    const dir = folder({ 'a.txt': para('Checkpointing'), 'b.txt': para('Batching') });
    const live = new LiveLibrary(dir, { inlineFirstBuild: true });
    try {
      await live.load();
      writeFileSync(path.join(dir, 'a.txt'), Buffer.from([0, 1, 2, 0, 255, 0]));
      expect((await live.reload())?.thread).toBe('worker');
      expect(texts(live)).toMatch(/Checkpointing/);
    } finally {
      live.close();
      configureLog({ level: 'info', sink: (l) => process.stderr.write(l + '\n') });
    }
  });
});
