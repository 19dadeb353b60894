/**
 * The annual joint plan (年度联合抽查计划, 国发〔2019〕5号 二(三) “统筹制定年度联合抽查工作计划”): the office keeps one
 * plan per year, assembled from the departments' proposals; approves and publishes it; a change after publication
 * is published as the next version, every version kept with what changed (./core/plan.ts). Each change is one
 * transaction with its audit entry. Draws are made for a task of the latest published version (`createTaskDraw`).
 */
import type { Kysely, Selectable } from 'kysely';
import { recordAudit } from '../audit/index.js';
import type { SessionUser } from '../auth/index.js';
import { chinaToday } from '../calendar/index.js';
import type { Database } from '../db/index.js';
import type { InspPlanTable, InspPlanTaskTable } from '../db/tables/inspections-plan.js';
import { ConflictError, ForbiddenError, InputRejectedError, NotFoundError } from '../shared/index.js';
import { findUnitsByIds } from '../units/index.js';
import {
  DRAW_STATUS_LABELS,
  diffIsEmpty,
  diffSummary,
  drawDateProblem,
  planDiff,
  planStatusLabel,
  PROPOSAL_STATUS_LABELS,
  scopeText,
  taskDrawShares,
  taskProblems,
  type DrawStatus,
  type PlanDiff,
  type PlanStatus,
  type PlanTaskInput,
  type ProposalStatus,
  type PublishedTask,
  type TaskScope,
} from './core/index.js';
import { listCreditClasses } from './credit-store.js';
import { commitDraw } from './draw-store.js';

type Db = Kysely<Database>;

// ---- validation context ----

async function taskContext(db: Db, year: number) {
  const items = await db.selectFrom('inspection_item').select(['id', 'unit_id', 'active']).execute();
  const units = await db.selectFrom('unit').select('id').execute();
  const classes = (await listCreditClasses(db)).map((c) => c.code);
  return { year, items: new Map(items.map((i) => [i.id, { unitId: i.unit_id, active: i.active }])), units: new Set(units.map((u) => u.id)), classes };
}

function clean(t: PlanTaskInput): PlanTaskInput {
  const uniq = (xs: string[]) => [...new Set(xs.map((x) => x.trim()).filter(Boolean))];
  return {
    title: t.title.trim(),
    leadUnitId: t.leadUnitId,
    jointUnitIds: t.jointUnitIds,
    itemIds: t.itemIds,
    scope: {
      enterprises: t.scope.enterprises,
      otherKinds: [...new Set(t.scope.otherKinds)],
      industries: uniq(t.scope.industries),
      streets: uniq(t.scope.streets),
      sizes: uniq(t.scope.sizes),
      creditClasses: uniq(t.scope.creditClasses),
      flags: uniq(t.scope.flags),
    },
    shares: t.shares.map((s) => ({ classCode: s.classCode.trim(), bp: s.bp })),
    windowFrom: t.windowFrom,
    windowTo: t.windowTo,
    note: t.note?.trim() || null,
  };
}

async function checkTask(db: Db, year: number, t: PlanTaskInput) {
  const problems = taskProblems(t, await taskContext(db, year));
  if (problems.length) throw new InputRejectedError(`抽查任务有 ${problems.length} 处问题`, problems);
}

const taskRow = (t: PlanTaskInput) => ({
  title: t.title,
  lead_unit_id: t.leadUnitId,
  joint_unit_ids: t.jointUnitIds,
  item_ids: t.itemIds,
  scope: JSON.stringify(t.scope),
  shares: JSON.stringify(t.shares),
  window_from: t.windowFrom,
  window_to: t.windowTo,
  note: t.note,
});
const taskInput = (r: Selectable<InspPlanTaskTable>): PlanTaskInput => ({
  title: r.title,
  leadUnitId: r.lead_unit_id,
  jointUnitIds: r.joint_unit_ids,
  itemIds: r.item_ids,
  scope: JSON.parse(r.scope) as TaskScope,
  shares: JSON.parse(r.shares) as PlanTaskInput['shares'],
  windowFrom: r.window_from,
  windowTo: r.window_to,
  note: r.note,
});

