import type { FastifyInstance } from 'fastify';
import mammoth from 'mammoth';
import ExcelJS from 'exceljs';
import { beforeAll, expect, it } from 'vitest';
import { describeStore } from '../../test/db.js';
import { createTestApp, loginAs } from '../../test/app.js';
import { createUser, type SessionUser } from '../auth/index.js';
import { initLedger, listTasks } from './task-store.js';
import { createMonthlyCycles, notifyFlags, reviewReport, submitReport } from './report-store.js';
import { actOnOrder, createOrder } from './order-store.js';
import { assess } from './assessment-store.js';
import { buildBulletin } from './bulletin.js';
import { bulletinDocx } from './bulletin-docx.js';
import { seedLedgerPlan } from './testing.js';
import { auditHead, checkpointStore, readAuditCheckpoints } from '../audit/index.js';

/**
 * A September 2021 cycle (reports due 2021-10-13, the 5th working day of October) worked through by hand:
 * - 区政务服务办 files task 22-1 on 10-12 (on time), accepted at once, status 已完成;
 * - 区城管局 files task 6-1 (co-led by 区经济信息委) on 10-14 (late), returned, refiled, accepted with
 *   用水 8 工作日 (target ≤ 9: met) and 用电 9 工作日 (target ≤ 8: not met);
 * - tasks 32-1 (区市场监管局) and 47-1 (区发展改革委) are not reported; the office marks 32-1 滞后;
 * - an order to 区市场监管局 issued 2021-10-14 with 3 working days (due 10-19) is answered on 10-20 (late).
 */
