import crypto from 'node:crypto';
import type { Kysely } from 'kysely';
import { recordAudit } from '../audit/index.js';
import type { Database } from '../db/index.js';
import { findUnitsByName } from '../units/index.js';
import { ForbiddenError, InputRejectedError, NotFoundError } from '../shared/index.js';
import { createUser, endSessions } from './auth-service.js';
import { hashPassword } from './password.js';
import type { Role, SessionUser } from './roles.js';

/** Office and admin accounts are the admin's to create and manage; the office manages unit staff, leaders and enterprises. */
const PRIVILEGED: Role[] = ['office', 'admin'];

function assertMayManage(actor: SessionUser, role: string, what: string): void {
  if ((PRIVILEGED as string[]).includes(role) && actor.role !== 'admin') throw new ForbiddenError(`营商办和系统管理员账号只能由系统管理员${what}`);
}

/**
 * Name and credit code of firms by id: the enterprises capability's `enterpriseNames`, passed in by
 * whoever mounts the account routes (auth cannot import enterprises, which imports auth).
 */
export type EnterpriseLookup = (db: Kysely<Database>, ids: readonly number[]) => Promise<Map<number, { name: string; creditCode: string }>>;

/** Every account with its units (by name) and its firm (by name), oldest first. */
export async function listAccounts(db: Kysely<Database>, enterprises?: EnterpriseLookup) {
  const users = await db
    .selectFrom('app_user')
    .select(['id', 'account', 'name', 'role', 'active', 'locked_until', 'created_at', 'enterprise_id', 'must_change_password'])
    .orderBy('id')
    .execute();
  const links = await db.selectFrom('user_unit').innerJoin('unit', 'unit.id', 'user_unit.unit_id').select(['user_unit.user_id', 'unit.name']).execute();
  const firmIds = [...new Set(users.flatMap((u) => (u.enterprise_id === null ? [] : [u.enterprise_id])))];
  const firms = enterprises && firmIds.length ? await enterprises(db, firmIds) : new Map<number, { name: string; creditCode: string }>();
  return users.map((u) => {
    const firm = u.enterprise_id === null ? undefined : firms.get(u.enterprise_id);
    return {
      id: u.id,
      account: u.account,
      name: u.name,
      role: u.role as Role,
      active: u.active,
      locked_until: u.locked_until,
      created_at: u.created_at,
      mustChangePassword: u.must_change_password,
      units: links.filter((l) => l.user_id === u.id).map((l) => l.name),
      enterprise: u.enterprise_id === null ? null : { id: u.enterprise_id, name: firm?.name ?? '（企业已删除）', creditCode: firm?.creditCode ?? '' },
    };
  });
}

/** Letters and digits a person can read aloud without confusion (no 0/O, 1/l/I). */
const READABLE = 'abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789';

/**
 * A one-time password: 3 groups of 4 readable characters (e.g. `k7Pm-9Fq2-Hzt4`), at least one letter and one
 * digit in every group, so it always satisfies `passwordProblem`. About 70 bits of randomness.
 */
export function oneTimePassword(): string {
  const group = (): string => {
    for (;;) {
      const g = Array.from(crypto.randomBytes(4), (b) => READABLE[b % READABLE.length]).join('');
      if (/\d/.test(g) && /[a-zA-Z]/.test(g)) return g;
    }
  };
  return [group(), group(), group()].join('-');
}

export interface NewAccount {
  account: string;
  name: string;
  role: Role;
  /** The initial password; omitted: a one-time password is generated and returned once. */
  password?: string;
  /** Canonical unit names (unit staff). */
  units?: string[];
  /** The firm of an enterprise account. */
  enterpriseId?: number | null;
}

async function checkEnterprise(
  db: Kysely<Database>,
  role: Role,
  enterpriseId: number | null | undefined,
  enterprises?: EnterpriseLookup,
): Promise<number | null> {
  if (role !== 'enterprise') return null;
  if (enterpriseId === null || enterpriseId === undefined) throw new InputRejectedError('企业账号须选择所属企业', [{ field: '所属企业', message: '必填' }]);
  if (enterprises && !(await enterprises(db, [enterpriseId])).has(enterpriseId))
    throw new InputRejectedError('所选企业不存在', [{ field: '所属企业', message: '企业不存在，请重新选择' }]);
  return enterpriseId;
}

/**
 * Creates an account on behalf of `actor` (the office: unit staff, leaders and enterprises; the admin: any). The
 * person must change the password at the first login. Without a password a one-time password is generated and
 * returned (shown once; it is stored hashed only).
 */
export async function createAccount(
  db: Kysely<Database>,
  actor: SessionUser,
  p: NewAccount,
  enterprises?: EnterpriseLookup,
): Promise<{ user: SessionUser; oneTimePassword: string | null }> {
  assertMayManage(actor, p.role, '创建');
  const enterpriseId = await checkEnterprise(db, p.role, p.enterpriseId, enterprises);
  const generated = p.password ? null : oneTimePassword();
  const user = await createUser(db, {
    account: p.account,
    name: p.name,
    role: p.role,
    password: p.password || (generated ?? ''),
    unitNames: p.role === 'unit_staff' ? p.units : [],
    enterpriseId,
    mustChangePassword: true,
    actor: actor.account,
  });
  return { user, oneTimePassword: generated };
}