/** Tasks with the names of their departments and items (the form a version freezes). */
async function named(db: Db, rows: Array<Selectable<InspPlanTaskTable>>): Promise<PublishedTask[]> {
  const unitIds = [...new Set(rows.flatMap((r) => [r.lead_unit_id, ...r.joint_unit_ids]))];
  const units = new Map((await findUnitsByIds(db, unitIds)).map((u) => [u.id, u.name]));
  const itemIds = [...new Set(rows.flatMap((r) => r.item_ids))];
  const items = new Map(
    (itemIds.length ? await db.selectFrom('inspection_item').select(['id', 'name']).where('id', 'in', itemIds).execute() : []).map((i) => [i.id, i.name]),
  );
  return rows.map((r) => ({
    ...taskInput(r),
    id: r.id,
    seq: r.seq,
    leadUnitName: units.get(r.lead_unit_id) ?? '',
    jointUnitNames: r.joint_unit_ids.map((u) => units.get(u) ?? ''),
    itemNames: r.item_ids.map((i) => items.get(i) ?? ''),
  }));
}

// ---- plans ----

async function lockPlan(trx: Db, id: number) {
  const p = await trx.selectFrom('insp_plan').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
  if (!p) throw new NotFoundError('年度联合抽查计划（不存在）');
  return p;
}

const planHead = (p: Selectable<InspPlanTable>) => ({
  id: p.id,
  year: p.year,
  title: p.title,
  status: p.status,
  statusLabel: planStatusLabel(p.status as PlanStatus, p.version),
  version: p.version,
  isDemo: p.is_demo,
});

export async function listPlans(db: Db) {
  const plans = await db.selectFrom('insp_plan').selectAll().orderBy('year', 'desc').execute();
  const counts = await db
    .selectFrom('insp_plan_task')
    .select(['plan_id', (eb) => eb.fn.countAll<number>().as('n')])
    .groupBy('plan_id')
    .execute();
  const pending = await db
    .selectFrom('insp_plan_proposal')
    .select(['year', (eb) => eb.fn.countAll<number>().as('n')])
    .where('status', '=', 'pending')
    .groupBy('year')
    .execute();
  return plans.map((p) => ({
    ...planHead(p),
    taskCount: Number(counts.find((c) => c.plan_id === p.id)?.n ?? 0),
    pendingProposals: Number(pending.find((c) => c.year === p.year)?.n ?? 0),
  }));
}

export async function createPlan(db: Db, user: SessionUser, p: { year: number; title: string }, o: { isDemo?: boolean } = {}) {
  const title = p.title.trim();
  if (!title) throw new InputRejectedError('计划有误', [{ field: 'title', message: '请填写计划名称' }]);
  if (p.year < 2000 || p.year > 2100) throw new InputRejectedError('计划有误', [{ field: 'year', message: '年度无效' }]);
  return db.transaction().execute(async (trx) => {
    if (await trx.selectFrom('insp_plan').select('id').where('year', '=', p.year).executeTakeFirst())
      throw new ConflictError(`${p.year} 年度联合抽查计划已存在（每年一份，修改请在原计划上进行）`);
    const row = await trx
      .insertInto('insp_plan')
      .values({ year: p.year, title, status: 'draft', created_by: user.account, is_demo: o.isDemo ?? false })
      .returning('id')
      .executeTakeFirstOrThrow();
    await recordAudit(trx, { actor: user.account, action: 'inspections.plan.create', entity: 'insp_plan', entityId: row.id, after: { year: p.year, title } });
    return { id: row.id };
  });
}

/** Draws made for tasks of a plan (task id → draws). */
async function drawsOfPlan(db: Db, planId: number) {
  const rows = await db
    .selectFrom('insp_plan_draw as l')
    .innerJoin('inspection_draw as d', 'd.id', 'l.draw_id')
    .select(['l.task_id', 'l.version', 'd.id', 'd.number', 'd.status', 'd.picked'])
    .where('l.plan_id', '=', planId)
    .orderBy('d.id')
    .execute();
  const out = new Map<number, Array<{ id: number; number: string; status: DrawStatus; statusLabel: string; picked: number | null; version: number }>>();
  for (const r of rows) {
    const d = {
      id: r.id,
      number: r.number,
      status: r.status as DrawStatus,
      statusLabel: DRAW_STATUS_LABELS[r.status as DrawStatus],
      picked: r.picked,
      version: r.version,
    };
    const list = out.get(r.task_id);
    if (list) list.push(d);
    else out.set(r.task_id, [d]);
  }
  return out;
}

