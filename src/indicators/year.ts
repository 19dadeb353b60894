import type { Kysely } from 'kysely';
import type { Database } from '../db/index.js';

import { chinaToday } from '../calendar/index.js';
import { findPlan, yearAsOf } from '../plan/index.js';

/** Today in China (the calendar's function). */
export const today = (): string => chinaToday();

/** The year the dashboard shows by default: the year of the latest plan, else the current year. */
export async function monitoringYear(db: Kysely<Database>): Promise<number> {
  const p = await findPlan(db);
  return p?.year ?? Number(today().slice(0, 4));
}

/**
 * The as-of date of a year's results: the plan's as-of date (`yearAsOf` of the plan capability: today while
 * the plan year runs, 12-31 once it is over, or the office's choice), so that the indicators show the same day
 * as the ledger. A year without a plan follows the same default rule.
 */
export async function indicatorAsOf(db: Kysely<Database>, year: number): Promise<string> {
  return yearAsOf(db, year);
}
