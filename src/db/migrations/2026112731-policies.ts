import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('policy')
    .addColumn('id', 'serial', (c) => c.primaryKey())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('doc_number', 'text') // 文号
    .addColumn('issuer', 'text', (c) => c.notNull())
    .addColumn('published_on', 'date')
    .addColumn('valid_from', 'date')
    .addColumn('valid_to', 'date')
    .addColumn('body', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('interpretation', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('topics', sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'`))
    .addColumn('attachments', 'jsonb', (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('draft').check(sql`status in ('draft', 'published', 'withdrawn')`))
    .addColumn('is_demo', 'boolean', (c) => c.notNull().defaultTo(false))
    // jieba-segmented words, weighted: title A, interpretation B, body C (see src/policies/core/search-text.ts).
    .addColumn('search', sql`tsvector`)
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex('policy_search_idx').on('policy').using('gin').column('search').execute();
  await db.schema.createIndex('policy_doc_number_uq').on('policy').column('doc_number').unique().execute();
  await db.schema
    .createTable('policy_item')
    .addColumn('id', 'serial', (c) => c.primaryKey())
    .addColumn('policy_id', 'integer', (c) => c.notNull().references('policy.id').onDelete('cascade'))
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull()) // subsidy, tax, loan, award, service, other
    .addColumn('amount_text', 'text') // the amount as the policy states it
    .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('test_cases', 'jsonb', (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
    .addUniqueConstraint('policy_item_uq', ['policy_id', 'seq'])
    .execute();
  await db.schema
    .createTable('policy_rule_version')
    .addColumn('id', 'serial', (c) => c.primaryKey())
    .addColumn('item_id', 'integer', (c) => c.notNull().references('policy_item.id').onDelete('cascade'))
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('condition', 'jsonb', (c) => c.notNull())
    .addColumn('amount', 'jsonb')
    .addColumn('effective_from', 'date', (c) => c.notNull())
    .addColumn('effective_to', 'date')
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('draft').check(sql`status in ('draft', 'published')`))
    .addColumn('test_results', 'jsonb')
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('published_at', 'timestamptz')
    .addUniqueConstraint('policy_rule_version_uq', ['item_id', 'version'])
    .execute();
  // One row per firm and rule version evaluated by matching: results keep the version they used.
  await db.schema
    .createTable('policy_match')
    .addColumn('enterprise_id', 'integer', (c) => c.notNull().references('enterprise.id').onDelete('cascade'))
    .addColumn('rule_version_id', 'integer', (c) => c.notNull().references('policy_rule_version.id').onDelete('cascade'))
    .addColumn('item_id', 'integer', (c) => c.notNull().references('policy_item.id').onDelete('cascade'))
    .addColumn('outcome', 'text', (c) => c.notNull())
    .addColumn('amount', 'numeric')
    .addColumn('as_of', 'date', (c) => c.notNull())
    .addColumn('evaluated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('policy_match_pk', ['enterprise_id', 'rule_version_id'])
    .execute();
  await db.schema.createIndex('policy_match_item_idx').on('policy_match').columns(['item_id', 'outcome']).execute();
  await db.schema
    .createTable('policy_application')
    .addColumn('id', 'serial', (c) => c.primaryKey())
    .addColumn('enterprise_id', 'integer', (c) => c.notNull().references('enterprise.id').onDelete('cascade'))
    .addColumn('item_id', 'integer', (c) => c.notNull().references('policy_item.id').onDelete('cascade'))
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('applied', 'granted', 'rejected')`))
    .addColumn('applied_on', 'date')
    .addColumn('granted_on', 'date')
    .addColumn('granted_amount', 'numeric')
    .addColumn('recorded_by', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addUniqueConstraint('policy_application_uq', ['enterprise_id', 'item_id'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of ['policy_application', 'policy_match', 'policy_rule_version', 'policy_item', 'policy']) await db.schema.dropTable(t).ifExists().execute();
}
