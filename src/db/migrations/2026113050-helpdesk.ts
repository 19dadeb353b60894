import { sql, type Kysely } from 'kysely';

/**
 * 智能客服 (issue 17, measure 21): the office's curated FAQ (question, 相似问法, answer, source, owning unit, validity),
 * the synonym and abbreviation list, and one revision counter every FAQ or synonym change bumps in its transaction
 * (the in-memory index of src/helpdesk/knowledge.ts rebuilds when it moves, in every server process).
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('helpdesk_faq')
    .addColumn('id', 'serial', (c) => c.primaryKey())
    .addColumn('code', 'text', (c) => c.notNull().unique())
    .addColumn('question', 'text', (c) => c.notNull())
    .addColumn('variants', sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'::text[]`))
    .addColumn('answer', 'text', (c) => c.notNull())
    .addColumn('source_document', 'text')
    .addColumn('source_article', 'text')
    .addColumn('source_path', 'text')
    .addColumn('unit_id', 'integer', (c) => c.references('unit.id'))
    .addColumn('valid_from', 'date')
    .addColumn('valid_to', 'date')
    .addColumn('is_demo', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('updated_by', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema
    .createTable('helpdesk_synonym')
    .addColumn('id', 'serial', (c) => c.primaryKey())
    .addColumn('words', sql`text[]`, (c) => c.notNull())
    .addColumn('note', 'text')
    .addColumn('updated_by', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema
    .createTable('helpdesk_revision')
    .addColumn('id', 'integer', (c) => c.primaryKey().check(sql`id = 1`))
    .addColumn('revision', 'integer', (c) => c.notNull())
    .execute();
  await db.insertInto('helpdesk_revision').values({ id: 1, revision: 0 }).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('helpdesk_revision').ifExists().execute();
  await db.schema.dropTable('helpdesk_synonym').ifExists().execute();
  await db.schema.dropTable('helpdesk_faq').ifExists().execute();
}
