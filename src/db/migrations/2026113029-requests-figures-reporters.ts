import { sql, type Kysely } from 'kysely';

/**
 * Figures of enterprise requests at scale (issue 14's benchmark): the first answer of the current routing is kept on
 * the request (`first_answered_on`, set by the 答复 step when empty, cleared by 派单), so the figures need no
 * per-request subquery over `request_event`; the units that returned a request (`returned_by`, in order, one per 退单)
 * are kept on it too, with a partial index of the requests returned at least once (the only ones whose 派单/退单 steps
 * belong to more than one unit) that answers the per-unit 退单率 from the index alone.
 * The 监督员/专家 register rows can be deactivated (停用) by the office (`active`, `deactivated_on`).
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('request_item').addColumn('first_answered_on', 'date').execute();
  await sql`
    update request_item r set first_answered_on = fa.on_day
    from (
      select e.request_id, min(e.on_day) as on_day
      from request_event e join request_item i on i.id = e.request_id
      where e.action = 'answer' and e.on_day >= i.routed_on
      group by e.request_id
    ) fa
    where fa.request_id = r.id`.execute(db);
  await db.schema
    .alterTable('request_item')
    .addColumn('returned_by', sql`integer[]`, (c) => c.notNull().defaultTo(sql`'{}'`))
    .execute();
  await sql`
    update request_item r set returned_by = b.units
    from (select request_id, array_agg(unit_id order by id) as units from request_event where action = 'return' and unit_id is not null group by request_id) b
    where b.request_id = r.id`.execute(db);
  await sql`create index request_item_returned on request_item (filed_on) include (returned_by) where transfers > 0`.execute(db);
  // The figures count per (unit, category, channel, month of filing): without statistics on the month the planner
  // guesses 200 months, expects too many groups and sorts a million rows instead of hashing a few thousand groups.
  await sql`create statistics request_item_filed_month on (extract(month from filed_on)::int) from request_item`.execute(db);
  await db.schema
    .alterTable('request_reporter')
    .addColumn('active', 'boolean', (c) => c.notNull().defaultTo(true))
    .addColumn('deactivated_on', 'date')
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('request_reporter').dropColumn('active').dropColumn('deactivated_on').execute();
  await sql`drop statistics if exists request_item_filed_month`.execute(db);
  await sql`drop index if exists request_item_returned`.execute(db);
  await db.schema.alterTable('request_item').dropColumn('returned_by').execute();
  await db.schema.alterTable('request_item').dropColumn('first_answered_on').execute();
}
