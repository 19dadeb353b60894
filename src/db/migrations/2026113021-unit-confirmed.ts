import { sql, type Kysely } from 'kysely';

/**
 * Issue 13: a unit a plan named that no directory knew is added as a new unit (kind `unknown`) waiting for the
 * office: it confirms it (choosing its kind) or merges it into an existing unit (the name becomes an alias).
 * `confirmed` says the office (or the built-in directory) vouches for the unit; units stored before this
 * migration count as confirmed unless their kind is `unknown`.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('unit')
    .addColumn('confirmed', 'boolean', (c) => c.notNull().defaultTo(true))
    .execute();
  await sql`UPDATE unit SET confirmed = false WHERE kind = 'unknown'`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('unit').dropColumn('confirmed').execute();
}
