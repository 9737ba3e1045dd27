// Start-up pays only for what it uses: the format libraries (a DOM, Readability, pdf.js) took about
// a second to import, and a start that restores its snapshot reads no PDF or web page.
import { execFile } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../src/config.js';

const HEAVY = ['linkedom', '@mozilla/readability', 'unpdf', 'mammoth'];

describe('format libraries', () => {
  it('are not loaded by the start-up chain, only by the first file that needs them', async () => {
    // A process of its own: the test runner's module cache says nothing about what `npm start` loads.
    const script = `
      import { createRequire } from 'node:module';
      import { pathToFileURL } from 'node:url';
      const cache = createRequire(process.cwd() + '/').cache;
      const libs = () => [...new Set(Object.keys(cache).flatMap((f) => f.match(/node_modules\\/(linkedom|@mozilla\\/readability)\\//)?.[1] ?? []))].sort();
      const load = (f) => import(pathToFileURL(f).href);
      await load('src/core/library/load.ts');
      const atStart = libs();
      const { DOCUMENT_READERS } = await load('src/core/readers/index.ts');
      await DOCUMENT_READERS.byName('page.html').read(Buffer.from('<!doctype html><html><body><p>Hello there. This is a page.</p></body></html>'));
      console.log(JSON.stringify({ atStart, afterAPage: libs() }));
    `;
    const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { cwd: PROJECT_ROOT });
    // The second list proves the check sees the libraries once they are loaded.
    expect(JSON.parse(stdout)).toEqual({ atStart: [], afterAPage: ['@mozilla/readability', 'linkedom'] });
  });

  it('are imported by readers only as types or on demand (pdf.js is ESM, so the cache above cannot see it)', () => {
    const dir = path.join(PROJECT_ROOT, 'src/core/readers');
    const offenders: string[] = [];
    for (const file of readdirSync(dir, { recursive: true }) as string[]) {
      if (!file.endsWith('.ts') || file === 'libraries.ts') continue;
      const text = readFileSync(path.join(dir, file), 'utf8');
      for (const lib of HEAVY) {
        const statically = new RegExp(`^import(?!\\s+type\\b)[^;]*from\\s+['"]${lib.replace('/', '\\/')}['"]`, 'm');
        if (statically.test(text)) offenders.push(`${file}: ${lib}`);
      }
    }
    expect(offenders).toEqual([]);
  });
});
