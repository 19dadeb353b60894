import type { FastifyInstance } from 'fastify';
import { loginAs, type SessionHeaders } from '../../test/app.js';
import type { TestDatabase } from '../../test/db.js';
import { loadSessionUser, type SessionUser } from '../auth/index.js';
import { completeCreditCode, createEnterprise } from '../enterprises/index.js';
import { ensureUnits } from '../units/index.js';

export interface RequestFixture {
  firmA: number;
  firmB: number;
  water: number;
  finance: number;
  headers: Record<'office' | 'leader' | 'admin' | 'unit' | 'otherUnit' | 'firmA' | 'firmB', SessionHeaders>;
  users: Record<'office' | 'unit' | 'otherUnit' | 'firmA' | 'firmB' | 'leader', SessionUser>;
}

/** Two firms with accounts, two units with staff, office, leader and admin (tests only). */
export async function seedRequests(app: FastifyInstance, ctx: TestDatabase): Promise<RequestFixture> {
  const units = await ctx.db.transaction().execute((trx) => ensureUnits(trx, ['区城管局', '区财政局']));
  const firm = async (name: string, code: string) =>
    (await createEnterprise(ctx.db, { creditCode: completeCreditCode(code), name, industryCode: '6510', employees: 20, revenue: 800 }, 'test')).id;
  const firmA = await firm('甲诉求科技有限公司', '91500103MA5UR101A');
  const firmB = await firm('乙诉求商贸有限公司', '91500103MA5UR102A');
  const headers = {
    office: await loginAs(app, ctx, { account: 'rq-office', role: 'office' }),
    leader: await loginAs(app, ctx, { account: 'rq-leader', role: 'leader' }),
    admin: await loginAs(app, ctx, { account: 'rq-admin', role: 'admin' }),
    unit: await loginAs(app, ctx, { account: 'rq-unit', role: 'unit_staff', units: ['区城管局'] }),
    otherUnit: await loginAs(app, ctx, { account: 'rq-other', role: 'unit_staff', units: ['区财政局'] }),
    firmA: await loginAs(app, ctx, { account: 'rq-firm-a', role: 'enterprise', enterpriseId: firmA }),
    firmB: await loginAs(app, ctx, { account: 'rq-firm-b', role: 'enterprise', enterpriseId: firmB }),
  };
  const user = async (account: string) =>
    loadSessionUser(ctx.db, (await ctx.db.selectFrom('app_user').select('id').where('account', '=', account).executeTakeFirstOrThrow()).id);
  return {
    firmA,
    firmB,
    water: units.get('区城管局')!,
    finance: units.get('区财政局')!,
    headers,
    users: {
      office: await user('rq-office'),
      leader: await user('rq-leader'),
      unit: await user('rq-unit'),
      otherUnit: await user('rq-other'),
      firmA: await user('rq-firm-a'),
      firmB: await user('rq-firm-b'),
    },
  };
}

export const SAMPLE = {
  category: '求决',
  subject: '厂房用水报装进度慢',
  description: '用水报装申请已提交 10 天仍未安排勘查。',
  contactName: '张三',
  contactPhone: '13812345678',
} as const;
