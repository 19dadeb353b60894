import type { Kysely } from 'kysely';

/**
 * A plan's year may be unknown (issue 13): when neither the title, the date line, the 文号 nor the
 * deadlines give one and the importer named none, the plan is imported with `year` null (a warning in
 * the parse result) instead of being refused. Pages and the as-of rule then treat it as a plan without a year.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('plan')
    .alterColumn('year', (c) => c.dropNotNull())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.deleteFrom('plan').where('year', 'is', null).execute();
  await db.schema
    .alterTable('plan')
    .alterColumn('year', (c) => c.setNotNull())
    .execute();
}
