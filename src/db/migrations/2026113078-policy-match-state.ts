import { sql, type Kysely } from 'kysely';

/**
 * What bulk policy matching (issue 18) keeps to write only changed results: per firm, its eligible results
 * over a set of rule versions (a "cover"), in the text form `versionId:amount,…` (by version id; empty
 * amount for none). Invariant: for every version of the firm's cover, policy_match holds exactly the rows
 * listed. Other writers of policy_match drop the rows they make stale (see src/policies/batch-match.ts).
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('policy_match_cover')
    .addColumn('id', 'serial', (c) => c.primaryKey())
    .addColumn('versions', sql`integer[]`, (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema
    .createTable('policy_match_firm')
    .addColumn('enterprise_id', 'integer', (c) => c.primaryKey().references('enterprise.id').onDelete('cascade'))
    .addColumn('cover_id', 'integer', (c) => c.notNull().references('policy_match_cover.id').onDelete('cascade'))
    .addColumn('results', 'text', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('policy_match_firm').ifExists().execute();
  await db.schema.dropTable('policy_match_cover').ifExists().execute();
}
