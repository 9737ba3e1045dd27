// The platform table is the one place platforms are named: a new platform is a folder and a line
// there, main.ts starts whatever the table enables, and no chat SDK loads until a platform starts.
import { execFile } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { loadConfig, PROJECT_ROOT } from '../../src/config.js';
import { FALLBACK, PLATFORM_NAMES, PLATFORMS } from '../../src/platforms/index.js';

const PLATFORMS_DIR = path.join(PROJECT_ROOT, 'src/platforms');
const load = (env: Record<string, string>) => loadConfig(env, { dotenvPath: false });
const enabledBy = (env: Record<string, string>) => PLATFORMS.filter((p) => p.enabled(load(env))).map((p) => p.name);

const DISCORD = { DISCORD_TOKEN: 'x'.repeat(30), DISCORD_APP_ID: '123456789012345678' };
const SLACK = { SLACK_BOT_TOKEN: 'xoxb-test', SLACK_APP_TOKEN: 'xapp-test' };

describe('the platform table', () => {
  it('names each platform once, the fallback included', () => {
    expect(PLATFORM_NAMES).toEqual([...PLATFORMS.map((p) => p.name), FALLBACK.name]);
    expect(new Set(PLATFORM_NAMES).size).toBe(PLATFORM_NAMES.length);
  });

  it('has one folder per entry, each with its platform.ts, and no platform folder outside it', () => {
    for (const name of PLATFORM_NAMES) expect(existsSync(path.join(PLATFORMS_DIR, name, 'platform.ts')), name).toBe(true);
    const folders = readdirSync(PLATFORMS_DIR, { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => e.name);
    expect(folders.sort()).toEqual([...PLATFORM_NAMES].sort());
  });

  it('enables a platform by its own variables, as npm start always has', () => {
    expect(enabledBy({})).toEqual([]);
    expect(enabledBy(DISCORD)).toEqual(['discord']);
    expect(enabledBy(SLACK)).toEqual(['slack']);
    expect(enabledBy({ ...SLACK, ...DISCORD })).toEqual(['discord', 'slack']);
  });

  it('is all main.ts knows of platforms: it names none and imports only the table', () => {
    const main = readFileSync(path.join(PROJECT_ROOT, 'src/main.ts'), 'utf8');
    for (const name of PLATFORM_NAMES) expect(main, name).not.toMatch(new RegExp(`\\b${name}\\b`, 'i'));
    const fromPlatforms = [...main.matchAll(/from\s+['"](\.\/platforms\/[^'"]+)['"]/g)].map((m) => m[1]);
    expect(fromPlatforms).toEqual(['./platforms/index.js']);
    expect(main).not.toMatch(/import\(\s*['"]\.\/platforms\//);
  });

  it('loads no chat SDK until a platform starts', async () => {
    // A process of its own: the test runner's module cache says nothing about what `npm start` loads.
    const script = `
      import { createRequire } from 'node:module';
      import { pathToFileURL } from 'node:url';
      const cache = createRequire(process.cwd() + '/').cache;
      const sdks = () => [...new Set(Object.keys(cache).flatMap((f) => f.match(/node_modules\\/(discord\\.js|@slack\\/bolt)\\//)?.[1] ?? []))].sort();
      const load = (f) => import(pathToFileURL(f).href);
      await load('src/platforms/index.ts');
      const table = sdks();
      await load('src/platforms/discord/bot.ts');
      await load('src/platforms/slack/app.ts');
      console.log(JSON.stringify({ table, started: sdks() }));
    `;
    const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { cwd: PROJECT_ROOT });
    // The second list proves the check sees an SDK when one is loaded.
    expect(JSON.parse(stdout)).toEqual({ table: [], started: ['@slack/bolt', 'discord.js'] });
  });
});
