import type { Kysely } from 'kysely';

/**
 * Figures of enterprise requests (issue 14): requests are counted by the day they were filed (an index for the
 * period scans of `src/requests/figures-store.ts`), and demo requests (`bizenv demo`) are labelled `is_demo`.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('request_item')
    .addColumn('is_demo', 'boolean', (c) => c.notNull().defaultTo(false))
    .execute();
  await db.schema.createIndex('request_item_filed_on').on('request_item').columns(['filed_on']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('request_item_filed_on').ifExists().execute();
  await db.schema.alterTable('request_item').dropColumn('is_demo').execute();
}
