import type { Kysely } from 'kysely';
import { createUser, findAccountId, loadSessionUser, type SessionUser } from '../auth/index.js';
import type { Database } from '../db/index.js';
import { getPlan, planAsOf } from '../plan/index.js';
import { ConflictError, InputRejectedError, NotFoundError } from '../shared/index.js';
import { addDays } from './core/calendar.js';
import type { TaskStatus } from './core/status.js';
import { createBulletinDraft, getBulletinDoc, issueBulletin, updateBulletinDraft } from './bulletin-store.js';
import { actOnOrder, createOrder } from './order-store.js';
import { issuedBulletins } from './read-api.js';
import { createMonthlyCycles, reviewReport, submitReport } from './report-store.js';
import { ledgerCalendar, initLedger, listCycleRows, listTasks, updateMilestone } from './task-store.js';

import { seededRandom as rng } from '../shared/index.js';

/** Demo accounts share one documented password (演示环境专用) unless `bizenv demo` is given one (BIZENV_PASSWORD). */
export const DEMO_PASSWORD = 'Demo2021pass';
export const DEMO_LABEL = '【演示数据】';

async function account(
  db: Kysely<Database>,
  p: { account: string; name: string; role: 'office' | 'leader' | 'unit_staff'; units?: string[] },
  password: string,
): Promise<SessionUser> {
  const id = await findAccountId(db, p.account);
  if (id !== undefined) return loadSessionUser(db, id);
  return createUser(db, { ...p, password, unitNames: p.units, actor: 'demo' });
}

const DONE_TEXT = [
  '完成工作方案制定并印发',
  '召开专题推进会，明确责任分工',
  '梳理事项清单，优化办理流程',
  '上线运行新系统，开展窗口人员培训',
  '走访企业收集意见建议，完善配套制度',
];
const PROBLEMS = ['市级系统对接尚未完成', '部分事项涉及跨部门数据共享，协调难度较大', '专业人员不足'];
const NEXT = ['加快推进系统对接', '加强部门协同，按节点推进', '总结经验，形成制度成果'];

/**
 * Demo ledger for a plan: monthly cycles from the plan's issue month to November of its year, labelled demo
 * reports from the units' demo accounts (most on time, some late, some returned and refiled), the office's
 * reviews, and supervision orders at several stages. Reproducible from `seed`; refuses to run twice.
 */
