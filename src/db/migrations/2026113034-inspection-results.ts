import { sql, type Kysely } from 'kysely';

/**
 * Inspections (双随机、一公开, issue 15), results part: which login an inspector of the 执法检查人员名录库 uses
 * (`insp_inspector_account`), results per drawn object and item (`insp_result`) with evidence files
 * (`insp_result_file`), the office's 风险预警 rules (`insp_risk_rule`) and the objects they flag (`insp_risk_flag`,
 * 线索推送). See src/inspections/README-results.md.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('insp_inspector_account')
    .addColumn('inspector_id', 'integer', (c) => c.primaryKey().references('inspection_inspector.id').onDelete('cascade'))
    .addColumn('account_id', 'integer', (c) => c.notNull().unique())
    .addColumn('linked_by', 'text', (c) => c.notNull())
    .addColumn('linked_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema
    .createTable('insp_result')
    .addColumn('id', 'serial', (c) => c.primaryKey())
    .addColumn('draw_id', 'integer', (c) => c.notNull().references('inspection_draw.id'))
    .addColumn('object_key', 'text', (c) => c.notNull())
    .addColumn('object_name', 'text', (c) => c.notNull())
    .addColumn('item_id', 'integer', (c) => c.notNull().references('inspection_item.id'))
    .addColumn('unit_id', 'integer', (c) => c.notNull().references('unit.id'))
    .addColumn('category', 'text', (c) => c.notNull())
    .addColumn('outcome', 'text', (c) => c.notNull().check(sql`outcome in ('normal', 'problem', 'not_inspected')`))
    .addColumn('notes', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('rectify_days', 'integer')
    .addColumn('rectify_due', 'date')
    .addColumn('transfer_unit_id', 'integer', (c) => c.references('unit.id'))
    .addColumn('transfer_note', 'text')
    .addColumn('exemption_id', 'integer', (c) => c.references('insp_exemption.id'))
    .addColumn('produced_on', 'date', (c) => c.notNull())
    .addColumn('recorded_by', 'text', (c) => c.notNull())
    .addColumn('inspector_id', 'integer', (c) => c.references('inspection_inspector.id'))
    .addColumn('published_on', 'date')
    .addColumn('published_by', 'text')
    .addColumn('is_demo', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addUniqueConstraint('insp_result_once', ['draw_id', 'object_key', 'item_id'])
    .execute();
  await db.schema.createIndex('insp_result_object').on('insp_result').columns(['object_key', 'produced_on']).execute();
  await db.schema.createIndex('insp_result_unpublished').on('insp_result').columns(['produced_on']).where(sql.ref('published_on'), 'is', null).execute();
  await db.schema.createIndex('insp_result_published').on('insp_result').columns(['published_on', 'id']).execute();
  await db.schema
    .createTable('insp_result_file')
    .addColumn('id', 'serial', (c) => c.primaryKey())
    .addColumn('result_id', 'integer', (c) => c.notNull().references('insp_result.id').onDelete('cascade'))
    .addColumn('file_name', 'text', (c) => c.notNull())
    .addColumn('stored_name', 'text', (c) => c.notNull())
    .addColumn('mime', 'text', (c) => c.notNull())
    .addColumn('size', 'integer', (c) => c.notNull())
    .addColumn('uploaded_by', 'text', (c) => c.notNull())
    .addColumn('uploaded_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex('insp_result_file_result').on('insp_result_file').columns(['result_id']).execute();
  await db.schema
    .createTable('insp_risk_rule')
    .addColumn('id', 'serial', (c) => c.primaryKey())
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('recent_problem', 'credit_worse', 'requests')`))
    .addColumn('months', 'integer')
    .addColumn('min_count', 'integer')
    .addColumn('days', 'integer')
    .addColumn('active', 'boolean', (c) => c.notNull().defaultTo(true))
    .addColumn('note', 'text')
    .addColumn('updated_by', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db
    .insertInto('insp_risk_rule')
    .values([
      { kind: 'recent_problem', months: 12, min_count: null, days: null, updated_by: 'system' },
      { kind: 'credit_worse', months: 6, min_count: null, days: null, updated_by: 'system' },
      { kind: 'requests', months: null, min_count: 3, days: 90, updated_by: 'system' },
    ])
    .execute();
  await db.schema
    .createTable('insp_risk_flag')
    .addColumn('id', 'serial', (c) => c.primaryKey())
    .addColumn('object_key', 'text', (c) => c.notNull())
    .addColumn('object_name', 'text', (c) => c.notNull())
    .addColumn('unit_id', 'integer', (c) => c.references('unit.id'))
    .addColumn('reasons', 'jsonb', (c) => c.notNull())
    .addColumn('flagged_on', 'date', (c) => c.notNull())
    .addColumn('responded_on', 'date')
    .addColumn('responded_by', 'text')
    .addColumn('response', 'text')
    .addColumn('is_demo', 'boolean', (c) => c.notNull().defaultTo(false))
    .execute();
  // One open flag per object and department: a later evaluation refreshes its reasons, a response closes it.
  await sql`create unique index insp_risk_flag_open on insp_risk_flag (object_key, coalesce(unit_id, 0)) where responded_on is null`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of ['insp_risk_flag', 'insp_risk_rule', 'insp_result_file', 'insp_result', 'insp_inspector_account']) await db.schema.dropTable(t).execute();
}
