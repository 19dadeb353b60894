import { sql, type Kysely } from 'kysely';

/**
 * Inspections (双随机、一公开, issue 15), credit part: the office's credit classes with their draw shares
 * (`insp_credit_class`), the dated class history per enterprise (`insp_credit_record`: assessments imported
 * from 公共信用综合评价 results and 信用修复 entries) and the 免罚清单 (`insp_exemption`). Rules and sources in
 * src/inspections/README-credit.md. The four default classes are those of 国市监信发〔2022〕6号.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('insp_credit_class')
    .addColumn('code', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('draw_share', 'numeric', (c) => c.notNull().check(sql`draw_share > 0 and draw_share <= 100`))
    .addColumn('restrictive', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('is_default', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('sort', 'integer', (c) => c.notNull())
    .addColumn('note', 'text')
    .addColumn('updated_by', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db
    .insertInto('insp_credit_class')
    .values([
      { code: 'A', name: '信用风险低', draw_share: 3, restrictive: false, is_default: false, sort: 1, updated_by: 'system' },
      { code: 'B', name: '信用风险一般', draw_share: 5, restrictive: false, is_default: true, sort: 2, updated_by: 'system' },
      { code: 'C', name: '信用风险较高', draw_share: 20, restrictive: true, is_default: false, sort: 3, updated_by: 'system' },
      { code: 'D', name: '信用风险高', draw_share: 60, restrictive: true, is_default: false, sort: 4, updated_by: 'system' },
    ])
    .execute();
  await db.schema
    .createTable('insp_credit_record')
    .addColumn('id', 'serial', (c) => c.primaryKey())
    .addColumn('enterprise_id', 'integer', (c) => c.notNull().references('enterprise.id').onDelete('cascade'))
    .addColumn('class_code', 'text', (c) => c.notNull().references('insp_credit_class.code').onUpdate('cascade'))
    .addColumn('effective_on', 'date', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('assessment', 'repair')`))
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('note', 'text')
    .addColumn('recorded_by', 'text', (c) => c.notNull())
    .addColumn('recorded_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex('insp_credit_record_in_force').on('insp_credit_record').columns(['enterprise_id', 'effective_on', 'id']).execute();
  await db.schema.createIndex('insp_credit_record_date').on('insp_credit_record').columns(['effective_on']).execute();
  await db.schema
    .createTable('insp_exemption')
    .addColumn('id', 'serial', (c) => c.primaryKey())
    .addColumn('unit_id', 'integer', (c) => c.references('unit.id'))
    .addColumn('item', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('轻微不罚', '首违不罚', '无过错不罚')`))
    .addColumn('conditions', 'text', (c) => c.notNull())
    .addColumn('violated_basis', 'text', (c) => c.notNull())
    .addColumn('exemption_basis', 'text', (c) => c.notNull())
    .addColumn('active', 'boolean', (c) => c.notNull().defaultTo(true))
    .addColumn('is_demo', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('updated_by', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('insp_exemption').ifExists().execute();
  await db.schema.dropTable('insp_credit_record').ifExists().execute();
  await db.schema.dropTable('insp_credit_class').ifExists().execute();
}