const taskView = (t: PublishedTask) => ({
  id: t.id,
  seq: t.seq,
  title: t.title,
  leadUnitId: t.leadUnitId,
  leadUnitName: t.leadUnitName,
  jointUnitIds: t.jointUnitIds,
  jointUnitNames: t.jointUnitNames,
  itemIds: t.itemIds,
  itemNames: t.itemNames,
  scope: t.scope,
  scopeText: scopeText(t.scope),
  shares: t.shares,
  windowFrom: t.windowFrom,
  windowTo: t.windowTo,
  note: t.note,
});

const inUnits = (t: { leadUnitId: number; jointUnitIds: number[] }, units: number[]) =>
  units.includes(t.leadUnitId) || t.jointUnitIds.some((u) => units.includes(u));

/** A plan with its working tasks, the draws per task and its versions. Unit staff see the tasks their units lead or join. */
export async function getPlan(db: Db, user: SessionUser, id: number) {
  const p = await db.selectFrom('insp_plan').selectAll().where('id', '=', id).executeTakeFirst();
  if (!p) throw new NotFoundError('年度联合抽查计划（不存在）');
  const rows = await db.selectFrom('insp_plan_task').selectAll().where('plan_id', '=', id).orderBy('seq').orderBy('id').execute();
  let tasks = await named(db, rows);
  if (user.role === 'unit_staff') tasks = tasks.filter((t) => inUnits(t, user.unitIds));
  const draws = await drawsOfPlan(db, id);
  const published = p.version ? await versionTasks(db, id, p.version) : [];
  const publishedIds = new Set(published.map((t) => t.id));
  const versions = await db.selectFrom('insp_plan_version').selectAll().where('plan_id', '=', id).orderBy('version', 'desc').execute();
  return {
    ...planHead(p),
    approvedBy: p.approved_by,
    approvedAt: p.approved_at,
    tasks: tasks.map((t) => ({ ...taskView(t), inPublished: publishedIds.has(t.id), draws: draws.get(t.id) ?? [] })),
    versions: versions.map((v) => ({
      version: v.version,
      publishedAt: v.published_at,
      note: v.note,
      taskCount: (JSON.parse(v.tasks) as unknown[]).length,
      summary: diffSummary(JSON.parse(v.changes) as PlanDiff),
    })),
  };
}

async function versionTasks(db: Db, planId: number, version: number): Promise<PublishedTask[]> {
  const v = await db.selectFrom('insp_plan_version').select('tasks').where('plan_id', '=', planId).where('version', '=', version).executeTakeFirst();
  return v ? (JSON.parse(v.tasks) as PublishedTask[]) : [];
}

/** One published version with its tasks and, from the version before, what changed. */
export async function getPlanVersion(db: Db, user: SessionUser | null, planId: number, version: number) {
  const v = await db.selectFrom('insp_plan_version').selectAll().where('plan_id', '=', planId).where('version', '=', version).executeTakeFirst();
  if (!v) throw new NotFoundError(`计划第 ${version} 版（不存在）`);
  const p = await db.selectFrom('insp_plan').select(['year', 'is_demo']).where('id', '=', planId).executeTakeFirstOrThrow();
  const publicView = user === null;
  const tasks = (JSON.parse(v.tasks) as PublishedTask[]).map((t) => (publicView ? publicTask(t) : { ...taskView(t), creditDifferentiated: true }));
  return {
    planId,
    year: p.year,
    title: v.title,
    version: v.version,
    publishedAt: v.published_at,
    note: v.note,
    isDemo: p.is_demo,
    tasks,
    changes: publicView ? publicDiff(JSON.parse(v.changes) as PlanDiff) : (JSON.parse(v.changes) as PlanDiff),
  };
}

/** The public form of a task: credit classes are an internal reference (国市监信发〔2022〕6号), so no class is named. */
function publicTask(t: PublishedTask) {
  const v = taskView({ ...t, scope: { ...t.scope, creditClasses: [] }, shares: [] });
  return { ...v, creditDifferentiated: true };
}
function publicDiff(d: PlanDiff): PlanDiff {
  return {
    ...d,
    changed: d.changed
      .map((c) => ({
        ...c,
        fields: c.fields.map((f) => (f.field === 'shares' || f.field === 'scope' ? { ...f, before: '（已调整）', after: '（已调整）' } : f)),
      }))
      .filter((c) => c.fields.length),
  };
}

