import type { FastifyInstance } from 'fastify';
import { loginAs, type SessionHeaders } from '../../test/app.js';
import type { TestDatabase } from '../../test/db.js';
import { loadSessionUser, type SessionUser } from '../auth/index.js';
import { completeCreditCode, createEnterprise } from '../enterprises/index.js';
import type { Condition, RuleTestCase } from '../policies/index.js';
import { ensureUnits } from '../units/index.js';
import { createInstitution } from './institution-store.js';
import { createNeed, type NeedInput } from './need-store.js';
import { createProduct, publishProduct, type ProductInput } from './product-store.js';

export type Who = 'office' | 'admin' | 'leader' | 'desk' | 'otherUnit' | 'firm' | 'otherFirm' | 'bank' | 'otherBank';

/** Small firms with at least 3 years: revenue ≥ 500 万元 and a credit grade of A or better (demo-style rule). */
export const CREDIT_RULE: Condition = {
  all: [
    { field: 'size', op: 'in', values: ['小型', '微型'] },
    { field: 'age_years', op: '>=', value: 3 },
    { field: 'revenue', op: '>=', value: 500 },
  ],
};
export const CREDIT_CASES: RuleTestCase[] = [
  {
    name: '小型企业、成立 5 年、营收 800 万元',
    asOf: '2026-06-01',
    profile: { sizeClass: '小型', registeredOn: '2021-01-01', revenue: 800 },
    expected: 'eligible',
  },
  { name: '营收不足', asOf: '2026-06-01', profile: { sizeClass: '小型', registeredOn: '2021-01-01', revenue: 100 }, expected: 'not_eligible' },
];

export function productInput(over: Partial<ProductInput> = {}): ProductInput {
  return {
    name: '渝中科创信用贷',
    type: '信用贷',
    amountMin: 10,
    amountMax: 300,
    termMin: 6,
    termMax: 36,
    rateMin: 3.45,
    rateMax: 4.8,
    repayment: ['按月付息到期还本'],
    collateral: [],
    collateralNote: null,
    description: '面向成立三年以上小微企业的纯信用贷款。',
    condition: CREDIT_RULE,
    testCases: CREDIT_CASES,
    ...over,
  };
}

export const NEED: NeedInput = { amount: 200, termMonths: 12, purpose: '采购原材料', collateral: [], loanKind: '其他', urgency: '一般' };

export interface FinanceFixture {
  desk: number;
  /** bankA head office, its branch, bankB. */
  bankA: number;
  branchA: number;
  bankB: number;
  /** firm: a small firm meeting CREDIT_RULE; otherFirm: revenue unknown (cannot tell). */
  firms: { firm: number; otherFirm: number };
  productA: number;
  productB: number;
  needA: number;
  needB: number;
  headers: Record<Who, SessionHeaders>;
  users: Record<Who, SessionUser>;
}

/**
 * Two banks (bankA with a branch, bankB), a published product each, two firms each with a need; accounts: office,
 * admin, leader, staff of 区金融办 (`desk`), staff of 区财政局 (`otherUnit`), two firm accounts, a bank account of
 * bankA's head office and one of bankB (tests only).
 */
export async function seedFinance(app: FastifyInstance, ctx: TestDatabase): Promise<FinanceFixture> {
  const units = await ctx.db.transaction().execute((trx) => ensureUnits(trx, ['区金融办', '区财政局']));
  const firm = await createEnterprise(
    ctx.db,
    {
      creditCode: completeCreditCode('91500103MA5UF001A'),
      name: '渝中融样本科技有限公司',
      industryCode: '6510',
      employees: 30,
      revenue: 800,
      assets: 600,
      registeredOn: '2019-03-01',
    },
    'test',
  );
  const otherFirm = await createEnterprise(
    ctx.db,
    { creditCode: completeCreditCode('91500103MA5UF002A'), name: '渝中融样本商贸有限公司', industryCode: '5211', employees: 8, registeredOn: '2018-05-01' },
    'test',
  );
  const bankA = await createInstitution(ctx.db, 'test', { name: '重庆样本银行', kind: '银行' });
  const branchA = await createInstitution(ctx.db, 'test', { name: '重庆样本银行', kind: '银行', branch: '渝中支行', parentId: bankA });
  const bankB = await createInstitution(ctx.db, 'test', { name: '渝中样本农商行', kind: '银行' });
  const headers = {
    office: await loginAs(app, ctx, { account: 'fi-office', role: 'office' }),
    admin: await loginAs(app, ctx, { account: 'fi-admin', role: 'admin' }),
    leader: await loginAs(app, ctx, { account: 'fi-leader', role: 'leader' }),
    desk: await loginAs(app, ctx, { account: 'fi-desk', role: 'unit_staff', units: ['区金融办'] }),
    otherUnit: await loginAs(app, ctx, { account: 'fi-other', role: 'unit_staff', units: ['区财政局'] }),
    firm: await loginAs(app, ctx, { account: 'fi-firm', role: 'enterprise', enterpriseId: firm.id }),
    otherFirm: await loginAs(app, ctx, { account: 'fi-firm2', role: 'enterprise', enterpriseId: otherFirm.id }),
    bank: await loginAs(app, ctx, { account: 'fi-bank', role: 'bank' }),
    otherBank: await loginAs(app, ctx, { account: 'fi-bank2', role: 'bank' }),
  };
  const idOf = async (account: string) => (await ctx.db.selectFrom('app_user').select('id').where('account', '=', account).executeTakeFirstOrThrow()).id;
  await ctx.db
    .insertInto('finance_bank_staff')
    .values([
      { user_id: await idOf('fi-bank'), institution_id: bankA, linked_by: 'test' },
      { user_id: await idOf('fi-bank2'), institution_id: bankB, linked_by: 'test' },
    ])
    .execute();
  const users = {} as Record<Who, SessionUser>;
  for (const [who, account] of Object.entries({
    office: 'fi-office',
    admin: 'fi-admin',
    leader: 'fi-leader',
    desk: 'fi-desk',
    otherUnit: 'fi-other',
    firm: 'fi-firm',
    otherFirm: 'fi-firm2',
    bank: 'fi-bank',
    otherBank: 'fi-bank2',
  }))
    users[who as Who] = await loadSessionUser(ctx.db, await idOf(account));
  const productA = await createProduct(ctx.db, users.bank, productInput({ institutionId: branchA }));
  await publishProduct(ctx.db, users.bank, productA);
  const productB = await createProduct(
    ctx.db,
    users.otherBank,
    productInput({ name: '农商抵押贷', type: '抵押贷', collateral: ['房产', '土地'], amountMin: 50, amountMax: 1000, rateMin: 4, rateMax: 6 }),
  );
  await publishProduct(ctx.db, users.otherBank, productB);
  const needA = await createNeed(ctx.db, users.firm, NEED);
  const needB = await createNeed(ctx.db, users.otherFirm, { ...NEED, amount: 2000, loanKind: '首贷' });
  return {
    desk: units.get('区金融办')!,
    bankA,
    branchA,
    bankB,
    firms: { firm: firm.id, otherFirm: otherFirm.id },
    productA,
    productB,
    needA,
    needB,
    headers,
    users,
  };
}
