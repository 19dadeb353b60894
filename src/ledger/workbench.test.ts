import type { FastifyInstance } from 'fastify';
import { beforeAll, expect, it } from 'vitest';
import { describeStore } from '../../test/db.js';
import { createTestApp, loginAs } from '../../test/app.js';
import { listAudit } from '../audit/index.js';
import { createUser, type SessionUser } from '../auth/index.js';
import { listInbox } from '../inbox/index.js';
import { ForbiddenError } from '../shared/index.js';
import { answerInstruction, createInstruction, listInstructions } from './instruction-store.js';
import { createBulletinDraft, issueBulletin } from './bulletin-store.js';
import { actOnOrder, createOrder } from './order-store.js';
import { createMonthlyCycles, reviewReport, submitReport } from './report-store.js';
import { getTask, initLedger, listTasks, updateTask } from './task-store.js';
import { seedLedgerPlan } from './testing.js';
import { bulkReview, leaderView, myTodo, officeQueue } from './workbench.js';

/**
 * Each role's own work on the test plan (measures 6, 22, 32, 47; cycles 2021-09 due 10-13 and 2021-10 due 11-05):
 * 区政务服务办 leads 22-1, 区市场监管局 leads 32-1, 区发展改革委 leads 47-1 and is responsible for 22-1 and 32-1.
 */