export async function renamePlan(db: Db, user: SessionUser, id: number, p: { title: string }) {
  const title = p.title.trim();
  if (!title) throw new InputRejectedError('计划有误', [{ field: 'title', message: '请填写计划名称' }]);
  return db.transaction().execute(async (trx) => {
    const before = await lockPlan(trx, id);
    await trx
      .updateTable('insp_plan')
      .set({ title, status: 'draft', approved_by: null, approved_at: null, updated_at: new Date() })
      .where('id', '=', id)
      .execute();
    await recordAudit(trx, {
      actor: user.account,
      action: 'inspections.plan.rename',
      entity: 'insp_plan',
      entityId: id,
      before: { title: before.title },
      after: { title },
    });
    return { ok: true as const };
  });
}

/** Any change of the working copy returns the plan to draft: it must be approved (again) before it is published. */
async function touch(trx: Db, id: number) {
  await trx.updateTable('insp_plan').set({ status: 'draft', approved_by: null, approved_at: null, updated_at: new Date() }).where('id', '=', id).execute();
}

async function insertTask(trx: Db, planId: number, t: PlanTaskInput, proposalId: number | null) {
  const last = await trx
    .selectFrom('insp_plan_task')
    .select((eb) => eb.fn.max('seq').as('seq'))
    .where('plan_id', '=', planId)
    .executeTakeFirst();
  return (
    await trx
      .insertInto('insp_plan_task')
      .values({ plan_id: planId, seq: Number(last?.seq ?? 0) + 1, proposal_id: proposalId, ...taskRow(t) })
      .returning('id')
      .executeTakeFirstOrThrow()
  ).id;
}

export async function addTask(db: Db, user: SessionUser, planId: number, body: PlanTaskInput) {
  const t = clean(body);
  const plan = await db.selectFrom('insp_plan').select('year').where('id', '=', planId).executeTakeFirst();
  if (!plan) throw new NotFoundError('年度联合抽查计划（不存在）');
  await checkTask(db, plan.year, t);
  return db.transaction().execute(async (trx) => {
    await lockPlan(trx, planId);
    const id = await insertTask(trx, planId, t, null);
    await touch(trx, planId);
    await recordAudit(trx, { actor: user.account, action: 'inspections.plan.task.add', entity: 'insp_plan_task', entityId: id, after: { planId, ...t } });
    return { id };
  });
}

export async function updateTask(db: Db, user: SessionUser, planId: number, taskId: number, body: PlanTaskInput) {
  const t = clean(body);
  const plan = await db.selectFrom('insp_plan').select('year').where('id', '=', planId).executeTakeFirst();
  if (!plan) throw new NotFoundError('年度联合抽查计划（不存在）');
  await checkTask(db, plan.year, t);
  return db.transaction().execute(async (trx) => {
    await lockPlan(trx, planId);
    const before = await trx.selectFrom('insp_plan_task').selectAll().where('id', '=', taskId).where('plan_id', '=', planId).executeTakeFirst();
    if (!before) throw new NotFoundError('抽查任务（不存在）');
    await trx.updateTable('insp_plan_task').set(taskRow(t)).where('id', '=', taskId).execute();
    await touch(trx, planId);
    await recordAudit(trx, {
      actor: user.account,
      action: 'inspections.plan.task.update',
      entity: 'insp_plan_task',
      entityId: taskId,
      before: taskInput(before),
      after: t,
    });
    return { ok: true as const };
  });
}

