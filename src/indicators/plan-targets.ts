import type { Kysely } from 'kysely';
import type { Database } from '../db/index.js';
import { findPlan, listPlanTargets } from '../plan/index.js';
import type { IndicatorDefinition } from './core/index.js';
import { forPlanTarget } from './core/plan-threshold.js';

/** A quantitative target of the plan of a year, as the indicators cite it (`measure/seq`). */
export interface YearTarget {
  planId: number;
  measureTitle: string;
  text: string;
  metric: string;
  op: string;
  value: number;
  unit: string;
}

/**
 * The targets of THE plan of a year (the year's, else the latest plan: the rule every indicator page uses),
 * keyed `measure/seq`. Empty without any plan.
 */
export async function yearPlanTargets(db: Kysely<Database>, year: number): Promise<Map<string, YearTarget>> {
  const plan = await findPlan(db, { year, orLatest: true });
  const out = new Map<string, YearTarget>();
  if (!plan) return out;
  for (const r of await listPlanTargets(db, plan.id))
    out.set(`${r.measureNumber}/${r.seq}`, {
      planId: plan.id,
      measureTitle: r.measureTitle,
      text: r.text,
      metric: r.metric,
      op: r.op,
      value: r.value,
      unit: r.unit,
    });
  return out;
}

/** A definition as it applies to the year of `targets`: its number is the plan's (`forPlanTarget`). */
export function forYear<D extends IndicatorDefinition>(d: D, targets: Map<string, YearTarget>): D {
  return forPlanTarget(d, targets.get(`${d.plan.measure}/${d.plan.seq}`));
}
