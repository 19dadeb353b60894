import { sql, type Kysely } from 'kysely';

/**
 * 渝中融 (issue 16), second part, owned by src/finance: applications of an enterprise's need to products with the
 * bank's deadlines and outcome (`finance_application`, its steps `finance_application_step`), the enterprise's
 * consents to share data with the bank (`finance_consent`) and the bank's views of that data (`finance_data_view`),
 * 区金融办's time limits and targets (`finance_limit`, one row), and 银企对接 events (`finance_event`,
 * `finance_event_enterprise`, `finance_event_deal`). See src/finance/README.md ("Applications, consent, deadlines").
 */
export async function up(db: Kysely<any>): Promise<void> {
  // The role `bank` (金融机构, src/auth/roles.ts) in auth's check (the first part's migration leaves it out;
  // repeating it there is harmless: drop and add).
  await sql`alter table app_user drop constraint if exists app_user_role_check`.execute(db);
  await sql`alter table app_user add constraint app_user_role_check check (role in ('office', 'unit_staff', 'leader', 'admin', 'enterprise', 'supervisor', 'bank'))`.execute(
    db,
  );
  await db.schema
    .createTable('finance_limit')
    .addColumn('id', 'integer', (c) => c.primaryKey().check(sql`id = 1`))
    .addColumn('accept_days', 'integer', (c) => c.notNull())
    .addColumn('decide_days', 'integer', (c) => c.notNull())
    .addColumn('accept_target', sql`numeric(5,2)`)
    .addColumn('decide_target', sql`numeric(5,2)`)
    .addColumn('updated_by', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema
    .createTable('finance_application')
    .addColumn('id', 'serial', (c) => c.primaryKey())
    .addColumn('need_id', 'integer', (c) => c.notNull().references('finance_need.id'))
    .addColumn('enterprise_id', 'integer', (c) => c.notNull().references('enterprise.id'))
    .addColumn('product_id', 'integer', (c) => c.notNull().references('finance_product.id'))
    .addColumn('product_version_id', 'integer', (c) => c.notNull().references('finance_product_version.id'))
    .addColumn('institution_id', 'integer', (c) => c.notNull().references('finance_institution.id'))
    .addColumn('product_type', 'text', (c) => c.notNull())
    .addColumn('amount', sql`numeric(14,2)`, (c) => c.notNull())
    .addColumn('term_months', 'integer', (c) => c.notNull())
    .addColumn('industry_section', 'text')
    .addColumn('size_class', 'text')
    .addColumn('first_loan_declared', 'boolean', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('submitted', 'accepted', 'approved', 'disbursed', 'declined', 'withdrawn')`))
    .addColumn('submitted_on', 'date', (c) => c.notNull())
    .addColumn('accept_due', 'date', (c) => c.notNull())
    .addColumn('accepted_on', 'date')
    .addColumn('decide_due', 'date')
    .addColumn('decided_on', 'date')
    .addColumn('decline_reason', 'text')
    .addColumn('decline_note', 'text')
    .addColumn('credit_amount', sql`numeric(14,2)`)
    .addColumn('rate', sql`numeric(6,3)`)
    .addColumn('guarantee', 'text')
    .addColumn('approved_term_months', 'integer')
    .addColumn('first_loan_confirmed', 'boolean')
    .addColumn('renewal_kind', 'text', (c) => c.check(sql`renewal_kind in ('none', 'renewal', 'no_repayment_renewal')`))
    .addColumn('disbursed_amount', sql`numeric(14,2)`)
    .addColumn('disbursed_on', 'date')
    .addColumn('withdrawn_on', 'date')
    .addColumn('is_demo', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  // One live application per need and product (a withdrawn or declined one may be followed by a new one).
  await sql`create unique index finance_application_live on finance_application (need_id, product_id) where status not in ('withdrawn', 'declined')`.execute(
    db,
  );
  await db.schema.createIndex('finance_application_enterprise').on('finance_application').columns(['enterprise_id', 'id']).execute();
  await db.schema.createIndex('finance_application_institution').on('finance_application').columns(['institution_id', 'status']).execute();
  await db.schema.createIndex('finance_application_submitted').on('finance_application').columns(['submitted_on']).execute();
  await db.schema
    .createTable('finance_application_step')
    .addColumn('id', 'serial', (c) => c.primaryKey())
    .addColumn('application_id', 'integer', (c) => c.notNull().references('finance_application.id').onDelete('cascade'))
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('note', 'text')
    .addColumn('actor', 'text', (c) => c.notNull())
    .addColumn('on_day', 'date', (c) => c.notNull())
    .addColumn('at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex('finance_application_step_app').on('finance_application_step').columns(['application_id', 'id']).execute();
  await db.schema
    .createTable('finance_consent')
    .addColumn('id', 'serial', (c) => c.primaryKey())
    .addColumn('application_id', 'integer', (c) => c.notNull().references('finance_application.id'))
    .addColumn('enterprise_id', 'integer', (c) => c.notNull().references('enterprise.id'))
    .addColumn('institution_id', 'integer', (c) => c.notNull().references('finance_institution.id'))
    .addColumn('items', sql`text[]`, (c) => c.notNull())
    .addColumn('granted_on', 'date', (c) => c.notNull())
    .addColumn('valid_until', 'date', (c) => c.notNull())
    .addColumn('granted_by', 'text', (c) => c.notNull())
    .addColumn('granted_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('withdrawn_at', 'timestamptz')
    .addColumn('withdrawn_by', 'text')
    .execute();
  await db.schema.createIndex('finance_consent_pair').on('finance_consent').columns(['enterprise_id', 'institution_id']).execute();
  await db.schema.createIndex('finance_consent_application').on('finance_consent').columns(['application_id']).execute();
  await db.schema
    .createTable('finance_data_view')
    .addColumn('id', 'serial', (c) => c.primaryKey())
    .addColumn('application_id', 'integer', (c) => c.notNull().references('finance_application.id'))
    .addColumn('enterprise_id', 'integer', (c) => c.notNull().references('enterprise.id'))
    .addColumn('institution_id', 'integer', (c) => c.notNull().references('finance_institution.id'))
    .addColumn('items', sql`text[]`, (c) => c.notNull())
    .addColumn('viewed_by', 'text', (c) => c.notNull())
    .addColumn('viewed_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex('finance_data_view_enterprise').on('finance_data_view').columns(['enterprise_id', 'id']).execute();
  await db.schema
    .createTable('finance_event')
    .addColumn('id', 'serial', (c) => c.primaryKey())
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('matchmaking', 'training')`))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('held_on', 'date', (c) => c.notNull())
    .addColumn('place', 'text')
    .addColumn('note', 'text')
    .addColumn('institution_ids', sql`integer[]`, (c) => c.notNull())
    .addColumn('needs_raised', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('is_demo', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex('finance_event_held').on('finance_event').columns(['held_on']).execute();
  await db.schema
    .createTable('finance_event_enterprise')
    .addColumn('event_id', 'integer', (c) => c.notNull().references('finance_event.id').onDelete('cascade'))
    .addColumn('enterprise_id', 'integer', (c) => c.notNull().references('enterprise.id'))
    .addColumn('invited', 'boolean', (c) => c.notNull())
    .addColumn('present', 'boolean', (c) => c.notNull())
    .addPrimaryKeyConstraint('finance_event_enterprise_pk', ['event_id', 'enterprise_id'])
    .execute();
  await db.schema
    .createTable('finance_event_deal')
    .addColumn('id', 'serial', (c) => c.primaryKey())
    .addColumn('event_id', 'integer', (c) => c.notNull().references('finance_event.id').onDelete('cascade'))
    .addColumn('enterprise_id', 'integer', (c) => c.notNull().references('enterprise.id'))
    .addColumn('institution_id', 'integer', (c) => c.notNull().references('finance_institution.id'))
    .addColumn('amount', sql`numeric(14,2)`, (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of [
    'finance_event_deal',
    'finance_event_enterprise',
    'finance_event',
    'finance_data_view',
    'finance_consent',
    'finance_application_step',
    'finance_application',
    'finance_limit',
  ])
    await db.schema.dropTable(t).execute();
}
