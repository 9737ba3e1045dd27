import { describe, expect, it } from 'vitest';
import { runNpm } from '../helpers/spawn.js';

const cli = async (...args: string[]) => {
  const r = await runNpm(['run', 'cli', '--', ...args]);
  return { ...r, json: args.includes('--json') ? JSON.parse(r.stdout) : undefined };
};

describe('npm run cli (one command, JSON contract)', () => {
  it('topic --json gives results with id, text, source {id, title} and speaker', async () => {
    const r = await cli('topic', 'technical', 'humility', '--json');
    expect(r.code).toBe(0);
    expect(r.json.results).toHaveLength(3);
    for (const p of r.json.results) {
      expect(p).toMatchObject({ id: expect.any(String), text: expect.any(String), source: { id: expect.any(String), title: expect.any(String) } });
      expect(p).toHaveProperty('speaker');
    }
    expect(r.json.results[0].text).toMatch(/humility/i);
  });

  it('respects --source, --limit and --seed (same seed, same quote)', async () => {
    const a = await cli('quote', '--seed', '42', '--source', 'pretraining-gpt-4-5', '--json');
    const b = await cli('quote', '--seed', '42', '--source', 'pretraining-gpt-4-5', '--json');
    expect(a.json.results[0].id).toBe(b.json.results[0].id);
    expect(a.json.results[0].source.id).toBe('pretraining-gpt-4-5');
    const limited = await cli('topic', 'scaling', '--limit', '1', '--json');
    expect(limited.json.results).toHaveLength(1);
  });

  it('daily is stable for a channel and date', async () => {
    const a = await cli('daily', '--date', '2026-05-01', '--channel', 'book-club', '--json');
    const b = await cli('daily', '--date', '2026-05-01', '--channel', 'book-club', '--json');
    expect(a.json.results[0].id).toBe(b.json.results[0].id);
  });

  it('an error is {"error": ...} with exit code 2', async () => {
    const r = await cli('daily', '--date', '2026-13-01', '--json');
    expect(r.code).toBe(2);
    expect(r.json.error).toMatch(/YYYY-MM-DD|calendar/);
    const unknown = await cli('topic', 'scaling', '--source', 'nope', '--json');
    expect(unknown.code).toBe(2);
    expect(unknown.json.error).toMatch(/Did you mean/);
    const badLimit = await cli('topic', 'x', '--limit', 'lots', '--json');
    expect(badLimit.code).toBe(2);
    expect(badLimit.json.error).toMatch(/--limit/);
  });

  it('passages --json lists every passage the bot can serve', async () => {
    const r = await cli('passages', '--json');
    expect(r.code).toBe(0);
    expect(r.json.results.length).toBeGreaterThan(100);
    const ids = r.json.results.map((p: { id: string }) => p.id);
    expect(new Set(ids).size).toBe(ids.length);
  });
});
