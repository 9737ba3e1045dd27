// Real separate processes sharing one database: a SQLite file (better-sqlite3 in each, WAL, busy
// timeout), or the suite's PostgreSQL server (a pool in each), racing for the same posts.
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { postNonce } from '../../src/scheduler/index.js';
import { openStore } from '../../src/store/index.js';
import { withDatabase } from '../helpers/sqlite.js';
import { describePostgres, freshDatabase, pgRows } from '../helpers/postgres.js';
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

function startWorker(args: string[]): Worker & { said: (word: string) => Promise<void>; stdout: () => string } {
  const child = spawn(process.execPath, ['--import', 'tsx', WORKER, ...args], { cwd: ROOT, stdio: 'pipe' });
  let out = '';
  let err = '';
  const waiting: { word: string; resolve: () => void }[] = [];
  child.stdout.on('data', (d: Buffer) => {
    out += d.toString();
    for (const w of waiting.filter((x) => out.includes(x.word))) w.resolve();
  });
  /** Resolves once the worker has written `word` on stdout; rejects if it exits first. */
  const said = (word: string) =>
    new Promise<void>((resolve, reject) => {
      if (out.includes(word)) return resolve();
      waiting.push({ word, resolve });
      child.on('exit', (code) => reject(new Error(`worker exited (${code}) before saying ${word}: ${err}`)));
    });
  const ready = said('ready');
  child.stderr.on('data', (d: Buffer) => (err += d.toString()));
  const exit = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, ready, exit, stderr: () => err, stdout: () => out, said };
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

describePostgres('separate processes on one PostgreSQL database', () => {
  it('two bot processes, each with its own pool, racing for 200 channels post each exactly once', async () => {
    const t = tempDir();
    cleanup = t.cleanup;
    const url = await freshDatabase();
    const out = join(t.dir, 'posts.jsonl');
    writeFileSync(out, '');
    const store = await openStore({ url });
    const channels = Array.from({ length: 200 }, (_, i) => `ch${String(i).padStart(3, '0')}`);
    for (const c of channels) await subscribe(store, { channelId: c }, new Date('2026-03-01T00:00:00Z'));
    await store.close();

    const now = '2026-03-02T08:00:00Z';
    const workers = ['W1', 'W2'].map((id) => startWorker([url, out, id, now]));
    await Promise.all(workers.map((w) => w.ready));
    const started = Date.now();
    for (const w of workers) w.child.stdin.write('go\n');
    const codes = await Promise.all(workers.map((w) => w.exit));
    const ms = Date.now() - started;
    expect(codes, workers.map((w) => w.stderr()).join('\n')).toEqual([0, 0]);

    const calls = lines(out);
    const perWorker = Object.fromEntries(['W1', 'W2'].map((id) => [id, calls.filter((c) => c.instanceId === id).length]));
    const duplicates = calls.length - new Set(calls.map((c) => c.channelId)).size;
    // The figures for the notes: how the work split, and that nothing was posted twice.
    console.log(`postgres race: ${channels.length} channels, ${calls.length} posts (${JSON.stringify(perWorker)}), ${duplicates} duplicates, ${ms} ms`);
    expect(duplicates).toBe(0);
    expect(calls.map((c) => c.channelId).sort()).toEqual(channels);
    const rows = await pgRows<{ channel_id: string; status: string; message_id: string; attempts: number }>(
      url,
      `SELECT channel_id, status, message_id, attempts FROM posts ORDER BY channel_id`,
    );
    expect(rows).toHaveLength(channels.length);
    expect(rows.every((r) => r.status === 'posted' && r.attempts === 1)).toBe(true);
    for (const c of calls) expect(rows.find((r) => r.channel_id === c.channelId)!.message_id).toBe(`${c.instanceId}:${c.channelId}`);
    // Each channel's passage was marked shown once, in the claim's own transaction.
    const marks = await pgRows<{ n: number }>(url, `SELECT count(*)::int AS n FROM rotation_shown`);
    expect(marks[0]!.n).toBe(channels.length);
  });

  it('a process killed (SIGKILL) mid-post is reconciled by another once its lease expires: one row, posted once more with the same nonce', async () => {
    const t = tempDir();
    cleanup = t.cleanup;
    const url = await freshDatabase();
    const out = join(t.dir, 'posts.jsonl');
    writeFileSync(out, '');
    const setup = await openStore({ url });
    await subscribe(setup, { channelId: 'c' }, new Date('2026-03-01T00:00:00Z'));
    await setup.close();

    const dying = startWorker([url, out, 'dying', '2026-03-02T08:00:00Z', 'hang']);
    await dying.ready;
    dying.child.stdin.write('go\n');
    await dying.said('posting');
    dying.child.kill('SIGKILL');
    await dying.exit;
    const [crashed] = lines(out);
    expect(crashed!.nonce).toBe(postNonce('discord', 'c', '2026-03-02'));

    // Another process inside the dead one's lease (3 minutes) leaves the claim alone...
    const early = startWorker([url, out, 'early', '2026-03-02T08:02:59Z']);
    await early.ready;
    early.child.stdin.write('go\n');
    expect(await early.exit, early.stderr()).toBe(0);
    expect(lines(out)).toHaveLength(1);
    // ...and one after it takes the claim over, with the same passage and nonce.
    const other = startWorker([url, out, 'other', '2026-03-02T08:03:00Z']);
    await other.ready;
    other.child.stdin.write('go\n');
    expect(await other.exit, other.stderr()).toBe(0);
    const calls = lines(out);
    expect(calls).toEqual([crashed, { instanceId: 'other', channelId: 'c', passageId: crashed!.passageId, nonce: crashed!.nonce }]);
    const rows = await pgRows(url, `SELECT channel_id, status, attempts, owner, message_id FROM posts`);
    expect(rows).toEqual([{ channel_id: 'c', status: 'posted', attempts: 2, owner: 'other', message_id: 'other:c' }]);
    const attempts = await pgRows(url, `SELECT owner, outcome, error_code FROM post_attempts ORDER BY id`);
    expect(attempts).toEqual([
      { owner: 'dying', outcome: 'abandoned', error_code: 'lease_expired' },
      { owner: 'other', outcome: 'posted', error_code: null },
    ]);
  });
});
