import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../db/index.js';

/**
 * Runs `fn` in a transaction: a new one on a database handle, or the caller's when given a transaction (so that a
 * command can also be one step of a larger all-or-nothing command, e.g. the office's bulk review).
 */
export function inTransaction<T>(db: Kysely<Database>, fn: (trx: Kysely<Database>) => Promise<T>): Promise<T> {
  return db.isTransaction ? fn(db as Transaction<Database>) : db.transaction().execute(fn);
}
