import { sql, type Kysely } from 'kysely';

/**
 * The "as of" date the office chose for a plan (issue 12): the one date every page shows the plan's figures
 * as of. No row = the default (today while the plan year runs, the year's last day once it is over); the
 * office sets one (`setPlanAsOf` in src/plan/as-of.ts, audited) and clearing it deletes the row.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('plan_as_of')
    .addColumn('plan_id', 'integer', (c) => c.primaryKey().references('plan.id').onDelete('cascade'))
    .addColumn('as_of', 'date', (c) => c.notNull())
    .addColumn('set_by', 'text', (c) => c.notNull())
    .addColumn('set_by_name', 'text', (c) => c.notNull())
    .addColumn('set_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('plan_as_of').ifExists().execute();
}
