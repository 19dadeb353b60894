import type { FastifyInstance } from 'fastify';
import { beforeAll, expect, it } from 'vitest';
import { createTestApp, loginAs, multipart, type SessionHeaders } from '../../test/app.js';
import { describeStore } from '../../test/db.js';
import { loadSessionUser, type SessionUser } from '../auth/index.js';
import { chinaToday, loadCalendar } from '../calendar/index.js';
import { intakeRequest } from '../requests/index.js';
import { commitDraw, runStoredDraw, setSeedInputs } from './draw-store.js';
import { createExemption } from './exemption-store.js';
import { inspectionFigures, inspectionSignals } from './figures-store.js';
import {
  addEvidence,
  correctResult,
  firstOffenceCounts,
  linkInspectorAccount,
  listResults,
  myChecks,
  publicResults,
  publishResults,
  recordResult,
} from './result-store.js';
import { seedResultDemo } from './result-demo.js';
import { measureSignals } from './measure-signals.js';
import { addTask, approvePlan, createPlan, publishPlan } from './plan-store.js';
import { EMPTY_SCOPE } from './core/index.js';
import { createRiskRule, evaluateRiskFlags, listRiskFlags, respondRiskFlag } from './risk-store.js';
import { jointDraw, seedInspections, type InspectionFixture } from './testing.js';

const today = chinaToday();
const PDF = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');

