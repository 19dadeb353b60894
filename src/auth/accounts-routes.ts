import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { Kysely } from 'kysely';
import type { Database } from '../db/index.js';
import { Ok } from '../shared/index.js';
import { ROLES } from './roles.js';
import { AccountBody, AccountRow, ActiveBody, CreatedAccount, NewAccountBody, PasswordReset, RoleCode, UserParams } from './api.js';
import { createAccount, type EnterpriseLookup, listAccounts, resetPassword, setAccountActive, updateAccount } from './account-store.js';
import { requireRole, sessionUser } from './auth-plugin.js';

/**
 * Account administration: the office manages unit staff, leaders and enterprise accounts; only an admin creates
 * or manages office and admin accounts. Mounted where the pages call it (today under /api/ledger: /users,
 * /users/:userId, /roles). `enterprises` names the firms of enterprise accounts and checks a chosen firm exists.
 */
export function accountRoutes(db: Kysely<Database>, opts: { enterprises?: EnterpriseLookup } = {}): FastifyPluginAsyncTypebox {
  const office = requireRole('office', 'admin');
  const tags = ['auth'];
  const { enterprises } = opts;
  return async (app) => {
    app.get('/users', { preHandler: office, schema: { tags, summary: '账号列表', response: { 200: Type.Array(AccountRow) } } }, async () =>
      listAccounts(db, enterprises),
    );
    app.post(
      '/users',
      { preHandler: office, schema: { tags, summary: '新增账号（首次登录须修改密码）', body: NewAccountBody, response: { 200: CreatedAccount } } },
      async (req) => createAccount(db, sessionUser(req), req.body, enterprises),
    );
    app.put(
      '/users/:userId',
      {
        preHandler: office,
        schema: { tags, summary: '修改账号（姓名、角色、所属单位、所属企业）', params: UserParams, body: AccountBody, response: { 200: Ok } },
      },
      async (req) => {
        await updateAccount(db, sessionUser(req), req.params.userId, req.body, enterprises);
        return { ok: true as const };
      },
    );
    app.patch(
      '/users/:userId',
      { preHandler: office, schema: { tags, summary: '停用或启用账号（停用即结束其会话）', params: UserParams, body: ActiveBody, response: { 200: Ok } } },
      async (req) => {
        await setAccountActive(db, sessionUser(req), req.params.userId, req.body.active);
        return { ok: true as const };
      },
    );
    app.post(
      '/users/:userId/password-reset',
      { preHandler: office, schema: { tags, summary: '重置密码（生成一次性密码，下次登录须修改）', params: UserParams, response: { 200: PasswordReset } } },
      async (req) => resetPassword(db, sessionUser(req), req.params.userId),
    );
    app.get('/roles', { preHandler: office, schema: { tags, summary: '角色列表', response: { 200: Type.Array(RoleCode) } } }, async () => [...ROLES]);
  };
}