export async function deleteTask(db: Db, user: SessionUser, planId: number, taskId: number) {
  return db.transaction().execute(async (trx) => {
    await lockPlan(trx, planId);
    const before = await trx.selectFrom('insp_plan_task').selectAll().where('id', '=', taskId).where('plan_id', '=', planId).executeTakeFirst();
    if (!before) throw new NotFoundError('抽查任务（不存在）');
    if (await trx.selectFrom('insp_plan_draw').select('draw_id').where('plan_id', '=', planId).where('task_id', '=', taskId).executeTakeFirst())
      throw new ConflictError('该任务已有抽查，不能删除（可修改时间安排或备注说明）');
    await trx.deleteFrom('insp_plan_task').where('id', '=', taskId).execute();
    await trx.updateTable('insp_plan_proposal').set({ plan_task_id: null }).where('plan_task_id', '=', taskId).execute();
    await touch(trx, planId);
    await recordAudit(trx, {
      actor: user.account,
      action: 'inspections.plan.task.delete',
      entity: 'insp_plan_task',
      entityId: taskId,
      before: taskInput(before),
    });
    return { ok: true as const };
  });
}

/** 审核: the working copy is checked again (items may have been deactivated since) and marked approved. */
export async function approvePlan(db: Db, user: SessionUser, planId: number) {
  const plan = await db.selectFrom('insp_plan').selectAll().where('id', '=', planId).executeTakeFirst();
  if (!plan) throw new NotFoundError('年度联合抽查计划（不存在）');
  if (plan.status !== 'draft') throw new ConflictError(plan.status === 'approved' ? '计划已审核，待发布' : '计划没有未发布的修改');
  const rows = await db.selectFrom('insp_plan_task').selectAll().where('plan_id', '=', planId).orderBy('seq').execute();
  if (!rows.length) throw new InputRejectedError('计划还没有抽查任务', [{ field: 'tasks', message: '请至少添加一项抽查任务' }]);
  const ctx = await taskContext(db, plan.year);
  const problems = rows.flatMap((r, i) => taskProblems(taskInput(r), ctx, i + 1));
  if (problems.length) throw new InputRejectedError(`计划有 ${problems.length} 处问题，未审核`, problems);
  if (plan.version) {
    const diff = planDiff(await versionTasks(db, planId, plan.version), await named(db, rows));
    if (diffIsEmpty(diff) && plan.title === (await currentVersionTitle(db, planId, plan.version))) throw new ConflictError('与已发布的版本相同，无需审核');
  }
  return db.transaction().execute(async (trx) => {
    const p = await lockPlan(trx, planId);
    if (p.status !== 'draft') throw new ConflictError('计划状态已变化，请刷新');
    await trx.updateTable('insp_plan').set({ status: 'approved', approved_by: user.account, approved_at: new Date() }).where('id', '=', planId).execute();
    await recordAudit(trx, { actor: user.account, action: 'inspections.plan.approve', entity: 'insp_plan', entityId: planId, after: { tasks: rows.length } });
    return { ok: true as const };
  });
}

async function currentVersionTitle(db: Db, planId: number, version: number) {
  return (await db.selectFrom('insp_plan_version').select('title').where('plan_id', '=', planId).where('version', '=', version).executeTakeFirst())?.title;
}

/** 发布: freezes the approved working copy as the next version, with what changed from the previous one. */
export async function publishPlan(db: Db, user: SessionUser, planId: number, p: { note?: string | null } = {}) {
  return db.transaction().execute(async (trx) => {
    const plan = await lockPlan(trx, planId);
    if (plan.status !== 'approved') throw new ConflictError(plan.status === 'published' ? '计划已发布，没有新的修改' : '请先审核计划，再发布');
    const rows = await trx.selectFrom('insp_plan_task').selectAll().where('plan_id', '=', planId).orderBy('seq').orderBy('id').execute();
    const tasks = await named(trx, rows);
    const before = plan.version ? await versionTasks(trx, planId, plan.version) : [];
    const changes = planDiff(before, tasks);
    const version = plan.version + 1;
    await trx
      .insertInto('insp_plan_version')
      .values({
        plan_id: planId,
        version,
        title: plan.title,
        tasks: JSON.stringify(tasks),
        changes: JSON.stringify(changes),
        note: p.note?.trim() || null,
        approved_by: plan.approved_by ?? user.account,
        published_by: user.account,
      })
      .execute();
    await trx.updateTable('insp_plan').set({ status: 'published', version, updated_at: new Date() }).where('id', '=', planId).execute();
    await recordAudit(trx, {
      actor: user.account,
      action: 'inspections.plan.publish',
      entity: 'insp_plan',
      entityId: planId,
      after: { version, tasks: tasks.length, changes: diffSummary(changes), note: p.note ?? null },
    });
    return { version };
  });
}

// ---- proposals ----

