import { sql, type Kysely } from 'kysely';

/**
 * Inbox paging and to-do state (issue 12): `done_at` marks a notice whose task was done (the report it asked to
 * review was reviewed, the order it asked to sign was signed); done notices show as 已处理 and are not unread.
 * Indexes: a user's notices newest first (paging), and the open notices by link (resolving them in the
 * transaction that does the task).
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('notification').addColumn('done_at', 'timestamptz').execute();
  await db.schema.createIndex('notification_user_id_idx').on('notification').columns(['user_id', 'id']).execute();
  await sql`create index notification_open_link_idx on notification (link, kind) where done_at is null`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop index if exists notification_open_link_idx`.execute(db);
  await db.schema.dropIndex('notification_user_id_idx').ifExists().execute();
  await db.schema.alterTable('notification').dropColumn('done_at').execute();
}
