// Copies of the state beside the database (state/backups/ for state/bot.db), taken with SQLite's
// online backup so a running bot is never paused or caught half-written, and written under a
// temporary name then renamed, so a crash mid-copy never leaves a file that looks like a backup.
// Only a few generations are kept: enough to step back over a bad change, never a growing pile.
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import Database from 'better-sqlite3';

export const BACKUP_GENERATIONS = 3;

export const backupDir = (dbPath: string): string => join(dirname(dbPath), 'backups');

const stem = (dbPath: string) => basename(dbPath).replace(/\.[^.]*$/, '') || 'state';

/** The backups of the database at `dbPath`, newest first (the timestamp in the name orders them). */
export function listBackups(dbPath: string): string[] {
  const dir = backupDir(dbPath);
  const prefix = `${stem(dbPath)}-`;
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return [];
  }
  return names
    .filter((n) => n.startsWith(prefix) && n.endsWith('.db') && /^\d{8}T\d{6}/.test(n.slice(prefix.length)))
    .sort()
    .reverse()
    .map((n) => join(dir, n));
}

export const newestBackup = (dbPath: string): string | undefined => listBackups(dbPath)[0];

const stamp = (d: Date) => d.toISOString().replace(/[-:]/g, '').replace(/\.(\d{3})Z$/, '$1Z');

/**
 * Writes a backup of `db` (the database at `dbPath`) and prunes the oldest beyond
 * BACKUP_GENERATIONS. `tag` names special copies (e.g. 'rescued'). Returns the file written.
 */
export async function takeBackup(db: Database.Database, dbPath: string, now = new Date(), tag?: string): Promise<string> {
  const dir = backupDir(dbPath);
  if (!existsSync(dir)) mkdirSync(dir);
  let file = join(dir, `${stem(dbPath)}-${stamp(now)}${tag ? `-${tag}` : ''}.db`);
  for (let n = 2; existsSync(file); n++) file = file.replace(/(-\d+)?\.db$/, `-${n}.db`);
  const tmp = `${file}.tmp`;
  try {
    await db.backup(tmp);
    renameSync(tmp, file);
  } catch (e) {
    rmSync(tmp, { force: true });
    throw e;
  }
  for (const old of listBackups(dbPath).slice(BACKUP_GENERATIONS)) rmSync(old, { force: true });
  return file;
}

/** Whether a backup file opens and passes SQLite's quick check. */
export function isSound(file: string): boolean {
  try {
    const db = new Database(file, { readonly: true, fileMustExist: true });
    try {
      return db.pragma('quick_check', { simple: true }) === 'ok';
    } finally {
      db.close();
    }
  } catch {
    return false;
  }
}

/** How to put a backup back, in one sentence an operator can follow. */
export function restoreAdvice(dbPath: string, backup = newestBackup(dbPath)): string {
  if (!backup) return `No backup exists yet in ${backupDir(dbPath)}; move ${dbPath} aside to start again with an empty state.`;
  return `To restore the newest backup, stop the bot, copy ${backup} over ${dbPath}, delete ${dbPath}-wal and ${dbPath}-shm if present, and start it again.`;
}
