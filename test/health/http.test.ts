// The health listener over real HTTP on 127.0.0.1: what a probe gets for each path and method, and
// that a port already taken is logged with the variable to change instead of stopping anything.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { configureLog } from '../../src/core/log.js';
import { HEALTH_LISTEN_FAILED, HEALTH_LISTENING, startHealthServer, type HealthServer } from '../../src/health/http.js';
import { Readiness } from '../../src/health/readiness.js';
import { call } from '../helpers/http.js';

const lines: string[] = [];
const events = () => lines.map((l) => JSON.parse(l) as Record<string, unknown>);
let readiness: Readiness;
let health: HealthServer;
let port: number;

beforeAll(async () => {
  configureLog({ level: 'info', sink: (l) => lines.push(l) });
  readiness = new Readiness(['discord', 'slack']);
  health = await startHealthServer({ port: 0, host: '127.0.0.1', readiness });
  port = health.port()!;
});
afterAll(async () => {
  await health?.close();
  configureLog({ level: 'warn', sink: (l) => process.stderr.write(l + '\n') });
});
afterEach(() => (lines.length = 0));

describe('the health listener', () => {
  it('/readyz is 503 with what is not ready, then 200 once everything is; never cached', async () => {
    readiness.platform('slack', 'ready');
    const loading = await call(port, 'GET', '/readyz');
    expect(loading.status).toBe(503);
    expect(JSON.parse(loading.body)).toEqual({ ready: false, library: 'loading', platforms: { discord: 'connecting', slack: 'ready' } });
    expect(loading.headers['cache-control']).toBe('no-store');
    expect(loading.headers['content-type']).toMatch(/application\/json/);

    readiness.libraryLoaded();
    readiness.platform('discord', 'ready');
    const ready = await call(port, 'GET', '/readyz?probe=1');
    expect(ready.status).toBe(200);
    expect(JSON.parse(ready.body)).toMatchObject({ ready: true });
  });

  it('/healthz is 200 while the process runs, ready or not', async () => {
    const alive = await call(port, 'GET', '/healthz');
    expect(alive.status).toBe(200);
    expect(JSON.parse(alive.body)).toEqual({ alive: true });
    expect(alive.headers['cache-control']).toBe('no-store');
  });

  it('HEAD gets the status and headers without a body', async () => {
    const head = await call(port, 'HEAD', '/healthz');
    expect(head.status).toBe(200);
    expect(head.body).toBe('');
  });

  it('other methods are 405 naming GET and HEAD, other paths 404; a body sent along is not needed', async () => {
    const post = await call(port, 'POST', '/readyz', 'x'.repeat(100_000));
    expect(post.status).toBe(405);
    expect(post.headers.allow).toBe('GET, HEAD');
    expect((await call(port, 'DELETE', '/healthz')).status).toBe(405);
    const missing = await call(port, 'GET', '/slack/events');
    expect(missing.status).toBe(404);
    expect(missing.body.length).toBeLessThan(100);
    // Still answering after all that.
    expect((await call(port, 'GET', '/healthz')).status).toBe(200);
  });

  it('logs one line when it starts listening', async () => {
    const own = await startHealthServer({ port: 0, host: '127.0.0.1', readiness });
    try {
      expect(events().filter((e) => e.event === HEALTH_LISTENING)).toEqual([expect.objectContaining({ host: '127.0.0.1', port: own.port() })]);
    } finally {
      await own.close();
    }
  });

  it('a port already in use is logged with a sentence naming HEALTH_PORT, and nothing throws', async () => {
    const taken: Server = createServer();
    await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve));
    const busy = (taken.address() as AddressInfo).port;
    try {
      const failed = await startHealthServer({ port: busy, host: '127.0.0.1', readiness });
      expect(failed.port()).toBeUndefined();
      await failed.close();
      const [line] = events().filter((e) => e.event === HEALTH_LISTEN_FAILED);
      expect(line).toMatchObject({ level: 'error', port: busy, code: 'EADDRINUSE' });
      expect(line!.error).toMatch(new RegExp(`Port ${busy} is already in use.*set HEALTH_PORT to a free port`));
    } finally {
      await new Promise<void>((resolve) => taken.close(() => resolve()));
    }
  });

  it('after close nothing listens', async () => {
    const own = await startHealthServer({ port: 0, host: '127.0.0.1', readiness });
    const p = own.port()!;
    expect((await call(p, 'GET', '/healthz')).status).toBe(200);
    await own.close();
    await expect(call(p, 'GET', '/healthz')).rejects.toMatchObject({ code: 'ECONNREFUSED' });
  });
});
