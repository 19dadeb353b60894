import { sql, type Kysely } from 'kysely';

/**
 * 双随机 draws anyone can verify (issue 15): the draw with its public commitment, the exact snapshots it committed
 * to (canonical JSON text, hashed), the seed's inputs, the result (`inspection_draw`), and the teams per drawn
 * object (`inspection_assignment`, read for the next draw's rotation rule). See src/inspections/README.md.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('inspection_draw')
    .addColumn('id', 'serial', (c) => c.primaryKey())
    .addColumn('number', 'text', (c) => c.notNull().unique())
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('lead_unit_id', 'integer', (c) => c.notNull().references('unit.id'))
    .addColumn('joint_unit_ids', sql`integer[]`, (c) => c.notNull().defaultTo(sql`'{}'::integer[]`))
    .addColumn('item_ids', sql`integer[]`, (c) => c.notNull().defaultTo(sql`'{}'::integer[]`))
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('committed', 'run')`))
    .addColumn('params', 'text', (c) => c.notNull())
    .addColumn('seed_source', 'text', (c) => c.notNull())
    .addColumn('objects_snapshot', 'text', (c) => c.notNull())
    .addColumn('inspectors_snapshot', 'text', (c) => c.notNull())
    .addColumn('objects_hash', 'text', (c) => c.notNull())
    .addColumn('inspectors_hash', 'text', (c) => c.notNull())
    .addColumn('commitment', 'text', (c) => c.notNull())
    .addColumn('object_count', 'integer', (c) => c.notNull())
    .addColumn('inspector_count', 'integer', (c) => c.notNull())
    .addColumn('lottery_date', 'date', (c) => c.notNull())
    .addColumn('committed_by', 'text', (c) => c.notNull())
    .addColumn('committed_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('witness_numbers', sql`text[]`)
    .addColumn('witnesses_at', 'timestamptz')
    .addColumn('lottery_result', 'text')
    .addColumn('lottery_at', 'timestamptz')
    .addColumn('seed', 'text')
    .addColumn('result', 'text')
    .addColumn('result_hash', 'text')
    .addColumn('picked', 'integer')
    .addColumn('run_by', 'text')
    .addColumn('run_at', 'timestamptz')
    .addColumn('is_demo', 'boolean', (c) => c.notNull().defaultTo(false))
    .addUniqueConstraint('inspection_draw_year_seq', ['year', 'seq'])
    .execute();
  await db.schema
    .createTable('inspection_assignment')
    .addColumn('id', 'serial', (c) => c.primaryKey())
    .addColumn('draw_id', 'integer', (c) => c.notNull().references('inspection_draw.id').onDelete('cascade'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('object_key', 'text', (c) => c.notNull())
    .addColumn('object_name', 'text', (c) => c.notNull())
    .addColumn('stratum', 'text', (c) => c.notNull())
    .addColumn('inspector_id', 'integer', (c) => c.notNull().references('inspection_inspector.id'))
    .addColumn('unit_id', 'integer', (c) => c.notNull().references('unit.id'))
    .execute();
  await db.schema.createIndex('inspection_assignment_draw').on('inspection_assignment').columns(['draw_id', 'position']).execute();
  await db.schema.createIndex('inspection_assignment_object').on('inspection_assignment').columns(['object_key', 'draw_id']).execute();
  await db.schema.createIndex('inspection_assignment_inspector').on('inspection_assignment').columns(['inspector_id']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('inspection_assignment').ifExists().execute();
  await db.schema.dropTable('inspection_draw').ifExists().execute();
}
