// SLACK_COMMAND and SLACK_COMMAND_PREFIX: a name Slack would refuse is caught at start, with the
// variable named and the fix, instead of a manifest Slack rejects.
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';

const load = (env: Record<string, string>) => loadConfig(env, { dotenvPath: false });
const problem = (env: Record<string, string>): string => {
  try {
    load(env);
  } catch (e) {
    return (e as Error).message;
  }
  throw new Error('expected the configuration to be refused');
};

describe('Slack command names', () => {
  it('default to /reading alone; the leading slash is optional', () => {
    expect(load({}).SLACK_COMMAND).toBe('/reading');
    expect(load({}).SLACK_COMMAND_PREFIX).toBeUndefined();
    expect(load({ SLACK_COMMAND: 'bookclub', SLACK_COMMAND_PREFIX: 'rg-' })).toMatchObject({ SLACK_COMMAND: '/bookclub', SLACK_COMMAND_PREFIX: 'rg-' });
  });

  it('refuse a Slack built-in, an invalid character or a name over 32 characters, naming the variable and the fix', () => {
    expect(problem({ SLACK_COMMAND: '/topic' })).toMatch(/SLACK_COMMAND: "\/topic" is one of Slack's own commands; set SLACK_COMMAND to a name such as \/reading/);
    expect(problem({ SLACK_COMMAND: 'help' })).toMatch(/SLACK_COMMAND: "\/help" is one of Slack's own commands/);
    expect(problem({ SLACK_COMMAND: 'Reading' })).toMatch(/SLACK_COMMAND: "\/Reading" may contain only lowercase letters, digits, - and _/);
    expect(problem({ SLACK_COMMAND: 'r'.repeat(32) })).toMatch(/SLACK_COMMAND: .* is 33 characters long; Slack allows 32, slash included/);
    expect(problem({ SLACK_COMMAND_PREFIX: 'rg.' })).toMatch(/SLACK_COMMAND_PREFIX: "rg\.".*set SLACK_COMMAND_PREFIX to something such as rg-/);
    expect(problem({ SLACK_COMMAND_PREFIX: 'x'.repeat(27) })).toMatch(/SLACK_COMMAND_PREFIX: .*characters long; Slack allows 32/);
  });
});
