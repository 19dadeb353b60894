import { sql, type Kysely } from 'kysely';

/**
 * Figures of enterprise requests at scale (issue 14's benchmark): the first answer of the current routing is kept on
 * the request (`first_answered_on`, set by the 答复 step when empty, cleared by 派单), so the figures need no
 * per-request subquery over `request_event`; requests returned at least once (the only ones whose 派单/退单 steps
 * belong to more than one unit) get a partial index for the per-unit 退单率.
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
  await sql`create index request_item_returned on request_item (filed_on) where transfers > 0`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop index if exists request_item_returned`.execute(db);
  await db.schema.alterTable('request_item').dropColumn('first_answered_on').execute();
}
