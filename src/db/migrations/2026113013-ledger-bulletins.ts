import { sql, type Kysely } from 'kysely';

/**
 * Bulletins as documents (issue 12): a periodic bulletin (定期通报) is drafted for a reporting cycle and a data
 * date, its free text edited by the office, then issued. Issuing freezes the figures and text (`snapshot`, the
 * bulletin as served) and the .docx bytes, with the document number (per-year sequence of a prefix such as
 * 渝中营商通报), the issue date and the issuer. An issued row never changes again (the store refuses, and a
 * trigger refuses any UPDATE or DELETE of an issued row even from outside the platform).
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('ledger_bulletin')
    .addColumn('id', 'serial', (c) => c.primaryKey())
    .addColumn('plan_id', 'integer', (c) => c.notNull().references('plan.id').onDelete('cascade'))
    .addColumn('cycle_id', 'integer', (c) => c.notNull().references('ledger_cycle.id'))
    .addColumn('state', 'text', (c) => c.notNull().defaultTo('draft').check(sql`state in ('draft', 'issued')`))
    .addColumn('data_date', 'date', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('recipients', 'text', (c) => c.notNull())
    .addColumn('overview', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('problems', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('requirements', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('number_prefix', 'text')
    .addColumn('number_year', 'integer')
    .addColumn('number_seq', 'integer')
    .addColumn('number', 'text', (c) => c.unique())
    .addColumn('issued_on', 'date')
    .addColumn('issued_by', 'text')
    .addColumn('issuer_name', 'text')
    .addColumn('issuer_unit', 'text')
    .addColumn('snapshot', 'jsonb')
    .addColumn('docx', 'bytea')
    .addColumn('docx_sha256', 'text')
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('author_name', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addUniqueConstraint('ledger_bulletin_number_uq', ['number_prefix', 'number_year', 'number_seq'])
    .addCheckConstraint(
      'ledger_bulletin_issued_ck',
      sql`state = 'draft' or (number is not null and issued_on is not null and issuer_name is not null and snapshot is not null and docx is not null and docx_sha256 is not null)`,
    )
    .execute();
  await db.schema.createIndex('ledger_bulletin_plan_idx').on('ledger_bulletin').columns(['plan_id', 'state']).execute();
  // An issued bulletin is a record: no UPDATE or DELETE of it, whoever asks.
  await sql`
    create function ledger_bulletin_frozen() returns trigger language plpgsql as $$
    begin
      if old.state = 'issued' then
        raise exception 'issued bulletin % is frozen', old.number using errcode = '55000';
      end if;
      return case when tg_op = 'DELETE' then old else new end;
    end $$`.execute(db);
  await sql`create trigger ledger_bulletin_frozen before update or delete on ledger_bulletin for each row execute function ledger_bulletin_frozen()`.execute(
    db,
  );
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('ledger_bulletin').ifExists().execute();
  await sql`drop function if exists ledger_bulletin_frozen()`.execute(db);
}
