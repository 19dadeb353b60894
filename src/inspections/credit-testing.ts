import type { FastifyInstance } from 'fastify';
import { loginAs, type SessionHeaders } from '../../test/app.js';
import type { TestDatabase } from '../../test/db.js';
import { completeCreditCode, createEnterprise } from '../enterprises/index.js';
import { ensureUnits } from '../units/index.js';

export type CreditWho = 'office' | 'admin' | 'leader' | 'unit' | 'firm';

export interface CreditFixture {
  codes: { a: string; b: string; c: string };
  ids: { a: number; b: number; c: number };
  headers: Record<CreditWho, SessionHeaders>;
}

/** Three firms, an account of each role (tests only). */
export async function seedCredit(app: FastifyInstance, ctx: TestDatabase): Promise<CreditFixture> {
  const codes = { a: completeCreditCode('91500103MA5UC001A'), b: completeCreditCode('91500103MA5UC002A'), c: completeCreditCode('91500103MA5UC003A') };
  const firm = async (name: string, code: string) =>
    (await createEnterprise(ctx.db, { creditCode: code, name, industryCode: '5212', employees: 12, revenue: 300 }, 'test')).id;
  const ids = { a: await firm('甲信用商贸有限公司', codes.a), b: await firm('乙信用餐饮有限公司', codes.b), c: await firm('丙信用科技有限公司', codes.c) };
  await ctx.db.transaction().execute((trx) => ensureUnits(trx, ['区市场监管局']));
  const headers = {
    office: await loginAs(app, ctx, { account: 'cr-office', role: 'office' }),
    admin: await loginAs(app, ctx, { account: 'cr-admin', role: 'admin' }),
    leader: await loginAs(app, ctx, { account: 'cr-leader', role: 'leader' }),
    unit: await loginAs(app, ctx, { account: 'cr-unit', role: 'unit_staff', units: ['区市场监管局'] }),
    firm: await loginAs(app, ctx, { account: 'cr-firm', role: 'enterprise', enterpriseId: ids.a }),
  };
  return { codes, ids, headers };
}

/** A CSV file of class rows (header first), UTF-8 with BOM as Excel writes it. */
export function creditCsv(rows: string[][], header = ['统一社会信用代码', '企业名称', '信用风险分类', '分类日期', '来源']): Buffer {
  return Buffer.from(`\ufeff${[header, ...rows].map((r) => r.join(',')).join('\r\n')}\r\n`, 'utf8');
}
