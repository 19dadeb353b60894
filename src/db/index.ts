export { readDbConfig, type DbConfig } from './config.js';
export { openDatabase, openEmbedded, type DatabaseHandle } from './connect.js';
export { migrateToLatest, MigrationFailedError } from './migrate.js';
export type { Database } from './schema.js';
export { sql, type Kysely, type Transaction } from 'kysely';
export { withDatabase, cliActor } from './with-database.js';
export { copyTransaction, copyText, singleSession, type CopyTransaction } from './copy.js';
export { advisoryXactLock, LOCKS, type LockName } from './locks.js';
