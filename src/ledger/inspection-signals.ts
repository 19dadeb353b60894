/**
 * Measures 31–35 (双随机、一公开, 信用监管, 风险预警, 行政执法公示, 免罚清单; issue 15; 31, 32 and 35 in
 * src/inspections/measure-signals.ts) and in detail 33 and 34 as off-track signals of source `inspections` on their
 * ledger tasks — the mechanism of ./signal-store.ts: the inspections capability computes the signals over its own
 * tables (`inspectionSignals`: results unpublished past the 20 working days; 协同监管响应率 of the risk flags below
 * 100 %), the ledger keeps them with `setOffTrackSignals`, so the tasks show 偏离目标 with the figure and a link,
 * and lose it when the figures recover. Refreshed by the daily job (`ledger.daily-flags`) and by `bizenv demo`.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../db/index.js';
import { inspectionSignals } from '../inspections/index.js';
import { getPlan, planAsOf } from '../plan/index.js';
import { setOffTrackSignals, type SetSignalsResult } from './signal-store.js';

export const INSPECTION_SIGNAL_SOURCE = 'inspections';

export async function syncInspectionSignals(
  db: Kysely<Database>,
  planId: number,
  asOfArg?: string,
): Promise<SetSignalsResult & { responseRate: number | null }> {
  const asOf = asOfArg ?? (await planAsOf(db, planId)).asOf;
  const year = (await getPlan(db, planId)).year ?? Number(asOf.slice(0, 4));
  const { signals, responseRate } = await inspectionSignals(db, year, asOf);
  return { ...(await setOffTrackSignals(db, { planId, source: INSPECTION_SIGNAL_SOURCE, signals })), responseRate };
}