export interface AccountChange {
  name: string;
  role: Role;
  /** Canonical unit names (unit staff; ignored for other roles). */
  units?: string[];
  /** The firm (enterprise accounts; ignored for other roles). */
  enterpriseId?: number | null;
}

async function managedAccount(trx: Kysely<Database>, actor: SessionUser, userId: number, what: string) {
  const u = await trx.selectFrom('app_user').select(['id', 'account', 'name', 'role', 'active', 'enterprise_id']).where('id', '=', userId).executeTakeFirst();
  if (!u) throw new NotFoundError('账号');
  assertMayManage(actor, u.role, what);
  return u;
}

/** Changes an account's name, role, units and firm; audited with before and after. Its sessions see the change at once. */
export async function updateAccount(db: Kysely<Database>, actor: SessionUser, userId: number, p: AccountChange, enterprises?: EnterpriseLookup): Promise<void> {
  assertMayManage(actor, p.role, '设置');
  if (userId === actor.id && p.role !== actor.role) throw new ForbiddenError('不能修改自己的角色');
  const name = p.name.trim();
  if (!name) throw new InputRejectedError('姓名不能为空', [{ field: '姓名', message: '必填' }]);
  const enterpriseId = await checkEnterprise(db, p.role, p.enterpriseId, enterprises);
  await db.transaction().execute(async (trx) => {
    const u = await managedAccount(trx, actor, userId, '修改');
    const unitNames = p.role === 'unit_staff' ? [...new Set(p.units ?? [])] : [];
    const units = await findUnitsByName(trx, unitNames);
    const missing = unitNames.filter((n) => !units.some((x) => x.name === n));
    if (missing.length)
      throw new InputRejectedError(
        `未知单位：${missing.join('、')}`,
        missing.map((m) => ({ field: '所属单位', message: `未知单位“${m}”` })),
      );
    if (p.role === 'unit_staff' && units.length === 0) throw new InputRejectedError('单位工作人员须至少属于一个单位', [{ field: '所属单位', message: '必填' }]);
    const before = await trx
      .selectFrom('user_unit')
      .innerJoin('unit', 'unit.id', 'user_unit.unit_id')
      .select('unit.name')
      .where('user_id', '=', userId)
      .execute();
    await trx.updateTable('app_user').set({ name, role: p.role, enterprise_id: enterpriseId }).where('id', '=', userId).execute();
    await trx.deleteFrom('user_unit').where('user_id', '=', userId).execute();
    if (units.length)
      await trx
        .insertInto('user_unit')
        .values(units.map((x) => ({ user_id: userId, unit_id: x.id })))
        .execute();
    await recordAudit(trx, {
      actor: actor.account,
      action: 'user.update',
      entity: 'app_user',
      entityId: userId,
      before: { name: u.name, role: u.role, units: before.map((b) => b.name), enterpriseId: u.enterprise_id },
      after: { name, role: p.role, units: units.map((x) => x.name), enterpriseId },
    });
  });
}

/** Deactivates (ending its sessions: it can no longer log in) or reactivates an account; audited. */
export async function setAccountActive(db: Kysely<Database>, actor: SessionUser, userId: number, active: boolean): Promise<void> {
  if (userId === actor.id && !active) throw new ForbiddenError('不能停用自己的账号');
  await db.transaction().execute(async (trx) => {
    const u = await managedAccount(trx, actor, userId, '管理');
    await trx.updateTable('app_user').set({ active }).where('id', '=', userId).execute();
    if (!active) await endSessions(trx, userId);
    await recordAudit(trx, {
      actor: actor.account,
      action: active ? 'user.activate' : 'user.deactivate',
      entity: 'app_user',
      entityId: userId,
      before: { active: u.active },
      after: { active },
    });
  });
}

/**
 * Resets a person's password (the office for the accounts it manages, the admin for any): a generated one-time
 * password, returned once and stored hashed; the person must change it at the next login; every session of the
 * account ends. Audited (without the password). One's own password is changed on the 修改密码 page instead.
 */
export async function resetPassword(db: Kysely<Database>, actor: SessionUser, userId: number): Promise<{ oneTimePassword: string }> {
  if (userId === actor.id) throw new ForbiddenError('请在“修改密码”页修改自己的密码');
  const password = oneTimePassword();
  const hash = await hashPassword(password);
  await db.transaction().execute(async (trx) => {
    const u = await managedAccount(trx, actor, userId, '重置密码');
    await trx
      .updateTable('app_user')
      .set({ password_hash: hash, must_change_password: true, password_changed_at: new Date() })
      .where('id', '=', u.id)
      .execute();
    await endSessions(trx, u.id);
    await recordAudit(trx, { actor: actor.account, action: 'user.password.reset', entity: 'app_user', entityId: u.id, after: { mustChangePassword: true } });
  });
  return { oneTimePassword: password };
}
