import type { Kysely } from 'kysely';

/**
 * 智能客服 logs (issue 17): a conversation seeded by `bizenv demo` (a month of invented questions, answers shown,
 * clicks, ratings and hand-offs) is labelled demo, so the office's misses page can tell it from what people asked.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('helpdesk_conversation')
    .addColumn('is_demo', 'boolean', (c) => c.notNull().defaultTo(false))
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('helpdesk_conversation').dropColumn('is_demo').execute();
}