describeStore('ledger workbench: to-do, leader view, work queue, 批示', (ctx) => {
  let app: FastifyInstance;
  let planId: number;
  let units: Record<string, number>;
  let zw: SessionUser;
  let sj: SessionUser;
  let fg: SessionUser;
  let leader: SessionUser;
  let office: SessionUser;
  let sep: number;
  let oct: number;
  const task: Record<number, number> = {};
  const content = (progress: number) => ({ status: 'in_progress' as const, progress, done: '推进中', problems: '', nextSteps: '', actuals: [] });
  const at = (d: string) => new Date(`${d}T02:00:00Z`);

  beforeAll(async () => {
    app = await createTestApp(ctx);
    ({ planId, units } = await seedLedgerPlan(ctx.db));
    await initLedger(ctx.db, { planId, actor: 'test' });
    await createMonthlyCycles(ctx.db, 'test', planId, { from: '2021-09', to: '2021-10' });
    const cycles = await ctx.db.selectFrom('ledger_cycle').select(['id', 'label']).where('plan_id', '=', planId).orderBy('period_start').execute();
    [sep, oct] = [cycles[0]!.id, cycles[1]!.id];
    const mk = (account: string, name: string, role: 'unit_staff' | 'leader' | 'office', unitNames: string[] = []) =>
      createUser(ctx.db, { account, name, role, password: 'Passw0rd-test', unitNames, actor: 'test' });
    zw = await mk('wb-zw', '政务服务办张三', 'unit_staff', ['区政务服务办']);
    sj = await mk('wb-sj', '市场监管局李四', 'unit_staff', ['区市场监管局']);
    fg = await mk('wb-fg', '发展改革委王五', 'unit_staff', ['区发展改革委']);
    leader = await mk('wb-leader', '区领导赵六', 'leader');
    office = await mk('wb-office', '营商办钱七', 'office');
    for (const t of await listTasks(ctx.db, planId, '2021-10-01')) task[t.measureNumber] = t.id;
  });

  it("lists a unit's owed reports with working days left, returned reports, orders to sign and 批示 to answer", async () => {
    // 2021-10-11: the September reports are due 10-13, two working days on.
    let todo = await myTodo(ctx.db, zw, planId, '2021-10-11');
    expect(todo.units).toEqual(['区政务服务办']);
    expect(todo.cycle).toMatchObject({ id: sep, label: '2021年9月', dueOn: '2021-10-13', daysLeft: 2 });
    expect(todo.owed.map((o) => [o.code, o.cycleLabel, o.daysLeft, o.overdue])).toEqual([['22-1', '2021年9月', 2, false]]);
    expect(todo.returned).toEqual([]);
    // Only tasks the unit leads: 区发展改革委 owes 47-1, not 22-1 or 32-1 where it is responsible.
    expect((await myTodo(ctx.db, fg, planId, '2021-10-11')).owed.map((o) => o.code)).toEqual(['47-1']);

    const r = await submitReport(ctx.db, zw, { taskId: task[22]!, cycleId: sep, content: content(30), now: at('2021-10-11') });
    await reviewReport(ctx.db, office.account, r.reportId, { outcome: 'return', comment: '请补充通办事项清单' });
    const o = await createOrder(ctx.db, office.account, {
      taskId: task[22]!,
      unitId: units.区政务服务办!,
      reason: '进度偏慢',
      requirement: '说明原因',
      replyDays: 5,
    });
    await actOnOrder(ctx.db, office, o.id, { action: 'issue', today: '2021-10-08' });
    await createInstruction(ctx.db, leader, { targetKind: 'task', targetId: task[22]!, text: '请加快推进通办事项' });

    todo = await myTodo(ctx.db, zw, planId, '2021-10-11');
    expect(todo.owed).toEqual([]); // filed (returned: it is refiled, not owed)
    expect(todo.returned).toEqual([expect.objectContaining({ reportId: r.reportId, code: '22-1', cycleLabel: '2021年9月', comment: '请补充通办事项清单' })]);
    // Issued 10-08 with 5 working days: 10-09 (调休 Saturday), 11, 12, 13, 14.
    expect(todo.orders).toEqual([expect.objectContaining({ id: o.id, todo: 'sign', replyDue: '2021-10-14', daysLeft: 3, overdue: false })]);
    expect(todo.instructions).toEqual([
      expect.objectContaining({ targetTitle: '任务22-1 加快推进“通办类”事项覆盖面', text: '请加快推进通办事项', author: '区领导赵六', canAnswer: true }),
    ]);
    await actOnOrder(ctx.db, zw, o.id, { action: 'sign', today: '2021-10-11' });
    expect((await myTodo(ctx.db, zw, planId, '2021-10-11')).orders).toEqual([expect.objectContaining({ id: o.id, todo: 'reply' })]);
    // Another unit sees none of it.
    const other = await myTodo(ctx.db, sj, planId, '2021-10-11');
    expect([other.returned, other.orders, other.instructions]).toEqual([[], [], []]);

    // 2021-11-01: September is overdue for 32-1 (unfiled), October due 11-05 (four working days on).
    todo = await myTodo(ctx.db, sj, planId, '2021-11-01');
    expect(todo.cycle).toMatchObject({ id: oct, daysLeft: 4 });
    expect(todo.owed.map((x) => [x.code, x.cycleLabel, x.daysLeft, x.overdue])).toEqual([
      ['32-1', '2021年9月', -13, true],
      ['32-1', '2021年10月', 4, false],
    ]);
  });

  it("limits a unit's dashboard and report list to its units", async () => {
    const zwCookie = await loginAs(app, ctx, { account: 'wb-zw2', role: 'unit_staff', units: ['区政务服务办'] });
    const fgCookie = await loginAs(app, ctx, { account: 'wb-fg2', role: 'unit_staff', units: ['区发展改革委'] });
    const leaderCookie = await loginAs(app, ctx, { account: 'wb-leader2', role: 'leader' });
    const dash = async (h: Record<string, string>) =>
      (await app.inject({ url: `/api/ledger/plans/${planId}/dashboard?asOf=2021-10-11`, headers: h })).json() as {
        total: number;
        units: Array<{ unit: string }>;
      };
    expect((await dash(zwCookie)).total).toBe(1);
    expect((await dash(zwCookie)).units.map((u) => u.unit)).toEqual(['区政务服务办']);
    expect((await dash(fgCookie)).total).toBe(3); // 47-1 led, 22-1 and 32-1 responsible
    expect((await dash(leaderCookie)).total).toBe(4);
    await submitReport(ctx.db, sj, { taskId: task[32]!, cycleId: oct, content: content(20), now: at('2021-11-02') });
    const reports = async (h: Record<string, string>) =>
      ((await app.inject({ url: '/api/ledger/reports', headers: h })).json() as Array<{ code: string }>).map((r) => r.code).sort();
    expect(await reports(zwCookie)).toEqual(['22-1']);
    expect(await reports(fgCookie)).toEqual(['22-1', '32-1']);
    expect(await reports(leaderCookie)).toEqual(['22-1', '32-1']);
    const sjReport = (await app.inject({ url: `/api/ledger/reports?taskId=${task[32]}`, headers: leaderCookie })).json()[0].id;
    expect((await app.inject({ url: `/api/ledger/reports/${sjReport}`, headers: zwCookie })).statusCode).toBe(403);
    expect((await app.inject({ url: `/api/ledger/reports/${sjReport}`, headers: fgCookie })).statusCode).toBe(200);
  });

  it('refuses unit staff changing status or progress; the office corrects them, audited', async () => {
    await expect(updateTask(ctx.db, zw, task[22]!, { progress: 50 })).rejects.toThrow(ForbiddenError);
    await expect(updateTask(ctx.db, zw, task[22]!, { status: 'done', progress: 100 })).rejects.toThrow(/进展报告/);
    expect((await getTask(ctx.db, task[22]!, '2021-10-11')).progress).toBe(0);
    await updateTask(ctx.db, office, task[22]!, { status: 'in_progress', progress: 15 });
    expect((await getTask(ctx.db, task[22]!, '2021-10-11')).progress).toBe(15);
    const [last] = await listAudit(ctx.db, { entity: 'ledger_task', entityId: String(task[22]), limit: 1 });
    expect(last).toMatchObject({ actor: 'wb-office', action: 'ledger.task.update', before: { progress: 0 }, after: { progress: 15 } });
  });

  it('reviews several reports at once, all or nothing, each audited', async () => {
    const r22 = (await submitReport(ctx.db, zw, { taskId: task[22]!, cycleId: sep, content: content(40), now: at('2021-10-12') })).reportId;
    const r47 = (await submitReport(ctx.db, fg, { taskId: task[47]!, cycleId: sep, content: content(25), now: at('2021-10-12') })).reportId;
    const r32 = (await submitReport(ctx.db, sj, { taskId: task[32]!, cycleId: sep, content: content(35), now: at('2021-11-02') })).reportId;
    await reviewReport(ctx.db, office.account, r47, { outcome: 'accept' });
    const queue = await officeQueue(ctx.db, planId, '2021-11-02');
    expect(queue.toReview.map((r) => r.reportId).sort()).toEqual(expect.arrayContaining([r22, r32]));
    expect(queue.toReview.find((r) => r.reportId === r22)).toMatchObject({ code: '22-1', unit: '区政务服务办', progress: 40 });
    const audits = async () => (await listAudit(ctx.db, { entity: 'ledger_report', limit: 1000 })).filter((a) => a.action === 'ledger.report.accept').length;
    const before = await audits();
    // 47-1 is already accepted: nothing is written, and the problem names it.
    await expect(bulkReview(ctx.db, office.account, { reportIds: [r22, r47, r32], outcome: 'accept', comment: '同意' })).rejects.toMatchObject({
      statusCode: 400,
      details: [{ row: 2, field: 'reportIds', message: expect.stringContaining('提升政策制定精准度') }],
    });
    expect(await audits()).toBe(before);
    expect((await getTask(ctx.db, task[22]!, '2021-11-02')).progress).toBe(15);
    await expect(bulkReview(ctx.db, office.account, { reportIds: [r22, r32], outcome: 'return' })).rejects.toMatchObject({ statusCode: 400 });
    expect(await bulkReview(ctx.db, office.account, { reportIds: [r22, r32], outcome: 'accept', comment: '同意' })).toEqual({ reviewed: 2, outcome: 'accept' });
    expect(await audits()).toBe(before + 2);
    expect([(await getTask(ctx.db, task[22]!, '2021-11-02')).progress, (await getTask(ctx.db, task[32]!, '2021-11-02')).progress]).toEqual([40, 35]);
    expect((await officeQueue(ctx.db, planId, '2021-11-02')).toReview.map((r) => r.reportId)).not.toContain(r22);
  });

  it('shows the leader the red tasks, overdue orders, the latest bulletin and the ranking', async () => {
    const v = await leaderView(ctx.db, leader, planId, '2021-11-02');
    // 22-1's milestone 今年10月底前 (10-31, a Sunday → 11-01) is overdue.
    expect(v.red.map((r) => r.code)).toContain('22-1');
    // The order to 区政务服务办 (reply due 10-14) was signed, never answered.
    expect(v.overdueOrders).toEqual([expect.objectContaining({ number: '督办〔2021〕1号', stage: '签收', daysOverdue: 13 })]);
    const late = await leaderView(ctx.db, leader, planId, '2021-10-15');
    expect(late.overdueOrders).toEqual([expect.objectContaining({ unitName: '区政务服务办', replyDue: '2021-10-14', daysOverdue: 1 })]);
    // The latest bulletin is the latest issued one (its frozen figures); none before one is issued.
    expect(v.bulletin).toBeNull();
    const draft = await createBulletinDraft(ctx.db, office, { planId, cycleId: sep });
    const issued = await issueBulletin(ctx.db, office, draft.id, { today: '2021-10-15' });
    expect((await leaderView(ctx.db, leader, planId, '2021-11-02')).bulletin).toMatchObject({
      id: issued.id,
      cycleLabel: '2021年9月',
      docNumber: '渝中营商通报〔2021〕1号',
      title: '关于2021年9月优化营商环境改革任务推进情况的通报',
    });
    expect(v.ranking.units.length).toBeGreaterThan(0);
    expect(v.ranking.units[0]).toMatchObject({ rank: 1 });
    expect(v.instructions.map((i) => i.text)).toEqual(['请加快推进通办事项']);
  });

  it('carries a 批示 to the units concerned and its answer back to the leader', async () => {
    const orders = await ctx.db.selectFrom('ledger_order').select('id').where('plan_id', '=', planId).execute();
    const { id } = await createInstruction(ctx.db, leader, { targetKind: 'order', targetId: orders[0]!.id, text: '督办事项要按期办结' });
    const zwInbox = (await listInbox(ctx.db, zw.id)).items;
    expect(zwInbox[0]).toMatchObject({
      kind: 'ledger.instruction',
      title: expect.stringMatching(/^领导批示：督办单督办〔2021〕1号/),
      link: `/ledger/orders/${orders[0]!.id}`,
    });
    expect((await listInbox(ctx.db, sj.id)).items).not.toEqual(expect.arrayContaining([expect.objectContaining({ kind: 'ledger.instruction' })]));
    // A 批示 on a bulletin names an issued one (not a draft, not a cycle); a task's units are checked.
    await expect(createInstruction(ctx.db, leader, { targetKind: 'bulletin', targetId: 9999, text: '各单位对照整改' })).rejects.toMatchObject({
      statusCode: 404,
    });
    await expect(
      createInstruction(ctx.db, leader, { targetKind: 'task', targetId: task[47]!, text: '抓紧', unitIds: [units.区城管局!] }),
    ).rejects.toMatchObject({
      statusCode: 400,
    });
    await expect(createInstruction(ctx.db, office, { targetKind: 'task', targetId: task[47]!, text: '抓紧' })).rejects.toThrow(ForbiddenError);
    const [bulletin] = await ctx.db.selectFrom('ledger_bulletin').select('id').where('state', '=', 'issued').execute();
    const b = await createInstruction(ctx.db, leader, {
      targetKind: 'bulletin',
      targetId: bulletin!.id,
      text: '各单位对照整改',
      unitIds: [units.区市场监管局!],
    });
    expect((await listInbox(ctx.db, sj.id)).items[0]).toMatchObject({ title: '领导批示：通报渝中营商通报〔2021〕1号' });

    await expect(answerInstruction(ctx.db, sj, id, '收到')).rejects.toThrow(ForbiddenError);
    await answerInstruction(ctx.db, zw, id, '已制定整改方案，10月底前办结');
    await expect(answerInstruction(ctx.db, zw, id, '再答一次')).rejects.toMatchObject({ statusCode: 409 });
    await answerInstruction(ctx.db, sj, b.id, '已对照整改');
    const onOrder = await listInstructions(ctx.db, leader, { targetKind: 'order', targetId: orders[0]!.id });
    expect(onOrder).toEqual([
      expect.objectContaining({
        text: '督办事项要按期办结',
        units: ['区政务服务办'],
        answer: '已制定整改方案，10月底前办结',
        answerUnit: '区政务服务办',
        answeredBy: '政务服务办张三',
        canAnswer: false,
      }),
    ]);
    expect((await listInbox(ctx.db, leader.id)).items.map((m) => m.title)).toEqual(
      expect.arrayContaining(['批示已答复：督办单督办〔2021〕1号', '批示已答复：通报渝中营商通报〔2021〕1号']),
    );
    // Unit staff see only what reached their units.
    expect((await listInstructions(ctx.db, sj, { planId })).map((i) => i.targetKind)).toEqual(['bulletin']);
    const actions = (await listAudit(ctx.db, { entity: 'ledger_instruction', limit: 100 })).map((a) => a.action);
    expect(actions).toEqual(expect.arrayContaining(['ledger.instruction.create', 'ledger.instruction.answer']));
  });
});
