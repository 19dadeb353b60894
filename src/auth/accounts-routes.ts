import { SessionUserSchema } from './api.js';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { Kysely } from 'kysely';
import type { Database } from '../db/index.js';
import { Id, Nullable, Ok, StringEnum, Timestamp } from '../shared/index.js';
import { createAccount, listAccounts, setAccountActive } from './account-store.js';
import { requireRole, sessionUser } from './auth-plugin.js';
import { ROLES } from './roles.js';

export const RoleCode = StringEnum(ROLES, { description: 'office 营商办；unit_staff 单位工作人员；leader 领导；admin 系统管理员；enterprise 企业' });

export const AccountRow = Type.Object({
  id: Type.Integer(),
  account: Type.String(),
  name: Type.String(),
  role: RoleCode,
  active: Type.Boolean(),
  locked_until: Nullable(Timestamp),
  created_at: Timestamp,
  units: Type.Array(Type.String(), { description: '所属单位名称' }),
});
export const NewAccountBody = Type.Object(
  {
    account: Type.String({ maxLength: 64, description: '3–32 位字母、数字或 _ . -' }),
    name: Type.String({ minLength: 1, maxLength: 50 }),
    role: RoleCode,
    password: Type.String({ maxLength: 200 }),
    units: Type.Optional(Type.Array(Type.String({ maxLength: 100 }), { maxItems: 20 })),
  },
  { additionalProperties: false },
);
export const CreatedAccount = SessionUserSchema;
export const ActiveBody = Type.Object({ active: Type.Boolean() }, { additionalProperties: false });
export const UserParams = Type.Object({ userId: Id });

/**
 * Account administration: the office manages unit staff and leaders; only an admin creates or manages office
 * and admin accounts. Mounted where the pages call it (today under /api/ledger: /users, /users/:userId, /roles).
 */
export function accountRoutes(db: Kysely<Database>): FastifyPluginAsyncTypebox {
  const office = requireRole('office', 'admin');
  const tags = ['auth'];
  return async (app) => {
    app.get('/users', { preHandler: office, schema: { tags, summary: '账号列表', response: { 200: Type.Array(AccountRow) } } }, async () => listAccounts(db));
    app.post('/users', { preHandler: office, schema: { tags, summary: '新增账号', body: NewAccountBody, response: { 200: CreatedAccount } } }, async (req) =>
      createAccount(db, sessionUser(req), req.body),
    );
    app.patch(
      '/users/:userId',
      { preHandler: office, schema: { tags, summary: '停用或启用账号', params: UserParams, body: ActiveBody, response: { 200: Ok } } },
      async (req) => {
        await setAccountActive(db, sessionUser(req), req.params.userId, req.body.active);
        return { ok: true as const };
      },
    );
    app.get('/roles', { preHandler: office, schema: { tags, summary: '角色列表', response: { 200: Type.Array(RoleCode) } } }, async () => [...ROLES]);
  };
}
