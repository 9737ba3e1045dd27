import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig, PROJECT_ROOT } from '../../src/config.js';

const load = (env: Record<string, string>) => loadConfig(env, { dotenvPath: false });

describe('SNAPSHOT_DIR', () => {
  it('defaults to state/snapshots in the project, resolves relative folders there, and can be turned off', () => {
    expect(load({}).SNAPSHOT_DIR).toBe(path.join(PROJECT_ROOT, 'state/snapshots'));
    expect(load({ SNAPSHOT_DIR: 'cache/index' }).SNAPSHOT_DIR).toBe(path.join(PROJECT_ROOT, 'cache/index'));
    expect(load({ SNAPSHOT_DIR: '/var/lib/bot' }).SNAPSHOT_DIR).toBe('/var/lib/bot');
    for (const off of ['off', 'OFF', 'none', 'false', '0']) expect(load({ SNAPSHOT_DIR: off }).SNAPSHOT_DIR).toBeUndefined();
  });
});
