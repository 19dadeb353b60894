import { sql, type Kysely } from 'kysely';

/**
 * Enterprise requests (企业诉求, issue 14), first slice: the request with its routing, deadlines, answer and rating
 * (`request_item`), its timeline (`request_event`) and the office's time limits per category (`request_limit`).
 * Stages and limits are explained in src/requests/README.md.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('request_item')
    .addColumn('id', 'serial', (c) => c.primaryKey())
    .addColumn('number', 'text', (c) => c.notNull().unique())
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('category', 'text', (c) => c.notNull().check(sql`category in ('咨询', '求决', '投诉举报', '建议')`))
    .addColumn('channel', 'text', (c) => c.notNull().check(sql`channel in ('网上', '电话', '来访', '座谈会', '监督员', '信函')`))
    .addColumn('subject', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('contact_name', 'text', (c) => c.notNull())
    .addColumn('contact_phone', 'text', (c) => c.notNull())
    .addColumn('enterprise_id', 'integer', (c) => c.references('enterprise.id'))
    .addColumn('filed_by', 'text', (c) => c.notNull())
    .addColumn('filed_on', 'date', (c) => c.notNull())
    .addColumn('stage', 'text', (c) => c.notNull().check(sql`stage in ('受理', '派单', '办理', '答复', '办结')`))
    .addColumn('unit_id', 'integer', (c) => c.references('unit.id'))
    .addColumn('routed_on', 'date')
    .addColumn('sign_due', 'date')
    .addColumn('signed_on', 'date')
    .addColumn('answer_due', 'date')
    .addColumn('answered_on', 'date')
    .addColumn('answer', 'text')
    .addColumn('rating', 'text', (c) => c.check(sql`rating in ('满意', '基本满意', '不满意')`))
    .addColumn('rating_comment', 'text')
    .addColumn('rated_on', 'date')
    .addColumn('closed_on', 'date')
    .addColumn('reopens', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('transfers', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('escalated_on', 'date')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addUniqueConstraint('request_item_year_seq', ['year', 'seq'])
    .execute();
  await db.schema.createIndex('request_item_enterprise').on('request_item').columns(['enterprise_id', 'id']).execute();
  await db.schema.createIndex('request_item_unit').on('request_item').columns(['unit_id', 'stage']).execute();
  await db.schema.createIndex('request_item_stage').on('request_item').columns(['stage', 'id']).execute();
  await db.schema
    .createTable('request_event')
    .addColumn('id', 'serial', (c) => c.primaryKey())
    .addColumn('request_id', 'integer', (c) => c.notNull().references('request_item.id').onDelete('cascade'))
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('stage', 'text', (c) => c.notNull())
    .addColumn('unit_id', 'integer', (c) => c.references('unit.id'))
    .addColumn('note', 'text')
    .addColumn('actor', 'text', (c) => c.notNull())
    .addColumn('on_day', 'date', (c) => c.notNull())
    .addColumn('at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex('request_event_request').on('request_event').columns(['request_id', 'id']).execute();
  await db.schema
    .createTable('request_limit')
    .addColumn('category', 'text', (c) => c.primaryKey())
    .addColumn('sign_days', 'integer', (c) => c.notNull())
    .addColumn('answer_days', 'integer', (c) => c.notNull())
    .addColumn('updated_by', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('request_limit').ifExists().execute();
  await db.schema.dropTable('request_event').ifExists().execute();
  await db.schema.dropTable('request_item').ifExists().execute();
}
