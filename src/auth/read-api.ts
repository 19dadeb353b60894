/**
 * The accounts' read API: what other capabilities (ledger, policies, server) call instead of
 * querying auth's tables (app_user, user_unit, session). Every function takes a `Kysely<Database>`
 * or a transaction, and returns plain ids.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../db/index.js';
import type { Role } from './roles.js';
import { internalActorLabel, UNKNOWN_ACTOR } from './actors.js';

/** Longest id list sent in one `in (…)` query. */
const CHUNK = 5000;

/**
 * The active `unit_staff` accounts of any of the given units (each account once, in no set order):
 * whom to notify about a unit's task, report or order. [] for no units.
 *
 * @example
 *   const staff = await accountIdsOfUnits(trx, [unitId]); // [12, 15]
 *   await notify(trx, { userIds: staff, kind: 'order', title: '督办单', body: '…' });
 */
export async function accountIdsOfUnits(db: Kysely<Database>, unitIds: readonly number[]): Promise<number[]> {
  if (unitIds.length === 0) return [];
  const rows = await db
    .selectFrom('user_unit')
    .innerJoin('app_user', 'app_user.id', 'user_unit.user_id')
    .select('app_user.id')
    .distinct()
    .where('user_unit.unit_id', 'in', [...unitIds])
    .where('app_user.active', '=', true)
    .where('app_user.role', '=', 'unit_staff')
    .execute();
  return rows.map((r) => r.id);
}

/**
 * The active accounts holding any of the given roles (in no set order). [] for no roles.
 *
 * @example
 *   const office = await activeAccountIdsByRole(db, ['office']); // every active 营商办 account
 */
export async function activeAccountIdsByRole(db: Kysely<Database>, roles: readonly Role[]): Promise<number[]> {
  if (roles.length === 0) return [];
  const rows = await db
    .selectFrom('app_user')
    .select('id')
    .where('role', 'in', [...roles])
    .where('active', '=', true)
    .execute();
  return rows.map((r) => r.id);
}

/**
 * The id of the account with this login name (active or not), or undefined when there is none.
 *
 * @example
 *   const id = await findAccountId(db, 'demo-qiye1');
 *   if (id === undefined) await createUser(db, { account: 'demo-qiye1', … });
 */
export async function findAccountId(db: Kysely<Database>, account: string): Promise<number | undefined> {
  const r = await db.selectFrom('app_user').select('id').where('account', '=', account).executeTakeFirst();
  return r?.id;
}

/**
 * Whether any account exists at all (active or not): false only on a fresh database.
 *
 * @example
 *   if (!(await hasAnyAccount(db))) await createUser(db, { account: 'admin', role: 'admin', … });
 */
export async function hasAnyAccount(db: Kysely<Database>): Promise<boolean> {
  const r = await db.selectFrom('app_user').select('id').limit(1).executeTakeFirst();
  return r !== undefined;
}

/**
 * The active `enterprise` accounts of the given firms (in no set order; a firm may have several or
 * none): whom to push a policy to.
 *
 * @example
 *   const users = await enterpriseAccountIds(db, [101, 102]); // [7, 9]
 */
export async function enterpriseAccountIds(db: Kysely<Database>, enterpriseIds: readonly number[]): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < enterpriseIds.length; i += CHUNK) {
    const rows = await db
      .selectFrom('app_user')
      .select('id')
      .where('role', '=', 'enterprise')
      .where('active', '=', true)
      .where('enterprise_id', 'in', enterpriseIds.slice(i, i + CHUNK))
      .execute();
    out.push(...rows.map((r) => r.id));
  }
  return out;
}

/**
 * The firm of each given account that is linked to one (any role, active or not): account id →
 * enterprise id. Accounts without a firm, and unknown ids, are absent.
 *
 * @example
 *   const firmOf = await enterpriseIdsOfAccounts(db, [7, 9, 12]); // Map { 7 => 101, 9 => 102 }
 */
