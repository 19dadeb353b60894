import type { FastifyInstance } from 'fastify';
import mammoth from 'mammoth';
import { beforeAll, expect, it } from 'vitest';
import { describeStore } from '../../test/db.js';
import { createTestApp, loginAs } from '../../test/app.js';
import { createUser } from '../auth/index.js';
import { initLedger, listTasks } from './task-store.js';
import { actOnOrder, createOrder } from './order-store.js';
import { orderDocx, orderSheet } from './order-docx.js';
import { seedLedgerPlan } from './testing.js';

/**
 * The 督办单 as a Word form, read back with mammoth: an order on task 6-1 (co-led by 区城管局 and 区经济信息委)
 * addressed to 区城管局, issued 2021-10-14 with 5 working days (due 2021-10-21: 10-15, 18, 19, 20, 21), signed
 * 10-15 and answered 10-20.
 */
describeStore('ledger supervision order .docx', (ctx) => {
  let app: FastifyInstance;
  let orderId: number;
  let headers: Record<string, string>;

  beforeAll(async () => {
    app = await createTestApp(ctx);
    const seeded = await seedLedgerPlan(ctx.db);
    await initLedger(ctx.db, { planId: seeded.planId, actor: 'test' });
    const t6 = (await listTasks(ctx.db, seeded.planId, '2021-10-01')).find((t) => t.measureNumber === 6)!;
    const office = await createUser(ctx.db, { account: 'office-o', name: '钱督办', role: 'office', password: 'Passw0rd-test', actor: 'test' });
    const cg = await createUser(ctx.db, {
      account: 'cg-o',
      name: '孙城管',
      role: 'unit_staff',
      password: 'Passw0rd-test',
      unitNames: ['区城管局'],
      actor: 'test',
    });
    orderId = (
      await createOrder(ctx.db, 'office-o', {
        taskId: t6.id,
        unitId: seeded.units.区城管局!,
        reason: '获得用水全流程用时超过9个工作日的承诺。',
        requirement: '分析超时原因，提出整改措施并书面反馈。',
        replyDays: 5,
      })
    ).id;
    const before = await orderDocx(await orderSheet(ctx.db, orderId, '2021-10-13'));
    expect((await mammoth.extractRawText({ buffer: before })).value).toContain('自下发之日起5个工作日内反馈（下发时按工作日历计算具体日期）');
    await actOnOrder(ctx.db, office, orderId, { action: 'issue', today: '2021-10-14' });
    await actOnOrder(ctx.db, cg, orderId, { action: 'sign', today: '2021-10-15' });
    await actOnOrder(ctx.db, cg, orderId, { action: 'reply', note: '已优化报装流程，用时压缩至8个工作日。', today: '2021-10-20' });
    headers = await loginAs(app, ctx, { account: 'cg-h', role: 'unit_staff', units: ['区城管局'] });
  });

  it('prints the fields of the official 督办单 and is the same document twice', async () => {
    const res = await app.inject({ url: `/api/ledger/orders/${orderId}/order.docx?asOf=2021-10-20`, headers });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('wordprocessingml');
    expect(res.headers['content-disposition']).toContain(encodeURIComponent('督办通知单督办〔2021〕1号'));
    const text = (await mammoth.extractRawText({ buffer: res.rawPayload })).value;
    const lines = text.split('\n').filter((l) => l.trim());
    for (const s of [
      '区优化营商环境领导小组办公室',
      '营商环境督办通知单',
      '编号：督办〔2021〕1号',
      '下发日期：2021年10月14日',
      '督办事项',
      '改革任务 6-1：进一步压减接入时间',
      '承办单位',
      '主办：区城管局',
      '协办：区经济信息委',
      '督办依据及问题描述',
      '获得用水全流程用时超过9个工作日的承诺。',
      '督办要求',
      '分析超时原因，提出整改措施并书面反馈。',
      '办理时限',
      '自下发之日起5个工作日内反馈，即2021年10月21日前（不含法定节假日）',
      '签收',
      '办理反馈',
      '已优化报装流程，用时压缩至8个工作日。',
      '反馈日期：2021年10月20日',
      '督办单位：区优化营商环境领导小组办公室（盖章）',
    ])
      expect(
        lines.some((l) => l.includes(s)),
        s,
      ).toBe(true);
    expect(text).toMatch(/签收时间：\d{4}年\d+月\d+日/); // the day the unit signed on the platform
    const again = await app.inject({ url: `/api/ledger/orders/${orderId}/order.docx?asOf=2021-10-20`, headers });
    expect(again.rawPayload.equals(res.rawPayload)).toBe(true);
  });
});
