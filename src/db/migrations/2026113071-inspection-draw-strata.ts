import type { Kysely } from 'kysely';

/**
 * Neutral stratum labels on public draw proofs (issue 15): a new draw commits 第1层, 第2层 … instead of credit-class
 * codes; this column keeps, internally, which class each label stands for (JSON `[{stratum, code, name}]`). Null
 * for draws committed before: their labels are the class codes themselves (their hashes cannot change).
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('inspection_draw').addColumn('stratum_names', 'text').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('inspection_draw').dropColumn('stratum_names').execute();
}
