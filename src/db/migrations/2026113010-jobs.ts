import { sql, type Kysely } from 'kysely';

/**
 * The job system (src/jobs): schedules the office can edit, and one row per run of a scheduled or
 * background job. `UNIQUE (name, slot)` makes a scheduled slot run once across processes (a run
 * started by hand has no slot). pg-boss, the queue, keeps its own schema `pgboss` (created by
 * pg-boss itself at start).
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('job_schedule')
    .addColumn('name', 'text', (c) => c.primaryKey())
    .addColumn('cron', 'text', (c) => c.notNull())
    .addColumn('enabled', 'boolean', (c) => c.notNull().defaultTo(true))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_by', 'integer')
    .execute();
  await db.schema
    .createTable('job_run')
    .addColumn('id', 'serial', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('scheduled', 'background')`))
    .addColumn('slot', 'timestamptz')
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('queued').check(sql`status in ('queued', 'running', 'succeeded', 'failed', 'cancelled')`))
    .addColumn('data', 'jsonb', (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
    .addColumn('progress_done', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('progress_total', 'integer')
    .addColumn('cancel_requested', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('started_at', 'timestamptz')
    .addColumn('heartbeat_at', 'timestamptz')
    .addColumn('finished_at', 'timestamptz')
    .addColumn('result', 'jsonb')
    .addColumn('error', 'text')
    .addColumn('created_by', 'integer')
    .addUniqueConstraint('job_run_name_slot', ['name', 'slot'])
    .execute();
  await db.schema.createIndex('job_run_name_created').on('job_run').columns(['name', 'id']).execute();
  await sql`create index job_run_open on job_run (status) where status in ('queued', 'running')`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('job_run').ifExists().execute();
  await db.schema.dropTable('job_schedule').ifExists().execute();
  await sql`drop schema if exists pgboss cascade`.execute(db);
}
