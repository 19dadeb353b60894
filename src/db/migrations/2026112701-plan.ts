import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('unit')
    .addColumn('id', 'serial', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull().unique())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('aliases', sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'`))
    .execute();
  await db.schema
    .createTable('plan')
    .addColumn('id', 'serial', (c) => c.primaryKey())
    .addColumn('doc_number', 'text', (c) => c.notNull().unique())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('issuer', 'text')
    .addColumn('issued_on', 'date')
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('current_revision', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema
    .createTable('plan_revision')
    .addColumn('id', 'serial', (c) => c.primaryKey())
    .addColumn('plan_id', 'integer', (c) => c.notNull().references('plan.id').onDelete('cascade'))
    .addColumn('revision', 'integer', (c) => c.notNull())
    .addColumn('content_hash', 'text', (c) => c.notNull())
    .addColumn('source_name', 'text', (c) => c.notNull())
    .addColumn('source_kind', 'text', (c) => c.notNull())
    .addColumn('parsed', 'jsonb', (c) => c.notNull())
    .addColumn('imported_by', 'text')
    .addColumn('imported_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addUniqueConstraint('plan_revision_plan_revision_uq', ['plan_id', 'revision'])
    .execute();
  await db.schema
    .createTable('plan_section')
    .addColumn('id', 'serial', (c) => c.primaryKey())
    .addColumn('plan_id', 'integer', (c) => c.notNull().references('plan.id').onDelete('cascade'))
    .addColumn('number', 'integer', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addUniqueConstraint('plan_section_uq', ['plan_id', 'number'])
    .execute();
  await db.schema
    .createTable('plan_subsection')
    .addColumn('id', 'serial', (c) => c.primaryKey())
    .addColumn('plan_id', 'integer', (c) => c.notNull().references('plan.id').onDelete('cascade'))
    .addColumn('section_id', 'integer', (c) => c.notNull().references('plan_section.id').onDelete('cascade'))
    .addColumn('number', 'integer', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('text', 'text', (c) => c.notNull())
    .addUniqueConstraint('plan_subsection_uq', ['section_id', 'number'])
    .execute();
  await db.schema
    .createTable('measure')
    .addColumn('id', 'serial', (c) => c.primaryKey())
    .addColumn('plan_id', 'integer', (c) => c.notNull().references('plan.id').onDelete('cascade'))
    .addColumn('subsection_id', 'integer', (c) => c.notNull().references('plan_subsection.id').onDelete('cascade'))
    .addColumn('number', 'integer', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('related_departments', 'boolean', (c) => c.notNull().defaultTo(false))
    .addUniqueConstraint('measure_plan_number_uq', ['plan_id', 'number'])
    .execute();
  await db.schema
    .createTable('measure_unit')
    .addColumn('measure_id', 'integer', (c) => c.notNull().references('measure.id').onDelete('cascade'))
    .addColumn('unit_id', 'integer', (c) => c.notNull().references('unit.id'))
    .addColumn('role', 'text', (c) => c.notNull().check(sql`role in ('lead', 'responsible')`))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('measure_unit_pk', ['measure_id', 'unit_id', 'role'])
    .execute();
  await db.schema.createIndex('measure_unit_unit_idx').on('measure_unit').column('unit_id').execute();
  await db.schema
    .createTable('measure_target')
    .addColumn('id', 'serial', (c) => c.primaryKey())
    .addColumn('measure_id', 'integer', (c) => c.notNull().references('measure.id').onDelete('cascade'))
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('metric', 'text', (c) => c.notNull())
    .addColumn('op', 'text', (c) => c.notNull().check(sql`op in ('<=', '<', '>=', '>', '=')`))
    .addColumn('value', 'numeric', (c) => c.notNull())
    .addColumn('unit', 'text', (c) => c.notNull())
    .addUniqueConstraint('measure_target_uq', ['measure_id', 'seq'])
    .execute();
  await db.schema
    .createTable('measure_deadline')
    .addColumn('id', 'serial', (c) => c.primaryKey())
    .addColumn('measure_id', 'integer', (c) => c.notNull().references('measure.id').onDelete('cascade'))
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('date', 'date', (c) => c.notNull())
    .addUniqueConstraint('measure_deadline_uq', ['measure_id', 'seq'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of ['measure_deadline', 'measure_target', 'measure_unit', 'measure', 'plan_subsection', 'plan_section', 'plan_revision', 'plan', 'unit']) {
    await db.schema.dropTable(t).ifExists().execute();
  }
}
