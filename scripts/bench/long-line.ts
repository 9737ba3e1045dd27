// The long-line scenario of `npm run bench`: build time of a corpus that is one document with no
// line breaks (text saved from the web, unpunctuated transcripts), at a few sizes. Build time
// must grow in proportion to the line's length: 800 KB over 100 KB should be about 8, not 64
// (Intl.Segmenter alone is quadratic on one long string). Each build runs in a fresh process, so
// the sizes built later do not profit from a warmed-up JIT.
//
//   tsx scripts/bench/long-line.ts --dir FOLDER   (one build; prints {"ms": N} on stdout)
import { spawn } from 'node:child_process';
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { buildState } from '../../src/core/library/build.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const SELF = fileURLToPath(import.meta.url);

export interface LongLineBuild {
  variant: 'prose' | 'unpunctuated';
  kb: number;
  ms: number;
  passages: number;
}

export interface LongLineResult {
  builds: LongLineBuild[];
  /** Per variant: build time of the longest line over the shortest, and the same for lengths. */
  ratios: { variant: string; time: number; length: number }[];
}

/** The bundled corpus run together into one line, repeated up to `bytes`. */
async function oneLine(bytes: number, variant: LongLineBuild['variant']): Promise<string> {
  const dir = path.join(ROOT, 'data/corpus');
  const texts = await Promise.all((await readdir(dir)).filter((f) => /\.(txt|md)$/.test(f)).sort().map((f) => readFile(path.join(dir, f), 'utf8')));
  let line = texts.join(' ').replace(/\s+/g, ' ');
  if (variant === 'unpunctuated') line = line.replace(/[.!?;:,]/g, '');
  while (line.length < bytes) line += ' ' + line;
  return line.slice(0, bytes);
}

function buildInChild(dir: string): Promise<{ ms: number; passages: number }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', SELF, '--dir', dir], { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      const line = out.trim().split('\n').pop();
      if (code !== 0 || !line) return reject(new Error(`long-line build exited with code ${code}`));
      resolve(JSON.parse(line) as { ms: number; passages: number });
    });
  });
}

export async function runLongLineScenario(opts: { sizesKB: number[]; workDir: string; log: (msg: string) => void }): Promise<LongLineResult> {
  const builds: LongLineBuild[] = [];
  for (const variant of ['prose', 'unpunctuated'] as const) {
    for (const kb of opts.sizesKB) {
      const dir = path.join(opts.workDir, `long-line-${variant}-${kb}kb`);
      await mkdir(dir, { recursive: true });
      await writeFile(path.join(dir, 'one-line.txt'), await oneLine(kb * 1000, variant));
      const { ms, passages } = await buildInChild(dir);
      opts.log(`long line, ${variant}, ${kb} KB: ${ms} ms, ${passages} passages`);
      builds.push({ variant, kb, ms, passages });
    }
  }
  const ratios = (['prose', 'unpunctuated'] as const).map((variant) => {
    const own = builds.filter((b) => b.variant === variant).sort((a, b) => a.kb - b.kb);
    const first = own[0]!;
    const last = own[own.length - 1]!;
    return { variant, time: Math.round((last.ms / Math.max(1, first.ms)) * 10) / 10, length: last.kb / first.kb };
  });
  return { builds, ratios };
}

export function formatLongLineTable(r: LongLineResult): string {
  const sizes = [...new Set(r.builds.map((b) => b.kb))].sort((a, b) => a - b);
  const rows = r.ratios.map(({ variant, time, length }) => {
    const cells = sizes.map((kb) => {
      const b = r.builds.find((x) => x.variant === variant && x.kb === kb);
      return b ? `${(b.ms / 1000).toFixed(2)} s` : '-';
    });
    return `| ${variant} | ${cells.join(' | ')} | ${time} (length ${length}x; linear ≈ ${length}, quadratic ≈ ${length * length}) |`;
  });
  return [
    '| one line with no breaks | ' + sizes.map((kb) => `${kb} KB`).join(' | ') + ' | longest / shortest build time |',
    '|---|' + sizes.map(() => '---|').join('') + '---|',
    ...rows,
  ].join('\n');
}

// As a child: one build, timed.
if (process.argv[1] === SELF) {
  const { values } = parseArgs({ options: { dir: { type: 'string' } } });
  const started = performance.now();
  const state = await buildState(values.dir!);
  process.stdout.write(JSON.stringify({ ms: Math.round(performance.now() - started), passages: state.corpus.passages.length }) + '\n');
}
