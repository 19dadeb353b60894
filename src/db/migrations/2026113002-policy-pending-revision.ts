import type { Kysely } from 'kysely';

/**
 * A published policy is public: an edit of it becomes a pending revision (the whole edited policy as
 * entered) that the office publishes or discards, instead of changing the public text at once.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('policy').addColumn('pending', 'jsonb').addColumn('pending_by', 'text').addColumn('pending_at', 'timestamptz').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('policy').dropColumn('pending').dropColumn('pending_by').dropColumn('pending_at').execute();
}
