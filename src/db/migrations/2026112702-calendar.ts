import { sql, type Kysely } from 'kysely';

/**
 * The working-day calendar (src/calendar): `calendar_year` keeps each year's arrangement loaded by the
 * office (the notice and the validated data, who loaded it and when); `calendar` has one row per
 * covered date with its working-day ordinal, so that indicator queries compute durations in SQL:
 *   select e.workday_ordinal - s.workday_ordinal from … join calendar s on s.date = started_on
 *                                                     join calendar e on e.date = finished_on
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('calendar_year')
    .addColumn('year', 'integer', (c) => c.primaryKey())
    .addColumn('notice', 'jsonb', (c) => c.notNull())
    .addColumn('data', 'jsonb', (c) => c.notNull())
    .addColumn('loaded_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('loaded_by', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('calendar')
    .addColumn('date', 'date', (c) => c.primaryKey())
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('workday', 'weekend', 'holiday', 'adjusted_workday')`))
    .addColumn('holiday', 'text')
    .addColumn('workday', 'boolean', (c) => c.notNull())
    .addColumn('workday_ordinal', 'integer', (c) => c.notNull())
    .addColumn('year', 'integer', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('calendar_year_idx').on('calendar').column('year').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('calendar').ifExists().execute();
  await db.schema.dropTable('calendar_year').ifExists().execute();
}
