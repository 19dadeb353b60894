import type { FastifyInstance } from 'fastify';
import { beforeAll, expect, it } from 'vitest';
import { createTestApp } from '../../test/app.js';
import { describeStore } from '../../test/db.js';
import { listInbox } from '../inbox/index.js';
import { actOnRequest, fileRequest, getRequest, intakeRequest, listRequests } from './request-store.js';
import { openEscalatedRequests, requestForOrder } from './time-read.js';
import { askHold, decideHold, recordCallback, resumeRequest, urgeRequest } from './time-store.js';
import { SAMPLE, seedRequests, type RequestFixture } from './testing.js';

/**
 * Handling time on both backends: 挂起 and 延期 with the office's approval across National Day 2021 (10-01..10-07
 * off, 10-09 a 调休 working Saturday), 催办, the call back rating of a phone request.
 */
describeStore('request handling time', (ctx) => {
  let app: FastifyInstance;
  let f: RequestFixture;
  beforeAll(async () => {
    app = await createTestApp(ctx);
    f = await seedRequests(app, ctx);
  });
  const call = async (method: 'GET' | 'POST', url: string, headers: Record<string, string>, payload?: object, status = 200) => {
    const r = await app.inject({ method, url, headers, payload });
    expect(r.statusCode, `${method} ${url}: ${r.body}`).toBe(status);
    return r.json();
  };
  /** A 求决 request routed Thursday 2021-09-30 (sign by 10-08, answer by 10-13), signed the same day. */
  const signed = async (channel: '电话' | '来访' = '电话') => {
    const { id } = await intakeRequest(ctx.db, f.users.office, { ...SAMPLE, channel, enterpriseId: f.firmA, today: '2021-09-30' });
    await actOnRequest(ctx.db, f.users.office, id, { action: 'route', unitId: f.water, today: '2021-09-30' });
    await actOnRequest(ctx.db, f.users.unit, id, { action: 'sign', today: '2021-09-30' });
    return id;
  };

  it('suspends with the office’s approval, stops the clock, and deducts the working days suspended', async () => {
    const id = await signed();
    expect(await getRequest(ctx.db, f.users.unit, id, '2021-09-30')).toMatchObject({ answerDue: '2021-10-13', timeActions: ['hold'] });
    // Only the routed unit asks, with a reason; the office is told.
    await expect(askHold(ctx.db, f.users.otherUnit, id, { kind: '挂起', reason: '等待材料', today: '2021-09-30' })).rejects.toThrow('由承办单位操作');
    await expect(askHold(ctx.db, f.users.unit, id, { kind: '挂起', reason: ' ', today: '2021-09-30' })).rejects.toThrow('请填写挂起理由');
    await askHold(ctx.db, f.users.unit, id, { kind: '挂起', reason: '等待企业补充用水设计图纸', today: '2021-09-30' });
    await expect(askHold(ctx.db, f.users.unit, id, { kind: '延期', reason: 'x', days: 2, today: '2021-09-30' })).rejects.toThrow('待营商办审批');
    expect((await listInbox(ctx.db, f.users.office.id, { kind: 'request.hold' })).items[0]).toMatchObject({ link: `/requests/${id}`, done_at: null });
    expect((await getRequest(ctx.db, f.users.office, id, '2021-09-30')).timeActions).toEqual(['decide', 'urge', 'order']);
    // The unit cannot approve its own ask; the office approves.
    await expect(decideHold(ctx.db, f.users.unit, id, { approve: true, today: '2021-09-30' })).rejects.toThrow('由营商办审批');
    expect(await decideHold(ctx.db, f.users.office, id, { approve: true, today: '2021-09-30' })).toMatchObject({
      suspendedOn: '2021-09-30',
      answerDue: '2021-10-13',
    });
    expect((await listInbox(ctx.db, f.users.office.id, { kind: 'request.hold' })).items[0]!.done_at).not.toBeNull();
    expect((await listInbox(ctx.db, f.users.unit.id, { kind: 'request.hold' })).items[0]!.title).toContain('营商办同意挂起');
    // While suspended: not overdue, no answer, not in the overdue list.
    const during = await getRequest(ctx.db, f.users.unit, id, '2021-10-14');
    expect(during).toMatchObject({ suspendedOn: '2021-09-30', answerOverdue: false, timeActions: ['hold', 'resume'] });
    expect((await listRequests(ctx.db, f.users.office, { overdue: true }, '2021-10-14')).items.map((r) => r.id)).not.toContain(id);
    await expect(actOnRequest(ctx.db, f.users.unit, id, { action: 'answer', note: '已办', today: '2021-10-08' })).rejects.toThrow('请先恢复办理');
    // Resumed Saturday 10-09 (调休): 10-08 and 10-09 suspended, the deadline moves from 10-13 to 10-15.
    expect(await resumeRequest(ctx.db, f.users.unit, id, { note: '材料已收到', today: '2021-10-09' })).toEqual({
      answerDue: '2021-10-15',
      suspendedOn: null,
      suspendedDays: 2,
      extendedDays: 0,
      urges: 0,
    });
    await expect(resumeRequest(ctx.db, f.users.unit, id, { today: '2021-10-09' })).rejects.toThrow('诉求未挂起');
    const after = await getRequest(ctx.db, f.users.firmA, id, '2021-10-18');
    expect(after).toMatchObject({ answerDue: '2021-10-15', answerOverdue: true, suspendedDays: 2, orders: [] });
    expect(after.holds).toEqual([
      expect.objectContaining({
        kind: '挂起',
        state: '已恢复',
        askedOn: '2021-09-30',
        decidedOn: '2021-09-30',
        endedOn: '2021-10-09',
        days: 2,
        askedBy: '承办单位',
        decidedBy: '营商办',
      }),
    ]);
    expect(after.timeline.map((e: { label: string }) => e.label)).toEqual(['受理', '派单', '签收', '申请挂起', '同意挂起', '恢复办理']);
    expect(after.timeline.at(-1)?.note).toBe('挂起 2021-09-30 至 2021-10-09，扣除 2 个工作日，答复期限由 2021-10-13 改为 2021-10-15。材料已收到');
    // The enterprise sees the unit and 营商办, not staff names.
    expect(after.timeline.slice(3).map((e: { actor: string }) => e.actor)).toEqual(['区城管局', '营商办', '区城管局']);
    const audit = await ctx.db
      .selectFrom('audit_log')
      .select('action')
      .where('action', 'like', 'requests.%')
      .where('entity_id', 'in', [String(id)])
      .execute();
    expect(audit.map((a) => a.action)).toContain('requests.resume');
  });

  it('extends by N working days with approval; a refusal keeps the deadline and needs a reason', async () => {
    const id = await signed();
    await askHold(ctx.db, f.users.unit, id, { kind: '延期', reason: '需现场勘查', days: 3, today: '2021-09-30' });
    await expect(decideHold(ctx.db, f.users.office, id, { approve: false, today: '2021-09-30' })).rejects.toThrow('请填写不同意的理由');
    expect(await decideHold(ctx.db, f.users.office, id, { approve: false, note: '时限内可以办结', today: '2021-09-30' })).toMatchObject({
      answerDue: '2021-10-13',
      extendedDays: 0,
    });
    // Asked again (HTTP), approved: 10-13 + 3 working days = 10-18.
    await call('POST', `/api/requests/${id}/holds`, f.headers.unit, { kind: '延期', reason: '需协调供水公司', days: 0 }, 400);
    await call('POST', `/api/requests/${id}/holds`, f.headers.unit, { kind: '延期', reason: '需协调供水公司', days: 3 });
    expect(await call('POST', `/api/requests/${id}/holds/decision`, f.headers.office, { approve: true })).toMatchObject({
      answerDue: '2021-10-18',
      extendedDays: 3,
    });
    const r = await getRequest(ctx.db, f.users.office, id, '2021-10-18');
    expect(r).toMatchObject({ answerDue: '2021-10-18', answerOverdue: false, extendedDays: 3 });
    expect(r.holds.map((h: { state: string }) => h.state)).toEqual(['未同意', '已批准']);
    expect(r.timeline.map((e: { label: string }) => e.label).slice(3)).toEqual(['申请延期', '不同意延期', '申请延期', '同意延期']);
    await call('POST', `/api/requests/${id}/holds/decision`, f.headers.office, { approve: true }, 409);
  });

  it('refuses asks outside 办理 and lapses an open ask when the unit answers', async () => {
    const { id } = await fileRequest(ctx.db, f.users.firmA, { ...SAMPLE, today: '2021-09-30' });
    await actOnRequest(ctx.db, f.users.office, id, { action: 'route', unitId: f.water, today: '2021-09-30' });
    await expect(askHold(ctx.db, f.users.unit, id, { kind: '挂起', reason: '等待', today: '2021-09-30' })).rejects.toThrow('只有办理中的诉求可以申请挂起');
    await actOnRequest(ctx.db, f.users.unit, id, { action: 'sign', today: '2021-09-30' });
    await askHold(ctx.db, f.users.unit, id, { kind: '挂起', reason: '等待', today: '2021-09-30' });
    await actOnRequest(ctx.db, f.users.unit, id, { action: 'answer', note: '已办结', today: '2021-10-08' });
    const r = await getRequest(ctx.db, f.users.office, id, '2021-10-08');
    expect(r.holds[0]).toMatchObject({ state: '未同意', decisionNote: '诉求已答复，申请自动失效' });
    expect(r.timeActions).toEqual([]);
  });

  it('催办: a notice to the unit each time, recorded and counted; only open requests', async () => {
    const id = await signed('来访');
    await call('POST', `/api/requests/${id}/urge`, f.headers.office, { note: ' ' }, 400);
    expect(await call('POST', `/api/requests/${id}/urge`, f.headers.office, { note: '企业再次来电，请加快办理' })).toMatchObject({ urges: 1 });
    expect(await urgeRequest(ctx.db, f.users.office, id, { note: '请今日答复' })).toMatchObject({ urges: 2 });
    const notices = (await listInbox(ctx.db, f.users.unit.id, { kind: 'request.urged' })).items.filter((n) => n.link === `/requests/${id}`);
    expect(notices.map((n) => n.title)).toEqual([expect.stringContaining('第 2 次'), expect.stringContaining('第 1 次')]);
    const r = await getRequest(ctx.db, f.users.office, id);
    expect(r).toMatchObject({ urges: 2 });
    expect(r.timeline.filter((e: { label: string }) => e.label === '催办').map((e) => e.note)).toEqual([
      '第 1 次催办：企业再次来电，请加快办理',
      '第 2 次催办：请今日答复',
    ]);
    expect((await requestForOrder(ctx.db, id, '2021-10-14')).urges).toBe(2);
    // Answering marks the unit's urge notices done.
    await actOnRequest(ctx.db, f.users.unit, id, { action: 'answer', note: '已答复', today: '2021-10-08' });
    expect((await listInbox(ctx.db, f.users.unit.id, { kind: 'request.urged' })).items.filter((n) => n.link === `/requests/${id}` && !n.done_at)).toEqual([]);
    await expect(urgeRequest(ctx.db, f.users.office, id, { note: '再催' })).rejects.toThrow('只能催办待签收或办理中的诉求');
  });

  it('records the rating of a call back for a phone request: who called, when; 不满意 reopens', async () => {
    const id = await signed();
    await actOnRequest(ctx.db, f.users.unit, id, { action: 'answer', note: '已安排勘查', today: '2021-10-08' });
    expect((await getRequest(ctx.db, f.users.office, id, '2021-10-08')).timeActions).toEqual(['callback']);
    // The office records it; the unit cannot rate its own answer.
    await call('POST', `/api/requests/${id}/callback`, f.headers.unit, { rating: '满意', calledAt: '2021-10-09T02:00:00Z' }, 403);
    await call('POST', `/api/requests/${id}/callback`, f.headers.office, { rating: '满意', calledAt: '2999-01-01T00:00:00Z' }, 400);
    await call('POST', `/api/requests/${id}/callback`, f.headers.office, { rating: '不满意', calledAt: '2021-10-09T02:00:00Z' }, 400);
    expect(
      await call('POST', `/api/requests/${id}/callback`, f.headers.office, { rating: '不满意', comment: '勘查时间未定', calledAt: '2021-10-09T02:00:00Z' }),
    ).toEqual({ stage: '办理', reopened: true });
    await actOnRequest(ctx.db, f.users.unit, id, { action: 'answer', note: '定于 10-12 勘查' });
    await recordCallback(ctx.db, f.users.office, id, { rating: '满意', comment: '已勘查', calledAt: '2021-10-12T07:30:00Z' });
    const r = await getRequest(ctx.db, f.users.office, id);
    expect(r).toMatchObject({ stage: '办结', rating: '满意', reopens: 1, callback: { by: 'rq-office' } });
    expect(new Date(r.callback!.at).toISOString()).toBe('2021-10-12T07:30:00.000Z');
    const notes = r.timeline.filter((e: { label: string }) => e.label === '回访评价').map((e) => e.note);
    expect(notes).toEqual(['电话回访（2021-10-09 10:00）：不满意：勘查时间未定', '电话回访（2021-10-12 15:30）：满意：已勘查']);
    // An online request is rated by the enterprise itself.
    const { id: online } = await fileRequest(ctx.db, f.users.firmA, SAMPLE);
    await actOnRequest(ctx.db, f.users.office, online, { action: 'route', unitId: f.water });
    await actOnRequest(ctx.db, f.users.unit, online, { action: 'sign' });
    await actOnRequest(ctx.db, f.users.unit, online, { action: 'answer', note: '已办' });
    await expect(recordCallback(ctx.db, f.users.office, online, { rating: '满意', calledAt: new Date().toISOString() })).rejects.toThrow('由企业自行评价');
  });

  it('lists open 问题工单 for the leader view', async () => {
    const id = await signed();
    for (let i = 1; i <= 3; i++) {
      await actOnRequest(ctx.db, f.users.unit, id, { action: 'answer', note: `答复${i}`, today: '2021-10-08' });
      await recordCallback(ctx.db, f.users.office, id, { rating: '不满意', comment: `仍未解决${i}`, calledAt: '2021-10-08T08:00:00Z', today: '2021-10-08' });
    }
    const open = await openEscalatedRequests(ctx.db, '2021-10-20');
    expect(open.find((r) => r.id === id)).toMatchObject({
      reopens: 3,
      escalatedOn: '2021-10-08',
      unitName: '区城管局',
      overdue: true,
      link: `/requests/${id}`,
    });
    await actOnRequest(ctx.db, f.users.unit, id, { action: 'answer', note: '彻底解决', today: '2021-10-08' });
    await recordCallback(ctx.db, f.users.office, id, { rating: '满意', calledAt: '2021-10-08T09:00:00Z', today: '2021-10-08' });
    expect((await openEscalatedRequests(ctx.db, '2021-10-20')).map((r) => r.id)).not.toContain(id);
  });
});
