import { sql, type Kysely } from 'kysely';

/**
 * The read domain `finance` (issue 16 on the read cache of issue 18): the public product catalogue and the public
 * district totals of 渝中融 are kept by the server's read cache until a table they are built from changes. The
 * triggers are those of migration 2026113061-read-revisions (`read_revision_touch`), on the finance tables the two
 * public answers read: institutions, products and their versions (catalogue), needs and applications (figures; a
 * need's `matched_at` is on the need). Matches, consents, steps, events and bank links are not read by them and do
 * not invalidate the cache.
 */
export const FINANCE_READ_TABLES = ['finance_institution', 'finance_product', 'finance_product_version', 'finance_need', 'finance_application'];

export async function up(db: Kysely<any>): Promise<void> {
  await sql`insert into read_revision (domain) values ('finance') on conflict do nothing`.execute(db);
  for (const t of FINANCE_READ_TABLES)
    await sql`create trigger ${sql.raw(`read_revision_${t}`)} after insert or update or delete or truncate on ${sql.table(t)}
      for each statement execute function read_revision_touch('finance')`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of FINANCE_READ_TABLES) await sql`drop trigger if exists ${sql.raw(`read_revision_${t}`)} on ${sql.table(t)}`.execute(db);
  await sql`delete from read_revision where domain = 'finance'`.execute(db);
}
