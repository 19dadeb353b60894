/**
 * Requests as the records of measure 48's indicator 企业诉求按时办结率 (指标监测): what the indicators' feed
 * (src/server/request-indicator-feed.ts) writes as 企业诉求办理记录. One row per request counted by the figures'
 * 按时办结率 on the data date — routed, and answered or past its answer deadline — with the same rule as
 * `countRequests`: on time = answered by the answer deadline (the deadline as it stands: suspensions deducted,
 * extensions added, a reopened request's new deadline and last answer). Requests still inside their period are left
 * out; they are listed once answered or overdue.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../db/index.js';

export interface OnTimeRecord {
  /** The request's number (渝中诉〔2021〕000123号): the record's external id. */
  number: string;
  /** The unit handling the request now. */
  unitId: number;
  category: string;
  /** 受理日期. */
  filedOn: string;
  answerDue: string;
  /** The last answer (null: not answered yet, and overdue). */
  answeredOn: string | null;
  onTime: boolean;
  isDemo: boolean;
}

/** The requests counted in 按时办结率 on `asOf` (filed up to that day, every year), oldest first. */
export async function onTimeRecords(db: Kysely<Database>, asOf: string): Promise<OnTimeRecord[]> {
  const rows = await db
    .selectFrom('request_item')
    .select(['number', 'unit_id', 'category', 'filed_on', 'answer_due', 'answered_on', 'is_demo'])
    .where('unit_id', 'is not', null)
    .where('answer_due', 'is not', null)
    .where('filed_on', '<=', asOf)
    .where((eb) => eb.or([eb('answered_on', 'is not', null), eb('answer_due', '<', asOf)]))
    .orderBy('filed_on')
    .orderBy('id')
    .execute();
  return rows.map((r) => ({
    number: r.number,
    unitId: r.unit_id!,
    category: r.category,
    filedOn: r.filed_on,
    answerDue: r.answer_due!,
    answeredOn: r.answered_on,
    onTime: r.answered_on !== null && r.answered_on <= r.answer_due!,
    isDemo: r.is_demo,
  }));
}
