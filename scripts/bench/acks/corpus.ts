// The corpus side of the bench: which folder holds the documents, the queries drawn from them,
// a folder of links to them that the bot may watch (so adding a file never touches the
// original), and the small document whose arrival makes the bot reload.
import { mkdir, readdir, readFile, stat, symlink } from 'node:fs/promises';
import path from 'node:path';
import { makeQueryMix } from '../queries.js';

const DOC = /\.(txt|md)$/i;

export async function docFiles(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const n of (await readdir(dir)).sort()) if (DOC.test(n) && !n.startsWith('.') && (await stat(path.join(dir, n))).isFile()) out.push(n);
  return out;
}

/** `data` means the bundled corpus in `data/corpus`: a folder without documents but with a corpus/ that has some. */
export async function resolveCorpusDir(dir: string): Promise<string> {
  const abs = path.resolve(dir);
  if ((await docFiles(abs)).length) return abs;
  const inner = path.join(abs, 'corpus');
  const has = await docFiles(inner).catch(() => []);
  if (has.length) return inner;
  throw new Error(`no .txt or .md documents in ${abs}`);
}

export interface Queries {
  /** For /topic and /quote: common words, words as they occur, two- and three-word runs. */
  search: string[];
  common: string[];
  /** For autocomplete: the first letters of a word, maybe after a whole word. */
  prefixes: string[];
  /** Content words, for the file that triggers the reload. */
  words: string[];
}

export async function corpusQueries(dir: string, seed: number): Promise<Queries> {
  const texts: string[] = [];
  let bytes = 0;
  for (const f of await docFiles(dir)) {
    const text = await readFile(path.join(dir, f), 'utf8');
    texts.push(...text.split(/\n\s*\n/).filter((p) => p.trim().length > 40));
    bytes += text.length;
    if (bytes > 400_000) break;
  }
  const mix = makeQueryMix(texts, 600, seed);
  const of = (...kinds: string[]) => [...new Set(mix.filter((q) => kinds.includes(q.kind)).map((q) => q.text))];
  const common = of('common');
  return { search: of('single', 'phrase2', 'phrase3'), common, prefixes: of('prefix').filter((p) => p.replace(/.* /, '').length >= 2), words: common.slice(0, 12) };
}

/** A corpus folder of our own: symlinks to the files, so adding one reloads without touching the original. */
export async function linkCorpus(corpusDir: string, into: string): Promise<void> {
  await mkdir(into);
  for (const n of (await readdir(corpusDir)).sort()) {
    if (n.startsWith('.')) continue;
    if (!(await stat(path.join(corpusDir, n))).isFile()) continue;
    await symlink(path.join(corpusDir, n), path.join(into, n));
  }
}

/** A small, readable document made of the corpus's own common words. */
export function addedDocument(words: string[]): string {
  const w = (i: number) => words[i % Math.max(1, words.length)] ?? 'reading';
  return [
    '---',
    'id: ack-bench-added',
    'title: A note added by the acknowledgement benchmark',
    'kind: article',
    '---',
    '',
    '# Why this note exists',
    '',
    `This short note was added while the bot was running, to make it reload its library. It talks about ${w(0)}, ${w(1)} and ${w(2)}, because those words are common in this corpus.`,
    `A reader who searches for ${w(3)} or ${w(4)} may find it next to the other passages. Nothing in it is meant to be quoted, but it is written in whole sentences all the same.`,
    '',
  ].join('\n');
}

