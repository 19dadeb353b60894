import type { FastifyInstance } from 'fastify';
import { beforeAll, expect, it } from 'vitest';
import { createTestApp, loginAs } from '../../test/app.js';
import { describeStore } from '../../test/db.js';
import { loadSessionUser, type SessionUser } from '../auth/index.js';
import { listInbox } from '../inbox/index.js';
import { actOnRequest, getRequest, intakeRequest } from '../requests/index.js';
import { getOrder } from './order-store.js';
import { orderForRequest } from './request-orders.js';
import { initLedger } from './task-store.js';
import { seedLedgerPlan } from './testing.js';
import { leaderView } from './workbench.js';

const REQ = {
  category: '求决',
  subject: '厂房用水报装进度慢',
  description: '申请已提交 10 天仍未勘查。',
  contactName: '张三',
  contactPhone: '13812345678',
} as const;

/**
 * One click for the office: a 督办单 on the unit handling a request, kept on the task of the plan's 企业诉求 measure
 * (measure 48 of the 2021 plan), issued at once, linked both ways. And the leader view's open 问题工单.
 */
describeStore('supervision orders on enterprise requests', (ctx) => {
  let app: FastifyInstance;
  let planId: number;
  let units: Record<string, number>;
  let office: SessionUser;
  let unit: SessionUser;
  let leader: SessionUser;
  let headers: Record<'office' | 'unit' | 'leader', Record<string, string>>;
  beforeAll(async () => {
    app = await createTestApp(ctx);
    const seeded = await seedLedgerPlan(ctx.db);
    planId = seeded.planId;
    units = seeded.units;
    // Measure 48 of the 2021 plan, on 企业诉求 (the fixture's measure 47 stands in with the measure's own words).
    await ctx.db
      .updateTable('measure')
      .set({ number: 48, title: '搭建网上企业服务平台', text: '……实现惠企政策一网速查、一网通办、全程网办和企业诉求在线提交、按时办结、及时反馈……' })
      .where('id', '=', seeded.measures[47]!)
      .execute();
    await initLedger(ctx.db, { planId, actor: 'test' });
    headers = {
      office: await loginAs(app, ctx, { account: 'ro-office', role: 'office' }),
      unit: await loginAs(app, ctx, { account: 'ro-unit', role: 'unit_staff', units: ['区城管局'] }),
      leader: await loginAs(app, ctx, { account: 'ro-leader', role: 'leader' }),
    };
    const user = async (account: string) =>
      loadSessionUser(ctx.db, (await ctx.db.selectFrom('app_user').select('id').where('account', '=', account).executeTakeFirstOrThrow()).id);
    office = await user('ro-office');
    unit = await user('ro-unit');
    leader = await user('ro-leader');
  });

  it('raises and issues an order on the request’s unit with the request linked both ways', async () => {
    const { id, number } = await intakeRequest(ctx.db, office, { ...REQ, channel: '电话', today: '2021-09-30' });
    // Not yet routed: no unit to order.
    await expect(orderForRequest(ctx.db, office, id, { today: '2021-09-30' })).rejects.toThrow('只能对待签收或办理中的诉求发督办单');
    await actOnRequest(ctx.db, office, id, { action: 'route', unitId: units.区城管局!, today: '2021-09-30' });
    await expect(orderForRequest(ctx.db, unit, id, { today: '2021-10-09' })).rejects.toThrow('督办单由营商办发出');
    // Over HTTP, on 10-09 the sign deadline (10-08) has passed — but the HTTP call uses the real today: call the store for the date.
    const res = await app.inject({ method: 'POST', url: `/api/ledger/orders/from-request/${id}`, headers: headers.unit, payload: {} });
    expect(res.statusCode).toBe(403);
    const o = await orderForRequest(ctx.db, office, id, { today: '2021-10-09' });
    const order = await getOrder(ctx.db, o.id);
    expect(order).toMatchObject({
      stage: '下发',
      unitId: units.区城管局,
      unitName: '区城管局',
      taskTitle: '搭建网上企业服务平台',
      issuedOn: '2021-10-09',
      replyDue: '2021-10-13', // 3 working days: 10-11, 10-12, 10-13
      request: { id, number, subject: REQ.subject, link: `/requests/${id}` },
    });
    expect(order.reason).toBe(`企业诉求${number}“${REQ.subject}”（求决）已超过签收期限（2021-10-08）。`);
    // The unit is told (the ledger's order notice); the request shows the order and a timeline step.
    expect((await listInbox(ctx.db, unit.id, { kind: 'ledger.order' })).items[0]!.link).toBe(`/ledger/orders/${o.id}`);
    const r = await getRequest(ctx.db, office, id, '2021-10-09');
    expect(r.orders).toEqual([{ orderId: o.id, number: o.number, raisedOn: '2021-10-09', link: `/ledger/orders/${o.id}` }]);
    expect(r.timeline.at(-1)).toMatchObject({ label: '督办单', note: `营商办就本诉求向承办单位发出督办单 ${o.number}` });
    // Over HTTP as the office (the real today).
    const again = await app.inject({ method: 'POST', url: `/api/ledger/orders/from-request/${id}`, headers: headers.office, payload: { replyDays: 2 } });
    expect(again.statusCode, again.body).toBe(200);
    expect((await getRequest(ctx.db, office, id)).orders).toHaveLength(2);
    const detail = await app.inject({ url: `/api/ledger/orders/${again.json().id}`, headers: headers.office });
    expect(detail.json().request).toMatchObject({ id, number });
  });

  it('lists open 问题工单 in the leader view', async () => {
    const { id, number } = await intakeRequest(ctx.db, office, { ...REQ, channel: '来访', today: '2021-11-01' });
    for (let i = 1; i <= 3; i++) {
      await actOnRequest(ctx.db, office, id, { action: 'route', unitId: units.区城管局!, today: '2021-11-01' });
      await actOnRequest(ctx.db, unit, id, { action: 'return', note: `非本单位职责${i}`, today: '2021-11-02' });
    }
    await actOnRequest(ctx.db, office, id, { action: 'route', unitId: units.区财政局!, today: '2021-11-02' });
    const view = await leaderView(ctx.db, leader, planId, '2021-11-02');
    expect(view.escalatedRequests).toContainEqual(
      expect.objectContaining({ id, number, transfers: 3, reopens: 0, unitName: '区财政局', escalatedOn: '2021-11-02', link: `/requests/${id}` }),
    );
    const res = await app.inject({ url: `/api/ledger/plans/${planId}/leader`, headers: headers.leader });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().escalatedRequests.map((r: { id: number }) => r.id)).toContain(id);
  });
});
