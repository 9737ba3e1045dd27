// The PostgreSQL store and what only it has: its migrations and URL handling. Code outside
// src/store opens it through openStore({ url }).
export { CONNECT_TIMEOUT_MS, STORE_CONNECTION_LOST, STORE_MIGRATED, STORE_UNREACHABLE, openPostgresStore, type PgStoreOptions } from './store.js';
export { isPostgresUrl, redactUrl } from './url.js';
export { PG_MIGRATIONS, PG_SCHEMA_VERSION, migratePg, pgSchemaVersion, type PgMigration } from './migrations.js';
