// What /readyz reports as the bot starts, loses a connection and stops, and how HEALTH_PORT and
// HEALTH_HOST are read: the rules an orchestrator's decisions rest on.
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { Readiness } from '../../src/health/readiness.js';

const load = (env: Record<string, string>) => loadConfig(env, { dotenvPath: false });

describe('readiness', () => {
  it('is not ready while the library loads and the platforms connect, and says which is which', () => {
    const r = new Readiness(['discord', 'slack']);
    expect(r.report()).toEqual({ ready: false, library: 'loading', platforms: { discord: 'connecting', slack: 'connecting' } });
    r.platform('slack', 'ready');
    r.libraryLoaded();
    expect(r.report()).toEqual({ ready: false, library: 'ready', platforms: { discord: 'connecting', slack: 'ready' } });
    r.platform('discord', 'ready');
    expect(r.report()).toEqual({ ready: true, library: 'ready', platforms: { discord: 'ready', slack: 'ready' } });
  });

  it('a platform that drops after start is not ready until it is back', () => {
    const r = new Readiness(['discord']);
    r.libraryLoaded();
    r.platform('discord', 'ready');
    r.platform('discord', 'connecting');
    expect(r.report().ready).toBe(false);
    r.platform('discord', 'ready');
    expect(r.report().ready).toBe(true);
  });

  it('with no platform (the terminal) it is ready once the library is loaded', () => {
    const r = new Readiness();
    expect(r.report().ready).toBe(false);
    r.libraryLoaded();
    expect(r.report()).toEqual({ ready: true, library: 'ready', platforms: {} });
  });

  it('a failed reload keeps the last good library serving, so the bot stays ready; a failed first load is not', () => {
    const r = new Readiness();
    r.libraryLoaded();
    r.libraryFailed();
    expect(r.report()).toMatchObject({ ready: true, library: 'ready' });
    const never = new Readiness();
    never.libraryFailed();
    expect(never.report()).toMatchObject({ ready: false, library: 'failed' });
  });

  it('shutting down is not ready, whatever else is up', () => {
    const r = new Readiness(['slack']);
    r.libraryLoaded();
    r.platform('slack', 'ready');
    r.shuttingDown();
    expect(r.report()).toEqual({ ready: false, library: 'ready', platforms: { slack: 'ready' }, shutting_down: true });
  });

  it('a platform that failed to start is reported as failed', () => {
    const r = new Readiness(['discord']);
    r.libraryLoaded();
    r.platform('discord', 'failed');
    expect(r.report()).toEqual({ ready: false, library: 'ready', platforms: { discord: 'failed' } });
  });
});

describe('HEALTH_PORT and HEALTH_HOST', () => {
  it('are off by default, listening on every interface once a port is set', () => {
    expect(load({}).HEALTH_PORT).toBeUndefined();
    expect(load({}).HEALTH_HOST).toBe('0.0.0.0');
    expect(load({ HEALTH_PORT: '8081', HEALTH_HOST: '127.0.0.1' })).toMatchObject({ HEALTH_PORT: 8081, HEALTH_HOST: '127.0.0.1' });
    expect(load({ HEALTH_HOST: '::' }).HEALTH_HOST).toBe('::');
    expect(load({ HEALTH_HOST: 'localhost' }).HEALTH_HOST).toBe('localhost');
  });

  it.each(['0', '65536', 'eighty', '80.5', '-1'])('refuses HEALTH_PORT=%s, naming the variable and the range', (port) => {
    expect(() => load({ HEALTH_PORT: port })).toThrow(/HEALTH_PORT: must be a port number from 1 to 65535/);
  });

  it('refuses a HEALTH_HOST that is no address, naming the variable', () => {
    expect(() => load({ HEALTH_HOST: 'http://0.0.0.0:80' })).toThrow(/HEALTH_HOST: must be an address of this machine/);
  });
});
