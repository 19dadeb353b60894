import { sql, type Kysely } from 'kysely';

/**
 * The monthly aggregates behind each indicator's stored results (per month, unit and exclusion reason), with
 * what they were computed for (definition, as-of date, default unit) and the snapshot of the statement that
 * computed them: an import of new records adds the aggregates of its own records to them and recomputes only
 * the results of the units it touched, instead of re-reading the whole record type (issue 18). Any other change
 * of a type's records (re-import, edit, deletion, unit merge) deletes the type's rows in its transaction.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('indicator_aggregate')
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('record_type', 'text', (c) => c.notNull())
    .addColumn('fingerprint', 'text', (c) => c.notNull())
    .addColumn('snapshot', 'text', (c) => c.notNull())
    .addColumn('rows', 'jsonb', (c) => c.notNull())
    .addColumn('computed_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('indicator_aggregate_pk', ['code', 'version', 'year'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('indicator_aggregate').ifExists().execute();
}
