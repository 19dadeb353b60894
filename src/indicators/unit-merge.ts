/**
 * When the office merges a unit into another (issue 13; src/plan/unit-merge.ts), the indicators move their
 * references in the merge's transaction: case records and API tokens go to the unit merged into; the merged
 * unit's per-unit results are removed and the record types and years concerned marked stale (the next
 * recompute counts the records under their new unit). Registered with the plan's `onUnitMerge` when this
 * module loads.
 */
import type { Kysely } from 'kysely';
import { moveUnitApiTokens } from '../auth/index.js';
import type { Database } from '../db/index.js';
import { onUnitMerge } from '../plan/index.js';
import { dropAggregates, markStale } from './stale.js';

/**
 * Moves every indicator reference of unit `fromId` to unit `intoId`; returns the counts moved.
 *
 * @example
 *   await moveIndicatorUnitReferences(trx, 71, 12); // { records: 0, tokens: 0, results: 0 }
 */
export async function moveIndicatorUnitReferences(db: Kysely<Database>, fromId: number, intoId: number): Promise<Record<string, number>> {
  const types = await db.selectFrom('case_record').select('type').distinct().where('unit_id', '=', fromId).execute();
  const records = await db.updateTable('case_record').set({ unit_id: intoId }).where('unit_id', '=', fromId).executeTakeFirst();
  // The stored aggregates name the merged unit: the next recompute of these types is full (incremental.ts).
  await dropAggregates(
    db,
    types.map((t) => t.type),
  );
  const tokens = await moveUnitApiTokens(db, fromId, intoId);
  const years = await db.selectFrom('indicator_result').select('year').distinct().where('unit_id', '=', fromId).execute();
  const results = await db.deleteFrom('indicator_result').where('unit_id', '=', fromId).executeTakeFirst();
  for (const t of types)
    await markStale(
      db,
      t.type,
      years.map((y) => y.year),
    );
  return { records: Number(records.numUpdatedRows), tokens, results: Number(results.numDeletedRows) };
}

onUnitMerge((trx, p) => moveIndicatorUnitReferences(trx, p.fromId, p.intoId));
