import { sql, type Kysely } from 'kysely';

/**
 * 渝中融 (issue 16), first part: financial institutions and their staff accounts, products with versions (each
 * version carries its eligibility rule in the policies' rule language and its test cases), enterprises' financing
 * needs with the 区金融办's follow-ups, and the stored matching of open needs against the products in force.
 * Decisions in src/finance/README.md. Amounts in 万元, terms in months, rates in % a year.
 */
export async function up(db: Kysely<any>): Promise<void> {
  // The role `bank` (金融机构) joins the accounts' roles.
  await sql`alter table app_user drop constraint if exists app_user_role_check`.execute(db);
  await sql`alter table app_user add constraint app_user_role_check check (role in ('office', 'unit_staff', 'leader', 'admin', 'enterprise', 'supervisor', 'bank'))`.execute(
    db,
  );
  await db.schema
    .createTable('finance_institution')
    .addColumn('id', 'serial', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('银行', '担保', '小贷', '融资租赁', '保理', '其他')`))
    .addColumn('branch', 'text')
    .addColumn('parent_id', 'integer', (c) => c.references('finance_institution.id'))
    .addColumn('contact', 'text')
    .addColumn('active', 'boolean', (c) => c.notNull().defaultTo(true))
    .addColumn('is_demo', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await sql`create unique index finance_institution_name_uq on finance_institution (name, coalesce(branch, ''))`.execute(db);
  await db.schema.createIndex('finance_institution_parent').on('finance_institution').column('parent_id').execute();

  // A bank staff account (role `bank`, created through auth's createAccount) and the institution row it acts for.
  await db.schema
    .createTable('finance_bank_staff')
    .addColumn('user_id', 'integer', (c) => c.primaryKey().references('app_user.id').onDelete('cascade'))
    .addColumn('institution_id', 'integer', (c) => c.notNull().references('finance_institution.id'))
    .addColumn('linked_by', 'text', (c) => c.notNull())
    .addColumn('linked_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex('finance_bank_staff_institution').on('finance_bank_staff').column('institution_id').execute();

  await db.schema
    .createTable('finance_product')
    .addColumn('id', 'serial', (c) => c.primaryKey())
    .addColumn('institution_id', 'integer', (c) => c.notNull().references('finance_institution.id'))
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('draft').check(sql`status in ('draft', 'published', 'withdrawn')`))
    .addColumn('current_version_id', 'integer')
    .addColumn('withdrawn_on', 'date')
    .addColumn('is_demo', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex('finance_product_institution').on('finance_product').columns(['institution_id', 'status']).execute();

  await db.schema
    .createTable('finance_product_version')
    .addColumn('id', 'serial', (c) => c.primaryKey())
    .addColumn('product_id', 'integer', (c) => c.notNull().references('finance_product.id').onDelete('cascade'))
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('amount_min', 'numeric', (c) => c.notNull().check(sql`amount_min >= 0`))
    .addColumn('amount_max', 'numeric', (c) => c.notNull())
    .addColumn('term_min', 'integer', (c) => c.notNull().check(sql`term_min >= 1`))
    .addColumn('term_max', 'integer', (c) => c.notNull())
    .addColumn('rate_min', 'numeric', (c) => c.notNull().check(sql`rate_min >= 0`))
    .addColumn('rate_max', 'numeric', (c) => c.notNull())
    .addColumn('repayment', sql`text[]`, (c) => c.notNull())
    .addColumn('collateral', sql`text[]`, (c) => c.notNull())
    .addColumn('collateral_note', 'text')
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('condition', 'jsonb', (c) => c.notNull())
    .addColumn('test_cases', 'jsonb', (c) => c.notNull())
    .addColumn('search_text', 'text', (c) => c.notNull())
    .addColumn('valid_from', 'date')
    .addColumn('valid_to', 'date')
    .addColumn('published_by', 'text')
    .addColumn('published_at', 'timestamptz')
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addUniqueConstraint('finance_product_version_uq', ['product_id', 'version'])
    .addCheckConstraint('finance_product_version_ranges', sql`amount_max >= amount_min and term_max >= term_min and rate_max >= rate_min`)
    .execute();
  await sql`alter table finance_product add constraint finance_product_current_fk foreign key (current_version_id) references finance_product_version (id)`.execute(
    db,
  );

  await db.schema
    .createTable('finance_need')
    .addColumn('id', 'serial', (c) => c.primaryKey())
    .addColumn('enterprise_id', 'integer', (c) => c.notNull().references('enterprise.id').onDelete('cascade'))
    .addColumn('amount', 'numeric', (c) => c.notNull().check(sql`amount > 0`))
    .addColumn('term_months', 'integer', (c) => c.notNull().check(sql`term_months >= 1`))
    .addColumn('purpose', 'text', (c) => c.notNull())
    .addColumn('collateral', sql`text[]`, (c) => c.notNull())
    .addColumn('collateral_note', 'text')
    .addColumn('loan_kind', 'text', (c) => c.notNull().check(sql`loan_kind in ('首贷', '续贷', '其他')`))
    .addColumn('urgency', 'text', (c) => c.notNull().check(sql`urgency in ('一般', '较急', '紧急')`))
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('open').check(sql`status in ('open', 'closed')`))
    .addColumn('closed_reason', 'text')
    .addColumn('posted_on', 'date', (c) => c.notNull())
    .addColumn('matched_at', 'timestamptz')
    .addColumn('is_demo', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex('finance_need_enterprise').on('finance_need').columns(['enterprise_id', 'id']).execute();
  await db.schema.createIndex('finance_need_posted').on('finance_need').columns(['posted_on']).execute();

  // Eligible and cannot-tell results of an open need against a product version in force (not-eligible pairs are
  // not stored), rewritten when the need changes, a product version is published or withdrawn, or the firm's
  // profile changes.
  await db.schema
    .createTable('finance_match')
    .addColumn('need_id', 'integer', (c) => c.notNull().references('finance_need.id').onDelete('cascade'))
    .addColumn('product_version_id', 'integer', (c) => c.notNull().references('finance_product_version.id').onDelete('cascade'))
    .addColumn('outcome', 'text', (c) => c.notNull().check(sql`outcome in ('eligible', 'unknown')`))
    .addColumn('fit', 'numeric', (c) => c.notNull())
    .addColumn('matched_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('finance_match_pk', ['need_id', 'product_version_id'])
    .execute();
  await db.schema.createIndex('finance_match_version').on('finance_match').column('product_version_id').execute();

  await db.schema
    .createTable('finance_need_followup')
    .addColumn('id', 'serial', (c) => c.primaryKey())
    .addColumn('need_id', 'integer', (c) => c.notNull().references('finance_need.id').onDelete('cascade'))
    .addColumn('note', 'text', (c) => c.notNull())
    .addColumn('recorded_by', 'text', (c) => c.notNull())
    .addColumn('recorded_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex('finance_need_followup_need').on('finance_need_followup').columns(['need_id', 'id']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of [
    'finance_need_followup',
    'finance_match',
    'finance_need',
    'finance_product_version',
    'finance_product',
    'finance_bank_staff',
    'finance_institution',
  ]) {
    if (t === 'finance_product_version') await sql`alter table finance_product drop constraint if exists finance_product_current_fk`.execute(db);
    await db.schema.dropTable(t).ifExists().execute();
  }
  await sql`alter table app_user drop constraint if exists app_user_role_check`.execute(db);
  await sql`alter table app_user add constraint app_user_role_check check (role in ('office', 'unit_staff', 'leader', 'admin', 'enterprise', 'supervisor'))`.execute(
    db,
  );
}
