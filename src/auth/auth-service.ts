import crypto from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../db/index.js';
import { findUnitsByName } from '../units/index.js';
import { recordAudit } from '../audit/index.js';
import { AppError, ConflictError, InputRejectedError, UnauthorizedError } from '../shared/index.js';
import { hashPassword, passwordProblem, verifyPassword } from './password.js';
import { ROLE_LABELS, ROLES, type Role, type SessionUser } from './roles.js';
import { beginLoginAttempt, lockLoginPair, loginSucceeded, MAX_ATTEMPTS, unlockAccount } from './login-throttle.js';

export const SESSION_HOURS = 8;
export { MAX_ATTEMPTS as MAX_FAILED_LOGINS, LOCK_MINUTES } from './login-throttle.js';

export class AccountLockedError extends AppError {
  constructor(until: Date) {
    super(
      423,
      'account_locked',
      `登录尝试次数过多，已暂停从本设备登录该账号至 ${until.toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai' })}（管理员可解除）`,
    );
  }
}

const tokenHash = (token: string) => crypto.createHash('sha256').update(token).digest('hex');
// Checked when the account does not exist, so that an unknown name costs the same time as a known one.
const DUMMY_HASH = 'scrypt$16384$8$1$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=';

export interface LoginResult {
  token: string;
  user: SessionUser;
  expiresAt: Date;
}

export class LoginFailedError extends UnauthorizedError {
  constructor(public readonly attempt: number) {
    super('账号或密码错误');
  }
}

/**
 * Checks a password. Every attempt is counted first, atomically, per account name and source address
 * (`beginLoginAttempt`): after MAX_FAILED_LOGINS attempts that pair is locked for LOCK_MINUTES. Unknown
 * and inactive accounts answer exactly like a wrong password. A failure is a `LoginFailedError`
 * carrying the attempt number (the route slows its answer down accordingly).
 */
export async function login(db: Kysely<Database>, params: { account: string; password: string; source?: string; now?: Date }): Promise<LoginResult> {
  const now = params.now ?? new Date();
  const source = params.source ?? 'local';
  const verdict = await beginLoginAttempt(db, params.account, source, now);
  if (!verdict.allowed) throw new AccountLockedError(verdict.lockedUntil);
  const u = await db.selectFrom('app_user').selectAll().where('account', '=', params.account).executeTakeFirst();
  const ok = await verifyPassword(params.password, u?.active ? u.password_hash : DUMMY_HASH);
  if (!u?.active || !ok) {
    if (verdict.attempt >= MAX_ATTEMPTS) throw new AccountLockedError(await lockLoginPair(db, params.account, source, now));
    throw new LoginFailedError(verdict.attempt);
  }
  await loginSucceeded(db, params.account, source, now);
  const token = crypto.randomBytes(32).toString('base64url');
  const expiresAt = new Date(now.getTime() + SESSION_HOURS * 3600_000);
  await db
    .insertInto('session')
    .values({ token_hash: tokenHash(token), user_id: u.id, expires_at: expiresAt })
    .execute();
  return { token, expiresAt, user: await loadSessionUser(db, u.id) };
}

/**
 * Changes one's own password: the current one is checked, the new one must follow `passwordProblem`
 * and differ from it. Every other session of the account ends; the forced change is cleared.
 */
export async function changePassword(
  db: Kysely<Database>,
  p: { userId: number; currentPassword: string; newPassword: string; keepSessionToken?: string },
): Promise<void> {
  const u = await db.selectFrom('app_user').selectAll().where('id', '=', p.userId).executeTakeFirstOrThrow();
  if (!(await verifyPassword(p.currentPassword, u.password_hash))) {
    throw new InputRejectedError('当前密码不正确', [{ field: '当前密码', message: '当前密码不正确' }]);
  }
  const problem = passwordProblem(p.newPassword, u.account) ?? (p.newPassword === p.currentPassword ? '新密码不能与当前密码相同' : null);
  if (problem) throw new InputRejectedError(problem, [{ field: '新密码', message: problem }]);
  const hash = await hashPassword(p.newPassword);
  await db.transaction().execute(async (trx) => {
    await trx
      .updateTable('app_user')
      .set({ password_hash: hash, must_change_password: false, password_changed_at: new Date() })
      .where('id', '=', u.id)
      .execute();
    let others = trx.deleteFrom('session').where('user_id', '=', u.id);
    if (p.keepSessionToken) others = others.where('token_hash', '!=', tokenHash(p.keepSessionToken));
    await others.execute();
    await recordAudit(trx, { actor: u.account, action: 'user.password.change', entity: 'app_user', entityId: u.id });
  });
}

