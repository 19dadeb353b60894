import { sql, type Kysely } from 'kysely';
import { advisoryXactLock, type Database } from '../db/index.js';
import type { PeriodResult, VersionedDefinition } from './core/index.js';
import { addAggregates, fingerprintOf, loadAggregateState, saveAggregateState, visibleIn } from './aggregate-state.js';
import { aggregateWithSnapshot, computeAndStore, computeOne, insertResults, type ComputeOptions } from './compute.js';

/** New records of one committed import: their ids and the id of the transaction that wrote them. */
export interface AddedRecords {
  externalIds: readonly string[];
  /** pg_current_xact_id() of the import's transaction. */
  xid: string;
}

/**
 * Recomputes one indicator after an import that only ADDED records: the stored monthly aggregates plus the
 * aggregates of the new records (read by their key, not the whole type), rolled up again; only the result rows
 * of the units the new records fall in, and the district-wide ones, are replaced. Every aggregate is a sum (or
 * a maximum), and a record's evaluation does not depend on other records, so this equals a full recompute.
 *
 * Falls back to the full `computeAndStore` when there is no stored state or it was computed for something else
 * (another definition version or plan number, another as-of date or default unit). When the state's statement
 * already saw the import's transaction (a full recompute ran after the import committed), nothing is to add.
 */
export async function addAndStore(
  db: Kysely<Database>,
  def: VersionedDefinition,
  o: ComputeOptions,
  added: AddedRecords,
): Promise<'incremental' | 'full' | 'seen'> {
  const mode = await db.transaction().execute(async (trx) => {
    await advisoryXactLock(trx, 'indicatorCompute', `${def.code}/${o.year}`);
    const state = await loadAggregateState(trx, def, o.year);
    if (!state || state.fingerprint !== fingerprintOf(def, o)) return 'full' as const;
    if (await visibleIn(trx, added.xid, state.snapshot)) return 'seen' as const;
    const delta = (await aggregateWithSnapshot(trx, def, o, added.externalIds)).rows;
    if (!delta.length) return 'incremental' as const;
    const rows = addAggregates(state.rows, delta);
    await saveAggregateState(trx, def, o.year, { ...state, rows });
    const units = [...new Set(delta.map((r) => r.unitId))];
    const ids = units.filter((u): u is number => u !== null);
    // The district-wide rows (no unit) and the rows of the units the new records fall in.
    const results = computeOne(def, rows, o).filter((r: PeriodResult) => r.unitId === null || ids.includes(r.unitId));
    await sql`delete from indicator_result where code = ${def.code} and version = ${def.version}::int and year = ${o.year}::int
      and (unit_id is null or unit_id = any(${ids}::int[]))`.execute(trx);
    await insertResults(trx, def, o, results);
    return 'incremental' as const;
  });
  if (mode === 'full') await computeAndStore(db, def, o);
  return mode;
}
