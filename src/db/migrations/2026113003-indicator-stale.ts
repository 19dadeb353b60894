import { sql, type Kysely } from 'kysely';

/**
 * Indicator results that case records changed since they were computed: marked in the same
 * transaction as the import or edit, cleared by the recompute that follows. A crash in between
 * leaves the mark, so the results are recomputed at the next start and pages say they are stale.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('indicator_stale')
    .addColumn('record_type', 'text', (c) => c.notNull())
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('marked_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('indicator_stale_pk', ['record_type', 'year'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('indicator_stale').ifExists().execute();
}
