import type { Kysely } from 'kysely';
import type { SessionUser } from '../auth/index.js';
import { chinaToday } from '../calendar/index.js';
import type { Database } from '../db/index.js';
import { seededRandom } from '../shared/index.js';
import { ensureUnits } from '../units/index.js';
import { EMPTY_SCOPE, type PlanTaskInput } from './core/index.js';
import { createInspector, createItem } from './directory-store.js';
import { runStoredDraw, setSeedInputs } from './draw-store.js';
import { addTask, approvePlan, createPlan, createTaskDraw, decideProposal, publishPlan, submitProposal, updateTask } from './plan-store.js';

/** The departments of the demo plan and, per department, its demo items (抽查事项, each with its legal basis). */
const DEMO_DEPARTMENTS: Array<{ unit: string; field: string; items: Array<{ name: string; basis: string; method: '书面检查' | '实地核查' }> }> = [
  {
    unit: '区市场监管局',
    field: '市场监管',
    items: [
      { name: '企业公示信息情况检查（演示）', basis: '《企业信息公示暂行条例》第十四条', method: '书面检查' },
      { name: '食品经营者落实食品安全主体责任检查（演示）', basis: '《中华人民共和国食品安全法》第一百一十条', method: '实地核查' },
    ],
  },
  {
    unit: '区卫生健康委',
    field: '卫生健康',
    items: [{ name: '公共场所卫生检查（演示）', basis: '《公共场所卫生管理条例》第十条', method: '实地核查' }],
  },
  {
    unit: '区文化旅游委',
    field: '文化旅游',
    items: [{ name: '旅行社经营行为检查（演示）', basis: '《旅行社条例》第四十一条', method: '实地核查' }],
  },
  {
    unit: '区商务委',
    field: '商务',
    items: [{ name: '单用途商业预付卡发行检查（演示）', basis: '《单用途商业预付卡管理办法（试行）》第三十三条', method: '书面检查' }],
  },
];
const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗';
const GIVEN = '伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚';

export interface InspectionDemoResult {
  /** True when a demo plan of the year existed already: nothing was added (the draws listed are the existing ones). */
  skipped: boolean;
  planId: number;
  year: number;
  inspectors: number;
  tasks: number;
  /** The draws made (committed, witnessed and run), for the results demo to record results on. */
  draws: Array<{ id: number; number: string; taskId: number; title: string; picked: number }>;
}

/**
 * `bizenv demo`, inspections part: demo inspectors (5 per department, 执法证号 “DEMO-…”) and items (labelled 演示) of
 * four departments; the year's joint plan (年度联合抽查计划, labelled 演示): proposals of the departments (two taken,
 * one declined), published as version 1, then changed and published as version 2; and one draw per task
 * (committed, witnessed, the lottery entered, run) with its teams. Once per year: nothing is added when a demo plan
 * of that year exists. The same seed gives the same plan, numbers and draws (the draws also depend on the demo
 * enterprises and their credit classes). Call after the demo enterprises and `seedCreditDemo`.
 *
 * @example
 *   const { draws } = await seedInspectionDemo(db, { seed: 2021, actor: cliActor() });
 */
