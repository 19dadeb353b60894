/**
 * What the ledger reads for measures 9–11 (`src/ledger/finance-signals.ts`): the district on-time rates of the year
 * against the targets 区金融办 set (none set: nothing).
 */
import type { Kysely } from 'kysely';
import type { Database } from '../db/index.js';
import { financeOnTimeIndicators } from './application-figures-store.js';
import { financeLimits } from './application-store.js';

export async function financeSignalsOf(db: Kysely<Database>, year: number, asOf: string) {
  const l = await financeLimits(db);
  return financeOnTimeIndicators(db, year, asOf, { acceptTarget: l.acceptTarget, decideTarget: l.decideTarget });
}
