import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { Kysely } from 'kysely';
import type { Database } from '../db/index.js';
import { Ok } from '../shared/index.js';
import { ROLES } from './roles.js';
import { AccountRow, ActiveBody, CreatedAccount, NewAccountBody, RoleCode, UserParams } from './api.js';
import { createAccount, listAccounts, setAccountActive } from './account-store.js';
import { requireRole, sessionUser } from './auth-plugin.js';

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
