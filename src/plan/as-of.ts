/**
 * The plan's as-of date (issue 12): the one date every page shows a plan's figures as of. The rule is the
 * pure `resolveAsOf` (core/as-of.ts); this module reads and stores the office's choice (`plan_as_of`) and
 * tells listeners (the indicators recompute their results of the plan year) when it changes.
 */
import type { Kysely } from 'kysely';
import { recordAudit } from '../audit/index.js';
import { chinaToday } from '../calendar/index.js';
import type { Database } from '../db/index.js';
import { InputRejectedError } from '../shared/index.js';
import { AS_OF_REASON_LABELS, asOfProblem, asOfText, defaultAsOf, resolveAsOf, type AsOfReason } from './core/as-of.js';
import { findPlan, getPlan } from './plan-read.js';

export interface PlanAsOf {
  planId: number;
  /** Null for a plan whose year is unknown (issue 13). */
  year: number | null;
  /** The date the plan's figures are shown as of (YYYY-MM-DD). */
  asOf: string;
  reason: AsOfReason;
  reasonLabel: string;
  /** 数据截至 2021年12月31日（方案年度已结束） */
  text: string;
  /** The date without the office's choice (what clearing it returns to). */
  defaultAsOf: string;
  /** Who chose the date and when (null for the default). */
  setBy: string | null;
  setAt: Date | null;
}

/**
 * The as-of date of a plan (NotFoundError when there is no such plan).
 *
 * @example
 *   const { asOf } = await planAsOf(db, planId); // '2021-12-31' for the 2021 plan seen in 2026
 */
export async function planAsOf(db: Kysely<Database>, planId: number, today: string = chinaToday()): Promise<PlanAsOf> {
  const plan = await getPlan(db, planId);
  const row = await db.selectFrom('plan_as_of').selectAll().where('plan_id', '=', planId).executeTakeFirst();
  const a = resolveAsOf(plan.year, today, row?.as_of);
  return {
    planId,
    year: plan.year,
    asOf: a.asOf,
    reason: a.reason,
    reasonLabel: AS_OF_REASON_LABELS[a.reason],
    text: asOfText(a),
    defaultAsOf: defaultAsOf(plan.year, today).asOf,
    setBy: row?.set_by_name ?? null,
    setAt: row?.set_at ?? null,
  };
}

/**
 * The as-of date of a year's figures: that of THE plan of the year (`findPlan`), or the default rule when the
 * year has no plan (the indicators compute years without a plan too).
 *
 * @example
 *   const asOf = await yearAsOf(db, 2021); // the indicators' results of 2021 are computed as of this day
 */
export async function yearAsOf(db: Kysely<Database>, year: number, today: string = chinaToday()): Promise<string> {
  const plan = await findPlan(db, { year });
  return plan ? (await planAsOf(db, plan.id, today)).asOf : defaultAsOf(year, today).asOf;
}

type AsOfListener = (db: Kysely<Database>, p: { planId: number; year: number | null; asOf: string }) => Promise<void>;
const listeners: AsOfListener[] = [];

/** Called after the office changes a plan's as-of date (the indicators recompute the plan year). */
export function onPlanAsOfChanged(fn: AsOfListener): void {
  if (!listeners.includes(fn)) listeners.push(fn);
}

/**
 * The office chooses the as-of date of a plan (`null` clears the choice: back to the default). Audited
 * (`plan.as_of.set`); an unchanged date writes nothing. Listeners run after the commit.
 */
export async function setPlanAsOf(
  db: Kysely<Database>,
  user: { account: string; name: string },
  planId: number,
  asOf: string | null,
  today: string = chinaToday(),
): Promise<PlanAsOf> {
  const plan = await getPlan(db, planId);
  if (asOf !== null) {
    const problem = asOfProblem(plan.year, today, asOf);
    if (problem) throw new InputRejectedError(`数据截至日期有误：${problem}`, [{ field: 'asOf', message: problem }]);
  }
  const changed = await db.transaction().execute(async (trx) => {
    const before = await trx.selectFrom('plan_as_of').select('as_of').where('plan_id', '=', planId).forUpdate().executeTakeFirst();
    if ((before?.as_of ?? null) === asOf) return false;
    if (asOf === null) await trx.deleteFrom('plan_as_of').where('plan_id', '=', planId).execute();
    else
      await trx
        .insertInto('plan_as_of')
        .values({ plan_id: planId, as_of: asOf, set_by: user.account, set_by_name: user.name })
        .onConflict((oc) => oc.column('plan_id').doUpdateSet({ as_of: asOf, set_by: user.account, set_by_name: user.name, set_at: new Date() }))
        .execute();
    await recordAudit(trx, {
      actor: user.account,
      action: 'plan.as_of.set',
      entity: 'plan',
      entityId: planId,
      before: { asOf: before?.as_of ?? null },
      after: { asOf },
    });
    return true;
  });
  const now = await planAsOf(db, planId, today);
  if (changed) for (const fn of listeners) await fn(db, { planId, year: plan.year, asOf: now.asOf });
  return now;
}
