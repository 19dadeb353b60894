/**
 * 协同监管响应 as records for the indicator of measure 33 (issue 15: the figures “feed the indicators of measure 33”).
 * The indicators capability computes 协同监管响应率 from “互联网+监管”工作记录 of the category 协同监管响应 (`done` = the
 * response was made); each 风险预警线索 pushed to a department (`insp_risk_flag`, 线索推送) is one such record: done when
 * the department answered within the response period (RESPONSE_WORKING_DAYS working days, the same rule as the ledger
 * signal in figures-store.ts), not done when answered late or not at all once the period is over. A flag still within
 * its period is left out (not yet due). The indicators are not imported here (they import the ledger, which imports
 * this capability): the server and `bizenv demo` write these records through the indicators' `upsertRecords`
 * (src/server/inspection-indicator-feed.ts).
 */
import type { Kysely } from 'kysely';
import { chinaToday, loadCalendar, provisionalWorkingDays } from '../calendar/index.js';
import type { Database } from '../db/index.js';
import { RESPONSE_WORKING_DAYS } from './core/risk.js';

export interface CollaborationRecord {
  /** Stable: `INSP-RISK-<flag id>`, so a re-run updates the same record. */
  externalId: string;
  /** The department the clue was pushed to; null: the office (the indicator then takes the measure's lead unit). */
  unitId: number | null;
  name: string;
  /** 登记日期: the day flagged (pushed). */
  appliedOn: string;
  /** Answered within the response period. */
  done: boolean;
  /** The day answered, if answered. */
  completedOn: string | null;
  isDemo: boolean;
}

/** One record per 风险预警线索 whose response period is over or that was answered, as of `today`. */
export async function collaborationRecords(db: Kysely<Database>, today: string = chinaToday()): Promise<CollaborationRecord[]> {
  const cal = provisionalWorkingDays(await loadCalendar(db));
  const flags = await db
    .selectFrom('insp_risk_flag')
    .select(['id', 'unit_id', 'object_name', 'flagged_on', 'responded_on', 'is_demo'])
    .where('flagged_on', '<=', today)
    .orderBy('id')
    .execute();
  const out: CollaborationRecord[] = [];
  for (const f of flags) {
    const by = cal.addWorkingDays(f.flagged_on, RESPONSE_WORKING_DAYS);
    const answered = f.responded_on !== null && f.responded_on <= today ? f.responded_on : null;
    if (answered === null && by >= today) continue; // still within its period
    out.push({
      externalId: `INSP-RISK-${f.id}`,
      unitId: f.unit_id,
      name: `风险预警线索：${f.object_name}`,
      appliedOn: f.flagged_on,
      done: answered !== null && answered <= by,
      completedOn: answered,
      isDemo: f.is_demo,
    });
  }
  return out;
}
