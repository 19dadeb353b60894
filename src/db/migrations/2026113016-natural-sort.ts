import { sql, type Kysely } from 'kysely';

/**
 * Natural order of identifiers (申请编号 DEMO-9 before DEMO-10, 2-9 before 2-10), the same on PGlite and on
 * every PostgreSQL server (ICU's numeric collation is not available in PGlite): `natural_sort_key(text)`
 * rewrites every run of digits as its length (3 digits) followed by the digits without leading zeros, so
 * that comparing keys byte by byte (`collate "C"`) compares numbers by value. Leading zeros tie (007 = 7);
 * callers break ties with the text itself. The index lets the indicators' record browser page through a
 * record type in this order without computing the key of every record.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create or replace function natural_sort_key(t text) returns text
    language sql immutable strict parallel safe as $$
      select coalesce(string_agg(
        m[1] || case when m[2] = '' then '' else lpad(length(ltrim(m[2], '0'))::text, 3, '0') || ltrim(m[2], '0') end,
        '' order by n), '')
      from regexp_matches(t, '(\\D*)(\\d*)', 'g') with ordinality as x(m, n)
    $$`.execute(db);
  await sql`create index case_record_natural_idx on case_record (type, (natural_sort_key(external_id)) collate "C")`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop index if exists case_record_natural_idx`.execute(db);
  await sql`drop function if exists natural_sort_key(text)`.execute(db);
}
