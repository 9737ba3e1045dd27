// YAML front matter, the metadata a text document can carry at its top. Plain text honours it as
// well as Markdown, so it is shared by both readers.
import { lazyPackage } from '../lazy.js';
import type * as Yaml from 'yaml';

const yaml = lazyPackage<typeof Yaml>('yaml');

/** Splits leading YAML front matter (`---` ... `---`) from the body. */
export function splitFrontMatter(text: string): { data?: unknown; body: string; error?: string } {
  const m = /^---[ \t]*\r?\n([\s\S]*?)\r?\n(?:---|\.\.\.)[ \t]*(?:\r?\n|$)/.exec(text);
  if (!m) return { body: text };
  const body = text.slice(m[0].length);
  try {
    return { data: yaml().parse(m[1]!), body };
  } catch (e) {
    return { body, error: `front matter is not valid YAML (${(e as Error).message.split('\n')[0]})` };
  }
}
