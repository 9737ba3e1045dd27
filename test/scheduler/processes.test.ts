// Real separate processes sharing one database file (better-sqlite3 in each, WAL, busy timeout).
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { postNonce } from '../../src/scheduler/index.js';
import { openStore } from '../../src/store/index.js';
import { withDatabase } from '../helpers/sqlite.js';
import { FakeClock, RecordingPoster, makeScheduler, subscribe, tempDir } from './helpers.js';

const WORKER = fileURLToPath(new URL('./fixtures/race-worker.ts', import.meta.url));
const ROOT = fileURLToPath(new URL('../..', import.meta.url));

let cleanup = () => {};
afterEach(() => cleanup());

interface Worker {
  child: ChildProcessWithoutNullStreams;
  ready: Promise<void>;
  exit: Promise<number | null>;
  stderr: () => string;
}

function startWorker(args: string[]): Worker {
  const child = spawn(process.execPath, ['--import', 'tsx', WORKER, ...args], { cwd: ROOT, stdio: 'pipe' });
  let out = '';
  let err = '';
  const ready = new Promise<void>((resolve, reject) => {
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      if (out.includes('ready')) resolve();
    });
    child.on('exit', (code) => reject(new Error(`worker exited (${code}) before ready: ${err}`)));
  });
  child.stderr.on('data', (d: Buffer) => (err += d.toString()));
  const exit = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, ready, exit, stderr: () => err };
}

const lines = (file: string) =>
  readFileSync(file, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as { instanceId: string; channelId: string; passageId: string; nonce: string });

describe('separate processes on one database file', () => {
  it('three bot processes racing at the same instant post each channel exactly once', async () => {
    const t = tempDir();
    cleanup = t.cleanup;
    const db = join(t.dir, 'bot.db');
    const out = join(t.dir, 'posts.jsonl');
    writeFileSync(out, '');
    const store = await openStore(db);
    const channels = Array.from({ length: 8 }, (_, i) => `ch${i}`);
    for (const c of channels) await subscribe(store, { channelId: c }, new Date('2026-03-01T00:00:00Z'));
    await store.close();

    const now = '2026-03-02T08:00:00Z';
    const workers = ['W1', 'W2', 'W3'].map((id) => startWorker([db, out, id, now]));
    await Promise.all(workers.map((w) => w.ready));
    for (const w of workers) w.child.stdin.write('go\n');
    const codes = await Promise.all(workers.map((w) => w.exit));
    expect(codes, workers.map((w) => w.stderr()).join('\n')).toEqual([0, 0, 0]);

    const calls = lines(out);
    if (process.env.DEBUG_RACE) console.log(calls.map((c) => `${c.instanceId}:${c.channelId}`).join(' '));
    expect(calls.map((c) => c.channelId).sort()).toEqual(channels);
    const rows = withDatabase(db, (check) => check.prepare(`SELECT channel_id, status, message_id FROM posts ORDER BY channel_id`).all() as { channel_id: string; status: string; message_id: string }[]);
    expect(rows.map((r) => r.status)).toEqual(channels.map(() => 'posted'));
    for (const c of calls) expect(rows.find((r) => r.channel_id === c.channelId)!.message_id).toBe(`${c.instanceId}:${c.channelId}`);
  });

  it('a process killed mid-post leaves a claim that a restarted bot reconciles with the same nonce', async () => {
    const t = tempDir();
    cleanup = t.cleanup;
    const db = join(t.dir, 'bot.db');
    const out = join(t.dir, 'posts.jsonl');
    writeFileSync(out, '');
    const setup = await openStore(db);
    await subscribe(setup, { channelId: 'c' }, new Date('2026-03-01T00:00:00Z'));
    await setup.close();

    const w = startWorker([db, out, 'dying', '2026-03-02T08:00:00Z', 'crash']);
    await w.ready;
    w.child.stdin.write('go\n');
    expect(await w.exit).toBe(3);
    const [crashed] = lines(out);
    expect(crashed!.nonce).toBe(postNonce('discord', 'c', '2026-03-02'));

    const store = await openStore(db);
    const clock = new FakeClock(new Date('2026-03-02T08:01:00Z'));
    const poster = new RecordingPoster(clock.fn);
    const s = makeScheduler({ store, poster, clock: clock.fn, instanceId: 'restarted' });
    await s.start(); // within the dead process's lease: nothing yet
    expect(poster.calls).toHaveLength(0);
    clock.set('2026-03-02T08:03:00Z');
    await s.runDue();
    expect(poster.calls).toEqual([expect.objectContaining({ channelId: 'c', passageId: crashed!.passageId, nonce: crashed!.nonce })]);
    expect(await store.posts.get({ platform: 'discord', channelId: 'c', localDate: '2026-03-02' })).toMatchObject({ status: 'posted', attempts: 2 });
    await s.stop();
    await store.close();
  });
});