/** The administrator lifts the login locks of an account (every source), audited. */
export async function unlockLogin(db: Kysely<Database>, p: { account: string; actor: string }): Promise<{ unlocked: number }> {
  return db.transaction().execute(async (trx) => {
    const unlocked = await unlockAccount(trx, p.account);
    await recordAudit(trx, { actor: p.actor, action: 'user.login.unlock', entity: 'app_user', entityId: p.account, after: { unlocked } });
    return { unlocked };
  });
}

/** Ends every session of an account (disabled, password reset). */
export async function endSessions(db: Kysely<Database>, userId: number): Promise<void> {
  await db.deleteFrom('session').where('user_id', '=', userId).execute();
}

export async function logout(db: Kysely<Database>, token: string): Promise<void> {
  await db.deleteFrom('session').where('token_hash', '=', tokenHash(token)).execute();
}

export async function loadSessionUser(db: Kysely<Database>, userId: number): Promise<SessionUser> {
  const u = await db.selectFrom('app_user').selectAll().where('id', '=', userId).executeTakeFirstOrThrow();
  const units = await db.selectFrom('user_unit').select('unit_id').where('user_id', '=', userId).execute();
  return {
    id: u.id,
    account: u.account,
    name: u.name,
    role: u.role as Role,
    unitIds: units.map((x) => x.unit_id),
    enterpriseId: u.enterprise_id,
    mustChangePassword: u.must_change_password,
  };
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
  /** The person must choose a new password at the first login (an initial or reset password). */
  mustChangePassword?: boolean;
  actor: string;
}

export async function createUser(db: Kysely<Database>, p: CreateUserParams): Promise<SessionUser> {
  if (!ROLES.includes(p.role))
    throw new InputRejectedError('未知角色', [{ field: '角色', message: `应为 ${ROLES.map((r) => ROLE_LABELS[r]).join('、')} 之一` }]);
  const pwProblem = passwordProblem(p.password, p.account);
  if (pwProblem) throw new InputRejectedError(pwProblem, [{ field: '密码', message: pwProblem }]);
  if (!/^[A-Za-z0-9_.-]{3,32}$/.test(p.account))
    throw new InputRejectedError('账号须为3–32位字母、数字或 _ . -', [{ field: '账号', message: '须为3–32位字母、数字或 _ . -' }]);
  const id = await db.transaction().execute(async (trx) => {
    const exists = await trx.selectFrom('app_user').select('id').where('account', '=', p.account).executeTakeFirst();
    if (exists) throw new ConflictError(`账号已存在：${p.account}`);
    const units = await findUnitsByName(trx, p.unitNames ?? []);
    const missing = (p.unitNames ?? []).filter((n) => !units.some((u) => u.name === n));
    if (missing.length)
      throw new InputRejectedError(
        `未知单位：${missing.join('、')}`,
        missing.map((m) => ({ field: '所属单位', message: `未知单位“${m}”` })),
      );
    if (p.role === 'unit_staff' && units.length === 0) throw new InputRejectedError('单位工作人员须至少属于一个单位', [{ field: '所属单位', message: '必填' }]);
    const row = await trx
      .insertInto('app_user')
      .values({
        account: p.account,
        name: p.name,
        role: p.role,
        password_hash: await hashPassword(p.password),
        enterprise_id: p.enterpriseId ?? null,
        must_change_password: p.mustChangePassword ?? false,
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
