import { sql, type Kysely } from 'kysely';

/**
 * Inspections (双随机、一公开, issue 15): the annual joint plan (年度联合抽查计划, 国发〔2019〕5号 “统筹制定年度联合抽查
 * 工作计划”). A plan per year (`insp_plan`) with its working tasks (`insp_plan_task`), every published version frozen
 * with what changed (`insp_plan_version`), the departments' proposals (`insp_plan_proposal`) and the link of a draw
 * to the plan task it was made for (`insp_plan_draw`). See src/inspections/README-plan.md.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('insp_plan')
    .addColumn('id', 'serial', (c) => c.primaryKey())
    .addColumn('year', 'integer', (c) => c.notNull().unique())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('draft', 'approved', 'published')`))
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('approved_by', 'text')
    .addColumn('approved_at', 'timestamptz')
    .addColumn('is_demo', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema
    .createTable('insp_plan_task')
    .addColumn('id', 'serial', (c) => c.primaryKey())
    .addColumn('plan_id', 'integer', (c) => c.notNull().references('insp_plan.id').onDelete('cascade'))
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('lead_unit_id', 'integer', (c) => c.notNull().references('unit.id'))
    .addColumn('joint_unit_ids', sql`integer[]`, (c) => c.notNull().defaultTo(sql`'{}'::integer[]`))
    .addColumn('item_ids', sql`integer[]`, (c) => c.notNull().defaultTo(sql`'{}'::integer[]`))
    .addColumn('scope', 'text', (c) => c.notNull())
    .addColumn('shares', 'text', (c) => c.notNull())
    .addColumn('window_from', 'date', (c) => c.notNull())
    .addColumn('window_to', 'date', (c) => c.notNull())
    .addColumn('note', 'text')
    .addColumn('proposal_id', 'integer')
    .execute();
  await db.schema.createIndex('insp_plan_task_plan').on('insp_plan_task').columns(['plan_id', 'seq']).execute();
  await db.schema
    .createTable('insp_plan_version')
    .addColumn('id', 'serial', (c) => c.primaryKey())
    .addColumn('plan_id', 'integer', (c) => c.notNull().references('insp_plan.id').onDelete('cascade'))
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('tasks', 'text', (c) => c.notNull())
    .addColumn('changes', 'text', (c) => c.notNull())
    .addColumn('note', 'text')
    .addColumn('approved_by', 'text', (c) => c.notNull())
    .addColumn('published_by', 'text', (c) => c.notNull())
    .addColumn('published_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addUniqueConstraint('insp_plan_version_plan_version', ['plan_id', 'version'])
    .execute();
  await db.schema
    .createTable('insp_plan_proposal')
    .addColumn('id', 'serial', (c) => c.primaryKey())
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('unit_id', 'integer', (c) => c.notNull().references('unit.id'))
    .addColumn('task', 'text', (c) => c.notNull())
    .addColumn('reason', 'text')
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('pending', 'accepted', 'rejected')`))
    .addColumn('decision_note', 'text')
    .addColumn('plan_task_id', 'integer')
    .addColumn('is_demo', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('submitted_by', 'text', (c) => c.notNull())
    .addColumn('submitted_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('decided_by', 'text')
    .addColumn('decided_at', 'timestamptz')
    .execute();
  await db.schema.createIndex('insp_plan_proposal_year').on('insp_plan_proposal').columns(['year', 'status']).execute();
  await db.schema
    .createTable('insp_plan_draw')
    .addColumn('draw_id', 'integer', (c) => c.primaryKey().references('inspection_draw.id').onDelete('cascade'))
    .addColumn('plan_id', 'integer', (c) => c.notNull().references('insp_plan.id'))
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('task_id', 'integer', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('insp_plan_draw_task').on('insp_plan_draw').columns(['plan_id', 'task_id']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of ['insp_plan_draw', 'insp_plan_proposal', 'insp_plan_version', 'insp_plan_task', 'insp_plan'])
    await db.schema.dropTable(t).ifExists().execute();
}
