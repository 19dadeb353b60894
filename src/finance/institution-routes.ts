import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { requireRole, sessionUser } from '../auth/index.js';
import { Ok, type AppContext } from '../shared/index.js';
import { assertFinanceDesk, assertFinanceReader, FINANCE_DESK_ROLES, FINANCE_READER_ROLES } from './access.js';
import { BankAccountBody, BankAccountCreated, BankAccountList, BankMe, Created, InstitutionBody, InstitutionList, InstitutionParams } from './api.js';
import { bankMe, createBankAccount, createInstitution, listBankAccounts, listInstitutions, updateInstitution } from './institution-store.js';

const tags = ['finance'];

/** Institutions and bank staff accounts (区金融办), and a bank account's own institution. */
export function institutionRoutes(ctx: AppContext): FastifyPluginAsyncTypebox {
  const { db } = ctx;
  const desk = requireRole(...FINANCE_DESK_ROLES);
  const readers = requireRole(...FINANCE_READER_ROLES);
  return async (app) => {
    app.get('/institutions', { preHandler: readers, schema: { tags, summary: '金融机构名录', response: { 200: InstitutionList } } }, async (req) => {
      await assertFinanceReader(db, sessionUser(req));
      return listInstitutions(db);
    });
    app.post(
      '/institutions',
      { preHandler: desk, schema: { tags, summary: '登记金融机构或分支机构', body: InstitutionBody, response: { 200: Created } } },
      async (req) => {
        const user = sessionUser(req);
        await assertFinanceDesk(db, user);
        return { id: await createInstitution(db, user.account, req.body) };
      },
    );
    app.put(
      '/institutions/:institutionId',
      { preHandler: desk, schema: { tags, summary: '修改金融机构', params: InstitutionParams, body: InstitutionBody, response: { 200: Ok } } },
      async (req) => {
        const user = sessionUser(req);
        await assertFinanceDesk(db, user);
        await updateInstitution(db, user.account, req.params.institutionId, req.body);
        return { ok: true as const };
      },
    );
    app.get('/bank-accounts', { preHandler: readers, schema: { tags, summary: '金融机构账号', response: { 200: BankAccountList } } }, async (req) => {
      await assertFinanceReader(db, sessionUser(req));
      return listBankAccounts(db);
    });
    app.post(
      '/bank-accounts',
      { preHandler: desk, schema: { tags, summary: '创建金融机构账号（关联一个机构）', body: BankAccountBody, response: { 200: BankAccountCreated } } },
      async (req) => {
        const user = sessionUser(req);
        await assertFinanceDesk(db, user);
        return createBankAccount(db, user, req.body);
      },
    );
    app.get('/bank/me', { preHandler: requireRole('bank'), schema: { tags, summary: '本账号所属金融机构', response: { 200: BankMe } } }, async (req) =>
      bankMe(db, sessionUser(req)),
    );
  };
}
