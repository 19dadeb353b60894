import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestApp } from '../../test/app.js';
import { describeStore } from '../../test/db.js';
import { chinaToday } from '../calendar/index.js';
import { completeCreditCode, createEnterprise } from '../enterprises/index.js';
import { EMPTY_SCOPE, type PlanTaskInput } from './core/index.js';
import { useCreditClassesForDraws } from './credit-draw.js';
import { createInspector, createItem } from './directory-store.js';
import { seedInspectorLoginDemo, DEMO_INSPECTOR_ACCOUNT } from './inspector-login-demo.js';
import { seedResultDemo } from './result-demo.js';
import { myChecks } from './result-store.js';
import { findAccountId, loadSessionUser } from '../auth/index.js';
import { drawProof, getDraw, runStoredDraw, setCreditClassSource, setSeedInputs } from './draw-store.js';
import {
  addTask,
  approvePlan,
  createPlan,
  createTaskDraw,
  decideProposal,
  deleteTask,
  getPlan,
  getPlanVersion,
  listProposals,
  publicPlan,
  publishPlan,
  submitProposal,
  updateTask,
} from './plan-store.js';
import { seedInspections, type InspectionFixture } from './testing.js';

const today = chinaToday();
const year = Number(today.slice(0, 4));

describeStore('annual joint plan store', (ctx) => {
  let app: FastifyInstance;
  let f: InspectionFixture;
  let financeItem: number;
  let planId: number;
  beforeAll(async () => {
    app = await createTestApp(ctx);
    f = await seedInspections(app, ctx);
    // A third department with inspectors, for a task with two joint departments.
    for (const k of ['F1', 'F2'])
      await createInspector(ctx.db, f.users.office, {
        unitId: f.finance,
        name: `检查员${k}`,
        certNo: `5001030${k}00`,
        fields: [],
        active: true,
        relations: [],
      });
    financeItem = (
      await createItem(ctx.db, f.users.office, {
        unitId: f.finance,
        name: '财会监督检查',
        legalBasis: '《会计法》第三十三条',
        objectScope: '企业',
        method: '书面检查',
        active: true,
      })
    ).id;
    useCreditClassesForDraws();
  });
  afterAll(() => setCreditClassSource(null));

  const audits = async (prefix: string) =>
    Number(
      (
        await ctx.db
          .selectFrom('audit_log')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .where('action', 'like', `${prefix}%`)
          .executeTakeFirstOrThrow()
      ).n,
    );
  const task = (over: Partial<PlanTaskInput> = {}): PlanTaskInput => ({
    title: '食品经营与公共场所卫生联合抽查',
    leadUnitId: f.market,
    jointUnitIds: [f.health],
    itemIds: [f.marketItem, f.healthItem],
    scope: { ...EMPTY_SCOPE },
    shares: [],
    windowFrom: `${year}-01-01`,
    windowTo: `${year}-12-31`,
    note: null,
    ...over,
  });

  it('assembles the plan from proposals: a department proposes its own task, the office accepts (edited) or declines', async () => {
    planId = (await createPlan(ctx.db, f.users.office, { year, title: `${year}年度部门联合抽查工作计划` })).id;
    const dup = await app.inject({ method: 'POST', url: '/api/inspections/plans', headers: f.headers.office, payload: { year, title: '重复' } });
    expect(dup.statusCode).toBe(409);
    const p1 = (await submitProposal(ctx.db, f.users.unit, { year, task: task(), reason: '食品安全重点领域' })).id;
    const p2 = (await submitProposal(ctx.db, f.users.unit, { year, task: task({ title: '重复的建议' }) })).id;
    // Unit staff propose only with their own unit leading.
    const foreign = await app.inject({
      method: 'POST',
      url: '/api/inspections/plans/proposals',
      headers: f.headers.unit,
      payload: { year, task: task({ leadUnitId: f.health, jointUnitIds: [f.market] }) },
    });
    expect(foreign.statusCode).toBe(403);
    const bad = await app.inject({
      method: 'POST',
      url: '/api/inspections/plans/proposals',
      headers: f.headers.unit,
      payload: { year, task: task({ itemIds: [financeItem] }) },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details.map((d: { field: string }) => d.field)).toEqual(['itemIds']);
    expect((await listProposals(ctx.db, f.users.unit, { year })).map((p) => p.id)).toEqual([p2, p1]);
    expect(await listProposals(ctx.db, f.users.otherUnit, { year })).toEqual([]);
    const accepted = await decideProposal(ctx.db, f.users.office, p1, { decision: 'accept', task: task({ title: '食品经营联合抽查（办公室修改）' }) });
    expect(accepted.taskId).toBeGreaterThan(0);
    const noReason = await app.inject({
      method: 'PUT',
      url: `/api/inspections/plans/proposals/${p2}/decision`,
      headers: f.headers.office,
      payload: { decision: 'reject' },
    });
    expect(noReason.statusCode).toBe(400);
    await decideProposal(ctx.db, f.users.office, p2, { decision: 'reject', note: '与第1项重复' });
    await expect(decideProposal(ctx.db, f.users.office, p2, { decision: 'accept' })).rejects.toThrow(/已处理/);
    const mine = await listProposals(ctx.db, f.users.unit, { year });
    expect(mine.map((p) => [p.statusLabel, p.decisionNote])).toEqual([
      ['未采纳', '与第1项重复'],
      ['已采纳', null],
    ]);
    const plan = await getPlan(ctx.db, f.users.office, planId);
    expect(plan.tasks.map((t) => [t.title, t.leadUnitName, t.jointUnitNames])).toEqual([['食品经营联合抽查（办公室修改）', '区市场监管局', ['区卫生健康委']]]);
    expect(plan.statusLabel).toBe('编制中');
  });

  it('approves and publishes; a later change is the next version with what changed, the published one stays public', async () => {
    await expect(publishPlan(ctx.db, f.users.office, planId)).rejects.toThrow(/先审核/);
    await approvePlan(ctx.db, f.users.office, planId);
    expect((await publishPlan(ctx.db, f.users.office, planId, { note: '首次发布' })).version).toBe(1);
    const v1 = await publicPlan(ctx.db, year);
    expect(v1.version).toBe(1);
    expect(v1.tasks).toHaveLength(1);
    const t1 = v1.tasks[0]!;
    // Change after publication: the working copy is 修订中; the public plan is still version 1.
    await updateTask(
      ctx.db,
      f.users.office,
      planId,
      t1.id,
      task({ title: t1.title, windowFrom: `${year}-03-01`, windowTo: `${year}-11-30`, shares: [{ classCode: 'D', bp: 10_000 }] }),
    );
    await addTask(
      ctx.db,
      f.users.office,
      planId,
      task({
        title: '三部门联合抽查',
        jointUnitIds: [f.health, f.finance],
        itemIds: [f.marketItem, f.healthItem, financeItem],
        shares: [{ classCode: 'B', bp: 10_000 }],
      }),
    );
    expect((await getPlan(ctx.db, f.users.office, planId)).statusLabel).toBe('修订中');
    expect((await publicPlan(ctx.db, year)).tasks[0]!.windowFrom).toBe(`${year}-01-01`);
    await approvePlan(ctx.db, f.users.office, planId);
    expect((await publishPlan(ctx.db, f.users.office, planId)).version).toBe(2);
    const v2 = await getPlanVersion(ctx.db, f.users.office, planId, 2);
    expect(v2.changes.added.map((t) => t.title)).toEqual(['三部门联合抽查']);
    expect(v2.changes.changed[0]!.fields.map((x) => x.field)).toEqual(['shares', 'window']);
    expect((await getPlanVersion(ctx.db, f.users.office, planId, 1)).tasks[0]!.windowFrom).toBe(`${year}-01-01`);
    // Public: the latest version, credit classes (internal, 国市监信发〔2022〕6号) not named.
    const pub = await app.inject({ url: `/api/inspections/public/plans/${year}` });
    expect(pub.statusCode).toBe(200);
    expect(pub.json().version).toBe(2);
    expect(pub.json().tasks.every((t: { shares: unknown[] }) => t.shares.length === 0)).toBe(true);
    expect(pub.json().versions.map((v: { summary: string[] }) => v.summary[0])).toEqual([
      '新增任务：三部门联合抽查',
      '新增任务：食品经营联合抽查（办公室修改）',
    ]);
    expect(pub.body).not.toMatch(/5001030|信用风险/);
    // Unchanged since publication: nothing to approve.
    await expect(approvePlan(ctx.db, f.users.office, planId)).rejects.toThrow(/没有未发布的修改/);
    expect(await audits('inspections.plan.')).toBeGreaterThanOrEqual(10);
    // Unit staff of another unit see no task of the plan.
    expect((await getPlan(ctx.db, f.users.otherUnit, planId)).tasks.map((t) => t.title)).toEqual(['三部门联合抽查']);
  });

  it('draws for a published task: its scope and shares become the draw’s parameters; two joint departments send one inspector each', async () => {
    const v = await publicPlan(ctx.db, year);
    const joint = v.tasks.find((t) => t.title === '三部门联合抽查')!;
    const d = await createTaskDraw(ctx.db, f.users.office, planId, joint.id, {
      witnesses: ['王监督', '李监督'],
      lotteryName: '中国福利彩票双色球',
      lotteryDate: today,
    });
    const proof = await drawProof(ctx.db, d.id);
    expect(proof.params.departments).toEqual([`U${f.market}`, `U${f.health}`, `U${f.finance}`]);
    // Neutral labels in the office's class order (A 第1层, B 第2层 …): the proof names no credit class.
    expect(proof.params.shares.find((s) => s.stratum === '第2层')?.bp).toBe(10_000);
    expect(proof.params.shares.find((s) => s.stratum === '第1层')?.bp).toBe(300);
    expect(proof.objects.map((o) => o.stratum)).toContain('第2层');
    expect(JSON.stringify(proof)).not.toMatch(/信用风险|"stratum":"[A-D]"/);
    const staff = await getDraw(ctx.db, f.users.office, d.id);
    expect(staff.stratumNames.slice(0, 2)).toEqual([
      { stratum: '第1层', className: '信用风险低' },
      { stratum: '第2层', className: '信用风险一般' },
    ]);
    expect((await getDraw(ctx.db, null, d.id)).stratumNames).toEqual([]);
    await setSeedInputs(ctx.db, f.users.office, d.id, { witnessNumbers: ['12', '34'], lotteryResult: '01 02 03 04 05 06 + 07' });
    await runStoredDraw(ctx.db, f.users.office, d.id);
    const result = (await drawProof(ctx.db, d.id)).result!;
    const dept = new Map(proof.inspectors.map((i) => [i.key, i.department]));
    expect(result.picks.length).toBeGreaterThanOrEqual(6);
    for (const p of result.picks) expect(p.team.map((k) => dept.get(k))).toEqual([`U${f.market}`, `U${f.health}`, `U${f.finance}`]);
    const plan = await getPlan(ctx.db, f.users.office, planId);
    expect(plan.tasks.find((t) => t.id === joint.id)!.draws.map((x) => [x.number, x.status])).toEqual([[d.number, 'run']]);
    expect((await publicPlan(ctx.db, year)).tasks.find((t) => t.id === joint.id)!.draws).toHaveLength(1);
    await expect(deleteTask(ctx.db, f.users.office, planId, joint.id)).rejects.toThrow(/已有抽查/);
  });

  it('applies the task’s filters to the object snapshot, and refuses a draw after the window or for an unpublished task', async () => {
    const t1 = (await publicPlan(ctx.db, year)).tasks.find((t) => t.title.startsWith('食品经营'))!;
    await updateTask(ctx.db, f.users.office, planId, t1.id, task({ title: t1.title, scope: { ...EMPTY_SCOPE, industries: ['C'] } }));
    const extra = (await addTask(ctx.db, f.users.office, planId, task({ title: '未发布任务' }))).id;
    await approvePlan(ctx.db, f.users.office, planId);
    await publishPlan(ctx.db, f.users.office, planId);
    const body = { witnesses: ['王监督'], lotteryName: '双色球', lotteryDate: today };
    // 门类 C (制造业): the fixture's firms are retail (5211), so nobody is in scope.
    await expect(createTaskDraw(ctx.db, f.users.office, planId, t1.id, body)).rejects.toThrow(/范围内没有检查对象/);
    await updateTask(ctx.db, f.users.office, planId, t1.id, task({ title: t1.title, scope: { ...EMPTY_SCOPE, industries: ['F'], creditClasses: ['B'] } }));
    await deleteTask(ctx.db, f.users.office, planId, extra);
    await approvePlan(ctx.db, f.users.office, planId);
    await publishPlan(ctx.db, f.users.office, planId);
    // Removed from the working copy and published: no more draws for it.
    await expect(createTaskDraw(ctx.db, f.users.office, planId, extra, body)).rejects.toThrow(/不在已发布的计划中/);
    const ok = await createTaskDraw(ctx.db, f.users.office, planId, t1.id, body);
    expect((await drawProof(ctx.db, ok.id)).objects.length).toBe(6);
    const late = await createTaskDraw(ctx.db, f.users.office, planId, t1.id, body, { today: `${year + 1}-01-05` }).catch((e: Error) => e.message);
    expect(late).toMatch(/已于 .* 结束/);
    const v = await getPlanVersion(ctx.db, f.users.office, planId, 4);
    expect(v.changes.removed.map((x) => x.title)).toEqual(['未发布任务']);
  });
});

describeStore('inspections demo', (ctx) => {
  it('adds a published two-version demo plan with run draws over its tasks, once', async () => {
    const app = await createTestApp(ctx);
    await seedInspections(app, ctx);
    // Two micro firms for the demo's task on 小型/微型 enterprises.
    for (const i of [1, 2])
      await createEnterprise(
        ctx.db,
        {
          creditCode: completeCreditCode(`91500103MA5UR${String(i).padStart(3, '0')}A`),
          name: `演示微型${i}号商店`,
          industryCode: '5211',
          employees: 5,
          revenue: 50,
        },
        'test',
      );
    useCreditClassesForDraws();
    try {
      const { seedInspectionDemo } = await import('./inspection-demo.js');
      const r = await seedInspectionDemo(ctx.db, { seed: 7, actor: 'demo' });
      expect(r.skipped).toBe(false);
      expect(r.draws).toHaveLength(3);
      const pub = await publicPlan(ctx.db, r.year);
      expect([pub.version, pub.isDemo, pub.tasks.length]).toEqual([2, true, 3]);
      for (const d of r.draws) {
        const proof = await drawProof(ctx.db, d.id);
        expect(proof.result?.picks.length).toBe(d.picked);
        expect(d.picked).toBeGreaterThan(0);
        for (const p of proof.result!.picks) expect(p.team).toHaveLength(proof.params.departments.length === 1 ? 2 : proof.params.departments.length);
      }
      const again = await seedInspectionDemo(ctx.db, { seed: 7, actor: 'demo' });
      expect(again.skipped).toBe(true);
      expect(again.draws.map((d) => d.id)).toEqual(r.draws.map((d) => d.id));
      // A demo inspector with a login: logs in, sees the inspector's own checks, some still to record.
      const login = (await seedInspectorLoginDemo(ctx.db, { password: 'Jiefangbei-2026', actor: 'demo' }))!;
      expect(login).toMatchObject({ account: DEMO_INSPECTOR_ACCOUNT, unitName: '区市场监管局' });
      expect(login.checks).toBeGreaterThan(0);
      expect(await seedInspectorLoginDemo(ctx.db, { password: 'Jiefangbei-2026', actor: 'demo' })).toEqual(login);
      const results = await seedResultDemo(ctx.db, { seed: 7, actor: 'demo', leaveOpenFor: [login.inspectorId] });
      expect(results.results).toBeGreaterThan(0);
      const res = await app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { account: DEMO_INSPECTOR_ACCOUNT, password: 'Jiefangbei-2026' },
      });
      expect(res.statusCode).toBe(200);
      const user = await loadSessionUser(ctx.db, (await findAccountId(ctx.db, DEMO_INSPECTOR_ACCOUNT))!);
      expect([user.role, user.name]).toEqual(['unit_staff', login.inspectorName]);
      const mine = await myChecks(ctx.db, user);
      expect(mine.linked).toBe(true);
      expect(mine.checks).toHaveLength(login.checks);
      const items = mine.checks.flatMap((c) => c.items);
      expect(items.some((i) => i.resultId === null)).toBe(true); // the latest draw's checks are left to record
      // Recorded ones too when there are several checks (how many depends on the tasks whose windows are open today).
      expect(items.some((i) => i.resultId !== null)).toBe(mine.checks.length > 1);
    } finally {
      setCreditClassSource(null);
    }
  });
});
