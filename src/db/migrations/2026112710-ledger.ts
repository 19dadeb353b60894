import { sql, type Kysely } from 'kysely';

/**
 * The reform ledger (改革台账) of issue 4: tasks with units, targets and milestones; reporting
 * cycles and reports (动态反馈) with versions and evidence; supervision orders (督办单); settings
 * (assessment weights and thresholds). Flags and traffic lights are computed, not stored.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('ledger_task')
    .addColumn('id', 'serial', (c) => c.primaryKey())
    .addColumn('plan_id', 'integer', (c) => c.notNull().references('plan.id').onDelete('cascade'))
    .addColumn('measure_id', 'integer', (c) => c.notNull().references('measure.id').onDelete('cascade'))
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('weight', 'numeric', (c) => c.notNull().defaultTo(1).check(sql`weight > 0`))
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('not_started').check(sql`status in ('not_started', 'in_progress', 'done', 'lagging', 'paused')`))
    .addColumn('progress', 'integer', (c) => c.notNull().defaultTo(0).check(sql`progress between 0 and 100`))
    .addColumn('start_on', 'date', (c) => c.notNull())
    .addColumn('completed_on', 'date')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addUniqueConstraint('ledger_task_measure_seq_uq', ['measure_id', 'seq'])
    .execute();
  await db.schema.createIndex('ledger_task_plan_idx').on('ledger_task').column('plan_id').execute();
  await db.schema
    .createTable('ledger_task_unit')
    .addColumn('task_id', 'integer', (c) => c.notNull().references('ledger_task.id').onDelete('cascade'))
    .addColumn('unit_id', 'integer', (c) => c.notNull().references('unit.id'))
    .addColumn('role', 'text', (c) => c.notNull().check(sql`role in ('lead', 'responsible')`))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('ledger_task_unit_pk', ['task_id', 'unit_id', 'role'])
    .execute();
  await db.schema.createIndex('ledger_task_unit_unit_idx').on('ledger_task_unit').column('unit_id').execute();
  await db.schema
    .createTable('ledger_task_target')
    .addColumn('task_id', 'integer', (c) => c.notNull().references('ledger_task.id').onDelete('cascade'))
    .addColumn('target_id', 'integer', (c) => c.notNull().references('measure_target.id').onDelete('cascade'))
    .addPrimaryKeyConstraint('ledger_task_target_pk', ['task_id', 'target_id'])
    .execute();
  await db.schema
    .createTable('ledger_milestone')
    .addColumn('id', 'serial', (c) => c.primaryKey())
    .addColumn('task_id', 'integer', (c) => c.notNull().references('ledger_task.id').onDelete('cascade'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('due_on', 'date', (c) => c.notNull())
    .addColumn('done_on', 'date')
    .addColumn('source', 'text', (c) => c.notNull().check(sql`source in ('plan', 'office')`))
    .addColumn('deadline_id', 'integer', (c) => c.references('measure_deadline.id').onDelete('set null'))
    .execute();
  await db.schema.createIndex('ledger_milestone_task_idx').on('ledger_milestone').column('task_id').execute();
  await db.schema
    .createTable('ledger_cycle')
    .addColumn('id', 'serial', (c) => c.primaryKey())
    .addColumn('plan_id', 'integer', (c) => c.notNull().references('plan.id').onDelete('cascade'))
    .addColumn('label', 'text', (c) => c.notNull())
    .addColumn('period_start', 'date', (c) => c.notNull())
    .addColumn('period_end', 'date', (c) => c.notNull())
    .addColumn('due_on', 'date', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addUniqueConstraint('ledger_cycle_uq', ['plan_id', 'period_start'])
    .addCheckConstraint('ledger_cycle_period_ck', sql`period_start <= period_end and period_end <= due_on`)
    .execute();
  await db.schema
    .createTable('ledger_report')
    .addColumn('id', 'serial', (c) => c.primaryKey())
    .addColumn('task_id', 'integer', (c) => c.notNull().references('ledger_task.id').onDelete('cascade'))
    .addColumn('cycle_id', 'integer', (c) => c.notNull().references('ledger_cycle.id').onDelete('cascade'))
    .addColumn('state', 'text', (c) => c.notNull().check(sql`state in ('submitted', 'returned', 'accepted')`))
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('returns', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('first_submitted_at', 'timestamptz', (c) => c.notNull())
    .addColumn('first_submitted_on', 'date', (c) => c.notNull())
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('demo', 'boolean', (c) => c.notNull().defaultTo(false))
    .addUniqueConstraint('ledger_report_uq', ['task_id', 'cycle_id'])
    .execute();
  await db.schema
    .createTable('ledger_report_version')
    .addColumn('id', 'serial', (c) => c.primaryKey())
    .addColumn('report_id', 'integer', (c) => c.notNull().references('ledger_report.id').onDelete('cascade'))
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('unit_id', 'integer', (c) => c.references('unit.id'))
    .addColumn('content', 'jsonb', (c) => c.notNull())
    .addColumn('submitted_by', 'text', (c) => c.notNull())
    .addColumn('submitted_at', 'timestamptz', (c) => c.notNull())
    .addColumn('outcome', 'text', (c) => c.check(sql`outcome in ('accepted', 'returned')`))
    .addColumn('review_comment', 'text')
    .addColumn('reviewed_by', 'text')
    .addColumn('reviewed_at', 'timestamptz')
    .addUniqueConstraint('ledger_report_version_uq', ['report_id', 'version'])
    .execute();
  await db.schema
    .createTable('ledger_evidence')
    .addColumn('id', 'serial', (c) => c.primaryKey())
    .addColumn('report_id', 'integer', (c) => c.notNull().references('ledger_report.id').onDelete('cascade'))
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('file_name', 'text', (c) => c.notNull())
    .addColumn('stored_name', 'text', (c) => c.notNull())
    .addColumn('mime', 'text', (c) => c.notNull())
    .addColumn('size', 'integer', (c) => c.notNull())
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('uploaded_by', 'text', (c) => c.notNull())
    .addColumn('uploaded_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema
    .createTable('ledger_order')
    .addColumn('id', 'serial', (c) => c.primaryKey())
    .addColumn('plan_id', 'integer', (c) => c.notNull().references('plan.id').onDelete('cascade'))
    .addColumn('task_id', 'integer', (c) => c.notNull().references('ledger_task.id').onDelete('cascade'))
    .addColumn('unit_id', 'integer', (c) => c.notNull().references('unit.id'))
    .addColumn('number', 'text', (c) => c.notNull().unique())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('requirement', 'text', (c) => c.notNull())
    .addColumn('stage', 'text', (c) => c.notNull())
    .addColumn('reply_days', 'integer', (c) => c.notNull().check(sql`reply_days between 1 and 60`))
    .addColumn('issued_on', 'date')
    .addColumn('reply_due', 'date')
    .addColumn('replied_on', 'date')
    .addColumn('reply', 'text')
    .addColumn('escalations', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema
    .createTable('ledger_order_event')
    .addColumn('id', 'serial', (c) => c.primaryKey())
    .addColumn('order_id', 'integer', (c) => c.notNull().references('ledger_order.id').onDelete('cascade'))
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('stage', 'text', (c) => c.notNull())
    .addColumn('note', 'text')
    .addColumn('actor', 'text', (c) => c.notNull())
    .addColumn('at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema
    .createTable('ledger_setting')
    .addColumn('plan_id', 'integer', (c) => c.notNull().references('plan.id').onDelete('cascade'))
    .addColumn('key', 'text', (c) => c.notNull())
    .addColumn('value', 'jsonb', (c) => c.notNull())
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('ledger_setting_pk', ['plan_id', 'key'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of [
    'ledger_setting',
    'ledger_order_event',
    'ledger_order',
    'ledger_evidence',
    'ledger_report_version',
    'ledger_report',
    'ledger_cycle',
    'ledger_milestone',
    'ledger_task_target',
    'ledger_task_unit',
    'ledger_task',
  ]) {
    await db.schema.dropTable(t).ifExists().execute();
  }
}
