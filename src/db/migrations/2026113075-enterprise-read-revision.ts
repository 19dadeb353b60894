import { sql, type Kysely } from 'kysely';

/**
 * The read domain `enterprises` (issue 18): answers built from a firm's profile (the policy calculator of a logged-in
 * enterprise, kept per user by `userRead`) are kept by the server's read cache until the registry changes. The
 * triggers are those of migration 2026113061-read-revisions (`read_revision_touch`), on the two tables a profile is
 * read from (`getEnterprises`: the firm and its qualifications).
 */
export const ENTERPRISE_READ_TABLES = ['enterprise', 'enterprise_qualification'];

export async function up(db: Kysely<any>): Promise<void> {
  await sql`insert into read_revision (domain) values ('enterprises') on conflict do nothing`.execute(db);
  for (const t of ENTERPRISE_READ_TABLES)
    await sql`create trigger ${sql.raw(`read_revision_${t}`)} after insert or update or delete or truncate on ${sql.table(t)}
      for each statement execute function read_revision_touch('enterprises')`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of ENTERPRISE_READ_TABLES) await sql`drop trigger if exists ${sql.raw(`read_revision_${t}`)} on ${sql.table(t)}`.execute(db);
  await sql`delete from read_revision where domain = 'enterprises'`.execute(db);
}
