import type { FastifyInstance } from 'fastify';
import { beforeAll, expect, it } from 'vitest';
import { createTestApp } from '../../test/app.js';
import { describeStore } from '../../test/db.js';
import { chinaToday, officialCalendar } from '../calendar/index.js';
import { listInbox } from '../inbox/index.js';
import { actOnRequest, fileRequest, getRequest, intakeRequest, listRequests, rateRequest, setRequestLimits } from './request-store.js';
import { openRequestsOfUnits } from './read-api.js';
import { SAMPLE, seedRequests, type RequestFixture } from './testing.js';

describeStore('enterprise requests', (ctx) => {
  let app: FastifyInstance;
  let f: RequestFixture;
  beforeAll(async () => {
    app = await createTestApp(ctx);
    f = await seedRequests(app, ctx);
  });
  const call = async (method: 'GET' | 'POST' | 'PUT', url: string, headers: Record<string, string>, payload?: object, status = 200) => {
    const r = await app.inject({ method, url, headers, payload });
    expect(r.statusCode, `${method} ${url}: ${r.body}`).toBe(status);
    return r.json();
  };

  it('runs the whole loop over HTTP: file, route, sign, note, answer, 不满意 reopens, answer again, 满意 closes', async () => {
    const { id, number } = await call('POST', '/api/requests', f.headers.firmA, SAMPLE);
    expect(number).toMatch(new RegExp(`^渝中诉〔${chinaToday().slice(0, 4)}〕\\d{6}号$`));
    // The office is told; the unit is not yet.
    expect((await listInbox(ctx.db, f.users.office.id, { kind: 'request.filed' })).items[0]!.title).toContain(number);
    await call('POST', `/api/requests/${id}/actions`, f.headers.office, { action: 'route', unitId: f.water });
    const routed = await call('GET', `/api/requests/${id}`, f.headers.unit);
    expect(routed).toMatchObject({ stage: '派单', unitName: '区城管局', actions: ['sign', 'return'], contactPhone: '13812345678' });
    expect(routed.signDue).toBe(officialCalendar.addWorkingDays(chinaToday(), 1));
    expect(routed.answerDue).toBe(officialCalendar.addWorkingDays(chinaToday(), 5));
    const unitNotice = (await listInbox(ctx.db, f.users.unit.id, { kind: 'request.routed' })).items[0]!;
    expect(unitNotice).toMatchObject({ link: `/requests/${id}`, done_at: null });
    await call('POST', `/api/requests/${id}/actions`, f.headers.unit, { action: 'sign' });
    expect((await listInbox(ctx.db, f.users.unit.id, { kind: 'request.routed' })).items[0]!.done_at).not.toBeNull();
    await call('POST', `/api/requests/${id}/actions`, f.headers.unit, { action: 'note', note: '已联系水务公司' });
    await call('POST', `/api/requests/${id}/actions`, f.headers.unit, { action: 'answer', note: '已安排 3 日内勘查' });
    expect((await listInbox(ctx.db, f.users.firmA.id, { kind: 'request.answered' })).items).toHaveLength(1);
    // 不满意 needs a reason, then reopens to the same unit.
    await call('POST', `/api/requests/${id}/rating`, f.headers.firmA, { rating: '不满意' }, 400);
    expect(await call('POST', `/api/requests/${id}/rating`, f.headers.firmA, { rating: '不满意', comment: '没有给出具体时间' })).toEqual({
      stage: '办理',
      reopened: true,
    });
    const reopened = await call('GET', `/api/requests/${id}`, f.headers.firmA);
    expect(reopened).toMatchObject({ stage: '办理', unitName: '区城管局', reopens: 1, rating: '不满意', answeredOn: null, actions: [] });
    expect(reopened.timeline.map((e: { label: string }) => e.label)).toEqual(['受理', '派单', '签收', '办理记录', '答复', '评价', '重办']);
    // The enterprise sees the unit, not the staff member's name.
    expect(reopened.timeline.map((e: { actor: string }) => e.actor)).toEqual([
      'rq-firm-a',
      '营商办',
      '区城管局',
      '区城管局',
      '区城管局',
      'rq-firm-a',
      'rq-firm-a',
    ]);
    // Staff see the persons.
    expect((await call('GET', `/api/requests/${id}`, f.headers.office)).timeline[1].actor).toBe('rq-office');
    expect((await listInbox(ctx.db, f.users.unit.id, { kind: 'request.reopened' })).items).toHaveLength(1);
    await call('POST', `/api/requests/${id}/actions`, f.headers.unit, { action: 'answer', note: '定于下周一上午勘查' });
    expect(await call('POST', `/api/requests/${id}/rating`, f.headers.firmA, { rating: '满意' })).toEqual({ stage: '办结', reopened: false });
    expect(await call('GET', `/api/requests/${id}`, f.headers.office)).toMatchObject({ stage: '办结', closedOn: chinaToday(), rating: '满意' });
    // Audited: every step.
    const audit = await ctx.db.selectFrom('audit_log').select('action').where('entity', '=', 'request_item').where('entity_id', '=', String(id)).execute();
    expect(audit.map((a) => a.action)).toEqual([
      'requests.file',
      'requests.route',
      'requests.sign',
      'requests.note',
      'requests.answer',
      'requests.reopen',
      'requests.answer',
      'requests.rate',
    ]);
  });

  it('refuses steps out of order or by the wrong side', async () => {
    const { id } = await fileRequest(ctx.db, f.users.firmA, SAMPLE);
    await expect(actOnRequest(ctx.db, f.users.unit, id, { action: 'sign' })).rejects.toThrow('由承办单位操作');
    await expect(actOnRequest(ctx.db, f.users.office, id, { action: 'answer', note: 'x' })).rejects.toThrow('由承办单位操作');
    await expect(actOnRequest(ctx.db, f.users.office, id, { action: 'route' })).rejects.toThrow('请选择承办单位');
    await actOnRequest(ctx.db, f.users.office, id, { action: 'route', unitId: f.water });
    await expect(actOnRequest(ctx.db, f.users.office, id, { action: 'route', unitId: f.finance })).rejects.toThrow('不能派单');
    await expect(actOnRequest(ctx.db, f.users.otherUnit, id, { action: 'sign' })).rejects.toThrow('由承办单位操作');
    await expect(actOnRequest(ctx.db, f.users.unit, id, { action: 'answer', note: '已办' })).rejects.toThrow('不能答复');
    await expect(rateRequest(ctx.db, f.users.firmA, id, { rating: '满意' })).rejects.toThrow('不能评价');
    await expect(rateRequest(ctx.db, f.users.firmB, id, { rating: '满意' })).rejects.toThrow('只有提出诉求的企业可以评价');
  });

  it('counts deadlines in working days across National Day 2021 and allows 退单 only within one working day', async () => {
    const { id } = await intakeRequest(ctx.db, f.users.office, { ...SAMPLE, category: '投诉举报', channel: '电话', today: '2021-09-30' });
    await actOnRequest(ctx.db, f.users.office, id, { action: 'route', unitId: f.water, today: '2021-09-30' });
    const r = await getRequest(ctx.db, f.users.office, id, '2021-09-30');
    expect(r).toMatchObject({ channel: '电话', signDue: '2021-10-08', answerDue: '2021-10-20', signOverdue: false });
    expect((await getRequest(ctx.db, f.users.office, id, '2021-10-09')).signOverdue).toBe(true);
    // The 退单 button is gone after the window; the store refuses it too.
    expect((await getRequest(ctx.db, f.users.unit, id, '2021-10-09')).actions).toEqual(['sign']);
    await expect(actOnRequest(ctx.db, f.users.unit, id, { action: 'return', note: '非本单位职责', today: '2021-10-09' })).rejects.toThrow('2021-10-08 前');
    await expect(actOnRequest(ctx.db, f.users.unit, id, { action: 'return', today: '2021-10-08' })).rejects.toThrow('请填写退单理由');
    await actOnRequest(ctx.db, f.users.unit, id, { action: 'return', note: '属供水企业，非本单位职责', today: '2021-10-08' });
    const back = await getRequest(ctx.db, f.users.office, id, '2021-10-08');
    expect(back).toMatchObject({ stage: '受理', unitId: null, transfers: 1, signDue: null });
    expect((await listInbox(ctx.db, f.users.office.id, { kind: 'request.returned' })).items[0]!.body).toContain('属供水企业');
    // The unit no longer sees it.
    await expect(getRequest(ctx.db, f.users.unit, id)).rejects.toThrow('只能查看派给本单位的诉求');
  });

  it('makes a 问题工单 after 3 transfers and tells office and leaders', async () => {
    const { id } = await intakeRequest(ctx.db, f.users.office, { ...SAMPLE, channel: '来访', today: '2021-11-01' });
    for (let i = 1; i <= 3; i++) {
      await actOnRequest(ctx.db, f.users.office, id, { action: 'route', unitId: f.water, today: '2021-11-01' });
      expect((await getRequest(ctx.db, f.users.office, id, '2021-11-01')).escalated).toBe(false);
      await actOnRequest(ctx.db, f.users.unit, id, { action: 'return', note: `第${i}次退单`, today: '2021-11-02' });
    }
    expect((await getRequest(ctx.db, f.users.office, id, '2021-11-02')).escalated).toBe(true);
    expect((await listInbox(ctx.db, f.users.leader.id, { kind: 'request.escalated' })).items).toHaveLength(1);
    expect((await listRequests(ctx.db, f.users.office, { escalated: true }, '2021-11-02')).items.map((r) => r.id)).toEqual([id]);
  });

  it('makes a 问题工单 after 3 reopenings', async () => {
    const { id } = await fileRequest(ctx.db, f.users.firmB, { ...SAMPLE, category: '咨询', today: '2021-12-01' });
    await actOnRequest(ctx.db, f.users.office, id, { action: 'route', unitId: f.finance, today: '2021-12-01' });
    await actOnRequest(ctx.db, f.users.otherUnit, id, { action: 'sign', today: '2021-12-01' });
    for (let i = 1; i <= 3; i++) {
      await actOnRequest(ctx.db, f.users.otherUnit, id, { action: 'answer', note: `答复${i}`, today: '2021-12-02' });
      await rateRequest(ctx.db, f.users.firmB, id, { rating: '不满意', comment: `仍未解决${i}`, today: '2021-12-03' });
    }
    const r = await getRequest(ctx.db, f.users.firmB, id, '2021-12-03');
    expect(r).toMatchObject({ reopens: 3, escalated: true, stage: '办理', answerDue: '2021-12-06' }); // 咨询: 1 working day after Friday 12-03
  });

  it('shows enterprises their own requests and unit staff their units’, masks contacts for leaders', async () => {
    const mine = await listRequests(ctx.db, f.users.firmB);
    expect(mine.items.length).toBeGreaterThan(0);
    expect(mine.items.every((r) => r.enterpriseName === '乙诉求商贸有限公司')).toBe(true);
    const unitList = await listRequests(ctx.db, f.users.otherUnit);
    expect(unitList.items.every((r) => r.unitId === f.finance)).toBe(true);
    const all = await listRequests(ctx.db, f.users.office);
    expect(all.total).toBeGreaterThan(mine.total);
    const leader = await listRequests(ctx.db, f.users.leader);
    expect(leader.items.every((r) => r.contactPhone === '138****5678' && r.contactName === '张*')).toBe(true);
    expect(all.items.every((r) => r.contactPhone === '13812345678')).toBe(true);
    const first = all.items.at(-1)!;
    expect((await listRequests(ctx.db, f.users.office, { q: first.number })).items.map((r) => r.id)).toEqual([first.id]);
    await call('GET', `/api/requests/${first.id}`, f.headers.firmB, undefined, 403);
    await call('GET', '/api/requests/999999', f.headers.office, undefined, 404);
  });

  it('checks the form and the channel of an intake', async () => {
    const r = await app.inject({ method: 'POST', url: '/api/requests', headers: f.headers.firmA, payload: { ...SAMPLE, subject: ' ', contactPhone: '123' } });
    expect(r.statusCode).toBe(400);
    expect(r.json().error.details.map((d: { field: string }) => d.field)).toEqual(['subject', 'contactPhone']);
    await call('POST', '/api/requests/intake', f.headers.office, { ...SAMPLE, channel: '网上' }, 400);
    const unknownFirm = await call('POST', '/api/requests/intake', f.headers.office, { ...SAMPLE, channel: '电话', enterpriseId: 999_999 }, 400);
    expect(unknownFirm.error.details).toEqual([{ field: 'enterpriseId', message: '企业不存在' }]);
    const { id } = await call('POST', '/api/requests/intake', f.headers.office, { ...SAMPLE, channel: '监督员', enterpriseId: f.firmA });
    expect((await call('GET', `/api/requests/${id}`, f.headers.firmA)).channel).toBe('监督员');
  });

  it('lets the office change the limits; new routings use them', async () => {
    await expect(setRequestLimits(ctx.db, 'test', [{ category: '求决', signDays: 0, answerDays: 5 }])).rejects.toThrow('办理时限有误');
    const meta = await call('PUT', '/api/requests/limits', f.headers.office, { limits: [{ category: '求决', signDays: 2, answerDays: 7 }] });
    expect(meta.limits.find((l: { category: string }) => l.category === '求决')).toEqual({ category: '求决', signDays: 2, answerDays: 7 });
    const { id } = await intakeRequest(ctx.db, f.users.office, { ...SAMPLE, channel: '信函', today: '2021-09-30' });
    await actOnRequest(ctx.db, f.users.office, id, { action: 'route', unitId: f.water, today: '2021-09-30' });
    expect(await getRequest(ctx.db, f.users.office, id, '2021-09-30')).toMatchObject({ signDue: '2021-10-09', answerDue: '2021-10-15' });
    await setRequestLimits(ctx.db, 'test', [{ category: '求决', signDays: 1, answerDays: 5 }]);
  });

  it('lists the requests waiting on units for their to-do list', async () => {
    const open = await openRequestsOfUnits(ctx.db, [f.water], '2021-10-09');
    expect(open.length).toBeGreaterThan(0);
    expect(open.every((r) => r.unitId === f.water && ['签收', '答复'].includes(r.next))).toBe(true);
    expect(open.map((r) => r.due)).toEqual([...open.map((r) => r.due)].sort());
    expect(await openRequestsOfUnits(ctx.db, [], '2021-10-09')).toEqual([]);
  });
});
