import { sql, type Kysely } from 'kysely';

/**
 * 智能客服 在线人工 (issue 17): live chats between a visitor (addressed by an unguessable token, only its hash stored)
 * or an enterprise (by its session) and office or unit staff; their messages (the id is the polling cursor); and the
 * office hours the office configures (one row).
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('helpdesk_chat')
    .addColumn('id', 'serial', (c) => c.primaryKey())
    .addColumn('token_hash', 'text', (c) => c.unique())
    .addColumn('enterprise_id', 'integer', (c) => c.references('enterprise.id'))
    .addColumn('visitor_name', 'text', (c) => c.notNull())
    .addColumn('topic', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('unit_id', 'integer', (c) => c.references('unit.id'))
    .addColumn('staff_account_id', 'integer')
    .addColumn('staff_name', 'text')
    .addColumn('message_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('accepted_at', 'timestamptz')
    .addColumn('closed_at', 'timestamptz')
    .addColumn('closed_by', 'text')
    .addColumn('is_demo', 'boolean', (c) => c.notNull().defaultTo(false))
    .execute();
  await db.schema.createIndex('helpdesk_chat_status').on('helpdesk_chat').columns(['status', 'id']).execute();
  await db.schema.createIndex('helpdesk_chat_enterprise').on('helpdesk_chat').columns(['enterprise_id', 'id']).execute();
  await db.schema
    .createTable('helpdesk_chat_message')
    .addColumn('id', 'serial', (c) => c.primaryKey())
    .addColumn('chat_id', 'integer', (c) => c.notNull().references('helpdesk_chat.id').onDelete('cascade'))
    .addColumn('author', 'text', (c) => c.notNull())
    .addColumn('staff_name', 'text')
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('faq_code', 'text')
    .addColumn('at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex('helpdesk_chat_message_chat').on('helpdesk_chat_message').columns(['chat_id', 'id']).execute();
  await db.schema
    .createTable('helpdesk_hours')
    .addColumn('id', 'integer', (c) => c.primaryKey().check(sql`id = 1`))
    .addColumn('periods', 'jsonb', (c) => c.notNull())
    .addColumn('every_day', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('updated_by', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('helpdesk_hours').ifExists().execute();
  await db.schema.dropTable('helpdesk_chat_message').ifExists().execute();
  await db.schema.dropTable('helpdesk_chat').ifExists().execute();
}
