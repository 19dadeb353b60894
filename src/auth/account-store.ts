import type { Kysely } from 'kysely';
import { recordAudit } from '../audit/index.js';
import type { Database } from '../db/index.js';
import { ForbiddenError, NotFoundError } from '../shared/index.js';
import { createUser } from './auth-service.js';
import type { Role, SessionUser } from './roles.js';

/** Office and admin accounts are the admin's to create and manage; the office manages unit staff and leaders. */
const PRIVILEGED: Role[] = ['office', 'admin'];

function assertMayManage(actor: SessionUser, role: string, what: string): void {
  if ((PRIVILEGED as string[]).includes(role) && actor.role !== 'admin') throw new ForbiddenError(`营商办和系统管理员账号只能由系统管理员${what}`);
}

/** Every account with its units (by name), oldest first. */
export async function listAccounts(db: Kysely<Database>) {
  const users = await db.selectFrom('app_user').select(['id', 'account', 'name', 'role', 'active', 'locked_until', 'created_at']).orderBy('id').execute();
  const links = await db.selectFrom('user_unit').innerJoin('unit', 'unit.id', 'user_unit.unit_id').select(['user_unit.user_id', 'unit.name']).execute();
  return users.map((u) => ({
    id: u.id,
    account: u.account,
    name: u.name,
    role: u.role as Role,
    active: u.active,
    locked_until: u.locked_until,
    created_at: u.created_at,
    units: links.filter((l) => l.user_id === u.id).map((l) => l.name),
  }));
}

export interface NewAccount {
  account: string;
  name: string;
  role: Role;
  password: string;
  /** Canonical unit names (unit staff). */
  units?: string[];
}

/** Creates an account on behalf of `actor` (the office: unit staff, leaders and enterprises; the admin: any). */
export async function createAccount(db: Kysely<Database>, actor: SessionUser, p: NewAccount): Promise<SessionUser> {
  assertMayManage(actor, p.role, '创建');
  return createUser(db, { account: p.account, name: p.name, role: p.role, password: p.password, unitNames: p.units, actor: actor.account });
}

/** Deactivates (ending its sessions) or reactivates an account; audited. */
export async function setAccountActive(db: Kysely<Database>, actor: SessionUser, userId: number, active: boolean): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const u = await trx.selectFrom('app_user').select(['id', 'account', 'role', 'active']).where('id', '=', userId).executeTakeFirst();
    if (!u) throw new NotFoundError(`账号 ${userId}`);
    assertMayManage(actor, u.role, '管理');
    await trx.updateTable('app_user').set({ active }).where('id', '=', userId).execute();
    if (!active) await trx.deleteFrom('session').where('user_id', '=', userId).execute();
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
