import { beforeAll, describe, expect, it } from 'vitest';
import { describeStore } from '../../test/db.js';
import { createUser, loadSessionUser, type SessionUser } from '../auth/index.js';
import { listInbox, unreadCount } from '../inbox/index.js';
import { orderStepNotice, reportToReviewNotice, reviewOutcomeNotice, taskRefText } from './core/notices.js';
import { actOnOrder, createOrder } from './order-store.js';
import { createMonthlyCycles, reviewReport, submitReport } from './report-store.js';
import { initLedger, listTasks } from './task-store.js';
import { seedLedgerPlan } from './testing.js';

describe('notice texts (core/notices.ts)', () => {
  const task = { code: '2-3', title: '优化用水报装' };
  it('names the task, the unit and the cycle in the title, and says what to do in the body', () => {
    const n = reportToReviewNotice({ task, unit: '区水务集团', cycle: '2021年6月', version: 1, progress: 40, statusLabel: '推进中' });
    expect(n.title).toBe('进展报告待审核：2-3 优化用水报装（区水务集团）2021年6月');
    expect(n.body).toBe('区水务集团报送了2021年6月进展报告：推进中，进度 40%。请审核：通过，或写明意见退回。');
    expect(reportToReviewNotice({ task, unit: '区水务集团', cycle: '2021年6月', version: 2, progress: 40, statusLabel: '推进中' }).body).toContain('第 2 版');
    const ret = reviewOutcomeNotice({
      task,
      units: ['区水务集团'],
      cycle: '2021年6月',
      version: 1,
      accepted: false,
      comment: '请补充数据',
      dueOn: '2021-07-07',
    });
    expect(ret).toEqual({
      title: '进展报告被退回：2-3 优化用水报装（区水务集团）2021年6月',
      body: '退回意见：请补充数据。请按意见修改后重新报送（本期截止 2021-07-07）。',
    });
    const order = { number: '督办〔2021〕1号', task, unit: '区水务集团', reason: '进度滞后', requirement: '说明原因', replyDue: '2021-07-09', escalations: 0 };
    expect(orderStepNotice('issue', order)).toEqual({
      title: '督办单待签收：督办〔2021〕1号 2-3 优化用水报装（区水务集团）',
      body: '督办事由：进度滞后。办理要求：说明原因。请签收，并于 2021-07-09 前反馈办理情况。',
    });
    expect(orderStepNotice('reply', { ...order, note: '已整改' }).title).toBe('督办单待复核：督办〔2021〕1号 2-3 优化用水报装（区水务集团）');
  });
  it('cuts a long task title so the unit stays visible', () => {
    expect(taskRefText({ code: '22-1', title: '推进水电气讯等市政接入工程涉及的行政审批在线并联办理并实现全程网办' }, ['区政务服务办', '区城管局'])).toBe(
      '22-1 推进水电气讯等市政接入工程涉及的行政审批在线并…（区政务服务办、区城管局）',
    );
  });
});

