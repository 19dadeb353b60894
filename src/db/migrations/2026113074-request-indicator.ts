import { sql, type Kysely } from 'kysely';

/**
 * Measure 48's 企业诉求按时办结率 becomes an indicator of 指标监测 (issue 14): its records (type `enterprise_request`,
 * written by src/server/request-indicator-feed.ts) get their own partition of `case_record`, as every other type
 * has (the indicator then reads only its type). The ledger's old off-track signal of source `requests` on measure
 * 48 (src/ledger/request-signals.ts, removed) is dropped: the indicator marks the task itself (source `indicators`).
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`create table case_record_enterprise_request partition of case_record for values in ('enterprise_request')`.execute(db);
  await sql`delete from ledger_signal where source = 'requests'`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop table case_record_enterprise_request`.execute(db);
}
