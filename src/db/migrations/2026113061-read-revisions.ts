import { sql, type Kysely } from 'kysely';

/**
 * Revisions of read domains (issue 18): the server's read cache (src/server/read-cache.ts) keeps an
 * answer (public, or one user's) only as long as the revisions of the domains it was built from are unchanged.
 *
 * A statement-level trigger on every table of a domain marks the domain changed in the writing
 * transaction (once per transaction: a transaction-local setting, then one row in
 * `read_revision_change`); a deferred constraint trigger on that row increments `read_revision` at
 * commit, in the same transaction as the change. So every writer (routes, CLI, jobs, another process,
 * a hand-written SQL statement) bumps the revision without knowing of the cache, a rolled-back change
 * bumps nothing, and the revision's row is locked only during the commit (no deadlock with the
 * writer's other row locks; the domains of one transaction are bumped in name order). `pg_notify('bizenv_read_revision', domain)` is sent with the commit for
 * processes that listen.
 */
export const READ_DOMAIN_TABLES: Record<string, string[]> = {
  plan: ['plan', 'plan_revision', 'plan_section', 'plan_subsection', 'measure', 'measure_unit', 'measure_target', 'measure_deadline', 'plan_as_of'],
  units: ['unit'],
  policies: ['policy', 'policy_item', 'policy_rule_version'],
  calendar: ['calendar_year', 'calendar'],
  requests: ['request_item', 'request_event', 'request_limit', 'request_hold'],
  inspections: ['inspection_draw', 'inspection_assignment', 'inspection_item', 'inspection_inspector'],
  ledger: [
    'ledger_task',
    'ledger_task_unit',
    'ledger_task_target',
    'ledger_milestone',
    'ledger_cycle',
    'ledger_report',
    'ledger_report_version',
    'ledger_evidence',
    'ledger_order',
    'ledger_order_event',
    'ledger_setting',
    'ledger_signal',
    'ledger_instruction',
    'ledger_bulletin',
  ],
  indicators: ['indicator_result', 'indicator_definition', 'indicator_stale', 'case_record'],
  accounts: ['app_user'],
};

export async function up(db: Kysely<any>): Promise<void> {
  await sql`create table read_revision (domain text primary key, revision bigint not null default 1, changed_at timestamptz not null default now())`.execute(
    db,
  );
  await sql`create table read_revision_change (domain text not null)`.execute(db);
  for (const domain of Object.keys(READ_DOMAIN_TABLES)) await sql`insert into read_revision (domain) values (${domain})`.execute(db);
  await sql`
    create function read_revision_touch() returns trigger language plpgsql as $$
    begin
      if coalesce(current_setting('bizenv.read_touched_' || tg_argv[0], true), '') <> '1' then
        perform set_config('bizenv.read_touched_' || tg_argv[0], '1', true);
        insert into read_revision_change (domain) values (tg_argv[0]);
      end if;
      return null;
    end $$`.execute(db);
  await sql`
    create function read_revision_bump() returns trigger language plpgsql as $$
    declare d text;
    begin
      -- The first of the transaction's change rows bumps every domain it touched, locking their rows in
      -- name order (two transactions touching the same two domains cannot deadlock); later rows find none.
      for d in select distinct domain from read_revision_change order by 1 loop
        update read_revision set revision = revision + 1, changed_at = now() where domain = d;
        perform pg_notify('bizenv_read_revision', d);
      end loop;
      delete from read_revision_change;
      return null;
    end $$`.execute(db);
  await sql`
    create constraint trigger read_revision_bump after insert on read_revision_change
    deferrable initially deferred for each row execute function read_revision_bump()`.execute(db);
  for (const [domain, tables] of Object.entries(READ_DOMAIN_TABLES)) {
    for (const t of tables) {
      await sql`create trigger ${sql.raw(`read_revision_${t}`)} after insert or update or delete or truncate on ${sql.table(t)}
        for each statement execute function read_revision_touch(${sql.lit(domain)})`.execute(db);
    }
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const tables of Object.values(READ_DOMAIN_TABLES))
    for (const t of tables) await sql`drop trigger if exists ${sql.raw(`read_revision_${t}`)} on ${sql.table(t)}`.execute(db);
  await sql`drop table if exists read_revision_change`.execute(db);
  await sql`drop table if exists read_revision`.execute(db);
  await sql`drop function if exists read_revision_bump()`.execute(db);
  await sql`drop function if exists read_revision_touch()`.execute(db);
}
