/**
 * Wires the requests into the indicator of measure 48 (企业诉求按时办结率, issue 14): the requests capability lists
 * the requests counted by its 按时办结率 (`onTimeRecords`: routed, and answered or past the answer deadline), and
 * this writes them with the indicators' `upsertRecords` (record type `enterprise_request`, external id = the
 * request's number, unit = the unit handling it, source `requests`), removes the records of requests no longer
 * counted (a request reopened after its answer is inside its new period again: `pruneRecords`) and recomputes the
 * indicators over that type for the years touched. The recompute marks measure 48's ledger task off track through
 * the indicators' own signals. It lives here because the indicators import the ledger, which imports the requests:
 * the requests may not import the indicators. Run by the daily job below (08:15: the day's overdue requests are known
 * since midnight, the requests' 08:30 reminders change no count, and the ledger's 08:30 每日预警 then counts the red
 * light) and by `bizenv demo` after the demo requests; a re-run updates the same records.
 */
import type { Kysely } from 'kysely';
import { chinaToday } from '../calendar/index.js';
import type { Database } from '../db/index.js';
import { pruneRecords, recompute, RECORD_SPECS, upsertRecords, type ParsedRecord } from '../indicators/index.js';
import { defineJob } from '../jobs/index.js';
import { onTimeRecords } from '../requests/index.js';

export const REQUEST_RECORD_TYPE = 'enterprise_request';
const SOURCE = 'requests';

/** 咨询 → consult …: the record type's stored codes of the request categories. */
const CATEGORY_CODE = new Map(Object.entries(RECORD_SPECS[REQUEST_RECORD_TYPE].fields.find((f) => f.key === 'category')!.values!));

export async function feedRequestIndicators(
  db: Kysely<Database>,
  o: { actor: string; today?: string },
): Promise<{ records: number; inserted: number; updated: number; removed: number }> {
  const rows = await onTimeRecords(db, o.today ?? chinaToday());
  let inserted = 0;
  let updated = 0;
  for (const demo of [false, true]) {
    const records: ParsedRecord[] = rows
      .filter((r) => r.isDemo === demo)
      .map((r) => ({
        externalId: r.number,
        unitId: r.unitId,
        values: { category: CATEGORY_CODE.get(r.category) ?? null, applied_on: r.filedOn, completed_on: r.answeredOn, done: r.onTime },
      }));
    if (!records.length) continue;
    const w = await upsertRecords(db, [[REQUEST_RECORD_TYPE, records]], { actor: o.actor, source: SOURCE, isDemo: demo });
    inserted += w.inserted;
    updated += w.updated;
  }
  const pruned = await pruneRecords(db, REQUEST_RECORD_TYPE, { source: SOURCE, keep: rows.map((r) => r.number), actor: o.actor });
  if (inserted + updated + pruned.removed) {
    const years = [...new Set([...rows.map((r) => Number(r.filedOn.slice(0, 4))), ...pruned.years])];
    await recompute(db, { types: [REQUEST_RECORD_TYPE], extraYears: years });
  }
  return { records: rows.length, inserted, updated, removed: pruned.removed };
}

export const requestIndicatorFeedJob = defineJob({
  name: 'requests.indicator-feed',
  label: '企业诉求计入按时办结率（指标监测）',
  defaultCron: '15 8 * * *',
  run: async (ctx) => {
    const r = await feedRequestIndicators(ctx.db, { actor: 'system', today: chinaToday(ctx.now) });
    return {
      text: `企业诉求 ${r.records} 件计入按时办结率（新增 ${r.inserted} 条，更新 ${r.updated} 条，移出 ${r.removed} 条）`,
      counts: [
        { label: '新增', value: r.inserted },
        { label: '更新', value: r.updated },
        { label: '移出', value: r.removed },
      ],
    };
  },
});
