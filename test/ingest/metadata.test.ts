// Document metadata from front matter and corpus.yaml: hostile or malformed URLs are dropped with a
// warning naming the file, tags are accepted, and warnings about served files never say "skipped".
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CORPUS_FILE_SKIPPED, CORPUS_FILE_WARNING, loadCorpus, logIngestWarnings } from '../../src/core/ingest/index.js';
import { configureLog } from '../../src/core/log.js';

const PROSE = 'The committee met on Tuesday to discuss the budget. It approved the plan.\n';
const tmp = () => fs.mkdtempSync(path.join(os.tmpdir(), 'meta-'));
const withFrontMatter = (yaml: string) => `---\n${yaml}\n---\n${PROSE}`;

describe('document urls', () => {
  const hostile = [
    'https://example.org/a>b <!here> c',
    'javascript:alert(1)',
    'JavaScript:alert(document.cookie)',
    'data:text/html,<script>alert(1)</script>',
    'ftp://example.org/file',
    'https://user:secret@example.org/',
    'https://example.org/a|b',
    'https://example.org/<@U123>',
    'https://exa mple.org/',
    'https://example.org/\u0007bell',
    'http:///no-host',
    '//example.org/relative',
    'example.org/no-scheme',
  ];

  it.each(hostile)('drops %j with a warning naming the file, and still serves the document', async (url) => {
    const dir = tmp();
    fs.writeFileSync(path.join(dir, 'hostile.md'), withFrontMatter(`title: Budget day\nurl: ${JSON.stringify(url)}`));
    const r = await loadCorpus(dir);
    const d = r.documents.find((x) => x.file === 'hostile.md')!;
    expect(d.meta.title).toBe('Budget day');
    expect(d.meta.url).toBeUndefined();
    const warning = r.warnings.find((w) => w.file === 'hostile.md' && w.message.includes('"url"'));
    expect(warning, JSON.stringify(r.warnings)).toBeDefined();
    expect(warning!.message).toMatch(/left out/);
    expect(warning!.message).not.toMatch(/skipped/);
    expect(warning!.skipped).toBeFalsy();
  });

  it('drops a hostile url from corpus.yaml too, naming the document file', async () => {
    const dir = tmp();
    fs.writeFileSync(path.join(dir, 'a.txt'), PROSE);
    fs.writeFileSync(path.join(dir, 'corpus.yaml'), 'documents:\n  a.txt:\n    url: "javascript:alert(1)"\n');
    const r = await loadCorpus(dir);
    expect(r.documents[0]!.meta.url).toBeUndefined();
    expect(r.warnings.some((w) => w.file === 'a.txt' && w.message.includes('"url"'))).toBe(true);
  });

  it('keeps a well-formed http(s) url, query string included', async () => {
    const dir = tmp();
    fs.writeFileSync(path.join(dir, 'ok.md'), withFrontMatter('url: https://example.org/talks/2024?id=7&lang=en#part-2'));
    const r = await loadCorpus(dir);
    expect(r.documents[0]!.meta.url).toBe('https://example.org/talks/2024?id=7&lang=en#part-2');
    expect(r.warnings).toEqual([]);
  });
});

describe('tags', () => {
  it('accepts tags as a list or a comma-separated string, without warnings', async () => {
    const dir = tmp();
    fs.writeFileSync(path.join(dir, 'list.md'), withFrontMatter('tags: [budget, "city council"]'));
    fs.writeFileSync(path.join(dir, 'comma.md'), withFrontMatter('tags: budget, city council , '));
    const r = await loadCorpus(dir);
    expect(r.warnings).toEqual([]);
    const tags = Object.fromEntries(r.documents.map((d) => [d.file, d.meta.tags]));
    expect(tags['list.md']).toEqual(['budget', 'city council']);
    expect(tags['comma.md']).toEqual(['budget', 'city council']);
  });

  it('warns (without skipping the file) about tags that are not text', async () => {
    const dir = tmp();
    fs.writeFileSync(path.join(dir, 'odd.md'), withFrontMatter('tags: {a: 1}'));
    const r = await loadCorpus(dir);
    expect(r.documents).toHaveLength(1);
    const w = r.warnings.find((x) => x.file === 'odd.md');
    expect(w?.message).toMatch(/"tags"/);
    expect(w?.skipped).toBeFalsy();
  });
});

describe('warnings say whether the file is served', () => {
  it('marks only files that are left out as skipped', async () => {
    const dir = tmp();
    fs.writeFileSync(path.join(dir, 'served.md'), withFrontMatter('colour: blue'));
    fs.writeFileSync(path.join(dir, 'empty.txt'), '  \n');
    const r = await loadCorpus(dir);
    expect(r.documents.map((d) => d.file)).toEqual(['served.md']);
    const served = r.warnings.find((w) => w.file === 'served.md')!;
    expect(served.message).toMatch(/"colour"/);
    expect(served.skipped).toBeFalsy();
    expect(served.message).not.toMatch(/skipped/);
    const empty = r.warnings.find((w) => w.file === 'empty.txt')!;
    expect(empty.skipped).toBe(true);
  });

  it('logs a served file with tags or an unknown field as a warning, never as skipped', async () => {
    const dir = tmp();
    fs.writeFileSync(path.join(dir, 'tagged.md'), withFrontMatter('tags: [budget]\ncolour: blue'));
    fs.writeFileSync(path.join(dir, 'empty.txt'), '  \n');
    const lines: { event: string; file: string }[] = [];
    configureLog({ level: 'info', sink: (line) => lines.push(JSON.parse(line)) });
    try {
      logIngestWarnings((await loadCorpus(dir)).warnings);
    } finally {
      configureLog({ sink: (line) => process.stderr.write(line + '\n') });
    }
    expect(lines.map((l) => [l.event, l.file])).toEqual([
      [CORPUS_FILE_SKIPPED, 'empty.txt'],
      [CORPUS_FILE_WARNING, 'tagged.md'],
    ]);
  });
});
