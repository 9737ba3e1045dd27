import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runNpm } from '../helpers/spawn.js';

describe('npm start with no platform tokens (terminal front end, piped input)', () => {
  it('answers typed slash commands and exits 0 at end of input', async () => {
    const input = ['/help', '/sources', '/topic checkpoint design', '/more', '/context 1', '/quote scaling', '/daily today', '/discuss'].join('\n') + '\n';
    const r = await runNpm(['start'], { input });
    expect(r.code).toBe(0);
    const out = r.stdout;
    expect(out).toMatch(/Reading-group bot: \d+ passages from 5 documents/);
    expect(out).toContain('/topic <query> [source:NAME]');
    expect(out).toContain('Pre-Training GPT-4.5');
    expect(out).toMatch(/On “checkpoint design”/);
    expect(out).toMatch(/checkpoint/i);
    expect(out).toContain('In context');
    expect(out).toMatch(/Excerpt of the day, \d{4}-\d{2}-\d{2}/);
    expect(out).toContain('For discussion:');
    // Piped output is plain: no ANSI escapes, and lines wrapped for a terminal.
    expect(out).not.toMatch(/\u001b\[/);
    expect(Math.max(...out.split('\n').map((l) => l.length))).toBeLessThanOrEqual(100);
    expect(r.stderr).not.toMatch(/Error|at .*\.ts:\d+/);
  });

  it('answers bad input with a friendly message and keeps going', async () => {
    const input = ['/topic', '/quote source:nonesuch', '/daily today date:2026-02-30', 'hello', '/more', '/sources'].join('\n') + '\n';
    const r = await runNpm(['start'], { input });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/Please tell me what topic/);
    expect(r.stdout).toMatch(/I don't know a source called "nonesuch"/);
    expect(r.stdout).toMatch(/does not exist on the calendar/);
    expect(r.stdout).toMatch(/Commands start with a slash/);
    expect(r.stdout).toMatch(/nothing to \/more/);
    expect(r.stdout).toContain('Pre-Training GPT-4.5');
    expect(r.stdout).not.toMatch(/at .*\.ts:\d+/);
  });

  it('says clearly when the corpus folder is missing, and skips unreadable files with a warning', async () => {
    const missing = await runNpm(['start'], { env: { CORPUS_DIR: '/nonexistent/corpus' } });
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/Corpus folder not found: \/nonexistent\/corpus/);

    const dir = mkdtempSync(path.join(os.tmpdir(), 'corpus-'));
    writeFileSync(path.join(dir, 'talk.txt'), 'Scaling laws held for four orders of magnitude of compute, which surprised even the people who proposed them.\n');
    writeFileSync(path.join(dir, 'empty.txt'), '');
    const r = await runNpm(['start'], { env: { CORPUS_DIR: dir }, input: '/quote scaling\n' });
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/empty\.txt/);
    expect(r.stdout).toMatch(/Scaling laws held/);
  });

  it('rejects a bad configuration value naming the variable', async () => {
    const r = await runNpm(['start'], { env: { LOG_LEVEL: 'loud' } });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/LOG_LEVEL: must be one of debug, info, warn, error/);
  });
});
