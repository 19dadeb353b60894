import type { Kysely } from 'kysely';
import type { Database } from '../db/index.js';

/**
 * Marks the results of a record type's years stale, in the transaction that changes its records
 * (import, edit, delete). `recompute` clears the marks it has covered; a crash between the commit
 * and the recompute leaves them for `recomputeStale` at the next start.
 */
export async function markStale(trx: Kysely<Database>, type: string, years: Iterable<number>, o: { onlyAdded?: boolean } = {}): Promise<void> {
  const rows = [...new Set(years)]
    .filter((y) => Number.isInteger(y) && y > 1900 && y < 2200)
    .map((year) => ({ record_type: type, year, marked_at: new Date() }));
  if (!rows.length) return;
  // Records changed (not only added): the stored aggregates of the type's indicators no longer hold, so the
  // next recompute is a full one (incremental.ts). An import of only new records keeps them (`onlyAdded`).
  // Every year's: a record dated before a year still counts in it (cumulative counts).
  if (!o.onlyAdded) await dropAggregates(trx, [type]);
  await trx
    .insertInto('indicator_stale')
    .values(rows)
    .onConflict((oc) => oc.columns(['record_type', 'year']).doUpdateSet({ marked_at: new Date() }))
    .execute();
}

/** Clears the marks a recompute that started at `startedAt` has covered (later marks stay). */
export async function clearStale(db: Kysely<Database>, types: readonly string[], years: readonly number[], startedAt: Date): Promise<void> {
  if (!types.length || !years.length) return;
  await db
    .deleteFrom('indicator_stale')
    .where('record_type', 'in', [...types])
    .where('year', 'in', [...years])
    .where('marked_at', '<=', startedAt)
    .execute();
}

/** The stale marks: record type and year. */
export async function staleMarks(db: Kysely<Database>, year?: number): Promise<Array<{ type: string; year: number }>> {
  let q = db.selectFrom('indicator_stale').select(['record_type', 'year']).orderBy('year').orderBy('record_type');
  if (year !== undefined) q = q.where('year', '=', year);
  return (await q.execute()).map((r) => ({ type: r.record_type, year: r.year }));
}

/** Deletes the stored aggregates of the types' indicators (records changed otherwise than added): the next recompute is full. */
export async function dropAggregates(trx: Kysely<Database>, types: readonly string[]): Promise<void> {
  if (types.length)
    await trx
      .deleteFrom('indicator_aggregate')
      .where('record_type', 'in', [...types])
      .execute();
}
