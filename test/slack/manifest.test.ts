// The Slack app manifest: generated from the commands and the name settings, never registering a
// name Slack refuses, and asking for every scope the Web API calls in the adapter need.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { webApi } from '@slack/bolt';
import { describe, expect, it } from 'vitest';
import YAML from 'yaml';
import { COMMANDS } from '../../commands/index.js';
import { commandNameProblem, RESERVED_SLACK_COMMANDS, SLACK_COMMAND_LIMITS } from '../../src/platforms/slack/commands.js';
import { slackManifest, slackManifestYaml } from '../../src/platforms/slack/manifest.js';
import { loadConfig, PROJECT_ROOT } from '../../src/config.js';

const SLACK_DIR = path.join(PROJECT_ROOT, 'src/platforms/slack');
const committed = readFileSync(path.join(SLACK_DIR, 'manifest.yml'), 'utf8');

interface SlashCommand {
  command: string;
  description: string;
  usage_hint?: string;
  should_escape?: boolean;
}
interface Manifest {
  features: { slash_commands: SlashCommand[] };
  oauth_config: { scopes: { bot: string[] } };
}

/** What Slack itself checks in a manifest's slash commands (and refuses the whole list for). */
function slackWouldRefuse(manifest: Manifest): string[] {
  const problems: string[] = [];
  for (const c of manifest.features.slash_commands) {
    if (RESERVED_SLACK_COMMANDS.includes(c.command) || ['/topic', '/status', '/help', '/me', '/remind', '/shrug'].includes(c.command)) problems.push(`${c.command}: reserved`);
    if (!/^\/[a-z0-9_-]+$/.test(c.command)) problems.push(`${c.command}: invalid character`);
    if (c.command.length > 32) problems.push(`${c.command}: over 32 characters`);
    if (c.description.length > SLACK_COMMAND_LIMITS.description) problems.push(`${c.command}: description too long`);
    if ((c.usage_hint ?? '').length > SLACK_COMMAND_LIMITS.usageHint) problems.push(`${c.command}: usage hint too long`);
  }
  return problems;
}

describe('the committed manifest', () => {
  it('is exactly what `npm run slack:manifest` prints for the default settings', () => {
    const config = loadConfig({}, { dotenvPath: false });
    expect(committed).toBe(slackManifestYaml({ command: config.SLACK_COMMAND, prefix: config.SLACK_COMMAND_PREFIX }, COMMANDS));
  });

  it('registers one namespaced command, /reading, that Slack accepts, with #channel escaping on', () => {
    const manifest = YAML.parse(committed) as Manifest;
    expect(manifest.features.slash_commands.map((c) => c.command)).toEqual(['/reading']);
    expect(slackWouldRefuse(manifest)).toEqual([]);
    // /reading daily subscribe … #channel needs the channel as <#C123|name>.
    expect(manifest.features.slash_commands[0]!.should_escape).toBe(true);
  });
});

describe('the generator', () => {
  it('makes manifests Slack accepts for a prefix too, escaping only the command that takes a #channel', () => {
    const manifest = slackManifest({ command: '/reading', prefix: 'rg-' }, COMMANDS) as unknown as Manifest;
    expect(manifest.features.slash_commands.map((c) => c.command)).toEqual(['/reading', ...COMMANDS.map((c) => `/rg-${c.name}`)]);
    expect(slackWouldRefuse(manifest)).toEqual([]);
    expect(manifest.features.slash_commands.filter((c) => c.should_escape).map((c) => c.command)).toEqual(['/reading', '/rg-daily']);
    expect(manifest.features.slash_commands.find((c) => c.command === '/rg-topic')?.usage_hint).toBe('<query> [source:NAME] [ahead:true]');
  });

  it.each([
    ['a Slack built-in', { command: '/topic' }],
    ['/help', { command: '/help' }],
    ['/status', { command: '/status' }],
    ['an upper-case letter', { command: '/Reading' }],
    ['a space', { command: '/reading group' }],
    ['a dot', { command: '/reading.group' }],
    ['a name over 32 characters', { command: `/${'r'.repeat(32)}` }],
    ['a prefix that makes names over 32 characters', { command: '/reading', prefix: 'a-very-long-prefix-for-commands-' }],
    ['a prefix with an invalid character', { command: '/reading', prefix: 'rg.' }],
  ])('refuses to generate a manifest with %s', (_, settings) => {
    expect(() => slackManifest(settings, COMMANDS)).toThrow(/Slack command names|Refusing/);
  });

  it('names the problem with each refused name', () => {
    expect(commandNameProblem('/topic')).toMatch(/Slack's own commands/);
    expect(commandNameProblem('/Reading')).toMatch(/lowercase letters, digits, - and _/);
    expect(commandNameProblem(`/${'r'.repeat(32)}`)).toMatch(/33 characters long; Slack allows 32/);
    expect(commandNameProblem('/reading')).toBeUndefined();
    expect(commandNameProblem(`/${'r'.repeat(31)}`)).toBeUndefined();
  });
});

/**
 * The scopes each Web API method needs with a bot token (from each method's page on
 * docs.slack.dev). `app` methods take the app-level token (its connections:write scope is set
 * when the token is made, not in the manifest). A method the adapter calls that is not here
 * fails the test: add it with its scopes, and the scopes to the manifest.
 */
const METHOD_SCOPES: Record<string, { bot: string[]; optional?: string[] } | 'app'> = {
  'auth.test': { bot: [] },
  'apps.connections.open': 'app',
  // chat:write.public lets daily posts go to public channels the bot has not joined.
  'chat.postMessage': { bot: ['chat:write'], optional: ['chat:write.public'] },
  'conversations.join': { bot: ['channels:join'] },
  'conversations.info': { bot: ['channels:read', 'groups:read'] },
  'conversations.history': { bot: ['channels:history', 'groups:history'] },
  'users.info': { bot: ['users:read'] },
};

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sourceFiles(path.join(dir, e.name)) : e.name.endsWith('.ts') ? [path.join(dir, e.name)] : [],
  );
}

