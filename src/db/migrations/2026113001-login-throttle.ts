import { sql, type Kysely } from 'kysely';

/**
 * Login throttling in the database (atomic under parallel requests, nothing kept in memory): one row
 * per (account name, source address) pair, keyed by a hash so that neither is stored in clear; and
 * the forced change of an initial password.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('login_throttle')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('account_hash', 'text', (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('locked_until', 'timestamptz')
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex('login_throttle_account').on('login_throttle').column('account_hash').execute();
  await db.schema
    .alterTable('app_user')
    .addColumn('must_change_password', 'boolean', (c) => c.notNull().defaultTo(false))
    .execute();
  await db.schema.alterTable('app_user').addColumn('password_changed_at', 'timestamptz').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('app_user').dropColumn('password_changed_at').execute();
  await db.schema.alterTable('app_user').dropColumn('must_change_password').execute();
  await db.schema.dropTable('login_throttle').ifExists().execute();
}