export async function submitProposal(
  db: Db,
  user: SessionUser,
  p: { year: number; task: PlanTaskInput; reason?: string | null },
  o: { isDemo?: boolean } = {},
) {
  const t = clean(p.task);
  if (user.role === 'unit_staff' && !user.unitIds.includes(t.leadUnitId)) throw new ForbiddenError('只能以本单位为牵头部门提出抽查任务建议');
  await checkTask(db, p.year, t);
  return db.transaction().execute(async (trx) => {
    const row = await trx
      .insertInto('insp_plan_proposal')
      .values({
        year: p.year,
        unit_id: t.leadUnitId,
        task: JSON.stringify(t),
        reason: p.reason?.trim() || null,
        status: 'pending',
        submitted_by: user.account,
        is_demo: o.isDemo ?? false,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await recordAudit(trx, {
      actor: user.account,
      action: 'inspections.plan.proposal.submit',
      entity: 'insp_plan_proposal',
      entityId: row.id,
      after: { year: p.year, ...t },
    });
    return { id: row.id };
  });
}

/** Proposals of a year (the office: all; unit staff: those their units lead). */
export async function listProposals(db: Db, user: SessionUser, q: { year?: number; status?: ProposalStatus }) {
  let query = db.selectFrom('insp_plan_proposal').selectAll().orderBy('id', 'desc').limit(500);
  if (q.year) query = query.where('year', '=', q.year);
  if (q.status) query = query.where('status', '=', q.status);
  if (user.role === 'unit_staff') query = query.where('unit_id', 'in', user.unitIds.length ? user.unitIds : [-1]);
  const rows = await query.execute();
  const tasks = await named(
    db,
    rows.map((r) => {
      const t = JSON.parse(r.task) as PlanTaskInput;
      return {
        id: r.id,
        plan_id: 0,
        seq: 0,
        title: t.title,
        lead_unit_id: t.leadUnitId,
        joint_unit_ids: t.jointUnitIds,
        item_ids: t.itemIds,
        scope: JSON.stringify(t.scope),
        shares: JSON.stringify(t.shares),
        window_from: t.windowFrom,
        window_to: t.windowTo,
        note: t.note,
        proposal_id: null,
      };
    }),
  );
  return rows.map((r, i) => ({
    id: r.id,
    year: r.year,
    unitName: tasks[i]!.leadUnitName,
    task: taskView(tasks[i]!),
    reason: r.reason,
    status: r.status,
    statusLabel: PROPOSAL_STATUS_LABELS[r.status],
    decisionNote: r.decision_note,
    planTaskId: r.plan_task_id,
    submittedAt: r.submitted_at,
    decidedAt: r.decided_at,
    isDemo: r.is_demo,
  }));
}

/**
 * The office takes a proposal into the year's plan (as proposed, or edited: `task`), or declines it with a reason.
 * The plan returns to draft: it is approved and published again.
 */
export async function decideProposal(
  db: Db,
  user: SessionUser,
  id: number,
  p: { decision: 'accept' | 'reject'; note?: string | null; task?: PlanTaskInput | null },
) {
  const prop = await db.selectFrom('insp_plan_proposal').selectAll().where('id', '=', id).executeTakeFirst();
  if (!prop) throw new NotFoundError('抽查任务建议（不存在）');
  const note = p.note?.trim() || null;
  if (p.decision === 'reject' && !note) throw new InputRejectedError('请说明不采纳的理由', [{ field: 'note', message: '请说明不采纳的理由' }]);
  const task = p.decision === 'accept' ? clean(p.task ?? (JSON.parse(prop.task) as PlanTaskInput)) : null;
  if (task) await checkTask(db, prop.year, task);
  return db.transaction().execute(async (trx) => {
    const now = await trx.selectFrom('insp_plan_proposal').select('status').where('id', '=', id).forUpdate().executeTakeFirstOrThrow();
    if (now.status !== 'pending') throw new ConflictError('该建议已处理');
    let taskId: number | null = null;
    if (task) {
      const plan = await trx.selectFrom('insp_plan').select('id').where('year', '=', prop.year).executeTakeFirst();
      if (!plan) throw new ConflictError(`请先创建 ${prop.year} 年度联合抽查计划，再采纳建议`);
      await lockPlan(trx, plan.id);
      taskId = await insertTask(trx, plan.id, task, id);
      await touch(trx, plan.id);
    }
    await trx
      .updateTable('insp_plan_proposal')
      .set({ status: task ? 'accepted' : 'rejected', decision_note: note, plan_task_id: taskId, decided_by: user.account, decided_at: new Date() })
      .where('id', '=', id)
      .execute();
    await recordAudit(trx, {
      actor: user.account,
      action: `inspections.plan.proposal.${p.decision}`,
      entity: 'insp_plan_proposal',
      entityId: id,
      before: JSON.parse(prop.task) as unknown,
      after: { decision: p.decision, note, task, taskId },
    });
    return { ok: true as const, taskId };
  });
}

// ---- draws for tasks ----

export interface TaskDrawBody {
  witnesses: string[];
  lotteryName: string;
  lotteryDate: string;
  field?: string | null;
}

/**
 * Commits a draw for a task of the plan's latest published version: the task's departments, items, scope and
 * shares (the task's own, else the credit classes' draw shares) become the draw's parameters; the draw itself is
 * the unchanged verifiable draw (./draw-store.ts).
 */
export async function createTaskDraw(db: Db, user: SessionUser, planId: number, taskId: number, p: TaskDrawBody, o: { today?: string; isDemo?: boolean } = {}) {
  const plan = await db.selectFrom('insp_plan').select(['year', 'version']).where('id', '=', planId).executeTakeFirst();
  if (!plan) throw new NotFoundError('年度联合抽查计划（不存在）');
  if (!plan.version) throw new ConflictError('计划尚未发布：只能为已发布计划中的任务抽取');
  const task = (await versionTasks(db, planId, plan.version)).find((t) => t.id === taskId);
  if (!task) throw new NotFoundError('抽查任务（不在已发布的计划中）');
  const today = o.today ?? chinaToday();
  const late = drawDateProblem(task, today);
  if (late) throw new InputRejectedError(late, [{ field: 'lotteryDate', message: late }]);
  const { shares, defaultShareBp } = taskDrawShares(task, await listCreditClasses(db));
  const s = task.scope;
  return commitDraw(
    db,
    user,
    {
      title: `${plan.year}年度联合抽查计划：${task.title}`.slice(0, 100),
      leadUnitId: task.leadUnitId,
      jointUnitIds: task.jointUnitIds,
      itemIds: task.itemIds,
      scope: { enterprises: s.enterprises, otherKinds: s.otherKinds, filters: s },
      shares,
      defaultShareBp,
      field: p.field ?? null,
      witnesses: p.witnesses,
      lotteryName: p.lotteryName,
      lotteryDate: p.lotteryDate,
    },
    { today, isDemo: o.isDemo, planTask: { planId, version: plan.version, taskId } },
  );
}

// ---- public ----

/** The year's plan as published (latest version), with the draws made for its tasks; no inspector data. */
export async function publicPlan(db: Db, year: number) {
  const plan = await db.selectFrom('insp_plan').select(['id', 'version']).where('year', '=', year).executeTakeFirst();
  if (!plan?.version) throw new NotFoundError(`${year} 年度联合抽查计划（尚未发布）`);
  const v = await getPlanVersion(db, null, plan.id, plan.version);
  const draws = await drawsOfPlan(db, plan.id);
  const versions = await db
    .selectFrom('insp_plan_version')
    .select(['version', 'published_at', 'note', 'changes'])
    .where('plan_id', '=', plan.id)
    .orderBy('version', 'desc')
    .execute();
  return {
    ...v,
    tasks: v.tasks.map((t) => ({
      ...t,
      draws: (draws.get(t.id) ?? []).map((d) => ({ id: d.id, number: d.number, statusLabel: d.statusLabel, picked: d.picked })),
    })),
    versions: versions.map((x) => ({
      version: x.version,
      publishedAt: x.published_at,
      note: x.note,
      summary: diffSummary(publicDiff(JSON.parse(x.changes) as PlanDiff)),
    })),
  };
}

/** Years with a published plan (the public page's year switch). */
export async function publishedPlanYears(db: Db): Promise<number[]> {
  return (await db.selectFrom('insp_plan').select('year').where('version', '>', 0).orderBy('year', 'desc').execute()).map((r) => r.year);
}
