import { sql, type Kysely } from 'kysely';
import type { Database } from './schema.js';

/**
 * Every advisory lock of the platform, in one registry so that no two unrelated locks share a key.
 * Each name is a namespace (the first key of `pg_advisory_xact_lock(int, int)`); the second key
 * narrows it (an id, or a text hashed with `hashtext`). Transaction-scoped: released at commit or
 * rollback, on both backends.
 */
export const LOCKS = {
  /** Audit chain: one writer appends at a time (audit-log.ts). */
  audit: 7301,
  /** Plan import: one import at a time, so "same content" checks and revisions don't race. */
  planImport: 7310,
  /** Loading a year of the working-day calendar. */
  calendarLoad: 7311,
  /** Case record import, per record type ("is this id new" cannot change mid-import). */
  caseImport: 7312,
  /** Policy matching and push, per policy item. */
  policyMatch: 7313,
  /** Indicator definitions (new versions). */
  indicatorDefinitions: 7305,
  /** Indicator computation, per definition and year: one writer of its results. */
  indicatorCompute: 7306,
  /** Off-track signals of a plan's ledger. */
  ledgerSignals: 7307,
  /** Job scheduler, per job name: one process creates a slot's run (src/jobs). */
  jobSchedule: 7320,
  /** Issuing bulletins, per number prefix and year: one writer takes the next number of the sequence. */
  ledgerBulletins: 7321,
  /** Numbering enterprise requests, per year: one writer takes the next serial (src/requests). */
  requestNumber: 7330,
  /** Importing 12345 work orders: one import at a time ("is this work order new" cannot change mid-import). */
  requestImport: 7331,
  /** Numbering 双随机 draws, per year (src/inspections). */
  inspectionDraw: 7340,
} as const;

export type LockName = keyof typeof LOCKS;

/**
 * Takes a registered advisory lock inside the caller's transaction.
 *
 * @example
 *   await db.transaction().execute(async (trx) => {
 *     await advisoryXactLock(trx, 'caseImport', 'utility'); // per record type
 *     …
 *   });
 */
export async function advisoryXactLock(trx: Kysely<Database>, name: LockName, key: number | string = 0): Promise<void> {
  const second = typeof key === 'number' ? sql`${key}::int` : sql`hashtext(${key})`;
  await sql`select pg_advisory_xact_lock(${LOCKS[name]}::int, ${second})`.execute(trx);
}
