/**
 * Measures 9–11 (提升企业融资服务水平; 银企融资对接机制, "渝中融") as indicators tied to their ledger tasks: 渝中融
 * (src/finance) computes the district 按时受理率 and 按时审批率 of the plan year against the targets 区金融办 set
 * (e.g. 按时审批率 ≥ 95 %; no target, no signal), and the ledger keeps a missed one as an off-track signal of source
 * `finance` on measures 9 and 11 — the mechanism of `setOffTrackSignals` (signal-store.ts). Refreshed by the daily
 * job (`ledger.daily-flags`) and by `bizenv demo`. The ledger calls finance; finance imports no ledger code.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../db/index.js';
import { financeSignalsOf } from '../finance/index.js';
import { getPlan, planAsOf } from '../plan/index.js';
import { setOffTrackSignals, type SetSignalsResult } from './signal-store.js';

export const FINANCE_SIGNAL_SOURCE = 'finance';
/** The plan's measures the financing figures belong to (2021 plan: 9 提升企业融资服务水平, 11 完善银企融资对接机制). */
export const FINANCE_MEASURES = [9, 11];

export async function syncFinanceSignals(
  db: Kysely<Database>,
  planId: number,
  asOfArg?: string,
): Promise<SetSignalsResult & { values: Array<{ code: string; value: number | null; met: boolean | null }> }> {
  const asOf = asOfArg ?? (await planAsOf(db, planId)).asOf;
  const year = (await getPlan(db, planId)).year ?? Number(asOf.slice(0, 4));
  const inds = await financeSignalsOf(db, year, asOf);
  const signals = inds
    .filter((i) => i.met === false)
    .flatMap((i) =>
      FINANCE_MEASURES.map((measureNumber) => ({
        measureNumber,
        key: i.code,
        message: `指标“${i.name}”未达标：当前 ${i.value!.toFixed(2)}%，目标 ${i.target}%（应办 ${i.due} 件，${i.late} 件超期）`,
        link: `/finance/figures?year=${year}`,
        on: asOf,
      })),
    );
  const r = await setOffTrackSignals(db, { planId, source: FINANCE_SIGNAL_SOURCE, signals });
  return { ...r, values: inds.map((i) => ({ code: i.code, value: i.value, met: i.met })) };
}