describeStore('ledger bulletin, assessment, dashboard', (ctx) => {
  let app: FastifyInstance;
  let planId: number;
  let cycleSep: number;
  let office: SessionUser;
  let cookieOffice: { cookie: string };
  let cookieUnit: { cookie: string };
  const at = (d: string) => new Date(`${d}T02:00:00Z`);

  beforeAll(async () => {
    app = await createTestApp(ctx);
    const seeded = await seedLedgerPlan(ctx.db);
    planId = seeded.planId;
    await initLedger(ctx.db, { planId, actor: 'test' });
    await createMonthlyCycles(ctx.db, 'test', planId, { from: '2021-09', to: '2021-10' });
    cycleSep = (await ctx.db.selectFrom('ledger_cycle').select('id').where('plan_id', '=', planId).where('label', '=', '2021年9月').executeTakeFirstOrThrow())
      .id;
    const mk = (account: string, units: string[]) =>
      createUser(ctx.db, { account, name: account, role: 'unit_staff', password: 'Passw0rd-test', unitNames: units, actor: 'test' });
    const zw = await mk('zw1', ['区政务服务办']);
    const cg = await mk('cg1', ['区城管局']);
    const sj = await mk('sj1', ['区市场监管局']);
    office = await createUser(ctx.db, { account: 'office', name: '营商办', role: 'office', password: 'Passw0rd-test', actor: 'test' });
    const tasks = await listTasks(ctx.db, planId, '2021-10-01');
    const id = (n: number) => tasks.find((t) => t.measureNumber === n)!.id;
    const t6 = tasks.find((t) => t.measureNumber === 6)!;

    const r22 = await submitReport(ctx.db, zw, {
      taskId: id(22),
      cycleId: cycleSep,
      now: at('2021-10-12'),
      content: { status: 'done', progress: 100, done: '完成跨区县通办事项梳理', problems: '', nextSteps: '', actuals: [] },
    });
    await reviewReport(ctx.db, 'office', r22.reportId, { outcome: 'accept' });
    const r6 = await submitReport(ctx.db, cg, {
      taskId: id(6),
      cycleId: cycleSep,
      now: at('2021-10-14'),
      content: { status: 'in_progress', progress: 50, done: '优化报装', problems: '', nextSteps: '', actuals: [] },
    });
    await reviewReport(ctx.db, 'office', r6.reportId, { outcome: 'return', comment: '请补充实际用时' });
    await submitReport(ctx.db, cg, {
      taskId: id(6),
      cycleId: cycleSep,
      now: at('2021-10-15'),
      content: {
        status: 'in_progress',
        progress: 60,
        done: '优化报装',
        problems: '',
        nextSteps: '',
        actuals: [
          { targetId: t6.targets[0]!.id, value: 8 },
          { targetId: t6.targets[1]!.id, value: 9 },
        ],
      },
    });
    await reviewReport(ctx.db, 'office', r6.reportId, { outcome: 'accept' });
    await ctx.db.updateTable('ledger_task').set({ status: 'lagging', progress: 20 }).where('id', '=', id(32)).execute();
    const o = await createOrder(ctx.db, 'office', {
      taskId: id(32),
      unitId: seeded.units.区市场监管局!,
      reason: '信用码推广进度滞后',
      requirement: '说明原因',
      replyDays: 3,
    });
    await actOnOrder(ctx.db, office, o.id, { action: 'issue', today: '2021-10-14' });
    await actOnOrder(ctx.db, sj, o.id, { action: 'sign', today: '2021-10-15' });
    await actOnOrder(ctx.db, sj, o.id, { action: 'reply', note: '已制定推广计划', today: '2021-10-20' });
    cookieOffice = await loginAs(app, ctx, { account: 'office2', role: 'office' });
    cookieUnit = await loginAs(app, ctx, { account: 'zw2', role: 'unit_staff', units: ['区政务服务办'] });
  });

  it("writes the bulletin as an official .docx with the cycle's facts, byte for byte the same twice", async () => {
    const b = await buildBulletin(ctx.db, cycleSep);
    expect(b.asOf).toBe('2021-10-14');
    expect(b.reporting).toMatchObject({ owed: 4, onTime: 1 });
    const docx = await bulletinDocx(b);
    expect((await bulletinDocx(await buildBulletin(ctx.db, cycleSep))).equals(docx)).toBe(true);
    const text = (await mammoth.extractRawText({ buffer: docx })).value;
    for (const s of [
      '区优化营商环境领导小组办公室文件',
      '（草稿，签发时编号）',
      '关于2021年9月优化营商环境改革任务推进情况的通报',
      '改革台账共有任务4项，已完成1项',
      '本期应报送4份，按时报送1份。',
      '逾期报送的单位：区城管局（任务6-1）；区经济信息委（任务6-1）。',
      '未报送的单位：区发展改革委（任务47-1）；区市场监管局（任务32-1）。',
      '加快推进“通办类”事项覆盖面',
      '单位报告进度滞后',
      '督办〔2021〕1号',
      '2021年10月14日',
    ]) {
      expect(text).toContain(s);
    }
    const res = await app.inject({ url: `/api/ledger/cycles/${cycleSep}/bulletin.docx`, headers: cookieUnit });
    expect(res.statusCode).toBe(200);
    // The downloaded document also carries the audit chain's head, signed into a checkpoint.
    const head = await auditHead(ctx.db);
    expect(res.rawPayload.equals(await bulletinDocx(b, head))).toBe(true);
    expect((await mammoth.extractRawText({ buffer: res.rawPayload })).value).toContain(`平台操作记录共 ${head.count} 条，末条哈希 ${head.hash.slice(0, 16)}`);
    const checkpoints = readAuditCheckpoints(checkpointStore(ctx.dataDir)).checkpoints;
    expect(checkpoints.at(-1)).toMatchObject({ count: head.count, hash: head.hash, reason: expect.stringContaining('bulletin') });
    expect(docx.equals(res.rawPayload)).toBe(false);
  });

  it('scores the units as worked out by hand and ranks them', async () => {
    const a = await assess(ctx.db, planId, '2021-10-20');
    expect(a.units.map((u) => [u.rank, u.unitName, u.score])).toEqual([
      [1, '区政务服务办', 100], // tasks 1/1, reports 1/1, quality 1/1 over weights 30+20+15
      [2, '区发展改革委', 60], // tasks 1/1 (22-1, responsible), reports 0/1 (47-1): 30/(30+20)
      [3, '区城管局', 18.18], // reports 0/1, quality 0/1, targets 1/2: 0.5×20/(20+15+20)
      [3, '区经济信息委', 18.18],
      [5, '区市场监管局', 0], // reports 0/1, orders 0/1 (due 10-19, answered 10-20)
    ]);
    expect(a.unassessed).toEqual(['区财政局']);
    const cg = a.units.find((u) => u.unitName === '区城管局')!;
    expect(cg.items.find((i) => i.item === 'targets_met')!.details).toEqual([
      '获得用水一般项目用户全流程总用时 目标 <= 9工作日，实际 8工作日，达成',
      '获得用电低压小微用户全流程总用时 目标 <= 8工作日，实际 9工作日，未达成',
    ]);
    expect(a.units.find((u) => u.unitName === '区市场监管局')!.items.find((i) => i.item === 'orders_on_time')!.details).toEqual([
      '督办〔2021〕1号 应于 2021-10-19 前反馈，2021-10-20 反馈',
    ]);
    const x = await app.inject({ url: `/api/ledger/plans/${planId}/assessment.xlsx?asOf=2021-10-20`, headers: cookieOffice });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(x.rawPayload as never);
    expect(wb.getWorksheet('考核排名')!.getRow(4).values).toEqual([
      undefined,
      1,
      '区政务服务办',
      100,
      '1/1（46.15分）',
      '1/1（30.77分）',
      '1/1（23.08分）',
      '不适用',
      '不适用',
      '不适用', // 企业诉求按时办结: no requests
    ]);
  });

  it('lets the office change weights (summing to 100) and re-scores', async () => {
    const bad = await app.inject({
      method: 'PUT',
      url: `/api/ledger/plans/${planId}/settings`,
      headers: cookieOffice,
      payload: { weights: { tasks_on_time: 50, reports_on_time: 20, quality: 15, orders_on_time: 15, targets_met: 20 } },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details[0].field).toBe('weights');
    expect((await app.inject({ method: 'PUT', url: `/api/ledger/plans/${planId}/settings`, headers: cookieUnit, payload: { yellowDays: 3 } })).statusCode).toBe(
      403,
    );
    const ok = await app.inject({
      method: 'PUT',
      url: `/api/ledger/plans/${planId}/settings`,
      headers: cookieOffice,
      payload: { weights: { tasks_on_time: 40, reports_on_time: 40, quality: 0, orders_on_time: 10, targets_met: 10 } },
    });
    expect(ok.statusCode).toBe(200);
    const a = await assess(ctx.db, planId, '2021-10-20');
    // 区发展改革委: tasks 1/1 × 40, reports 0/1 × 40 → 40 × 100/80 = 50.
    expect(a.units.find((u) => u.unitName === '区发展改革委')!.score).toBe(50);
  });

  it('feeds the dashboard', async () => {
    const d = (await app.inject({ url: `/api/ledger/plans/${planId}/dashboard?asOf=2021-10-20`, headers: cookieOffice })).json();
    expect(d.total).toBe(4);
    expect(d.byStatus.find((s: any) => s.status === 'done').count).toBe(1);
    expect(d.trend.find((t: any) => t.label === '2021年9月')).toMatchObject({ filed: 2, onTime: 1, accepted: 2, returned: 0, averageProgress: 80 });
    expect(d.ordersOpen).toBe(1);
    expect(d.sections.map((s: any) => s.total)).toEqual([1, 1, 1, 1]);
    // Unit staff see their units' figures only (区政务服务办: task 22-1, its September report, no order).
    const mine = (await app.inject({ url: `/api/ledger/plans/${planId}/dashboard?asOf=2021-10-20`, headers: cookieUnit })).json();
    expect([mine.total, mine.ordersOpen, mine.units.map((u: any) => u.unit)]).toEqual([1, 0, ['区政务服务办']]);
    expect(mine.trend.find((t: any) => t.label === '2021年9月')).toMatchObject({ filed: 1, onTime: 1, accepted: 1 });
  });

  it('lets the office manage unit accounts, not office ones', async () => {
    const add = (role: string, account: string) =>
      app.inject({
        method: 'POST',
        url: '/api/ledger/users',
        headers: cookieOffice,
        payload: { account, name: account, role, password: 'Passw0rd-new1', units: role === 'unit_staff' ? ['区财政局'] : [] },
      });
    expect((await add('unit_staff', 'czj1')).statusCode).toBe(200);
    expect((await add('office', 'office9')).statusCode).toBe(403);
    expect((await app.inject({ url: '/api/ledger/users', headers: cookieUnit })).statusCode).toBe(403);
    const users = (await app.inject({ url: '/api/ledger/users', headers: cookieOffice })).json() as any[];
    const u = users.find((x) => x.account === 'czj1');
    expect(u.units).toEqual(['区财政局']);
    expect((await app.inject({ method: 'PATCH', url: `/api/ledger/users/${u.id}`, headers: cookieOffice, payload: { active: false } })).statusCode).toBe(200);
    expect((await app.inject({ method: 'POST', url: '/api/auth/login', payload: { account: 'czj1', password: 'Passw0rd-new1' } })).statusCode).not.toBe(200);
  });

  it("pushes the day's warnings to the units concerned and the office, once a day", async () => {
    // 2021-10-20: tasks 32-1 and 47-1 have no September report; the order was answered (not overdue).
    // 区市场监管局 has one account (sj1), 区发展改革委 none; the office has two.
    expect(await notifyFlags(ctx.db, planId, '2021-10-20')).toEqual({ tasks: 2, orders: 0, notified: 3 });
    expect(await notifyFlags(ctx.db, planId, '2021-10-20')).toEqual({ tasks: 2, orders: 0, notified: 0 });
  });
});
