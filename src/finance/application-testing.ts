/**
 * Test fixture of 渝中融's applications (tests only): two firms with accounts, two banks (the first with a 渝中支行
 * branch) with bank accounts, a published product of each bank, a need of each firm, 区金融办's staff, another unit's
 * staff, office, leader and admin. Rows of the first part (institutions, products, needs) are inserted directly: the
 * tests here are about applications, not about publishing or matching.
 */
import type { FastifyInstance } from 'fastify';
import { loginAs, type SessionHeaders } from '../../test/app.js';
import type { TestDatabase } from '../../test/db.js';
import { findAccountId, loadSessionUser, type SessionUser } from '../auth/index.js';
import type { Database } from '../db/index.js';
import type { Kysely } from 'kysely';
import { completeCreditCode, createEnterprise } from '../enterprises/index.js';
import { ensureUnits } from '../units/index.js';

export type FinanceWho = 'office' | 'leader' | 'admin' | 'desk' | 'otherUnit' | 'firmA' | 'firmB' | 'bank1' | 'bank2' | 'supervisor';

export interface FinanceFixture {
  firmA: number;
  firmB: number;
  /** bank1's head office, its 渝中支行, and bank2. */
  bank1: number;
  bank1Branch: number;
  bank2: number;
  /** Product of bank1's branch (信用贷) and of bank2 (抵押贷). */
  product1: number;
  product2: number;
  needA: number;
  needB: number;
  headers: Record<FinanceWho, SessionHeaders>;
  users: Record<Exclude<FinanceWho, 'supervisor'>, SessionUser>;
}

export async function insertInstitution(db: Kysely<Database>, name: string, branch: string | null = null, parentId: number | null = null): Promise<number> {
  const r = await db
    .insertInto('finance_institution')
    .values({ name, kind: '银行', branch, parent_id: parentId, created_by: 'test' })
    .returning('id')
    .executeTakeFirstOrThrow();
  return r.id;
}

export async function insertProduct(db: Kysely<Database>, institutionId: number, name: string, type: string): Promise<number> {
  const p = await db
    .insertInto('finance_product')
    .values({ institution_id: institutionId, status: 'published', created_by: 'test' })
    .returning('id')
    .executeTakeFirstOrThrow();
  const v = await db
    .insertInto('finance_product_version')
    .values({
      product_id: p.id,
      version: 1,
      name,
      type,
      amount_min: 10,
      amount_max: 1000,
      term_min: 1,
      term_max: 36,
      rate_min: 3.5,
      rate_max: 5.5,
      repayment: ['按月付息到期还本'],
      collateral: [],
      collateral_note: null,
      description: name,
      condition: JSON.stringify({ all: [] }),
      test_cases: JSON.stringify([]),
      search_text: name,
      valid_from: '2026-01-01',
      published_by: 'test',
      published_at: new Date().toISOString(),
      created_by: 'test',
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await db.updateTable('finance_product').set({ current_version_id: v.id }).where('id', '=', p.id).execute();
  return p.id;
}

export async function insertNeed(
  db: Kysely<Database>,
  enterpriseId: number,
  p: { amount?: number; loanKind?: '首贷' | '续贷' | '其他'; postedOn?: string; matched?: boolean } = {},
): Promise<number> {
  const r = await db
    .insertInto('finance_need')
    .values({
      enterprise_id: enterpriseId,
      amount: p.amount ?? 300,
      term_months: 12,
      purpose: '流动资金周转',
      collateral: [],
      collateral_note: null,
      loan_kind: p.loanKind ?? '首贷',
      urgency: '一般',
      posted_on: p.postedOn ?? '2026-02-10',
      matched_at: p.matched === false ? null : `${p.postedOn ?? '2026-02-10'}T02:00:00Z`,
      created_by: 'test',
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return r.id;
}

export async function seedFinance(app: FastifyInstance, ctx: TestDatabase): Promise<FinanceFixture> {
  await ctx.db.transaction().execute((trx) => ensureUnits(trx, ['区金融办', '区财政局']));
  // 软件和信息技术服务业 (I65): 20 people, 800 万元 → 小型; 5 people, 50 万元 → 微型 (国统字〔2017〕213号).
  const firmA = (
    await createEnterprise(
      ctx.db,
      { creditCode: completeCreditCode('91500103MA5UF101A'), name: '甲融资科技有限公司', industryCode: '6510', employees: 20, revenue: 800, creditGrade: 'A' },
      'test',
    )
  ).id;
  const firmB = (
    await createEnterprise(
      ctx.db,
      { creditCode: completeCreditCode('91500103MA5UF102A'), name: '乙融资商贸有限公司', industryCode: '5191', employees: 5, revenue: 50 },
      'test',
    )
  ).id;
  const bank1 = await insertInstitution(ctx.db, '测试农村商业银行');
  const bank1Branch = await insertInstitution(ctx.db, '测试农村商业银行', '渝中支行', bank1);
  const bank2 = await insertInstitution(ctx.db, '测试城市银行');
  const product1 = await insertProduct(ctx.db, bank1Branch, '科创信用贷', '信用贷');
  const product2 = await insertProduct(ctx.db, bank2, '经营抵押贷', '抵押贷');
  const needA = await insertNeed(ctx.db, firmA);
  const needB = await insertNeed(ctx.db, firmB, { loanKind: '续贷' });
  const headers: Record<FinanceWho, SessionHeaders> = {
    office: await loginAs(app, ctx, { account: 'fi-office', role: 'office' }),
    leader: await loginAs(app, ctx, { account: 'fi-leader', role: 'leader' }),
    admin: await loginAs(app, ctx, { account: 'fi-admin', role: 'admin' }),
    desk: await loginAs(app, ctx, { account: 'fi-desk', role: 'unit_staff', units: ['区金融办'] }),
    otherUnit: await loginAs(app, ctx, { account: 'fi-other', role: 'unit_staff', units: ['区财政局'] }),
    firmA: await loginAs(app, ctx, { account: 'fi-firm-a', role: 'enterprise', enterpriseId: firmA }),
    firmB: await loginAs(app, ctx, { account: 'fi-firm-b', role: 'enterprise', enterpriseId: firmB }),
    bank1: await loginAs(app, ctx, { account: 'fi-bank-1', role: 'bank' }),
    bank2: await loginAs(app, ctx, { account: 'fi-bank-2', role: 'bank' }),
    supervisor: await loginAs(app, ctx, { account: 'fi-supervisor', role: 'supervisor' }),
  };
  const idOf = async (account: string) => (await findAccountId(ctx.db, account))!;
  await ctx.db
    .insertInto('finance_bank_staff')
    .values([
      { user_id: await idOf('fi-bank-1'), institution_id: bank1, linked_by: 'test' },
      { user_id: await idOf('fi-bank-2'), institution_id: bank2, linked_by: 'test' },
    ])
    .execute();
  const user = async (account: string) => loadSessionUser(ctx.db, await idOf(account));
  return {
    firmA,
    firmB,
    bank1,
    bank1Branch,
    bank2,
    product1,
    product2,
    needA,
    needB,
    headers,
    users: {
      office: await user('fi-office'),
      leader: await user('fi-leader'),
      admin: await user('fi-admin'),
      desk: await user('fi-desk'),
      otherUnit: await user('fi-other'),
      firmA: await user('fi-firm-a'),
      firmB: await user('fi-firm-b'),
      bank1: await user('fi-bank-1'),
      bank2: await user('fi-bank-2'),
    },
  };
}
