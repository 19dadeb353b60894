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