export async function runLedgerDemo(db: Kysely<Database>, p: { planId: number; seed?: number; password?: string }) {
  const password = p.password ?? DEMO_PASSWORD;
  const calendar = await ledgerCalendar(db);
  const seed = p.seed ?? 2021;
  const rand = rng(seed);
  const pick = <T>(xs: T[]) => xs[Math.floor(rand() * xs.length)]!;
  const already = await db
    .selectFrom('ledger_report as r')
    .innerJoin('ledger_task as t', 't.id', 'r.task_id')
    .select('r.id')
    .where('t.plan_id', '=', p.planId)
    .where('r.demo', '=', true)
    .executeTakeFirst();
  if (already) throw new ConflictError('该计划已有演示数据');
  const plan = await getPlan(db, p.planId).catch((e: unknown) => {
    if (e instanceof NotFoundError) return undefined;
    throw e;
  });
  if (!plan) throw new InputRejectedError('请先导入实施方案（bizenv plan import FILE）');
  await initLedger(db, { planId: p.planId, actor: 'demo' });
  const startMonth = (plan.issued_on ?? `${plan.year}-01-01`).slice(0, 7);
  await createMonthlyCycles(db, 'demo', p.planId, { from: startMonth, to: `${plan.year}-11` });
  const office = await account(db, { account: 'demo-office', name: `营商办（演示）`, role: 'office' }, password);
  await account(db, { account: 'demo-leader', name: `区领导（演示）`, role: 'leader' }, password);
  const tasks = await listTasks(db, p.planId, `${plan.year}-01-01`);
  const unitUsers = new Map<number, SessionUser>();
  for (const t of tasks)
    for (const u of t.leadUnits) {
      if (!unitUsers.has(u.id))
        unitUsers.set(u.id, await account(db, { account: `demo-unit${u.id}`, name: `${u.name}（演示）`, role: 'unit_staff', units: [u.name] }, password));
    }
  const cycles = await listCycleRows(db, p.planId);
  // Demo dates stay in the plan year and never pass the plan's as-of date (a running year has no reports from the future).
  const asOf = (await planAsOf(db, p.planId)).asOf;
  // Each task's story: the cycle it completes in (or never), whether it lags.
  const story = new Map(
    tasks.map((t) => [t.id, { finishAt: rand() < 0.7 ? 1 + Math.floor(rand() * (cycles.length + 1)) : 99, lagging: rand() < 0.15, progress: 0 }]),
  );
  let reports = 0;
  for (const [ci, c] of cycles.entries()) {
    const lastCycle = ci === cycles.length - 1;
    for (const t of tasks) {
      const s = story.get(t.id)!;
      if (s.progress >= 100) continue;
      const user = unitUsers.get(t.leadUnits[0]?.id ?? -1);
      if (!user || rand() < 0.08) continue; // a missing report now and then
      const done = ci + 1 >= s.finishAt;
      const progress = done ? 100 : Math.min(95, s.progress + (s.lagging ? 5 : 10 + Math.floor(rand() * 15)));
      const status: TaskStatus = done ? 'done' : s.lagging && ci >= 2 ? 'lagging' : 'in_progress';
      const lateBy = rand() < 0.15 ? 1 + Math.floor(rand() * 4) : 0;
      const filedOn = lateBy ? addDays(c.dueOn, lateBy) : calendar.addWorkingDays(addDays(c.dueOn, -8), Math.floor(rand() * 4));
      if (addDays(filedOn, 2) > asOf) continue;
      const actuals = done
        ? t.targets.map((g) => ({
            targetId: g.id,
            value: g.op.startsWith('<')
              ? rand() < 0.8
                ? Math.max(0, g.value - Math.floor(rand() * 3))
                : g.value + 1
              : rand() < 0.8
                ? g.value + Math.floor(rand() * g.value * 0.1)
                : Math.floor(g.value * 0.9),
          }))
        : [];
      const content = {
        status,
        progress,
        done: `${DEMO_LABEL}${pick(DONE_TEXT)}`,
        problems: status === 'lagging' ? `${DEMO_LABEL}${pick(PROBLEMS)}` : '',
        nextSteps: `${DEMO_LABEL}${pick(NEXT)}`,
        actuals,
      };
      const r = await submitReport(db, user, { taskId: t.id, cycleId: c.id, content, now: new Date(`${filedOn}T02:00:00Z`), demo: true });
      reports++;
      if (lastCycle && rand() < 0.3) continue; // left for the office to review
      if (rand() < 0.2) {
        await reviewReport(db, office.account, r.reportId, { outcome: 'return', comment: `${DEMO_LABEL}请补充佐证材料和量化数据` });
        await submitReport(db, user, {
          taskId: t.id,
          cycleId: c.id,
          content: { ...content, done: `${content.done}（已补充材料）` },
          now: new Date(`${addDays(filedOn, 2)}T02:00:00Z`),
          demo: true,
        });
      }
      await reviewReport(db, office.account, r.reportId, { outcome: 'accept' });
      s.progress = progress;
      if (done) for (const m of t.milestones) await updateMilestone(db, office, m.id, { doneOn: filedOn < m.dueOn ? filedOn : m.dueOn });
    }
  }
  // Supervision orders on lagging tasks, at several stages.
  const lagging = tasks.filter((t) => story.get(t.id)!.lagging && t.leadUnits.length).slice(0, 4);
  const issueOn = cycles.at(-2)?.dueOn ?? `${plan.year}-10-15`;
  for (const [i, t] of lagging.entries()) {
    if (calendar.addWorkingDays(issueOn, 7) > asOf) break;
    const unit = t.leadUnits[0]!;
    const o = await createOrder(db, office.account, {
      taskId: t.id,
      unitId: unit.id,
      reason: `${DEMO_LABEL}任务进度滞后于计划`,
      requirement: '分析原因，提出整改措施，按期反馈',
      replyDays: 5,
    });
    if (i === 3) continue; // 立项
    await actOnOrder(db, office, o.id, { action: 'issue', today: issueOn });
    if (i === 2) continue; // 下发, unanswered
    const staff = unitUsers.get(unit.id)!;
    await actOnOrder(db, staff, o.id, { action: 'sign', today: calendar.addWorkingDays(issueOn, 1) });
    await actOnOrder(db, staff, o.id, {
      action: 'reply',
      note: `${DEMO_LABEL}已制定整改方案，正加快推进`,
      today: calendar.addWorkingDays(issueOn, i === 0 ? 4 : 7),
    });
    if (i === 0) {
      await actOnOrder(db, office, o.id, { action: 'review' });
      await actOnOrder(db, office, o.id, { action: 'close', note: '同意办结' });
    }
  }
  // The bulletin of the last cycle whose bulletin day (the first working day after its due day) has come by the
  // plan's date is issued on that day, so leaders and units have an issued bulletin to read (and 批示 on).
  const out = cycles.filter((c) => calendar.addWorkingDays(c.dueOn, 1) <= asOf).at(-1);
  let bulletins = 0;
  if (out && !(await issuedBulletins(db, { planId: p.planId })).some((b) => b.cycleId === out.id)) {
    const draft = await createBulletinDraft(db, office, { planId: p.planId, cycleId: out.id });
    const { content } = await getBulletinDoc(db, office, draft.id);
    await updateBulletinDraft(db, office, draft.id, { overview: `${DEMO_LABEL}${content.texts.overview}` });
    await issueBulletin(db, office, draft.id, { today: calendar.addWorkingDays(out.dueOn, 1) });
    bulletins = 1;
  }
  return { tasks: tasks.length, cycles: cycles.length, reports, orders: lagging.length, bulletins, accounts: unitUsers.size + 2, password };
}
