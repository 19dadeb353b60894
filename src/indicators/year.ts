import type { Kysely } from 'kysely';
import type { Database } from '../db/index.js';

import { chinaToday } from '../calendar/index.js';
import { findPlan } from '../plan/index.js';

/** Today in China (the calendar's function). */
export const today = (): string => chinaToday();

/** The year the dashboard shows by default: the year of the latest plan, else the current year. */
export async function monitoringYear(db: Kysely<Database>): Promise<number> {
  const p = await findPlan(db);
  return p?.year ?? Number(today().slice(0, 4));
}

/** As-of date of a year: today, or its last day for a past year. */
export function asOfFor(year: number, now = today()): string {
  return now.slice(0, 4) > String(year) ? `${year}-12-31` : now.slice(0, 4) < String(year) ? `${year}-01-01` : now;
}
