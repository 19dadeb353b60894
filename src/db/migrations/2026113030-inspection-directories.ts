import { sql, type Kysely } from 'kysely';

/**
 * 双随机、一公开 (issue 15), the two directories and the item list (国发〔2019〕5号 三、(二)(三)): inspected objects other
 * than the registry's enterprises (`inspection_object`; enterprises are read through src/enterprises), inspectors
 * (`inspection_inspector`) with their declared relations to objects for 回避 (`inspection_relation`), and each
 * department's 抽查事项清单 (`inspection_item`). See src/inspections/README.md.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('inspection_object')
    .addColumn('id', 'serial', (c) => c.primaryKey())
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('专利代理机构', '个体工商户', '农民专业合作社', '社会组织', '其他')`))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('code', 'text', (c) => c.unique())
    .addColumn('street', 'text')
    .addColumn('address', 'text')
    .addColumn('active', 'boolean', (c) => c.notNull().defaultTo(true))
    .addColumn('is_demo', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema
    .createTable('inspection_inspector')
    .addColumn('id', 'serial', (c) => c.primaryKey())
    .addColumn('unit_id', 'integer', (c) => c.notNull().references('unit.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('cert_no', 'text', (c) => c.notNull().unique())
    .addColumn('fields', sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'::text[]`))
    .addColumn('active', 'boolean', (c) => c.notNull().defaultTo(true))
    .addColumn('is_demo', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex('inspection_inspector_unit').on('inspection_inspector').columns(['unit_id', 'id']).execute();
  await db.schema
    .createTable('inspection_relation')
    .addColumn('id', 'serial', (c) => c.primaryKey())
    .addColumn('inspector_id', 'integer', (c) => c.notNull().references('inspection_inspector.id').onDelete('cascade'))
    .addColumn('object_key', 'text', (c) => c.notNull())
    .addColumn('relation', 'text', (c) => c.notNull())
    .addColumn('declared_on', 'date', (c) => c.notNull())
    .addUniqueConstraint('inspection_relation_pair', ['inspector_id', 'object_key'])
    .execute();
  await db.schema
    .createTable('inspection_item')
    .addColumn('id', 'serial', (c) => c.primaryKey())
    .addColumn('unit_id', 'integer', (c) => c.notNull().references('unit.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('legal_basis', 'text', (c) => c.notNull())
    .addColumn('object_scope', 'text', (c) => c.notNull())
    .addColumn('method', 'text', (c) => c.notNull().check(sql`method in ('书面检查', '实地核查', '网络监测', '委托专业机构')`))
    .addColumn('active', 'boolean', (c) => c.notNull().defaultTo(true))
    .addColumn('is_demo', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addUniqueConstraint('inspection_item_unit_name', ['unit_id', 'name'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of ['inspection_item', 'inspection_relation', 'inspection_inspector', 'inspection_object']) await db.schema.dropTable(t).ifExists().execute();
}