export async function seedInspectionDemo(db: Kysely<Database>, o: { seed: number; actor: string; today?: string }): Promise<InspectionDemoResult> {
  const today = o.today ?? chinaToday();
  const year = Number(today.slice(0, 4));
  const existing = await db.selectFrom('insp_plan').select(['id', 'is_demo']).where('year', '=', year).executeTakeFirst();
  if (existing) {
    const draws = await db
      .selectFrom('insp_plan_draw as l')
      .innerJoin('inspection_draw as d', 'd.id', 'l.draw_id')
      .select(['d.id', 'd.number', 'l.task_id', 'd.title', 'd.picked'])
      .where('l.plan_id', '=', existing.id)
      .where('d.is_demo', '=', true)
      .orderBy('d.id')
      .execute();
    return {
      skipped: true,
      planId: existing.id,
      year,
      inspectors: 0,
      tasks: 0,
      draws: draws.map((d) => ({ id: d.id, number: d.number, taskId: d.task_id, title: d.title, picked: d.picked ?? 0 })),
    };
  }
  const user: SessionUser = { id: 0, account: o.actor, name: '演示数据', role: 'office', unitIds: [], enterpriseId: null, mustChangePassword: false };
  const rnd = seededRandom(o.seed + 33);
  const units = await db.transaction().execute((trx) =>
    ensureUnits(
      trx,
      DEMO_DEPARTMENTS.map((d) => d.unit),
    ),
  );
  const unitOf = (name: string) => units.get(name)!;
  const items = new Map<string, number>();
  let inspectors = 0;
  const known = new Set((await db.selectFrom('inspection_inspector').select('cert_no').execute()).map((r) => r.cert_no));
  const knownItems = await db.selectFrom('inspection_item').select(['id', 'unit_id', 'name']).execute();
  for (const [di, d] of DEMO_DEPARTMENTS.entries()) {
    const unitId = unitOf(d.unit);
    for (let i = 1; i <= 5; i++) {
      const certNo = `DEMO-${year}-${di + 1}${String(i).padStart(2, '0')}`;
      if (known.has(certNo)) continue;
      const name = `${SURNAMES[Math.floor(rnd() * SURNAMES.length)]}${GIVEN[Math.floor(rnd() * GIVEN.length)]}（演示）`;
      await createInspector(db, user, { unitId, name, certNo, fields: [d.field], active: true, relations: [] }, true);
      inspectors++;
    }
    for (const it of d.items) {
      const found = knownItems.find((k) => k.unit_id === unitId && k.name === it.name);
      const id =
        found?.id ??
        (await createItem(db, user, { unitId, name: it.name, legalBasis: it.basis, objectScope: '辖区企业', method: it.method, active: true }, true)).id;
      items.set(it.name, id);
    }
  }
  const item = (name: string) => items.get(name)!;
  const [market, health, tourism, commerce] = DEMO_DEPARTMENTS.map((d) => unitOf(d.unit)) as [number, number, number, number];
  const window = (from: string, to: string) => ({ windowFrom: `${year}-${from}`, windowTo: `${year}-${to}` });
  // Draws are refused after a task's window ends only: 03-01 to 12-31 holds for any day of the year.
  const open = window('03-01', '12-31');
  const base = { scope: { ...EMPTY_SCOPE }, shares: [], note: null };
  const tasks: PlanTaskInput[] = [
    {
      ...base,
      ...open,
      title: '企业公示信息与食品安全联合抽查（演示）',
      leadUnitId: market,
      jointUnitIds: [health],
      itemIds: [item('企业公示信息情况检查（演示）'), item('食品经营者落实食品安全主体责任检查（演示）'), item('公共场所卫生检查（演示）')],
      scope: { ...EMPTY_SCOPE, industries: ['F', 'H'] },
    },
    {
      ...base,
      ...open,
      title: '文旅市场与预付卡经营联合抽查（演示）',
      leadUnitId: tourism,
      jointUnitIds: [commerce, market],
      itemIds: [item('旅行社经营行为检查（演示）'), item('单用途商业预付卡发行检查（演示）'), item('企业公示信息情况检查（演示）')],
      note: '三部门联合：每户由三个部门各派一人',
    },
  ];
  const planId = (await createPlan(db, user, { year, title: `${year}年度部门联合“双随机、一公开”抽查工作计划（演示）` }, { isDemo: true })).id;
  // Proposals: the market department's and the tourism department's are taken (the first edited), one declined.
  const p1 = (
    await submitProposal(
      db,
      { ...user, role: 'unit_staff', unitIds: [market] },
      { year, task: tasks[0]!, reason: '民生领域重点监管（演示）' },
      { isDemo: true },
    )
  ).id;
  const p2 = (
    await submitProposal(db, { ...user, role: 'unit_staff', unitIds: [tourism] }, { year, task: tasks[1]!, reason: '旅游旺季前检查（演示）' }, { isDemo: true })
  ).id;
  const p3 = (
    await submitProposal(
      db,
      { ...user, role: 'unit_staff', unitIds: [commerce] },
      {
        year,
        task: {
          ...tasks[1]!,
          title: '预付卡经营单独抽查（演示）',
          leadUnitId: commerce,
          jointUnitIds: [],
          itemIds: [item('单用途商业预付卡发行检查（演示）')],
        },
      },
      { isDemo: true },
    )
  ).id;
  const t1 = (await decideProposal(db, user, p1, { decision: 'accept', note: '调整为重点行业范围', task: tasks[0]! })).taskId!;
  const t2 = (await decideProposal(db, user, p2, { decision: 'accept' })).taskId!;
  await decideProposal(db, user, p3, { decision: 'reject', note: '已并入文旅市场与预付卡经营联合抽查' });
  const t3 = (
    await addTask(db, user, planId, {
      ...base,
      ...open,
      title: '小微企业公示信息定向抽查（演示）',
      leadUnitId: market,
      jointUnitIds: [],
      itemIds: [item('企业公示信息情况检查（演示）')],
      scope: { ...EMPTY_SCOPE, sizes: ['小型', '微型'] },
    })
  ).id;
  await approvePlan(db, user, planId);
  await publishPlan(db, user, planId, { note: '年度计划首次发布（演示）' });
  // A change after publication: version 2, with what changed.
  await updateTask(db, user, planId, t1, { ...tasks[0]!, shares: [{ classCode: 'D', bp: 8000 }], note: '信用风险高的企业提高抽查比例（演示）' });
  await approvePlan(db, user, planId);
  await publishPlan(db, user, planId, { note: '调整信用风险高类企业抽查比例（演示）' });
  // One draw per task: committed, the witnesses' numbers and the lottery result entered, run.
  const draws: InspectionDemoResult['draws'] = [];
  const digits = (n: number) => Array.from({ length: n }, () => String(Math.floor(rnd() * 10))).join('');
  const ball = () => String(1 + Math.floor(rnd() * 33)).padStart(2, '0');
  for (const taskId of [t1, t2, t3]) {
    const d = await createTaskDraw(
      db,
      user,
      planId,
      taskId,
      { witnesses: ['区纪委监委驻点监督员（演示）', '企业代表（演示）'], lotteryName: '中国福利彩票双色球（演示）', lotteryDate: today },
      { today, isDemo: true },
    );
    await setSeedInputs(db, user, d.id, { witnessNumbers: [digits(6), digits(6)] }, { today });
    await setSeedInputs(
      db,
      user,
      d.id,
      { lotteryResult: `${[ball(), ball(), ball(), ball(), ball(), ball()].join(' ')} + ${String(1 + Math.floor(rnd() * 16)).padStart(2, '0')}` },
      { today },
    );
    const r = await runStoredDraw(db, user, d.id);
    const title = (await db.selectFrom('inspection_draw').select('title').where('id', '=', d.id).executeTakeFirstOrThrow()).title;
    draws.push({ id: d.id, number: d.number, taskId, title, picked: r.picked });
  }
  return { skipped: false, planId, year, inspectors, tasks: 3, draws };
}