describeStore('inspections results, publication and 风险预警', (ctx) => {
  let app: FastifyInstance;
  let f: InspectionFixture;
  let drawId: number;
  let inspector: SessionUser;
  let inspectorHeaders: SessionHeaders;
  let objectKey: string;
  let objectName: string;
  let firstOffence: number;
  const audits = async (action: string) =>
    Number(
      (
        await ctx.db
          .selectFrom('audit_log')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .where('action', '=', action)
          .executeTakeFirstOrThrow()
      ).n,
    );
  const record = (over: object = {}) => ({
    drawId,
    objectKey,
    itemId: f.marketItem,
    category: 'corrected',
    notes: '经营场所未公示食品经营许可证',
    rectifyDays: 10,
    transferUnitId: null,
    transferNote: null,
    exemptionId: null,
    ...over,
  });

  beforeAll(async () => {
    app = await createTestApp(ctx);
    f = await seedInspections(app, ctx);
    drawId = (await commitDraw(ctx.db, f.users.office, jointDraw(f, today))).id;
    await setSeedInputs(ctx.db, f.users.office, drawId, { witnessNumbers: ['17', '42'], lotteryResult: '03 07 12 19 25 31 + 09' });
    await runStoredDraw(ctx.db, f.users.office, drawId);
    const a = await ctx.db
      .selectFrom('inspection_assignment')
      .select(['object_key', 'object_name', 'inspector_id'])
      .where('draw_id', '=', drawId)
      .where('unit_id', '=', f.market)
      .orderBy('position')
      .executeTakeFirstOrThrow();
    objectKey = a.object_key;
    objectName = a.object_name;
    inspectorHeaders = await loginAs(app, ctx, { account: 'in-inspector', role: 'unit_staff', units: ['区市场监管局'] });
    inspector = await loadSessionUser(
      ctx.db,
      (await ctx.db.selectFrom('app_user').select('id').where('account', '=', 'in-inspector').executeTakeFirstOrThrow()).id,
    );
    await linkInspectorAccount(ctx.db, f.users.office, a.inspector_id, 'in-inspector');
    firstOffence = (
      await createExemption(ctx.db, 'test', {
        unitId: f.market,
        item: '未在经营场所显著位置悬挂食品经营许可证',
        kind: '首违不罚',
        conditions: '初次违法、危害后果轻微并及时改正',
        violatedBasis: '《食品经营许可和备案管理办法》',
        exemptionBasis: '《行政处罚法》第三十三条第一款',
      })
    ).id;
  });

  it('links an inspector to a login of the same unit only', async () => {
    const a = await ctx.db
      .selectFrom('inspection_assignment')
      .select('inspector_id')
      .where('draw_id', '=', drawId)
      .where('unit_id', '=', f.health)
      .executeTakeFirstOrThrow();
    await expect(linkInspectorAccount(ctx.db, f.users.office, a.inspector_id, 'in-inspector')).rejects.toMatchObject({ statusCode: 400 });
    await expect(linkInspectorAccount(ctx.db, f.users.otherUnit, a.inspector_id, null)).rejects.toMatchObject({ statusCode: 403 });
    const mine = await myChecks(ctx.db, inspector);
    expect(mine.linked).toBe(true);
    expect(mine.checks.find((c) => c.objectKey === objectKey)?.items.map((i) => i.itemName)).toEqual(['食品经营许可情况检查']); // own department's item only
    expect((await myChecks(ctx.db, f.users.unit)).linked).toBe(false);
  });

  it('lets only the assigned inspector record, for an item of the inspector’s department, with what the category needs', async () => {
    await expect(recordResult(ctx.db, f.users.unit, record())).rejects.toMatchObject({ statusCode: 403 });
    await expect(recordResult(ctx.db, inspector, record({ itemId: f.healthItem }))).rejects.toMatchObject({ statusCode: 403 });
    await expect(recordResult(ctx.db, inspector, record({ rectifyDays: null }))).rejects.toMatchObject({ statusCode: 400 });
    const res = await app.inject({
      method: 'POST',
      url: '/api/inspections/checks/results',
      headers: inspectorHeaders,
      payload: record({ exemptionId: firstOffence }),
    });
    expect(res.statusCode).toBe(200);
    expect(res.json().producedOn).toBe(today);
    const list = await listResults(ctx.db, f.users.unit, {});
    expect(list.items).toHaveLength(1);
    const cal = await loadCalendar(ctx.db);
    expect(list.items[0]).toMatchObject({
      objectName,
      categoryLabel: '发现问题已责令改正',
      rectifyDue: cal.addWorkingDays(today, 10),
      due: cal.addWorkingDays(today, 20),
      overdue: false,
      canEdit: true,
      inspectorName: expect.any(String),
      exemptionText: '首违不罚：未在经营场所显著位置悬挂食品经营许可证',
    });
    expect((await listResults(ctx.db, f.users.otherUnit, {})).total).toBe(0);
    expect(await audits('inspections.result.record')).toBe(1);
  });

  it('keeps evidence files checked by content', async () => {
    const [r] = (await listResults(ctx.db, f.users.office, {})).items;
    await expect(addEvidence(ctx.db, ctx.dataDir, inspector, r!.id, '现场.pdf', Buffer.from('not a pdf'))).rejects.toMatchObject({ statusCode: 400 });
    await expect(addEvidence(ctx.db, ctx.dataDir, inspector, r!.id, '现场.exe', PDF)).rejects.toMatchObject({ statusCode: 400 });
    const up = multipart('现场笔录.pdf', PDF);
    const res = await app.inject({
      method: 'POST',
      url: `/api/inspections/checks/results/${r!.id}/files`,
      headers: { ...inspectorHeaders, ...up.headers },
      payload: up.payload,
    });
    expect(res.statusCode).toBe(200);
    const dl = await app.inject({ url: `/api/inspections/checks/results/${r!.id}/files/${res.json().id}`, headers: f.headers.unit });
    expect(dl.statusCode).toBe(200);
    expect(dl.rawPayload.equals(PDF)).toBe(true);
    expect((await app.inject({ url: `/api/inspections/checks/results/${r!.id}/files/${res.json().id}`, headers: f.headers.otherUnit })).statusCode).toBe(403);
  });

  it('lets the department correct before publication, tracks the 20 working days, publishes, then freezes', async () => {
    const [r] = (await listResults(ctx.db, f.users.office, {})).items;
    await expect(correctResult(ctx.db, f.users.otherUnit, r!.id, { ...record(), category: 'no_problem' })).rejects.toMatchObject({ statusCode: 403 });
    await correctResult(ctx.db, f.users.unit, r!.id, {
      category: 'corrected',
      notes: '未公示许可证，已当场责令改正',
      rectifyDays: 5,
      transferUnitId: f.health,
      transferNote: '涉及公共场所卫生，移交区卫生健康委',
      exemptionId: firstOffence,
    });
    expect(await audits('inspections.result.correct')).toBe(1);
    const cal = await loadCalendar(ctx.db);
    const late = cal.addWorkingDays(today, 21);
    const later = await listResults(ctx.db, f.users.office, { state: 'overdue' }, { today: late });
    expect(later).toMatchObject({ overdue: 1, unpublished: 1, total: 1 });
    expect(later.items[0]).toMatchObject({ overdue: true, workingDaysLeft: -1, transferUnitName: '区卫生健康委' });
    expect((await listResults(ctx.db, f.users.office, { state: 'overdue' }, { today: cal.addWorkingDays(today, 20) })).total).toBe(0);
    const sig = await inspectionSignals(ctx.db, Number(today.slice(0, 4)), late);
    expect(sig.signals.map((s) => s.measureNumber).filter((n) => n === 33 || n === 34)).toEqual([34]);
    expect((await publicResults(ctx.db, {})).total).toBe(0);
    await expect(publishResults(ctx.db, f.users.otherUnit, [r!.id])).rejects.toMatchObject({ statusCode: 403 });
    expect(await publishResults(ctx.db, f.users.unit, [r!.id])).toEqual({ published: 1 });
    await expect(publishResults(ctx.db, f.users.unit, [r!.id])).rejects.toMatchObject({ statusCode: 409 });
    await expect(recordResult(ctx.db, inspector, record())).rejects.toMatchObject({ statusCode: 409 });
    await expect(correctResult(ctx.db, f.users.office, r!.id, record())).rejects.toMatchObject({ statusCode: 409 });
    expect((await inspectionSignals(ctx.db, Number(today.slice(0, 4)), late)).signals.filter((x) => x.measureNumber === 33 || x.measureNumber === 34)).toEqual(
      [],
    );
  });

  it('serves the published results publicly: no notes, no follow-up, inspectors by name and 执法证号 only', async () => {
    const res = await app.inject({ url: `/api/inspections/public/results?q=${encodeURIComponent(objectName.slice(0, 6))}` });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.total).toBe(1);
    expect(body.items[0]).toMatchObject({
      objectName,
      itemName: '食品经营许可情况检查',
      unitName: '区市场监管局',
      categoryLabel: '发现问题已责令改正',
      publishedOn: today,
    });
    expect(Object.keys(body.items[0].inspectors[0]).sort()).toEqual(['certNo', 'name']);
    expect(res.body).not.toContain('移交');
    expect(res.body).not.toContain('未公示许可证');
    expect(await firstOffenceCounts(ctx.db, { publishedOnly: true })).toEqual([{ unitName: '区市场监管局', count: 1 }]);
    const fo = await app.inject({ url: '/api/inspections/public/results/first-offence' });
    expect(fo.json()).toEqual([{ unitName: '区市场监管局', count: 1 }]);
  });

  it('counts per department and task, the joint share and the workload', async () => {
    const fig = await inspectionFigures(ctx.db, f.users.office, Number(today.slice(0, 4)), today);
    const market = fig.departments.find((d) => d.unitName === '区市场监管局')!;
    expect(market).toMatchObject({ objects: 3, inspected: 1, problems: 1, results: 1, publishedOnTime: 1, jointShare: 100 });
    expect(fig.district).toMatchObject({ draws: 1, jointDraws: 1, jointShare: 100 });
    expect(fig.tasks.map((t) => [t.unitName, t.lead])).toEqual([
      ['区市场监管局', true],
      ['区卫生健康委', false],
    ]);
    expect(fig.workload.reduce((s, w) => s + w.checks, 0)).toBe(6); // 3 objects × one inspector per department
    expect(fig.firstOffence).toEqual([{ unitName: '区市场监管局', count: 1 }]);
    const mine = await inspectionFigures(ctx.db, f.users.otherUnit, Number(today.slice(0, 4)), today);
    expect(mine.departments).toEqual([]);
  });

  it('flags objects under the office’s rules and pushes them to the department concerned; answers are audited', async () => {
    // Three requests about another firm (unrouted: to the office).
    const firm = f.firms[5]!;
    for (let i = 0; i < 3; i++)
      await intakeRequest(ctx.db, f.users.office, {
        category: '投诉举报',
        channel: '电话',
        subject: `举报${i}`,
        description: '无证经营',
        contactName: '张三',
        contactPhone: '13800000000',
        enterpriseId: firm,
      });
    await expect(createRiskRule(ctx.db, 'test', { kind: 'requests', months: null, minCount: 0, days: 30, active: true, note: null })).rejects.toMatchObject({
      statusCode: 400,
    });
    const r = await evaluateRiskFlags(ctx.db, today);
    expect(r.newFlags).toBe(2);
    const flags = await listRiskFlags(ctx.db, f.users.office);
    expect(flags.map((x) => [x.unitName, x.reasons[0]!.split('（')[0]]).sort()).toEqual([
      ['区市场监管局', '近 12 个月内抽查发现问题'],
      ['营商办（未找到主管部门）', '90 日内企业诉求'],
    ]);
    const notes = await ctx.db.selectFrom('notification').select(['user_id', 'link']).where('kind', '=', 'inspection.risk').execute();
    expect(notes.length).toBeGreaterThan(0);
    // Evaluated again: nothing new pushed.
    expect((await evaluateRiskFlags(ctx.db, today)).newFlags).toBe(0);
    const mine = await listRiskFlags(ctx.db, f.users.unit);
    expect(mine).toHaveLength(1);
    await expect(respondRiskFlag(ctx.db, f.users.otherUnit, mine[0]!.id, '已核查')).rejects.toMatchObject({ statusCode: 403 });
    await respondRiskFlag(ctx.db, f.users.unit, mine[0]!.id, '已实地核查，责令整改');
    expect((await listRiskFlags(ctx.db, f.users.unit, { open: true })).length).toBe(0);
    expect(await audits('inspections.risk.respond')).toBe(1);
  });

  it('adds labelled demo results once per draw', async () => {
    const d2 = (await commitDraw(ctx.db, f.users.office, jointDraw(f, today, { title: '演示抽查' }))).id;
    await setSeedInputs(ctx.db, f.users.office, d2, { witnessNumbers: ['1', '2'], lotteryResult: '01 02' });
    await runStoredDraw(ctx.db, f.users.office, d2);
    const r = await seedResultDemo(ctx.db, { seed: 7, actor: 'demo', drawIds: [d2] });
    expect(r.results).toBe(6); // 3 objects × one item per department
    // The draw ran today: results produced today, the on-time ones published today (the public page is not empty).
    expect(r.published).toBeGreaterThan(0);
    expect((await seedResultDemo(ctx.db, { seed: 7, actor: 'demo', drawIds: [d2] })).results).toBe(0);
    const rows = await ctx.db.selectFrom('insp_result').select(['is_demo', 'produced_on', 'published_on']).where('draw_id', '=', d2).execute();
    expect(rows.every((x) => x.is_demo && x.produced_on <= today && (x.published_on ?? today) <= today)).toBe(true);
  });

  it('signals measures 31, 32 and 35 from the plan, the credit classes and the 免罚清单, from the first year in use', async () => {
    const year = Number(today.slice(0, 4));
    const keys = async (asOf: string, y = year) => (await measureSignals(ctx.db, y, asOf)).map((s) => `${s.measureNumber}:${s.key}`).sort();
    // A draw ran this year, no joint plan, no credit classification yet; the 免罚清单 has an entry.
    expect(await keys(`${year}-12-31`)).toEqual(['31:inspection-plan-missing', '32:inspection-credit-stale']);
    expect(await keys(`${year}-03-31`)).toEqual(['32:inspection-credit-stale']); // the plan is due by the end of the first quarter
    expect(await keys(`${year - 1}-12-31`, year - 1)).toEqual([]); // before the platform was used: not judged
    // Through the ledger's entry point too.
    expect((await inspectionSignals(ctx.db, year, `${year}-12-31`)).signals.map((s) => s.measureNumber)).toEqual(expect.arrayContaining([31, 32]));
    // A published plan whose task's window has ended without a draw: still off track, now for that task.
    const planId = (await createPlan(ctx.db, f.users.office, { year, title: `${year}年度联合抽查计划` })).id;
    await addTask(ctx.db, f.users.office, planId, {
      title: '一季度食品经营抽查',
      leadUnitId: f.market,
      jointUnitIds: [],
      itemIds: [f.marketItem],
      scope: { ...EMPTY_SCOPE },
      shares: [],
      windowFrom: `${year}-01-01`,
      windowTo: `${year}-02-28`,
      note: null,
    });
    await approvePlan(ctx.db, f.users.office, planId);
    await publishPlan(ctx.db, f.users.office, planId);
    const undrawn = (await measureSignals(ctx.db, year, `${year}-12-31`)).find((s) => s.measureNumber === 31)!;
    expect([undrawn.key, undrawn.message]).toEqual(['inspection-tasks-undrawn', '1 项年度联合抽查任务已过抽查时间仍未抽取：一季度食品经营抽查']);
    // Credit classes imported (dated today): no longer stale for a year; stale again 12 months later.
    await ctx.db
      .insertInto('insp_credit_record')
      .values({ enterprise_id: f.firms[0]!, class_code: 'B', effective_on: today, kind: 'assessment', source: '测试', note: null, recorded_by: 'test' })
      .execute();
    expect(await keys(`${year}-12-31`)).toEqual(['31:inspection-tasks-undrawn']);
    const stale = (await measureSignals(ctx.db, year + 1, `${year + 1}-12-31`)).find((s) => s.measureNumber === 32);
    expect(stale?.message).toMatch(new RegExp(`超过 12 个月未更新（最近一次 ${today}）`));
    // No active entry in the 免罚清单: measure 35.
    await ctx.db.updateTable('insp_exemption').set({ active: false }).execute();
    expect(await keys(`${year}-12-31`)).toEqual(['31:inspection-tasks-undrawn', '35:inspection-exemptions-missing']);
    await ctx.db.updateTable('insp_exemption').set({ active: true }).execute();
  });
});
