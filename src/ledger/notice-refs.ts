/**
 * What the ledger's inbox notices name (see core/notices.ts): a task's code and title, and units' names.
 * Every function takes a `Kysely<Database>` or the transaction that sends the notice.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../db/index.js';
import { findMeasures } from '../plan/index.js';
import type { TaskRef } from './core/notices.js';

/** The task's code (`2-3`: measure number and sequence) and title. */
export async function taskRef(db: Kysely<Database>, taskId: number): Promise<TaskRef> {
  const t = await db.selectFrom('ledger_task').select(['measure_id', 'seq', 'title']).where('id', '=', taskId).executeTakeFirstOrThrow();
  const [m] = await findMeasures(db, [t.measure_id]);
  return { code: `${m?.number ?? '?'}-${t.seq}`, title: t.title };
}

/** The names of the task's units, lead units first (only the lead units when `leadOnly`). */
export async function taskUnitNames(db: Kysely<Database>, taskId: number, leadOnly = false): Promise<string[]> {
  let q = db
    .selectFrom('ledger_task_unit')
    .innerJoin('unit', 'unit.id', 'ledger_task_unit.unit_id')
    .select('unit.name')
    .where('ledger_task_unit.task_id', '=', taskId)
    .orderBy('ledger_task_unit.role')
    .orderBy('ledger_task_unit.position');
  if (leadOnly) q = q.where('ledger_task_unit.role', '=', 'lead');
  return (await q.execute()).map((r) => r.name);
}

/** A unit's name, or null. */
export async function unitName(db: Kysely<Database>, unitId: number | null): Promise<string | null> {
  if (unitId === null) return null;
  return (await db.selectFrom('unit').select('name').where('id', '=', unitId).executeTakeFirst())?.name ?? null;
}
