import { sql, type Kysely } from 'kysely';

/**
 * Leaders' instructions (批示) on the reform ledger (issue 12): a leader writes one on a task, a supervision order or a
 * bulletin (`target_kind` + `target_id`; a bulletin is named by its reporting cycle); it reaches the staff of the units
 * concerned (`unit_ids`), one of whom answers it. Names of author and answerer are kept as they were when written.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('ledger_instruction')
    .addColumn('id', 'serial', (c) => c.primaryKey())
    .addColumn('plan_id', 'integer', (c) => c.notNull().references('plan.id').onDelete('cascade'))
    .addColumn('target_kind', 'text', (c) => c.notNull().check(sql`target_kind in ('task', 'order', 'bulletin')`))
    .addColumn('target_id', 'integer', (c) => c.notNull())
    .addColumn('target_title', 'text', (c) => c.notNull())
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('unit_ids', sql`integer[]`, (c) => c.notNull())
    .addColumn('author_id', 'integer', (c) => c.notNull())
    .addColumn('author', 'text', (c) => c.notNull())
    .addColumn('author_name', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('answer', 'text')
    .addColumn('answer_unit_id', 'integer')
    .addColumn('answered_by', 'text')
    .addColumn('answered_by_name', 'text')
    .addColumn('answered_at', 'timestamptz')
    .execute();
  await db.schema.createIndex('ledger_instruction_target').on('ledger_instruction').columns(['target_kind', 'target_id']).execute();
  await db.schema.createIndex('ledger_instruction_plan').on('ledger_instruction').columns(['plan_id', 'created_at']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('ledger_instruction').ifExists().execute();
}
