// A reading plan from the shell, as a group would try one without a platform: `plan` with
// --channel and --json on DATABASE_PATH, then `daily --channel --date` following that plan.
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runNpm } from '../helpers/spawn.js';

describe('npm run cli -- plan … --channel KEY', () => {
  const env = { DATABASE_PATH: path.join(mkdtempSync(path.join(os.tmpdir(), 'plan-cli-')), 'bot.db') };
  const cli = async (...args: string[]) => {
    const r = await runNpm(['run', 'cli', '--', ...args, '--json'], { env });
    return { code: r.code, json: JSON.parse(r.stdout) as Record<string, unknown> & { lines?: string[]; error?: string; title?: string; results?: { id: string }[] } };
  };

  it('starts a plan, follows it by date in daily, keeps channels apart, and explains a bad pace', async () => {
    const started = await cli('plan', 'start', 'hot-chips', '2', 'passages', 'weekdays', '--channel', 'club', '--date', '2026-03-20');
    expect(started.code).toBe(0);
    expect(started.json.lines!.join(' ')).toMatch(/Today \(day 1 of 10\)/);

    const friday = await cli('daily', '--channel', 'club', '--date', '2026-03-20');
    const monday = await cli('daily', '--channel', 'club', '--date', '2026-03-23');
    expect(friday.json.title).toMatch(/^Today: passages 1-2 of 20/);
    expect(monday.json.title).toMatch(/^Today: passages 3-4 of 20/);
    expect(monday.json.results!.map((p) => p.id)).not.toEqual(friday.json.results!.map((p) => p.id));
    const saturday = await cli('daily', '--channel', 'club', '--date', '2026-03-21');
    expect(saturday.json.title).toMatch(/No reading today/);

    const status = await cli('plan', 'status', '--channel', 'club', '--date', '2026-03-24');
    expect(status.json.lines!.join(' ')).toMatch(/day 3 of 10/);
    // Another channel has no plan: its daily is the excerpt of the day.
    const other = await cli('daily', '--channel', 'other', '--date', '2026-03-23');
    expect(other.json.title).toMatch(/Excerpt of the day, 2026-03-23/);

    const bad = await cli('plan', 'start', 'hot-chips', 'lots', 'of', 'pages', '--channel', 'club');
    expect(bad.code).toBe(2);
    expect(bad.json.error).toMatch(/Try "1 section a day"/);
  });
});
