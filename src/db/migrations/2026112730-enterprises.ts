import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('enterprise')
    .addColumn('id', 'serial', (c) => c.primaryKey())
    .addColumn('credit_code', 'text', (c) => c.notNull().unique())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('legal_form', 'text')
    .addColumn('registered_on', 'date')
    .addColumn('registered_capital', 'numeric') // 万元
    .addColumn('street', 'text')
    .addColumn('industry_code', 'text') // GB/T 4754-2017
    .addColumn('employees', 'integer')
    .addColumn('revenue', 'numeric') // 万元, last year
    .addColumn('assets', 'numeric') // 万元
    .addColumn('rd_ratio', 'numeric') // %
    .addColumn('credit_grade', 'text')
    .addColumn('size_class', 'text') // computed on every write (统计上大中小微型企业划分办法（2017）)
    .addColumn('is_demo', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex('enterprise_name_idx').on('enterprise').column('name').execute();
  await db.schema
    .createTable('enterprise_qualification')
    .addColumn('id', 'serial', (c) => c.primaryKey())
    .addColumn('enterprise_id', 'integer', (c) => c.notNull().references('enterprise.id').onDelete('cascade'))
    .addColumn('tag', 'text', (c) => c.notNull())
    .addColumn('valid_from', 'date')
    .addColumn('valid_to', 'date')
    .addColumn('certificate_no', 'text')
    .addUniqueConstraint('enterprise_qualification_uq', ['enterprise_id', 'tag'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('enterprise_qualification').ifExists().execute();
  await db.schema.dropTable('enterprise').ifExists().execute();
}
