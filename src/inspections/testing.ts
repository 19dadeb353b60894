import type { FastifyInstance } from 'fastify';
import { loginAs, type SessionHeaders } from '../../test/app.js';
import type { TestDatabase } from '../../test/db.js';
import { loadSessionUser, type SessionUser } from '../auth/index.js';
import { completeCreditCode, createEnterprise } from '../enterprises/index.js';
import { ensureUnits } from '../units/index.js';
import { createInspector, createItem, createObject } from './directory-store.js';
import type { CommitBody } from './draw-store.js';

export type Who = 'office' | 'admin' | 'leader' | 'unit' | 'otherUnit' | 'firm';

export interface InspectionFixture {
  market: number;
  health: number;
  finance: number;
  firms: number[];
  agency: number;
  marketItem: number;
  healthItem: number;
  inspectors: Record<string, number>;
  headers: Record<Who, SessionHeaders>;
  users: Record<Who, SessionUser>;
}

/**
 * Six firms and a 专利代理机构; 区市场监管局 with four inspectors (M1 declared a relation to the first firm),
 * 区卫生健康委 with three, 区财政局 with none; an item each; office, admin, leader, staff of 区市场监管局 (`unit`)
 * and of 区财政局 (`otherUnit`), a firm account (tests only).
 */
export async function seedInspections(app: FastifyInstance, ctx: TestDatabase): Promise<InspectionFixture> {
  const units = await ctx.db.transaction().execute((trx) => ensureUnits(trx, ['区市场监管局', '区卫生健康委', '区财政局']));
  const market = units.get('区市场监管局')!;
  const health = units.get('区卫生健康委')!;
  const finance = units.get('区财政局')!;
  const firms: number[] = [];
  for (let i = 1; i <= 6; i++)
    firms.push(
      (
        await createEnterprise(
          ctx.db,
          {
            creditCode: completeCreditCode(`91500103MA5UQ${String(i).padStart(3, '0')}A`),
            name: `抽查样本${i}号有限公司`,
            industryCode: '5211',
            employees: 10,
          },
          'test',
        )
      ).id,
    );
  const headers = {
    office: await loginAs(app, ctx, { account: 'in-office', role: 'office' }),
    admin: await loginAs(app, ctx, { account: 'in-admin', role: 'admin' }),
    leader: await loginAs(app, ctx, { account: 'in-leader', role: 'leader' }),
    unit: await loginAs(app, ctx, { account: 'in-unit', role: 'unit_staff', units: ['区市场监管局'] }),
    otherUnit: await loginAs(app, ctx, { account: 'in-other', role: 'unit_staff', units: ['区财政局'] }),
    firm: await loginAs(app, ctx, { account: 'in-firm', role: 'enterprise', enterpriseId: firms[0]! }),
  };
  const user = async (account: string) =>
    loadSessionUser(ctx.db, (await ctx.db.selectFrom('app_user').select('id').where('account', '=', account).executeTakeFirstOrThrow()).id);
  const users = {
    office: await user('in-office'),
    admin: await user('in-admin'),
    leader: await user('in-leader'),
    unit: await user('in-unit'),
    otherUnit: await user('in-other'),
    firm: await user('in-firm'),
  };
  const agency = (await createObject(ctx.db, 'test', { kind: '专利代理机构', name: '渝中样本专利代理事务所', code: '91500103MA5UQ999X1' })).id;
  const inspectors: Record<string, number> = {};
  const add = async (key: string, unitId: number, relations: Array<{ objectKey: string; relation: string }> = []) => {
    inspectors[key] = (
      await createInspector(ctx.db, users.office, { unitId, name: `检查员${key}`, certNo: `5001030${key}00`, fields: ['食品安全'], active: true, relations })
    ).id;
  };
  await add('M1', market, [{ objectKey: `E${firms[0]}`, relation: '配偶任该企业监事' }]);
  await add('M2', market);
  await add('M3', market);
  await add('M4', market);
  await add('H1', health);
  await add('H2', health);
  await add('H3', health);
  const item = async (unitId: number, name: string) =>
    (
      await createItem(ctx.db, users.office, {
        unitId,
        name,
        legalBasis: '《中华人民共和国食品安全法》第一百一十条',
        objectScope: '食品经营者',
        method: '实地核查',
        active: true,
      })
    ).id;
  return {
    market,
    health,
    finance,
    firms,
    agency,
    marketItem: await item(market, '食品经营许可情况检查'),
    healthItem: await item(health, '公共场所卫生检查'),
    inspectors,
    headers,
    users,
  };
}

/** A joint draw over the firms, lottery today (so that tests can enter it at once). */
export const jointDraw = (f: InspectionFixture, today: string, over: Partial<CommitBody> = {}): CommitBody => ({
  title: '食品经营与公共场所卫生联合抽查',
  leadUnitId: f.market,
  jointUnitIds: [f.health],
  itemIds: [f.marketItem, f.healthItem],
  scope: { enterprises: true, otherKinds: [] },
  shares: [],
  defaultShareBp: 5000,
  field: null,
  witnesses: ['王监督', '李监督'],
  lotteryName: '中国福利彩票双色球',
  lotteryDate: today,
  ...over,
});
