import { sql, type Kysely } from 'kysely';

/**
 * Requests in from every channel (issue 14): anonymous filing with a query code (stored hashed), work orders
 * transferred from the city's 12345 platform (idempotent by their external id), requests filed through the
 * Open311 API by a unit's token (the unit kept), an address from Open311, and attachments stored like the
 * ledger's evidence (content-addressed files under BIZENV_DATA_DIR/request-files). See src/requests/README.md.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table request_item drop constraint if exists request_item_channel_check`.execute(db);
  await sql`alter table request_item add constraint request_item_channel_check
    check (channel in ('网上', '电话', '来访', '座谈会', '监督员', '信函', '12345', '接口'))`.execute(db);
  await db.schema
    .alterTable('request_item')
    .addColumn('query_code_hash', 'text')
    .addColumn('external_id', 'text')
    .addColumn('source_unit_id', 'integer', (c) => c.references('unit.id'))
    .addColumn('address', 'text')
    .execute();
  await db.schema
    .createIndex('request_item_external')
    .on('request_item')
    .columns(['channel', 'external_id'])
    .unique()
    .where(sql.ref('external_id'), 'is not', null)
    .execute();
  await db.schema
    .createIndex('request_item_source_unit')
    .on('request_item')
    .columns(['source_unit_id', 'id'])
    .where(sql.ref('source_unit_id'), 'is not', null)
    .execute();
  await db.schema
    .createTable('request_attachment')
    .addColumn('id', 'serial', (c) => c.primaryKey())
    .addColumn('request_id', 'integer', (c) => c.notNull().references('request_item.id').onDelete('cascade'))
    .addColumn('file_name', 'text', (c) => c.notNull())
    .addColumn('stored_name', 'text', (c) => c.notNull())
    .addColumn('mime', 'text', (c) => c.notNull())
    .addColumn('size', 'integer', (c) => c.notNull())
    .addColumn('uploaded_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex('request_attachment_request').on('request_attachment').columns(['request_id', 'id']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('request_attachment').ifExists().execute();
  await db.schema.dropIndex('request_item_source_unit').ifExists().execute();
  await db.schema.dropIndex('request_item_external').ifExists().execute();
  await db.schema
    .alterTable('request_item')
    .dropColumn('address')
    .dropColumn('source_unit_id')
    .dropColumn('external_id')
    .dropColumn('query_code_hash')
    .execute();
  await sql`alter table request_item drop constraint if exists request_item_channel_check`.execute(db);
  await sql`alter table request_item add constraint request_item_channel_check
    check (channel in ('网上', '电话', '来访', '座谈会', '监督员', '信函'))`.execute(db);
}
