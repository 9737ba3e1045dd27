// Watches over the database file of a running bot. SQLite keeps using the file it opened: if
// someone deletes, truncates or replaces it, the bot goes on reading and writing a file that is
// gone (or reading a cache over an empty one), and everything is lost at the next restart while
// every reply still says all is well. So the keeper compares the file on disk with the one opened
// (device, inode, SQLite header) on a timer and whenever asked, reports the change once in the
// log and from then on to anyone who asks (/daily status), and keeps a few backups while the file
// is sound (never once it is not, so a broken state cannot push the good copies out).
import { closeSync, openSync, readSync, statSync } from 'node:fs';
import type Database from 'better-sqlite3';
import { log } from '../../core/log.js';
import type { KeeperOptions, StateProblem } from '../store.js';
import { isSound, newestBackup, restoreAdvice, takeBackup } from './backups.js';

/** Logged once when the database file is deleted, truncated or replaced under the running bot. */
export const STATE_FILE_CHANGED = 'state_file_changed';
export const STATE_BACKED_UP = 'state_backed_up';
export const STATE_BACKUP_FAILED = 'state_backup_failed';

const HEADER = Buffer.from('SQLite format 3\0', 'latin1');

function readHeader(path: string): Buffer {
  const fd = openSync(path, 'r');
  try {
    const buf = Buffer.alloc(HEADER.length);
    const n = readSync(fd, buf, 0, buf.length, 0);
    return buf.subarray(0, n);
  } finally {
    closeSync(fd);
  }
}

export class StateKeeper {
  private readonly identity: { dev: number; ino: number };
  private readonly checkEveryMs: number;
  private readonly backupGapMs: number;
  private readonly clock: () => Date;
  private found?: StateProblem;
  private timer?: NodeJS.Timeout;
  private backingUp?: Promise<unknown>;
  private lastBackupAt = 0;
  private changesAtBackup = '';

  constructor(
    private readonly db: Database.Database,
    private readonly path: string,
    opts: KeeperOptions = {},
  ) {
    const st = statSync(path);
    this.identity = { dev: st.dev, ino: st.ino };
    this.checkEveryMs = opts.checkEveryMs ?? 30_000;
    this.backupGapMs = opts.backupGapMs ?? 10 * 60_000;
    this.clock = opts.clock ?? (() => new Date());
  }

  /** Takes the first backup and starts the periodic check (and backups while the state changes). */
  start(): Promise<unknown> {
    this.timer ??= setInterval(() => void this.tick(), this.checkEveryMs);
    this.timer.unref();
    return this.backupIfChanged(true);
  }

  /** Stops the timer (a backup in progress ends with the connection). */
  stop(): void {
    clearInterval(this.timer);
    this.timer = undefined;
  }

  /** The problem with the file, if any; checks the file now (a stat and a 16-byte read). */
  problem(): StateProblem | undefined {
    if (this.found) return this.found;
    const kind = this.inspect();
    if (!kind) return undefined;
    const size = (() => {
      try {
        return statSync(this.path).size;
      } catch {
        return 0;
      }
    })();
    const what = {
      missing: `The database file ${this.path} was deleted while the bot was running: subscriptions and post records made since are lost when it restarts.`,
      truncated: `The database file ${this.path} was emptied or overwritten while the bot was running (${size} bytes, no SQLite header): subscriptions are lost when it restarts.`,
      replaced: `The database file ${this.path} was replaced while the bot was running: the bot keeps using the file it opened until it restarts.`,
    }[kind];
    this.found = { kind, message: what, restore: restoreAdvice(this.path), at: this.clock() };
    log.error(STATE_FILE_CHANGED, { path: this.path, problem: kind, message: what, restore: this.found.restore, backup: newestBackup(this.path) ?? null });
    // A deleted or replaced file is still open here, whole: copy it out while it can be.
    if (kind !== 'truncated') void this.rescueCopy();
    return this.found;
  }

  private inspect(): Exclude<StateProblem['kind'], 'unreachable'> | undefined {
    let st;
    try {
      st = statSync(this.path);
    } catch {
      return 'missing';
    }
    if (st.dev !== this.identity.dev || st.ino !== this.identity.ino) return 'replaced';
    try {
      if (!readHeader(this.path).equals(HEADER)) return 'truncated';
    } catch {
      return 'missing';
    }
    return undefined;
  }

  private async rescueCopy(): Promise<void> {
    await this.backingUp;
    try {
      const file = await takeBackup(this.db, this.path, this.clock(), 'rescued');
      if (!isSound(file)) return;
      if (this.found) this.found = { ...this.found, restore: restoreAdvice(this.path, file) };
      log.warn(STATE_BACKED_UP, { path: this.path, backup: file, rescued: true });
    } catch (e) {
      log.error(STATE_BACKUP_FAILED, { path: this.path, error: (e as Error).message });
    }
  }

  private async tick(): Promise<void> {
    if (this.problem()) return;
    await this.backupIfChanged(false);
  }

  /** Changes by this connection, and by other processes sharing the file. */
  private changes(): string {
    const row = this.db.prepare('SELECT total_changes() AS n').get() as { n: number };
    return `${row.n}:${this.db.pragma('data_version', { simple: true }) as number}`;
  }

  /** Backs up when the state changed since the last backup (and that was long enough ago), or when forced. */
  backupIfChanged(force: boolean): Promise<unknown> {
    if (this.backingUp || !this.db.open || this.problem()) return this.backingUp ?? Promise.resolve();
    const now = this.clock().getTime();
    const changes = this.changes();
    if (!force && (changes === this.changesAtBackup || now - this.lastBackupAt < this.backupGapMs)) return Promise.resolve();
    this.backingUp = takeBackup(this.db, this.path, this.clock())
      .then((file) => {
        this.lastBackupAt = now;
        this.changesAtBackup = changes;
        log.info(STATE_BACKED_UP, { path: this.path, backup: file });
      })
      // A backup cut short by shutdown is not worth an error line.
      .catch((e: unknown) => this.db.open && log.error(STATE_BACKUP_FAILED, { path: this.path, error: (e as Error).message }))
      .finally(() => (this.backingUp = undefined));
    return this.backingUp;
  }
}
