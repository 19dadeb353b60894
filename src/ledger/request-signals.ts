/**
 * Measure 48's "按时办结" (企业诉求在线提交、按时办结、及时反馈) as an indicator tied to its ledger task: the requests
 * capability computes the district 按时办结率 of the plan year (`requestOnTimeIndicator`, set-based over its own
 * tables), and the ledger keeps it as an off-track signal of source `requests` on measure 48 — the same mechanism
 * the indicators use (`setOffTrackSignals`), so the task shows 偏离目标 with the figure and a link to the figures page,
 * and loses it when the rate recovers. Refreshed by the daily job (`ledger.daily-flags`) and by `bizenv demo`.
 * The ledger calls requests (ledger → requests, the direction 我的待办 already uses); requests import no ledger code.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../db/index.js';
import { getPlan, planAsOf } from '../plan/index.js';
import { requestOnTimeIndicator } from '../requests/index.js';
import { setOffTrackSignals, type SetSignalsResult } from './signal-store.js';

export const REQUEST_SIGNAL_SOURCE = 'requests';

export async function syncRequestSignals(db: Kysely<Database>, planId: number, asOfArg?: string): Promise<SetSignalsResult & { value: number | null }> {
  const asOf = asOfArg ?? (await planAsOf(db, planId)).asOf;
  const year = (await getPlan(db, planId)).year ?? Number(asOf.slice(0, 4)); // a plan without a year: its as-of year
  const ind = await requestOnTimeIndicator(db, year, asOf);
  const signals =
    ind.met === false
      ? [
          {
            measureNumber: ind.measureNumber,
            key: ind.code,
            message: `指标“${ind.name}”未达标：当前 ${ind.value!.toFixed(2)}%，目标 ${ind.target}%（应办结 ${ind.due} 件，${ind.late} 件未按时答复）`,
            link: `/requests/figures?year=${year}&period=year`,
            on: asOf,
          },
        ]
      : [];
  return { ...(await setOffTrackSignals(db, { planId, source: REQUEST_SIGNAL_SOURCE, signals })), value: ind.value };
}
