import type { FastifyInstance } from 'fastify';
import { beforeAll, expect, it } from 'vitest';
import { createTestApp, loginAs } from '../../test/app.js';
import { describeStore } from '../../test/db.js';
import { loadSessionUser, type SessionUser } from '../auth/index.js';
import { chinaToday } from '../calendar/index.js';
import { completeCreditCode, createEnterprise } from '../enterprises/index.js';
import { listInbox } from '../inbox/index.js';
import { addMeetingIssue, createMeeting, getMeeting, listMeetings } from './meeting-store.js';
import { fileReport, listReporters, registerReporter, setReporterActive, updateReporter } from './reporter-store.js';
import { actOnRequest, getRequest, listRequests, rateRequest } from './request-store.js';
import { SAMPLE, seedRequests, type RequestFixture } from './testing.js';
import { listKeyFirms, listPlans, listVisits, needToRequest, planPeriod, recordVisit, setKeyFirm, updatePlan, visitCoverage } from './visit-store.js';

describeStore('政企沟通 and 回访', (ctx) => {
  let app: FastifyInstance;
  let f: RequestFixture;
  let firmC: number;
  const userOf = async (account: string): Promise<SessionUser> =>
    loadSessionUser(ctx.db, (await ctx.db.selectFrom('app_user').select('id').where('account', '=', account).executeTakeFirstOrThrow()).id);
  beforeAll(async () => {
    app = await createTestApp(ctx);
    f = await seedRequests(app, ctx);
    firmC = (
      await createEnterprise(
        ctx.db,
        { creditCode: completeCreditCode('91500103MA5UR103A'), name: '丙招商制造有限公司', industryCode: '3511', employees: 80, revenue: 9000 },
        'test',
      )
    ).id;
  });

  it('registers a 监督员 with an account; the report becomes a request (channel 监督员) only they and staff see', async () => {
    const { id, oneTimePassword } = await registerReporter(ctx.db, f.users.office, {
      account: 'jdy-wang',
      name: '王监督',
      kind: '监督员',
      organisation: '区人大代表',
      phone: '13900001111',
    });
    expect(oneTimePassword).toMatch(/\S{8,}/);
    await expect(registerReporter(ctx.db, f.users.office, { account: 'jdy-x', name: '', kind: '专家', organisation: '', phone: '123' })).rejects.toThrow(
      '信息有误',
    );
    const sup = await loadSessionUser(ctx.db, id);
    expect(sup.role).toBe('supervisor');
    const filed = await fileReport(ctx.db, sup, {
      category: '投诉举报',
      subject: '某窗口要求重复提交材料',
      description: '办理营业执照变更时被要求重复提交材料。',
    });
    const r = await getRequest(ctx.db, sup, filed.id);
    expect(r).toMatchObject({ channel: '监督员', contactName: '王监督', contactPhone: '13900001111', stage: '受理' });
    // The timeline shows 营商办, not the staff member, once routed.
    await actOnRequest(ctx.db, f.users.office, filed.id, { action: 'route', unitId: f.water });
    expect((await getRequest(ctx.db, sup, filed.id)).timeline.map((e) => e.actor)).toEqual(['王监督', '营商办']);
    // Own reports only.
    const other = await fileReport(ctx.db, sup, { category: '建议', subject: '建议延长窗口午间服务', description: '午间增设服务窗口。' });
    await loginAs(app, ctx, { account: 'rq-sup-b', role: 'supervisor' });
    const unregistered = await userOf('rq-sup-b');
    await expect(fileReport(ctx.db, unregistered, { category: '建议', subject: 'x', description: 'y' })).rejects.toThrow('尚未登记');
    expect((await listRequests(ctx.db, unregistered)).total).toBe(0);
    await expect(getRequest(ctx.db, unregistered, other.id)).rejects.toThrow('只能查看本人反映的问题');
    expect((await listRequests(ctx.db, sup)).items.map((i) => i.id)).toEqual([other.id, filed.id]);
    // The register counts the reports.
    expect((await listReporters(ctx.db)).find((p) => p.id === id)).toMatchObject({ name: '王监督', kind: '监督员', reports: 2, closed: 0 });
  });

  it('lets the 监督员 rate the answer to their own report (not the firm named in it, nor another reporter)', async () => {
    const { id } = await registerReporter(ctx.db, f.users.office, {
      account: 'jdy-zhao',
      name: '赵监督',
      kind: '监督员',
      organisation: '区政协委员',
      phone: '13900005555',
    });
    const sup = await loadSessionUser(ctx.db, id);
    const filed = await fileReport(ctx.db, sup, {
      category: '求决',
      subject: '企业反映报装排队过长',
      description: '用水报装排队两个月。',
      enterpriseId: f.firmA,
    });
    await actOnRequest(ctx.db, f.users.office, filed.id, { action: 'route', unitId: f.water });
    await actOnRequest(ctx.db, f.users.unit, filed.id, { action: 'sign' });
    await actOnRequest(ctx.db, f.users.unit, filed.id, { action: 'answer', note: '已协调加快报装' });
    // The reporter is told and may rate; the firm named in the report sees it but does not rate.
    const told = async (userId: number) =>
      (await listInbox(ctx.db, userId, { kind: 'request.answered' })).items.filter((n) => n.link?.endsWith(`/${filed.id}`)).length;
    expect([await told(id), await told(f.users.firmA.id)]).toEqual([1, 0]);
    expect((await getRequest(ctx.db, sup, filed.id)).actions).toEqual(['rate']);
    expect((await getRequest(ctx.db, f.users.firmA, filed.id)).actions).toEqual([]);
    await expect(rateRequest(ctx.db, f.users.firmA, filed.id, { rating: '满意' })).rejects.toThrow('监督员、专家反映的问题由本人评价');
    const other = await registerReporter(ctx.db, f.users.office, {
      account: 'jdy-qian',
      name: '钱监督',
      kind: '监督员',
      organisation: '区人大代表',
      phone: '13900006666',
    });
    await expect(rateRequest(ctx.db, await loadSessionUser(ctx.db, other.id), filed.id, { rating: '满意' })).rejects.toThrow('只能评价本人反映问题的答复');
    // 不满意 reopens to the same unit; after the second answer 满意 closes it.
    expect(await rateRequest(ctx.db, sup, filed.id, { rating: '不满意', comment: '仍在排队' })).toEqual({ stage: '办理', reopened: true });
    await actOnRequest(ctx.db, f.users.unit, filed.id, { action: 'answer', note: '已完成报装' });
    expect(await rateRequest(ctx.db, sup, filed.id, { rating: '满意' })).toEqual({ stage: '办结', reopened: false });
    const done = await getRequest(ctx.db, sup, filed.id);
    expect(done).toMatchObject({ stage: '办结', rating: '满意', reopens: 1 });
    expect(done.timeline.filter((e) => e.action === 'rate').map((e) => e.actor)).toEqual(['赵监督', '赵监督']);
    // Through the route too (role check lets supervisors in; the store decides whose report it is).
    const res = await app.inject({
      method: 'POST',
      url: `/api/requests/${filed.id}/rating`,
      headers: await loginAs(app, ctx, { account: 'rq-sup-c', role: 'supervisor' }),
      payload: { rating: '满意' },
    });
    expect(res.statusCode).toBe(403);
  });

  it('lets the office edit and 停用 a register row (audited); a deactivated person can neither report nor log in', async () => {
    const { id } = await registerReporter(ctx.db, f.users.office, {
      account: 'zj-li',
      name: '李专家',
      kind: '专家',
      organisation: '重庆大学',
      phone: '13900002222',
    });
    await updateReporter(ctx.db, f.users.office, id, {
      name: '李顾问',
      kind: '专家',
      organisation: '西南政法大学',
      expertise: '营商法治',
      phone: '13900003333',
    });
    await expect(updateReporter(ctx.db, f.users.office, id, { name: ' ', kind: '专家', organisation: '', phone: '12' })).rejects.toThrow('信息有误');
    expect((await listReporters(ctx.db)).find((p) => p.id === id)).toMatchObject({
      name: '李顾问',
      organisation: '西南政法大学',
      expertise: '营商法治',
      phone: '13900003333',
      active: true,
      deactivatedOn: null,
    });
    const sup = await loadSessionUser(ctx.db, id);
    expect((await fileReport(ctx.db, sup, { category: '建议', subject: '建议简化材料', description: '材料可共享。' })).id).toBeGreaterThan(0);
    await setReporterActive(ctx.db, f.users.office, id, false, '2026-03-02');
    expect((await listReporters(ctx.db)).find((p) => p.id === id)).toMatchObject({ active: false, deactivatedOn: '2026-03-02', reports: 1 });
    await expect(fileReport(ctx.db, sup, { category: '建议', subject: '再次反映', description: '再次反映。' })).rejects.toThrow('已停用');
    const account = await ctx.db.selectFrom('app_user').select('active').where('id', '=', id).executeTakeFirstOrThrow();
    expect(account.active).toBe(false);
    const audit = await ctx.db.selectFrom('audit_log').select('action').where('entity', '=', 'request_reporter').where('entity_id', '=', String(id)).execute();
    expect(audit.map((a) => a.action).sort()).toEqual(['requests.reporter.deactivate', 'requests.reporter.register', 'requests.reporter.update']);
    await setReporterActive(ctx.db, f.users.office, id, true);
    expect((await listReporters(ctx.db)).find((p) => p.id === id)).toMatchObject({ active: true, deactivatedOn: null });
  });

  it('records a 政企座谈会; each issue becomes a request (座谈会) and the meeting counts those closed', async () => {
    const { id } = await createMeeting(ctx.db, f.users.office, {
      title: '二季度民营企业座谈会',
      heldOn: '2026-04-20',
      place: '区政府 3 楼会议室',
      hostUnitId: f.finance,
      unitIds: [f.water],
      enterpriseIds: [f.firmA],
      minutes: '企业反映用水报装和融资问题。',
    });
    await expect(
      createMeeting(ctx.db, f.users.office, { title: '', heldOn: '2026-13-01', place: 'x', hostUnitId: 999999, unitIds: [], enterpriseIds: [999999] }),
    ).rejects.toThrow('座谈会信息有误');
    const a = await addMeetingIssue(ctx.db, f.users.office, id, { ...SAMPLE, enterpriseId: f.firmA });
    const b = await addMeetingIssue(ctx.db, f.users.office, id, { ...SAMPLE, category: '咨询', subject: '贴息政策申报口径' });
    // Only firms that attended.
    await expect(addMeetingIssue(ctx.db, f.users.office, id, { ...SAMPLE, enterpriseId: f.firmB })).rejects.toThrow('座谈会问题信息有误');
    expect((await getRequest(ctx.db, f.users.office, a.id)).channel).toBe('座谈会');
    expect((await getRequest(ctx.db, f.users.firmA, a.id)).timeline[0]!.note).toContain('二季度民营企业座谈会');
    // Close one: route, sign, answer, 满意.
    await actOnRequest(ctx.db, f.users.office, a.id, { action: 'route', unitId: f.water });
    await actOnRequest(ctx.db, f.users.unit, a.id, { action: 'sign' });
    await actOnRequest(ctx.db, f.users.unit, a.id, { action: 'answer', note: '已安排勘查' });
    await rateRequest(ctx.db, f.users.firmA, a.id, { rating: '满意' });
    const m = await getMeeting(ctx.db, f.users.office, id);
    expect(m).toMatchObject({ hostUnitName: '区财政局', closed: 1, units: [{ name: '区城管局' }], enterprises: [{ name: '甲诉求科技有限公司' }] });
    expect(m.issues.map((i) => [i.id, i.stageLabel])).toEqual([
      [a.id, '已办结'],
      [b.id, '已受理'],
    ]);
    expect((await listMeetings(ctx.db, f.users.leader)).find((x) => x.id === id)).toMatchObject({ issues: 2, closed: 1 });
    // Unit staff see meetings their units hosted or attended.
    expect((await listMeetings(ctx.db, f.users.unit)).map((x) => x.id)).toContain(id);
    const other = await createMeeting(ctx.db, f.users.office, {
      title: '金融座谈会',
      heldOn: '2026-05-08',
      place: '区金融办',
      hostUnitId: f.finance,
      unitIds: [],
      enterpriseIds: [],
    });
    expect((await listMeetings(ctx.db, f.users.unit)).map((x) => x.id)).not.toContain(other.id);
    await expect(getMeeting(ctx.db, f.users.unit, other.id)).rejects.toThrow('本单位主办或参加');
  });

  it('plans quarters, records visits with needs that become requests (走访), and computes 全覆盖回访 per unit', async () => {
    await setKeyFirm(ctx.db, f.users.office, f.firmA, { unitId: f.water, since: '2026-01-05' });
    await setKeyFirm(ctx.db, f.users.office, firmC, { unitId: f.water, since: '2026-01-05' });
    await setKeyFirm(ctx.db, f.users.office, f.firmB, { unitId: f.finance, since: '2026-05-01' });
    expect((await listKeyFirms(ctx.db, f.users.unit)).map((k) => k.enterpriseName).sort()).toEqual(['丙招商制造有限公司', '甲诉求科技有限公司'].sort());
    // Q1: firmB was not yet a key firm.
    expect(await planPeriod(ctx.db, f.users.office, '2026Q1')).toEqual({ added: 2 });
    expect(await planPeriod(ctx.db, f.users.office, '2026Q1')).toEqual({ added: 0 });
    const plans = await listPlans(ctx.db, f.users.unit, '2026Q1');
    await updatePlan(ctx.db, f.users.unit, plans[0]!.id, { plannedOn: '2026-02-10', visitors: '王五' });
    await expect(updatePlan(ctx.db, f.users.unit, plans[0]!.id, { plannedOn: '2026-04-10' })).rejects.toThrow('本季度内');
    await expect(updatePlan(ctx.db, f.users.otherUnit, plans[0]!.id, { plannedOn: '2026-02-10' })).rejects.toThrow('本单位');
    const visit = {
      enterpriseId: f.firmA,
      visitedOn: '2026-02-11',
      method: '上门' as const,
      visitors: '王五、赵六',
      contactName: '李总',
      contactPhone: '13800002222',
      findings: '企业已投产，产值稳定。',
      needs: ['希望协调周边道路停车位', '  '],
    };
    await expect(recordVisit(ctx.db, f.users.otherUnit, visit)).rejects.toThrow('本单位负责');
    await expect(recordVisit(ctx.db, f.users.unit, { ...visit, enterpriseId: f.firmB })).rejects.toThrow('本单位负责');
    await expect(recordVisit(ctx.db, f.users.office, { ...visit, enterpriseId: 999999 })).rejects.toThrow('回访记录有误');
    const { id: visitId } = await recordVisit(ctx.db, f.users.unit, visit);
    const [v] = await listVisits(ctx.db, f.users.unit, { period: '2026Q1' });
    expect(v).toMatchObject({ id: visitId, unitName: '区城管局', method: '上门', needs: [{ text: '希望协调周边道路停车位', requestId: null }] });
    // The firm's contact in full for the unit in charge and the office, masked for leaders.
    expect(v).toMatchObject({ contactName: '李总', contactPhone: '13800002222' });
    expect((await listVisits(ctx.db, f.users.leader, { period: '2026Q1' }))[0]).toMatchObject({ contactName: '李*', contactPhone: '138****2222' });
    const filed = await needToRequest(ctx.db, f.users.unit, visitId, v!.needs[0]!.id, { category: '求决' });
    await expect(needToRequest(ctx.db, f.users.unit, visitId, v!.needs[0]!.id, { category: '求决' })).rejects.toThrow('已转为诉求');
    expect(await getRequest(ctx.db, f.users.firmA, filed.id)).toMatchObject({ channel: '走访', subject: '希望协调周边道路停车位', contactName: '李总' });
    expect((await listVisits(ctx.db, f.users.office, {}))[0]!.needs[0]!).toMatchObject({ requestNumber: filed.number, requestStage: '已受理' });
    // Coverage, by hand: Q1 区城管局 2 key firms, 2 planned, 1 visited → 50 %; 区财政局 none yet (flagged in May).
    const q1 = await visitCoverage(ctx.db, f.users.leader, '2026Q1');
    expect(q1.units).toEqual([{ unitId: f.water, unitName: '区城管局', keyFirms: 2, planned: 2, visited: 1, rate: 50, unvisited: ['丙招商制造有限公司'] }]);
    // Q2: firmB counts for 区财政局; a visit of Q1 does not count in Q2.
    await recordVisit(ctx.db, f.users.office, { ...visit, enterpriseId: f.firmB, visitedOn: '2026-05-06', method: '视频', needs: [] });
    const q2 = await visitCoverage(ctx.db, f.users.leader, '2026Q2');
    expect(q2.units.map((u) => [u.unitName, u.keyFirms, u.planned, u.visited, u.rate])).toEqual([
      ['区城管局', 2, 0, 0, 0],
      ['区财政局', 1, 0, 1, 100],
    ]);
    expect(q2.total).toEqual({ keyFirms: 3, visited: 1, rate: 33.3 });
    // Unit staff see their units' row only.
    expect((await visitCoverage(ctx.db, f.users.otherUnit, '2026Q2')).units.map((u) => u.unitName)).toEqual(['区财政局']);
    await expect(visitCoverage(ctx.db, f.users.leader, '2026Q5')).rejects.toThrow('季度');
    // A visit in the future is refused.
    await expect(recordVisit(ctx.db, f.users.unit, { ...visit, visitedOn: '2999-01-01' })).rejects.toThrow('回访记录有误');
    expect(chinaToday() >= '2026-05-06').toBe(true);
  });
});