describeStore('ledger notices in the inbox', (ctx) => {
  let office: SessionUser;
  let unit: SessionUser;
  let taskId = 0;
  let cycleId = 0;
  let unitId = 0;
  let code = '';
  const content = { status: 'in_progress' as const, progress: 30, done: '已完成第一批事项梳理', problems: '', nextSteps: '', actuals: [] };
  const inbox = async (u: SessionUser) => (await listInbox(ctx.db, u.id, { pageSize: 100 })).items;

  beforeAll(async () => {
    const seeded = await seedLedgerPlan(ctx.db);
    await initLedger(ctx.db, { planId: seeded.planId, actor: 'test' });
    await createMonthlyCycles(ctx.db, 'test', seeded.planId, { from: '2021-09', to: '2021-09' });
    cycleId = (await ctx.db.selectFrom('ledger_cycle').select('id').where('plan_id', '=', seeded.planId).executeTakeFirstOrThrow()).id;
    const t = (await listTasks(ctx.db, seeded.planId, '2021-09-01')).find((x) => x.measureNumber === 22)!;
    [taskId, code] = [t.id, t.code];
    unitId = seeded.units.区政务服务办!;
    const pw = 'Notices-test-2026';
    office = await loadSessionUser(
      ctx.db,
      (await createUser(ctx.db, { account: 'n-office', name: '营商办甲', role: 'office', password: pw, actor: 'test' })).id,
    );
    unit = await loadSessionUser(
      ctx.db,
      (await createUser(ctx.db, { account: 'n-unit', name: '政务服务办乙', role: 'unit_staff', password: pw, unitNames: ['区政务服务办'], actor: 'test' })).id,
    );
  });

  it('a report to review is named in the office inbox and is done (已处理, not unread) once reviewed; a returned report once refiled', async () => {
    const { reportId } = await submitReport(ctx.db, unit, { taskId, cycleId, content });
    const [n1] = await inbox(office);
    expect(n1).toMatchObject({ kind: 'ledger.report', link: `/ledger/reports/${reportId}`, done_at: null, read_at: null });
    expect(n1!.title).toMatch(new RegExp(`^进展报告待审核：${code} .+（区政务服务办）2021年9月$`));
    expect(await unreadCount(ctx.db, office.id)).toBe(1);

    await reviewReport(ctx.db, office.account, reportId, { outcome: 'return', comment: '请补充办理时限数据' });
    expect((await inbox(office))[0]!.done_at).not.toBeNull();
    expect(await unreadCount(ctx.db, office.id)).toBe(0);
    const [back] = await inbox(unit);
    expect(back!.title).toMatch(new RegExp(`^进展报告被退回：${code} .+（区政务服务办）2021年9月$`));
    expect(back!.body).toContain('请补充办理时限数据');
    expect(back!.done_at).toBeNull();

    await submitReport(ctx.db, unit, { taskId, cycleId, content: { ...content, progress: 40 } });
    expect((await inbox(unit)).find((m) => m.id === back!.id)!.done_at).not.toBeNull();
    const v2 = (await inbox(office))[0]!;
    expect([v2.done_at, v2.body]).toEqual([null, expect.stringContaining('第 2 版')]);
    await reviewReport(ctx.db, office.account, reportId, { outcome: 'accept' });
    expect((await inbox(office)).every((m) => m.done_at !== null)).toBe(true);
    expect((await inbox(unit))[0]!.title).toMatch(/^进展报告已通过：/);
  });

  it('an order to sign is done once signed, a reply to review once reviewed', async () => {
    const { id, number } = await createOrder(ctx.db, office.account, { taskId, unitId, reason: '进度滞后', requirement: '说明原因并提出措施', replyDays: 5 });
    const orderLink = `/ledger/orders/${id}`;
    const ofOrder = async (u: SessionUser) => (await inbox(u)).filter((m) => m.link === orderLink);
    await actOnOrder(ctx.db, office, id, { action: 'issue', today: '2021-09-01' });
    const [toSign] = await ofOrder(unit);
    expect(toSign!.title).toMatch(new RegExp(`^督办单待签收：${number.replace(/[[\]()]/g, '\\$&')} ${code} .+（区政务服务办）$`));
    expect(toSign!.body).toMatch(/请签收，并于 2021-09-08 前反馈办理情况/);
    const unread = await unreadCount(ctx.db, unit.id);

    await actOnOrder(ctx.db, unit, id, { action: 'sign' });
    expect((await ofOrder(unit))[0]!.done_at).not.toBeNull();
    expect(await unreadCount(ctx.db, unit.id)).toBe(unread - 1);
    expect((await ofOrder(office))[0]!.title).toMatch(/^督办单已签收：/);

    await actOnOrder(ctx.db, unit, id, { action: 'reply', note: '已制定整改措施' });
    const toReview = (await ofOrder(office))[0]!;
    expect([toReview.title.startsWith('督办单待复核：'), toReview.body, toReview.done_at]).toEqual([
      true,
      '区政务服务办反馈办理情况：已制定整改措施。请复核，或写明意见退回重办。',
      null,
    ]);
    await actOnOrder(ctx.db, office, id, { action: 'review' });
    expect((await ofOrder(office)).every((m) => m.done_at !== null)).toBe(true);
    expect((await ofOrder(unit))[0]!.title).toMatch(/^督办单已复核：/);
  });
});
