/**
 * Wires the inspections' 风险预警线索 into the indicator of measure 33 (协同监管响应率, issue 15): the inspections
 * capability lists its clues as “互联网+监管”工作记录 (`collaborationRecords`), and this writes them with the
 * indicators' `upsertRecords` (record type `supervision`, category 协同监管响应, external id `INSP-RISK-<flag id>`,
 * source `inspections`) and recomputes the indicators over that type for the years touched. It lives here because
 * the indicators import the ledger, which imports the inspections: neither capability may import the other. Run by
 * the daily job below (after the 08:00 风险预警) and by `bizenv demo`; a re-run updates the same records.
 */
import type { Kysely } from 'kysely';
import { chinaToday } from '../calendar/index.js';
import type { Database } from '../db/index.js';
import { recompute, upsertRecords, type ParsedRecord } from '../indicators/index.js';
import { collaborationRecords } from '../inspections/index.js';
import { defineJob } from '../jobs/index.js';

export async function feedInspectionIndicators(
  db: Kysely<Database>,
  o: { actor: string; today?: string },
): Promise<{ records: number; inserted: number; updated: number }> {
  const rows = await collaborationRecords(db, o.today ?? chinaToday());
  const parsed = (demo: boolean): ParsedRecord[] =>
    rows
      .filter((r) => r.isDemo === demo)
      .map((r) => ({
        externalId: r.externalId,
        unitId: r.unitId,
        values: { category: 'collaboration', name: r.name, applied_on: r.appliedOn, done: r.done, completed_on: r.completedOn },
      }));
  let inserted = 0;
  let updated = 0;
  for (const demo of [false, true]) {
    const records = parsed(demo);
    if (!records.length) continue;
    const w = await upsertRecords(db, [['supervision', records]], { actor: o.actor, source: 'inspections', isDemo: demo });
    inserted += w.inserted;
    updated += w.updated;
  }
  if (inserted + updated) {
    const years = [...new Set(rows.map((r) => Number(r.appliedOn.slice(0, 4))))];
    await recompute(db, { types: ['supervision'], extraYears: years });
  }
  return { records: rows.length, inserted, updated };
}

export const inspectionIndicatorFeedJob = defineJob({
  name: 'inspections.indicator-feed',
  label: '风险预警线索计入协同监管响应率（指标监测）',
  defaultCron: '30 8 * * *',
  run: async (ctx) => {
    const r = await feedInspectionIndicators(ctx.db, { actor: 'system', today: chinaToday(ctx.now) });
    return {
      text: `风险预警线索 ${r.records} 条计入协同监管响应率（新增 ${r.inserted} 条，更新 ${r.updated} 条）`,
      counts: [
        { label: '新增', value: r.inserted },
        { label: '更新', value: r.updated },
      ],
    };
  },
});
