import crypto from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../db/index.js';
import { findUnitsByName } from '../units/index.js';
import { recordAudit } from '../audit/index.js';
import { AppError, ConflictError, InputRejectedError, UnauthorizedError } from '../shared/index.js';
import { hashPassword, passwordProblem, verifyPassword } from './password.js';
import { ROLES, type Role, type SessionUser } from './roles.js';

export const SESSION_HOURS = 8;
export const MAX_FAILED_LOGINS = 5;
export const LOCK_MINUTES = 15;

export class AccountLockedError extends AppError {
  constructor(until: Date) {
    super(423, 'account_locked', `登录失败次数过多，账号已锁定至 ${until.toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai' })}`);
  }
}

const tokenHash = (token: string) => crypto.createHash('sha256').update(token).digest('hex');

export interface LoginResult {
  token: string;
  user: SessionUser;
  expiresAt: Date;
}

/**
 * Checks a password. After MAX_FAILED_LOGINS consecutive failures the account is locked for
 * LOCK_MINUTES; the caller slows each failed attempt down (see the login route).
 */
export async function login(db: Kysely<Database>, params: { account: string; password: string; now?: Date }): Promise<LoginResult> {
  const now = params.now ?? new Date();
  const u = await db.selectFrom('app_user').selectAll().where('account', '=', params.account).executeTakeFirst();
  if (!u?.active) {
    await verifyPassword(params.password, 'scrypt$16384$8$1$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=');
    throw new UnauthorizedError('账号或密码错误');
  }
  if (u.locked_until && new Date(u.locked_until) > now) throw new AccountLockedError(new Date(u.locked_until));
  if (!(await verifyPassword(params.password, u.password_hash))) {
    const failed = u.failed_logins + 1;
    const lock = failed >= MAX_FAILED_LOGINS ? new Date(now.getTime() + LOCK_MINUTES * 60_000) : null;
    await db
      .updateTable('app_user')
      .set({ failed_logins: lock ? 0 : failed, locked_until: lock })
      .where('id', '=', u.id)
      .execute();
    if (lock) throw new AccountLockedError(lock);
    throw new UnauthorizedError('账号或密码错误');
  }
  await db.updateTable('app_user').set({ failed_logins: 0, locked_until: null }).where('id', '=', u.id).execute();
  const token = crypto.randomBytes(32).toString('base64url');
  const expiresAt = new Date(now.getTime() + SESSION_HOURS * 3600_000);
  await db
    .insertInto('session')
    .values({ token_hash: tokenHash(token), user_id: u.id, expires_at: expiresAt })
    .execute();
  return { token, expiresAt, user: await loadSessionUser(db, u.id) };
}

export async function logout(db: Kysely<Database>, token: string): Promise<void> {
  await db.deleteFrom('session').where('token_hash', '=', tokenHash(token)).execute();
}

export async function loadSessionUser(db: Kysely<Database>, userId: number): Promise<SessionUser> {
  const u = await db.selectFrom('app_user').selectAll().where('id', '=', userId).executeTakeFirstOrThrow();
  const units = await db.selectFrom('user_unit').select('unit_id').where('user_id', '=', userId).execute();
  return { id: u.id, account: u.account, name: u.name, role: u.role as Role, unitIds: units.map((x) => x.unit_id), enterpriseId: u.enterprise_id };
}

/** The user of a session token, or null when the token is unknown or expired. */
export async function userForToken(db: Kysely<Database>, token: string, now = new Date()): Promise<SessionUser | null> {
  const s = await db
    .selectFrom('session')
    .innerJoin('app_user', 'app_user.id', 'session.user_id')
    .select(['session.user_id', 'session.expires_at', 'app_user.active'])
    .where('token_hash', '=', tokenHash(token))
    .executeTakeFirst();
  if (!s?.active || new Date(s.expires_at) <= now) return null;
  return loadSessionUser(db, s.user_id);
}

export interface CreateUserParams {
  account: string;
  name: string;
  role: Role;
  password: string;
  /** Canonical unit names from the unit directory (unit staff). */
  unitNames?: string[];
  enterpriseId?: number | null;
  actor: string;
}

export async function createUser(db: Kysely<Database>, p: CreateUserParams): Promise<SessionUser> {
  if (!ROLES.includes(p.role)) throw new InputRejectedError(`未知角色：${p.role}`, [{ field: 'role', message: `应为 ${ROLES.join('/')}` }]);
  const pwProblem = passwordProblem(p.password);
  if (pwProblem) throw new InputRejectedError(pwProblem, [{ field: 'password', message: pwProblem }]);
  if (!/^[A-Za-z0-9_.-]{3,32}$/.test(p.account)) throw new InputRejectedError('账号须为3–32位字母、数字或 _ . -', [{ field: 'account', message: '格式不符' }]);
  const id = await db.transaction().execute(async (trx) => {
    const exists = await trx.selectFrom('app_user').select('id').where('account', '=', p.account).executeTakeFirst();
    if (exists) throw new ConflictError(`账号已存在：${p.account}`);
    const units = await findUnitsByName(trx, p.unitNames ?? []);
    const missing = (p.unitNames ?? []).filter((n) => !units.some((u) => u.name === n));
    if (missing.length)
      throw new InputRejectedError(
        `未知单位：${missing.join('、')}`,
        missing.map((m) => ({ field: 'units', message: `未知单位“${m}”` })),
      );
    if (p.role === 'unit_staff' && units.length === 0) throw new InputRejectedError('单位工作人员须至少属于一个单位', [{ field: 'units', message: '必填' }]);
    const row = await trx
      .insertInto('app_user')
      .values({
        account: p.account,
        name: p.name,
        role: p.role,
        password_hash: await hashPassword(p.password),
        enterprise_id: p.enterpriseId ?? null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    if (units.length)
      await trx
        .insertInto('user_unit')
        .values(units.map((u) => ({ user_id: row.id, unit_id: u.id })))
        .execute();
    await recordAudit(trx, {
      actor: p.actor,
      action: 'user.create',
      entity: 'app_user',
      entityId: row.id,
      after: { account: p.account, name: p.name, role: p.role, units: units.map((u) => u.name), enterpriseId: p.enterpriseId ?? null },
    });
    return row.id;
  });
  return loadSessionUser(db, id);
}
