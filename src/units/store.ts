import type { Kysely } from 'kysely';
import type { Database } from '../db/index.js';
import { listUnits } from './directory.js';

/** A unit as stored: its id (what tasks, accounts and records reference), name, kind and aliases. */
export interface UnitRow {
  id: number;
  name: string;
  kind: string;
  aliases: string[];
}

const COLUMNS = ['id', 'name', 'kind', 'aliases'] as const;

/**
 * Every stored unit, by name; `kinds` keeps only those kinds.
 *
 * @example
 *   const departments = await listUnitRows(db, { kinds: ['department', 'institution'] });
 */
export async function listUnitRows(db: Kysely<Database>, f: { kinds?: readonly string[] } = {}): Promise<UnitRow[]> {
  let q = db.selectFrom('unit').select(COLUMNS).orderBy('name');
  if (f.kinds) q = q.where('kind', 'in', f.kinds.length ? [...f.kinds] : ['']);
  return q.execute();
}

/**
 * The stored unit of an id, undefined when there is none.
 *
 * @example
 *   const unit = await findUnitById(db, 3); // { id: 3, name: '区发展改革委', kind: 'department', aliases: [...] }
 */
export async function findUnitById(db: Kysely<Database>, id: number): Promise<UnitRow | undefined> {
  return db.selectFrom('unit').select(COLUMNS).where('id', '=', id).executeTakeFirst();
}

/**
 * The stored units of these ids (those that exist, by name).
 *
 * @example
 *   const known = await findUnitsByIds(trx, [1, 2, 999]); // 999 missing → 2 rows
 */
export async function findUnitsByIds(db: Kysely<Database>, ids: readonly number[]): Promise<UnitRow[]> {
  if (ids.length === 0) return [];
  return db
    .selectFrom('unit')
    .select(COLUMNS)
    .where('id', 'in', [...ids])
    .orderBy('name')
    .execute();
}

/**
 * The stored units of these exact (canonical) names; names without a unit are left out.
 *
 * @example
 *   const units = await findUnitsByName(db, ['区财政局', '区科技局']);
 */
export async function findUnitsByName(db: Kysely<Database>, names: readonly string[]): Promise<UnitRow[]> {
  if (names.length === 0) return [];
  return db
    .selectFrom('unit')
    .select(COLUMNS)
    .where('name', 'in', [...names])
    .orderBy('name')
    .execute();
}

/**
 * Makes sure every name is a stored unit (kind and aliases from the built-in directory, `unknown`
 * for a name it does not know; an existing unit is left as it is). Returns name → id.
 *
 * @example
 *   const ids = await ensureUnits(trx, ['区财政局', '某新设机构']); // Map { '区财政局' => 4, '某新设机构' => 71 }
 */
export async function ensureUnits(db: Kysely<Database>, names: Iterable<string>): Promise<Map<string, number>> {
  const wanted = [...new Set(names)];
  const directory = new Map(listUnits().map((u) => [u.name, u]));
  for (const name of wanted) {
    const d = directory.get(name);
    await db
      .insertInto('unit')
      .values({ name, kind: d?.kind ?? 'unknown', aliases: d?.aliases ?? [] })
      .onConflict((oc) => oc.column('name').doNothing())
      .execute();
  }
  const rows = await findUnitsByName(db, wanted);
  return new Map(rows.map((r) => [r.name, r.id]));
}
