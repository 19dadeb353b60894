import { sql, type Kysely } from 'kysely';

/**
 * 智能客服 logs (issue 17): one row per chat window (conversation: a random id the browser keeps; the enterprise of a
 * logged-in firm, nothing personal for a visitor: no address, no account), one row per question asked in it (the
 * answers shown, the one clicked, 👍/👎, the FAQ entry it later became), and the hand-off (转人工) to a request.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('helpdesk_conversation')
    .addColumn('id', 'serial', (c) => c.primaryKey())
    .addColumn('token', 'text', (c) => c.notNull().unique())
    .addColumn('enterprise_id', 'integer', (c) => c.references('enterprise.id'))
    .addColumn('started_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('handoff_kind', 'text')
    .addColumn('handoff_at', 'timestamptz')
    .addColumn('request_number', 'text')
    .addColumn('suggested_topic', 'text')
    .execute();
  await db.schema
    .createTable('helpdesk_question')
    .addColumn('id', 'serial', (c) => c.primaryKey())
    .addColumn('conversation_id', 'integer', (c) => c.notNull().references('helpdesk_conversation.id').onDelete('cascade'))
    .addColumn('question', 'text', (c) => c.notNull())
    .addColumn('confident', 'boolean', (c) => c.notNull())
    .addColumn('answers', 'jsonb', (c) => c.notNull())
    .addColumn('clicked_key', 'text')
    .addColumn('rating', 'text', (c) => c.check(sql`rating in ('up', 'down')`))
    .addColumn('resolved_faq_id', 'integer', (c) => c.references('helpdesk_faq.id').onDelete('set null'))
    .addColumn('asked_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex('helpdesk_question_conversation').on('helpdesk_question').column('conversation_id').execute();
  await db.schema.createIndex('helpdesk_question_asked').on('helpdesk_question').column('asked_at').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('helpdesk_question').ifExists().execute();
  await db.schema.dropTable('helpdesk_conversation').ifExists().execute();
}
