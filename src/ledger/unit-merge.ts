/**
 * When the office merges a unit into another (issue 13; src/plan/unit-merge.ts), the ledger moves its
 * references in the merge's transaction: task units (a task of both keeps one link per role), report
 * versions, supervision orders and the 批示's units. Registered with the plan's `onUnitMerge` when this module
 * loads (the plan imports no ledger code).
 */
import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/index.js';
import { onUnitMerge } from '../plan/index.js';

/**
 * Moves every ledger reference of unit `fromId` to unit `intoId`; returns the counts moved.
 *
 * @example
 *   await moveLedgerUnitReferences(trx, 71, 12); // { taskUnits: 2, orders: 0, reports: 0, instructions: 0 }
 */
export async function moveLedgerUnitReferences(db: Kysely<Database>, fromId: number, intoId: number): Promise<Record<string, number>> {
  const links = await db.selectFrom('ledger_task_unit').selectAll().where('unit_id', '=', fromId).execute();
  if (links.length) {
    await db
      .insertInto('ledger_task_unit')
      .values(links.map((l) => ({ ...l, unit_id: intoId })))
      .onConflict((oc) => oc.doNothing())
      .execute();
    await db.deleteFrom('ledger_task_unit').where('unit_id', '=', fromId).execute();
  }
  const reports = await db.updateTable('ledger_report_version').set({ unit_id: intoId }).where('unit_id', '=', fromId).executeTakeFirst();
  const orders = await db.updateTable('ledger_order').set({ unit_id: intoId }).where('unit_id', '=', fromId).executeTakeFirst();
  await db.updateTable('ledger_instruction').set({ answer_unit_id: intoId }).where('answer_unit_id', '=', fromId).execute();
  const instructions = await db
    .updateTable('ledger_instruction')
    .set({
      unit_ids: sql<number[]>`(SELECT array_agg(DISTINCT u ORDER BY u) FROM unnest(array_replace(unit_ids, ${fromId}::int, ${intoId}::int)) AS u)`,
    })
    .where(sql<boolean>`${fromId}::int = ANY(unit_ids)`)
    .executeTakeFirst();
  return {
    taskUnits: links.length,
    reports: Number(reports.numUpdatedRows),
    orders: Number(orders.numUpdatedRows),
    instructions: Number(instructions.numUpdatedRows),
  };
}

onUnitMerge((trx, p) => moveLedgerUnitReferences(trx, p.fromId, p.intoId));
