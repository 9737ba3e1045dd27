// The SQLite store and what only SQLite has: its migrations, its backup files, and the errors an
// operator sees about DATABASE_PATH. Code outside src/store opens it through openStore.
export { openSqliteStore } from './store.js';
export { BACKUP_GENERATIONS, backupDir, isSound, listBackups, newestBackup, restoreAdvice, takeBackup } from './backups.js';
export { BUSY_TIMEOUT_MS, StateError, ensureFolder } from './db.js';
export { STATE_BACKED_UP, STATE_BACKUP_FAILED, STATE_FILE_CHANGED } from './keeper.js';
export { MIGRATIONS, SCHEMA_VERSION, migrate, schemaVersion, type Migration } from './migrations.js';
