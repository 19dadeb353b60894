import { sql, type Kysely } from 'kysely';

/**
 * Enterprise requests, handling time (issue 14): suspension (挂起) and extension (延期) asked by the unit and decided
 * by the office (`request_hold`), the suspension and extension totals and 催办 count on the request, the call back
 * (回访) of staff-recorded requests, and the ledger supervision orders raised on a request's unit (`request_order`).
 * See src/requests/README.md, "Handling time".
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('request_item')
    .addColumn('suspended_on', 'date')
    .addColumn('suspended_days', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('extended_days', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('urges', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('callback_by', 'text')
    .addColumn('callback_at', 'timestamptz')
    .execute();
  await db.schema
    .createTable('request_hold')
    .addColumn('id', 'serial', (c) => c.primaryKey())
    .addColumn('request_id', 'integer', (c) => c.notNull().references('request_item.id').onDelete('cascade'))
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('挂起', '延期')`))
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('days', 'integer')
    .addColumn('state', 'text', (c) => c.notNull().check(sql`state in ('待审批', '已批准', '未同意', '已恢复')`))
    .addColumn('asked_by', 'text', (c) => c.notNull())
    .addColumn('asked_on', 'date', (c) => c.notNull())
    .addColumn('decided_by', 'text')
    .addColumn('decided_on', 'date')
    .addColumn('decision_note', 'text')
    .addColumn('ended_on', 'date')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex('request_hold_request').on('request_hold').columns(['request_id', 'id']).execute();
  // One open ask per request.
  await sql`create unique index request_hold_pending on request_hold (request_id) where state = '待审批'`.execute(db);
  await db.schema
    .createTable('request_order')
    .addColumn('request_id', 'integer', (c) => c.notNull().references('request_item.id').onDelete('cascade'))
    .addColumn('order_id', 'integer', (c) => c.notNull().unique())
    .addColumn('number', 'text', (c) => c.notNull())
    .addColumn('raised_by', 'text', (c) => c.notNull())
    .addColumn('raised_on', 'date', (c) => c.notNull())
    .addPrimaryKeyConstraint('request_order_pk', ['request_id', 'order_id'])
    .execute();
  await db.schema.createIndex('request_item_escalated').on('request_item').columns(['escalated_on', 'stage']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('request_item_escalated').ifExists().execute();
  await db.schema.dropTable('request_order').ifExists().execute();
  await db.schema.dropTable('request_hold').ifExists().execute();
  await db.schema
    .alterTable('request_item')
    .dropColumn('suspended_on')
    .dropColumn('suspended_days')
    .dropColumn('extended_days')
    .dropColumn('urges')
    .dropColumn('callback_by')
    .dropColumn('callback_at')
    .execute();
}