export async function enterpriseIdsOfAccounts(db: Kysely<Database>, userIds: readonly number[]): Promise<Map<number, number>> {
  const out = new Map<number, number>();
  for (let i = 0; i < userIds.length; i += CHUNK) {
    const rows = await db
      .selectFrom('app_user')
      .select(['id', 'enterprise_id'])
      .where('id', 'in', userIds.slice(i, i + CHUNK))
      .where('enterprise_id', 'is not', null)
      .execute();
    for (const r of rows) if (r.enterprise_id !== null) out.set(r.id, r.enterprise_id);
  }
  return out;
}

/**
 * People's names (the `name` shown in the header, not the login name) of the given accounts: account
 * id → name. Unknown ids are absent.
 *
 * @example
 *   const names = await accountNames(db, [7, 9]); // Map { 7 => '王敏', 9 => '李强' }
 */
export async function accountNames(db: Kysely<Database>, userIds: readonly number[]): Promise<Map<number, string>> {
  const out = new Map<number, string>();
  for (let i = 0; i < userIds.length; i += CHUNK) {
    const rows = await db
      .selectFrom('app_user')
      .select(['id', 'name'])
      .where('id', 'in', userIds.slice(i, i + CHUNK))
      .execute();
    for (const r of rows) out.set(r.id, r.name);
  }
  return out;
}

/**
 * What a person reads for each recorded actor (account name or internal code, see actors.ts): the account's
 * person's name, a label for internal codes (`cli:unknown` → 系统管理员（命令行）), never the account name.
 * Every given actor is a key of the answer.
 *
 * @example
 *   const names = await actorNames(db, ['demo-unit15', 'cli:root']);
 *   names.get('demo-unit15'); // '张三'
 *   names.get('cli:root');    // '系统管理员（命令行）'
 */
export async function actorNames(db: Kysely<Database>, actors: readonly (string | null)[]): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  const accounts: string[] = [];
  for (const a of new Set(actors)) {
    if (a === null) continue;
    const label = internalActorLabel(a);
    if (label) out.set(a, label);
    else accounts.push(a);
  }
  for (let i = 0; i < accounts.length; i += CHUNK) {
    const rows = await db
      .selectFrom('app_user')
      .select(['account', 'name'])
      .where('account', 'in', accounts.slice(i, i + CHUNK))
      .execute();
    for (const r of rows) out.set(r.account, r.name);
  }
  for (const a of accounts) if (!out.has(a)) out.set(a, UNKNOWN_ACTOR);
  return out;
}

/**
 * `actorNames` as a function: `await nameOf(db, rows.map(r => r.by))` then `name(r.by)`; null stays null.
 *
 * @example
 *   const name = await actorNamer(db, versions.map((v) => v.submitted_by));
 *   versions.map((v) => ({ ...v, submittedBy: name(v.submitted_by) }));
 */
export async function actorNamer(db: Kysely<Database>, actors: readonly (string | null)[]): Promise<<T extends string | null>(actor: T) => T> {
  const names = await actorNames(db, actors);
  return <T extends string | null>(actor: T): T => (actor === null ? actor : ((names.get(actor) ?? UNKNOWN_ACTOR) as T));
}

/**
 * Moves every account of unit `fromId` to unit `intoId` (an account of both keeps one link), when the office
 * merges a unit into another (src/plan/unit-merge.ts runs it in the merge's transaction, which holds the audit
 * entry). Returns the number of accounts moved.
 *
 * @example
 *   const moved = await moveUnitAccounts(trx, 71, 12); // 1
 */
export async function moveUnitAccounts(db: Kysely<Database>, fromId: number, intoId: number): Promise<number> {
  const rows = await db.selectFrom('user_unit').select('user_id').where('unit_id', '=', fromId).execute();
  if (rows.length === 0) return 0;
  const users = rows.map((r) => r.user_id);
  await db
    .insertInto('user_unit')
    .values(users.map((user_id) => ({ user_id, unit_id: intoId })))
    .onConflict((oc) => oc.doNothing())
    .execute();
  await db.deleteFrom('user_unit').where('unit_id', '=', fromId).execute();
  return users.length;
}
