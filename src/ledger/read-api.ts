import type { Kysely } from 'kysely';
import type { Database } from '../db/index.js';

/** A ledger task as other capabilities see it: which measure of the plan it belongs to, and its order there. */
export interface MeasureTask {
  id: number;
  title: string;
  measureId: number;
  /** Order of the task within its measure (1 = the measure's first task). */
  seq: number;
}

/**
 * The ledger tasks of a plan, by measure (`measure_id`) and order: for capabilities that link what they
 * observe about a measure to its tasks (the indicators' 偏离目标 flags and 督办). Sorted by measure, then order.
 */
export async function tasksOfMeasures(db: Kysely<Database>, planId: number): Promise<MeasureTask[]> {
  return db
    .selectFrom('ledger_task')
    .select(['id', 'title', 'measure_id as measureId', 'seq'])
    .where('plan_id', '=', planId)
    .orderBy('measure_id')
    .orderBy('seq')
    .orderBy('id')
    .execute();
}

/** An issued bulletin (定期通报) as other capabilities see it (a leader's view, 批示 on a bulletin). */
export interface IssuedBulletinRef {
  id: number;
  planId: number;
  cycleId: number;
  number: string;
  title: string;
  issuedOn: string;
  /** The units it concerns: every unit with a task (lead or responsible) in the plan — whom it was sent to. */
  unitIds: number[];
}

/**
 * The issued bulletins of a plan, newest first (at most `limit`), or the one with id `id` (issued only: drafts
 * are the office's own). Web link of one: `/ledger/bulletins/<id>`.
 *
 * @example
 *   const [latest] = await issuedBulletins(db, { planId, limit: 1 });
 *   const [b] = await issuedBulletins(db, { id: bulletinId }); // undefined when unknown or a draft
 */
export async function issuedBulletins(db: Kysely<Database>, f: { planId?: number; id?: number; limit?: number }): Promise<IssuedBulletinRef[]> {
  let q = db
    .selectFrom('ledger_bulletin')
    .select(['id', 'plan_id', 'cycle_id', 'number', 'title', 'issued_on'])
    .where('state', '=', 'issued')
    .orderBy('issued_on', 'desc')
    .orderBy('number_seq', 'desc')
    .orderBy('id', 'desc');
  if (f.planId !== undefined) q = q.where('plan_id', '=', f.planId);
  if (f.id !== undefined) q = q.where('id', '=', f.id);
  if (f.limit !== undefined) q = q.limit(f.limit);
  const rows = await q.execute();
  const planIds = [...new Set(rows.map((r) => r.plan_id))];
  const units = planIds.length
    ? await db
        .selectFrom('ledger_task_unit as tu')
        .innerJoin('ledger_task as t', 't.id', 'tu.task_id')
        .select(['t.plan_id', 'tu.unit_id'])
        .distinct()
        .where('t.plan_id', 'in', planIds)
        .orderBy('tu.unit_id')
        .execute()
    : [];
  return rows.map((r) => ({
    id: r.id,
    planId: r.plan_id,
    cycleId: r.cycle_id,
    number: r.number!,
    title: r.title,
    issuedOn: r.issued_on!,
    unitIds: units.filter((u) => u.plan_id === r.plan_id).map((u) => u.unit_id),
  }));
}