/** The WebClient's method groups (chat, conversations, apps…), read from the WebClient itself. */
const client = new webApi.WebClient();
const NAMESPACES = Object.keys(client).filter((k) => {
  const v = (client as unknown as Record<string, unknown>)[k];
  return typeof v === 'object' && v !== null && Object.values(v).some((x) => typeof x === 'function' || (typeof x === 'object' && x !== null));
});

const isWebApiMethod = (method: string): boolean =>
  typeof method.split('.').reduce<unknown>((o, k) => (o && typeof o === 'object' ? (o as Record<string, unknown>)[k] : undefined), client) === 'function';

/** Every Web API method the Slack adapter's source calls (`x.chat.postMessage(`, `apiCall('…')`). */
function calledMethods(): Map<string, string[]> {
  const found = new Map<string, string[]>();
  const call = new RegExp(`\\.(${NAMESPACES.join('|')})((?:\\.[A-Za-z]+)+)\\s*\\(`, 'g');
  const apiCall = /\.apiCall\(\s*['"`]([\w.]+)['"`]/g;
  for (const file of sourceFiles(SLACK_DIR)) {
    const text = readFileSync(file, 'utf8');
    const add = (m: string) => found.set(m, [...(found.get(m) ?? []), path.relative(PROJECT_ROOT, file)]);
    for (const m of text.matchAll(call)) {
      const method = `${m[1]}${m[2]}`;
      // Only what the WebClient really has (`blocks.slice(` is an array's).
      if (isWebApiMethod(method)) add(method);
    }
    for (const m of text.matchAll(apiCall)) add(m[1]!);
  }
  return found;
}

describe('the manifest asks for the scopes the code needs', () => {
  const methods = calledMethods();
  const scopes = new Set((YAML.parse(committed) as Manifest).oauth_config.scopes.bot);

  it('finds the calls (the scan works)', () => {
    expect([...methods.keys()]).toEqual(expect.arrayContaining(['chat.postMessage', 'conversations.join', 'users.info', 'conversations.info', 'auth.test']));
  });

  it('knows the scopes of every method the adapter calls', () => {
    const unknown = [...methods].filter(([m]) => !(m in METHOD_SCOPES)).map(([m, files]) => `${m} (${files.join(', ')})`);
    expect(unknown, 'add these methods and their scopes to METHOD_SCOPES and the manifest').toEqual([]);
  });

  it('has each of those scopes in the manifest', () => {
    const missing = [...methods.keys()].flatMap((m) => {
      const need = METHOD_SCOPES[m];
      if (!need || need === 'app') return [];
      return [...need.bot, ...(need.optional ?? [])].filter((s) => !scopes.has(s)).map((s) => `${m} needs ${s}`);
    });
    expect(missing).toEqual([]);
    expect(scopes.has('commands')).toBe(true);
  });

  it('asks for the history scopes that finding a daily post after a crash needs', () => {
    for (const s of (METHOD_SCOPES['conversations.history'] as { bot: string[] }).bot) expect(scopes.has(s), s).toBe(true);
  });
});
