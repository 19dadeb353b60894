import type { Kysely } from 'kysely';
import type { Database } from '../db/index.js';
import { planAsOf } from '../plan/index.js';
import { InputRejectedError } from '../shared/index.js';
import { isIsoDate } from './core/calendar.js';

/**
 * The day of reference of a request about a plan: `?asOf=YYYY-MM-DD` when the request gives one, else the
 * plan's as-of date (`planAsOf`: today while the plan year runs, 12-31 once it is over, or the office's choice),
 * so that the dashboard, task list, flags, bulletins and assessment show the same day.
 */
export async function asOfOf(db: Kysely<Database>, planId: number, q: { asOf?: string }): Promise<string> {
  return optionalAsOf(q) ?? (await planAsOf(db, planId)).asOf;
}

/** The day of reference when the request gives one (checked), else undefined (the store takes the plan's as-of date). */
export function optionalAsOf(q: { asOf?: string }): string | undefined {
  const v = q.asOf;
  if (v && !isIsoDate(v)) throw new InputRejectedError('日期无效', [{ field: 'asOf', message: '应为有效日期 YYYY-MM-DD' }]);
  return v || undefined;
}
