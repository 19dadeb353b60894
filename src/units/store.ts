import type { Kysely } from 'kysely';
import type { Database } from '../db/index.js';
import { listUnits, type UnitEntry, type UnitKind } from './directory.js';

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
 * Makes sure every name is a stored unit (kind and aliases from the built-in directory, `unknown` and not
 * confirmed for a name it does not know; an existing unit is left as it is). Returns name → id.
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
      .values({ name, kind: d?.kind ?? 'unknown', aliases: d?.aliases ?? [], confirmed: d !== undefined })
      .onConflict((oc) => oc.column('name').doNothing())
      .execute();
  }
  const rows = await findUnitsByName(db, wanted);
  return new Map(rows.map((r) => [r.name, r.id]));
}

/**
 * The stored directory as parser entries: every stored unit with its kind and aliases (the aliases the office
 * recorded by merging units included), for `ParsePlanOptions.units`, so that a name the office merged maps to
 * the unit it was merged into.
 *
 * @example
 *   const plan = parsePlanText(text, { units: await storedUnitEntries(db) });
 */
export async function storedUnitEntries(db: Kysely<Database>): Promise<UnitEntry[]> {
  const rows = await db.selectFrom('unit').select(['name', 'kind', 'aliases']).orderBy('id').execute();
  return rows.map((r) => ({ name: r.name, kind: r.kind as UnitKind, aliases: r.aliases }));
}

/** A stored unit the office has not confirmed yet (a name a plan used that no directory knew). */
export interface UnconfirmedUnit {
  id: number;
  name: string;
}

/**
 * The stored units not confirmed yet, by name; `ids` keeps only those ids.
 *
 * @example
 *   const pending = await listUnconfirmedUnits(db, [71, 72]); // [{ id: 71, name: '区数据管理局' }]
 */
export async function listUnconfirmedUnits(db: Kysely<Database>, ids?: readonly number[]): Promise<UnconfirmedUnit[]> {
  if (ids && ids.length === 0) return [];
  let q = db.selectFrom('unit').select(['id', 'name']).where('confirmed', '=', false).orderBy('name');
  if (ids) q = q.where('id', 'in', [...ids]);
  return q.execute();
}

/** Whether a stored unit is confirmed; undefined when there is no such unit. */
export async function isUnitConfirmed(db: Kysely<Database>, id: number): Promise<boolean | undefined> {
  return (await db.selectFrom('unit').select('confirmed').where('id', '=', id).executeTakeFirst())?.confirmed;
}

/**
 * The office confirms a unit as a unit of its own, of this kind. The caller records the audit entry in the
 * same transaction.
 *
 * @example
 *   await confirmUnitRow(trx, 71, 'department');
 */
export async function confirmUnitRow(db: Kysely<Database>, id: number, kind: Exclude<UnitKind, 'unknown'>): Promise<void> {
  await db.updateTable('unit').set({ kind, confirmed: true }).where('id', '=', id).execute();
}

/**
 * Removes unit `fromId`, whose references the caller has already moved to `intoId`, and records its name
 * and aliases as aliases of `intoId` (so that later imports map the name to `intoId`). Returns the aliases
 * added. The caller records the audit entry in the same transaction.
 *
 * @example
 *   await mergeUnitRow(trx, 71, 12); // ['区数据管理局']
 */
export async function mergeUnitRow(db: Kysely<Database>, fromId: number, intoId: number): Promise<string[]> {
  const from = await db.selectFrom('unit').select(['name', 'aliases']).where('id', '=', fromId).executeTakeFirstOrThrow();
  const into = await db.selectFrom('unit').select(['name', 'aliases']).where('id', '=', intoId).executeTakeFirstOrThrow();
  const added = [from.name, ...from.aliases].filter((a) => a !== into.name && !into.aliases.includes(a));
  const unique = [...new Set(added)];
  await db.deleteFrom('unit').where('id', '=', fromId).execute();
  await db
    .updateTable('unit')
    .set({ aliases: [...into.aliases, ...unique] })
    .where('id', '=', intoId)
    .execute();
  return unique;
}
