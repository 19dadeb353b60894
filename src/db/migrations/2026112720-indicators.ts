import { sql, type Kysely } from 'kysely';

/**
 * Indicator monitoring (src/indicators): case records of every type in one wide table (a record type
 * uses a subset of the columns; see src/indicators/core/record-types.ts), indicator definition
 * versions, computed results (each with the definition version it used) and per-unit API tokens.
 */
export async function up(db: Kysely<any>): Promise<void> {
  // Partitioned by record type: an indicator reads only its type's partition (a few hundred thousand
  // rows of a million), which keeps a full recompute set-based and fast.
  let t = db.schema
    .createTable('case_record')
    .addColumn('id', 'bigserial', (c) => c.notNull())
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('external_id', 'text', (c) => c.notNull())
    .addColumn('unit_id', 'integer', (c) => c.references('unit.id'))
    .addColumn('name', 'text')
    .addColumn('category', 'text')
    .addColumn('supplier_size', 'text')
    .addColumn('route', 'text')
    .addColumn('credit_code', 'text');
  for (const d of [
    'applied_on',
    'accepted_on',
    'completed_on',
    'filing_started_on',
    'filing_done_on',
    'award_on',
    'contract_on',
    'performed_on',
    'acceptance_on',
    'invoice_on',
    'paid_on',
  ])
    t = t.addColumn(d, 'date');
  for (const n of ['budget', 'contract_amount', 'prepayment_amount', 'reserved_amount', 'reserved_small_amount']) t = t.addColumn(n, 'numeric(16, 4)');
  for (const b of ['public_tender', 'sme_suitable', 'licensing', 'on_application', 'fully_online', 'done', 'national_later']) t = t.addColumn(b, 'boolean');
  await t
    .addColumn('is_demo', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('source', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('updated_by', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('case_record_pk', ['type', 'external_id'])
    .modifyEnd(sql`partition by list (type)`)
    .execute();
  for (const type of ['utility', 'procurement', 'service_item', 'benefit_claim', 'civil_case', 'credit_code', 'cross_province', 'supervision']) {
    await sql`create table ${sql.ref(`case_record_${type}`)} partition of case_record for values in (${sql.lit(type)})`.execute(db);
  }
  await sql`create table case_record_other partition of case_record default`.execute(db);

  await db.schema
    .createTable('indicator_definition')
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('definition', 'jsonb', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('indicator_definition_pk', ['code', 'version'])
    .execute();

  await db.schema
    .createTable('indicator_result')
    .addColumn('id', 'bigserial', (c) => c.primaryKey())
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('period_kind', 'text', (c) => c.notNull())
    .addColumn('period', 'text', (c) => c.notNull())
    .addColumn('unit_id', 'integer') // null: the whole district (see scope)
    .addColumn('scope', 'text', (c) => c.notNull()) // 'all' | 'unit'
    .addColumn('counted', 'integer', (c) => c.notNull())
    .addColumn('compliant', 'integer', (c) => c.notNull())
    .addColumn('excluded', 'integer', (c) => c.notNull())
    .addColumn('excluded_reasons', 'jsonb', (c) => c.notNull())
    .addColumn('value', 'double precision')
    .addColumn('average', 'double precision')
    .addColumn('worst', 'double precision')
    .addColumn('numerator', 'double precision', (c) => c.notNull())
    .addColumn('denominator', 'double precision', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('as_of', 'date', (c) => c.notNull())
    .addColumn('computed_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex('indicator_result_code_idx').on('indicator_result').columns(['code', 'year', 'version']).execute();

  await db.schema
    .createTable('indicator_api_token')
    .addColumn('id', 'serial', (c) => c.primaryKey())
    .addColumn('unit_id', 'integer', (c) => c.notNull().references('unit.id'))
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('label', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('revoked_at', 'timestamptz')
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of ['indicator_api_token', 'indicator_result', 'indicator_definition', 'case_record']) await db.schema.dropTable(t).ifExists().execute();
}
