import { chinaToday } from '../calendar/index.js';
import type { Kysely } from 'kysely';
import { listAudit, recordAudit } from '../audit/index.js';
import { actorNamer, type SessionUser } from '../auth/index.js';
import { CalendarDataMissingError, loadCalendar } from '../calendar/index.js';
import type { Database } from '../db/index.js';
import { findMeasure, getPlan, listMeasures, listSections, planAsOf } from '../plan/index.js';
import { findUnitsByIds } from '../units/index.js';
import { ConflictError, ForbiddenError, InputRejectedError, NotFoundError, type InputProblem } from '../shared/index.js';
import { addDays, isIsoDate, type DayCountingCalendar, type WorkingCalendar } from './core/calendar.js';
import { DEFAULT_FLAG_OPTIONS, taskFlags, type FlagCycle, type FlagOptions, type Light, type Flag } from './core/flags.js';
import { rollUpProgress, rollUpStatus, STATUS_INFO, statusProgressProblem, TASK_STATUSES, type TaskStatus } from './core/status.js';
import { assertCanEditTask, isOffice } from './access.js';
import { taskSignals } from './signal-store.js';

/**
 * The calendar in use: the bundled State Council arrangements plus the years the office loaded
 * (src/calendar). On the embedded database, call it before opening a transaction.
 */
export function ledgerCalendar(db: Kysely<Database>): Promise<DayCountingCalendar> {
  return loadCalendar(db);
}

/**
 * For flags and lights only: outside the years the calendar covers (no State Council notice yet),
 * working days fall back to calendar days, so the ledger still shows (approximate) lights instead of failing.
 * Stored deadlines (cycle due days, order reply deadlines) use the calendar itself and are refused outside its years.
 */
function lenient(calendar: WorkingCalendar): WorkingCalendar {
  return {
    addWorkingDays: (date, n) => {
      try {
        return calendar.addWorkingDays(date, n);
      } catch (e) {
        if (e instanceof CalendarDataMissingError) return addDays(date, n);
        throw e;
      }
    },
    nthWorkingDayOfMonth: (y, m, n) => calendar.nthWorkingDayOfMonth(y, m, n),
  };
}

export interface TaskView {
  id: number;
  planId: number;
  measureId: number;
  measureNumber: number;
  measureTitle: string;
  sectionNumber: number;
  sectionTitle: string;
  seq: number;
  code: string;
  title: string;
  description: string;
  weight: number;
  status: TaskStatus;
  statusLabel: string;
  statusColor: string;
  progress: number;
  startOn: string;
  completedOn: string | null;
  leadUnits: Array<{ id: number; name: string }>;
  responsibleUnits: Array<{ id: number; name: string }>;
  targets: Array<{ id: number; text: string; metric: string; op: string; value: number; unit: string }>;
  milestones: Array<{ id: number; title: string; dueOn: string; doneOn: string | null; source: 'plan' | 'office' }>;
  light: Light;
  flags: Flag[];
  expectedProgress: number | null;
}

/** The plan (NotFoundError when there is none): the plan's `getPlan`. */
export const getPlanOrThrow = getPlan;

export async function flagOptions(db: Kysely<Database>, planId: number): Promise<FlagOptions> {
  const row = await db.selectFrom('ledger_setting').select('value').where('plan_id', '=', planId).where('key', '=', 'flags').executeTakeFirst();
  return { ...DEFAULT_FLAG_OPTIONS, ...(row?.value as Partial<FlagOptions> | undefined) };
}

export async function listCycleRows(db: Kysely<Database>, planId: number): Promise<FlagCycle[]> {
  const rows = await db.selectFrom('ledger_cycle').selectAll().where('plan_id', '=', planId).orderBy('period_start').execute();
  return rows.map((c) => ({ id: c.id, label: c.label, periodStart: c.period_start, periodEnd: c.period_end, dueOn: c.due_on }));
}

/**
 * Creates the ledger of a plan: one task per measure that has none (idempotent), with the measure's
 * units and targets; the plan's deadlines become milestones; a measure without a deadline gets a
 * milestone at the end of the plan year (the plan's own default horizon, "年底前").
 */
export async function initLedger(db: Kysely<Database>, p: { planId: number; actor: string }): Promise<{ created: number; tasks: number }> {
  return db.transaction().execute(async (trx) => {
    const plan = await getPlanOrThrow(trx, p.planId);
    const withTasks = new Set((await trx.selectFrom('ledger_task').select('measure_id').where('plan_id', '=', p.planId).execute()).map((t) => t.measure_id));
    const measures = (await listMeasures(trx, p.planId)).filter((m) => !withTasks.has(m.id));
    const startOn = plan.issued_on ?? `${plan.year}-01-01`;
    const created: number[] = [];
    for (const m of measures) {
      const t = await trx
        .insertInto('ledger_task')
        .values({ plan_id: p.planId, measure_id: m.id, seq: 1, title: m.title, description: m.text, start_on: startOn })
        .returning('id')
        .executeTakeFirstOrThrow();
      const units = [
        ...m.leadUnits.map((u, i) => ({ task_id: t.id, unit_id: u.id, role: 'lead' as const, position: i })),
        ...m.responsibleUnits.map((u, i) => ({ task_id: t.id, unit_id: u.id, role: 'responsible' as const, position: i })),
      ];
      if (units.length) await trx.insertInto('ledger_task_unit').values(units).execute();
      if (m.targets.length)
        await trx
          .insertInto('ledger_task_target')
          .values(m.targets.map((x) => ({ task_id: t.id, target_id: x.id })))
          .execute();
      const deadlines = m.deadlines;
      const ms = deadlines.length
        ? deadlines.map((d) => ({ task_id: t.id, title: d.text, due_on: d.date, source: 'plan' as const, deadline_id: d.id }))
        : [{ task_id: t.id, title: '年底前完成', due_on: `${plan.year}-12-31`, source: 'plan' as const, deadline_id: null }];
      await trx.insertInto('ledger_milestone').values(ms).execute();
      created.push(t.id);
    }
    const total = await trx
      .selectFrom('ledger_task')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('plan_id', '=', p.planId)
      .executeTakeFirstOrThrow();
    if (created.length)
      await recordAudit(trx, { actor: p.actor, action: 'ledger.init', entity: 'plan', entityId: p.planId, after: { createdTaskIds: created } });
    return { created: created.length, tasks: Number(total.n) };
  });
}

export interface TaskFilter {
  unitId?: number;
  /** Tasks any of these units leads or is responsible for (unit staff see their units' tasks). */
  unitIds?: number[];
  taskIds?: number[];
  measureId?: number;
}

/** Tasks with units, targets, milestones, flags and traffic light as of `asOf`. */
export async function listTasks(db: Kysely<Database>, planId: number, asOf: string, f: TaskFilter = {}): Promise<TaskView[]> {
  const calendar = lenient(await ledgerCalendar(db));
  let q = db.selectFrom('ledger_task as t').selectAll('t').where('t.plan_id', '=', planId).orderBy('t.seq').orderBy('t.id');
  if (f.unitId !== undefined) {
    const unitId = f.unitId;
    q = q.where((eb) =>
      eb.exists(eb.selectFrom('ledger_task_unit as tu').select('tu.unit_id').whereRef('tu.task_id', '=', 't.id').where('tu.unit_id', '=', unitId)),
    );
  }
  if (f.unitIds) {
    const unitIds = f.unitIds.length ? f.unitIds : [-1];
    q = q.where((eb) =>
      eb.exists(eb.selectFrom('ledger_task_unit as tu').select('tu.unit_id').whereRef('tu.task_id', '=', 't.id').where('tu.unit_id', 'in', unitIds)),
    );
  }
  if (f.taskIds) q = f.taskIds.length ? q.where('t.id', 'in', f.taskIds) : q.where('t.id', '=', -1);
  if (f.measureId !== undefined) q = q.where('t.measure_id', '=', f.measureId);
  const taskRows = await q.execute();
  if (taskRows.length === 0) return [];
  // The measures and sections come from the plan's read API; a task's targets are targets of its own
  // measure (initLedger copies them, createTask/updateTask refuse others), so its measure lists them.
  const [measureList, sections] = await Promise.all([
    listMeasures(db, planId, { ids: [...new Set(taskRows.map((r) => r.measure_id))] }),
    listSections(db, planId),
  ]);
  const measures = new Map(measureList.map((m) => [m.id, m]));
  const sectionTitle = new Map(sections.map((s) => [s.number, s.title]));
  const planTargets = new Map(measureList.flatMap((m) => m.targets.map((t) => [t.id, t] as const)));
  // By measure number, then task number (stable sort over the query's order).
  const rows = taskRows.filter((r) => measures.has(r.measure_id)).sort((a, b) => measures.get(a.measure_id)!.number - measures.get(b.measure_id)!.number);
  const ids = rows.map((r) => r.id);
  const [units, taskTargets, milestones, reports, cycles, opts, signals] = await Promise.all([
    db
      .selectFrom('ledger_task_unit as tu')
      .innerJoin('unit', 'unit.id', 'tu.unit_id')
      .select(['tu.task_id', 'tu.role', 'unit.id', 'unit.name'])
      .where('tu.task_id', 'in', ids)
      .orderBy('tu.position')
      .execute(),
    db.selectFrom('ledger_task_target').select(['task_id', 'target_id']).where('task_id', 'in', ids).execute(),
    db.selectFrom('ledger_milestone').selectAll().where('task_id', 'in', ids).orderBy('due_on').orderBy('id').execute(),
    db.selectFrom('ledger_report').select(['task_id', 'cycle_id']).where('task_id', 'in', ids).execute(),
    listCycleRows(db, planId),
    flagOptions(db, planId),
    taskSignals(db, rows),
  ]);
  const targets = taskTargets
    .flatMap((tt) => {
      const t = planTargets.get(tt.target_id);
      return t ? [{ task_id: tt.task_id, ...t }] : [];
    })
    .sort((a, b) => a.seq - b.seq || a.id - b.id);
  return rows.map((r) => {
    const m = measures.get(r.measure_id)!;
    const ms = milestones.filter((x) => x.task_id === r.id).map((x) => ({ id: x.id, title: x.title, dueOn: x.due_on, doneOn: x.done_on, source: x.source }));
    const fl = taskFlags(
      {
        status: r.status,
        progress: r.progress,
        startOn: r.start_on,
        completedOn: r.completed_on,
        milestones: ms,
        reportedCycleIds: reports.filter((x) => x.task_id === r.id).map((x) => x.cycle_id),
        signals: signals.get(r.id) ?? [],
      },
      cycles,
      asOf,
      calendar,
      opts,
    );
    return {
      id: r.id,
      planId: r.plan_id,
      measureId: r.measure_id,
      measureNumber: m.number,
      measureTitle: m.title,
      sectionNumber: m.sectionNumber,
      sectionTitle: sectionTitle.get(m.sectionNumber) ?? '',
      seq: r.seq,
      code: `${m.number}-${r.seq}`,
      title: r.title,
      description: r.description,
      weight: Number(r.weight),
      status: r.status,
      statusLabel: STATUS_INFO[r.status].label,
      statusColor: STATUS_INFO[r.status].color,
      progress: r.progress,
      startOn: r.start_on,
      completedOn: r.completed_on,
      leadUnits: units.filter((u) => u.task_id === r.id && u.role === 'lead').map((u) => ({ id: u.id, name: u.name })),
      responsibleUnits: units.filter((u) => u.task_id === r.id && u.role === 'responsible').map((u) => ({ id: u.id, name: u.name })),
      targets: targets.filter((x) => x.task_id === r.id).map((x) => ({ id: x.id, text: x.text, metric: x.metric, op: x.op, value: x.value, unit: x.unit })),
      milestones: ms,
      ...fl,
    };
  });
}

/** The flagged tasks of a plan as of a day, for the office's list of flags. */
export async function planFlags(db: Kysely<Database>, planId: number, asOf: string) {
  const tasks = await listTasks(db, planId, asOf);
  return tasks
    .filter((t) => t.flags.length)
    .map((t) => ({ taskId: t.id, code: t.code, title: t.title, light: t.light, units: t.leadUnits.map((u) => u.name), flags: t.flags }));
}

/** The last 100 changes of a task (audit log), newest first. */
export async function taskHistory(db: Kysely<Database>, taskId: number) {
  const rows = await listAudit(db, { entity: 'ledger_task', entityId: String(taskId), limit: 100 });
  const name = await actorNamer(
    db,
    rows.map((r) => r.actor),
  );
  return rows.map((r) => ({ id: r.id, at: r.at, actor: name(r.actor), action: r.action, before: r.before, after: r.after }));
}

/** A task as of `asOf` (default: its plan's as-of date, `planAsOf`). */
export async function getTask(db: Kysely<Database>, taskId: number, asOf?: string): Promise<TaskView> {
  const row = await db.selectFrom('ledger_task').select('plan_id').where('id', '=', taskId).executeTakeFirst();
  if (!row) throw new NotFoundError('任务（不存在或已删除）');
  const [t] = await listTasks(db, row.plan_id, asOf ?? (await planAsOf(db, row.plan_id)).asOf, { taskIds: [taskId] });
  return t!;
}

/** Progress of every measure rolled up from its tasks (weighted). */
export async function measureProgress(db: Kysely<Database>, planId: number) {
  const measures = await listMeasures(db, planId);
  const tasks = await db.selectFrom('ledger_task').select(['measure_id', 'weight', 'progress', 'status']).where('plan_id', '=', planId).execute();
  const out = new Map<number, { measureId: number; number: number; title: string; tasks: Array<{ weight: number; progress: number; status: TaskStatus }> }>();
  for (const m of measures) out.set(m.id, { measureId: m.id, number: m.number, title: m.title, tasks: [] });
  for (const t of tasks) out.get(t.measure_id)?.tasks.push({ weight: Number(t.weight), progress: t.progress, status: t.status });
  return [...out.values()].map((e) => {
    const status = rollUpStatus(e.tasks.map((t) => t.status));
    return {
      measureId: e.measureId,
      number: e.number,
      title: e.title,
      taskCount: e.tasks.length,
      progress: rollUpProgress(e.tasks),
      status,
      statusLabel: status ? STATUS_INFO[status].label : null,
    };
  });
}

export interface TaskPatch {
  title?: string;
  description?: string;
  weight?: number;
  status?: string;
  progress?: number;
  startOn?: string;
  completedOn?: string | null;
  leadUnitIds?: number[];
  responsibleUnitIds?: number[];
  targetIds?: number[];
}
/** Why unit staff may not edit a task (its status and progress change only through reviewed reports). */
export const UNIT_CANNOT_EDIT_TASK = '任务的状态和进度以营商办审核通过的进展报告为准，单位不能直接修改；请报送进展报告，如需更正请联系营商办';

async function validateUnitsAndTargets(trx: Kysely<Database>, measureId: number, p: TaskPatch, problems: InputProblem[]) {
  const unitIds = [...(p.leadUnitIds ?? []), ...(p.responsibleUnitIds ?? [])];
  if (unitIds.length) {
    const known = await findUnitsByIds(trx, unitIds);
    for (const id of unitIds) if (!known.some((k) => k.id === id)) problems.push({ field: 'units', message: `未知单位 ${id}` });
  }
  if (p.leadUnitIds && p.leadUnitIds.length === 0) problems.push({ field: 'leadUnitIds', message: '任务至少要有一个牵头单位' });
  if (p.targetIds?.length) {
    const m = await findMeasure(trx, measureId);
    const known = m ? (await listMeasures(trx, m.planId, { ids: [measureId] })).flatMap((x) => x.targets) : [];
    for (const id of p.targetIds) if (!known.some((k) => k.id === id)) problems.push({ field: 'targetIds', message: `量化目标 ${id} 不属于本措施` });
  }
}

async function writeUnitsAndTargets(trx: Kysely<Database>, taskId: number, p: TaskPatch) {
  if (p.leadUnitIds || p.responsibleUnitIds) {
    const cur = await trx.selectFrom('ledger_task_unit').selectAll().where('task_id', '=', taskId).execute();
    const lead = p.leadUnitIds ?? cur.filter((c) => c.role === 'lead').map((c) => c.unit_id);
    const resp = p.responsibleUnitIds ?? cur.filter((c) => c.role === 'responsible').map((c) => c.unit_id);
    await trx.deleteFrom('ledger_task_unit').where('task_id', '=', taskId).execute();
    const rows = [
      ...lead.map((u, i) => ({ task_id: taskId, unit_id: u, role: 'lead' as const, position: i + 1 })),
      ...resp.map((u, i) => ({ task_id: taskId, unit_id: u, role: 'responsible' as const, position: i + 1 })),
    ];
    const seen = new Set<string>();
    const uniq = rows.filter((r) => {
      const k = `${r.unit_id}:${r.role}`;
      if (seen.has(k)) return false;
      seen.add(k);
      return true;
    });
    if (uniq.length) await trx.insertInto('ledger_task_unit').values(uniq).execute();
  }
  if (p.targetIds) {
    await trx.deleteFrom('ledger_task_target').where('task_id', '=', taskId).execute();
    if (p.targetIds.length)
      await trx
        .insertInto('ledger_task_target')
        .values([...new Set(p.targetIds)].map((target_id) => ({ task_id: taskId, target_id })))
        .execute();
  }
}

function checkScalars(p: TaskPatch, cur: { status: TaskStatus; progress: number }, problems: InputProblem[]) {
  if (p.title !== undefined && !p.title.trim()) problems.push({ field: 'title', message: '任务名称不能为空' });
  if (p.weight !== undefined && !(p.weight > 0 && p.weight <= 100)) problems.push({ field: 'weight', message: '权重应大于 0 且不超过 100' });
  if (p.startOn !== undefined && !isIsoDate(p.startOn)) problems.push({ field: 'startOn', message: '日期格式应为 YYYY-MM-DD' });
  if (p.completedOn && !isIsoDate(p.completedOn)) problems.push({ field: 'completedOn', message: '日期格式应为 YYYY-MM-DD' });
  if (p.status !== undefined && !(TASK_STATUSES as string[]).includes(p.status)) problems.push({ field: 'status', message: `未知状态“${p.status}”` });
  const status = (p.status ?? cur.status) as TaskStatus;
  const progress = p.progress ?? cur.progress;
  if ((TASK_STATUSES as string[]).includes(status)) {
    const sp = statusProgressProblem(status, progress);
    if (sp) problems.push({ field: p.progress !== undefined ? 'progress' : 'status', message: sp });
  }
}

/**
 * Where a command comes from: the API (default) or the Excel import, whose changes are audited as
 * `…import-update` / `…import-create` and name the file.
 */
export interface CommandSource {
  importFile?: string;
}

/** Edits a task: the office only (unit staff report; their reports, once accepted, set status and progress). */
export async function updateTask(db: Kysely<Database>, user: SessionUser, taskId: number, patch: TaskPatch): Promise<void> {
  await db.transaction().execute((trx) => updateTaskIn(trx, user, taskId, patch));
}

/** `updateTask` inside the caller's transaction. */
export async function updateTaskIn(trx: Kysely<Database>, user: SessionUser, taskId: number, patch: TaskPatch, src: CommandSource = {}): Promise<void> {
  const p = { ...patch, completedOn: patch.completedOn === '' ? null : patch.completedOn };
  await assertCanEditTask(trx, user, taskId);
  // Status and progress move only through reports the office accepts (issue 12); the office corrects them (audited).
  if (!isOffice(user)) throw new ForbiddenError(UNIT_CANNOT_EDIT_TASK);
  const cur = await trx.selectFrom('ledger_task').selectAll().where('id', '=', taskId).executeTakeFirstOrThrow();
  const problems: InputProblem[] = [];
  checkScalars(p, cur, problems);
  await validateUnitsAndTargets(trx, cur.measure_id, p, problems);
  if (problems.length) throw new InputRejectedError('任务信息有误', problems);
  const status = (p.status ?? cur.status) as TaskStatus;
  const completedOn = p.completedOn !== undefined ? p.completedOn : status === 'done' ? (cur.completed_on ?? null) : null;
  const set = {
    title: p.title?.trim() ?? cur.title,
    description: p.description ?? cur.description,
    weight: p.weight ?? Number(cur.weight),
    status,
    progress: p.progress ?? cur.progress,
    start_on: p.startOn ?? cur.start_on,
    completed_on: status === 'done' ? (completedOn ?? chinaToday()) : null,
    updated_at: new Date(),
  };
  await trx.updateTable('ledger_task').set(set).where('id', '=', taskId).execute();
  await writeUnitsAndTargets(trx, taskId, p);
  const { updated_at: _u, ...after } = set;
  await recordAudit(trx, {
    actor: user.account,
    action: src.importFile ? 'ledger.task.import-update' : 'ledger.task.update',
    entity: 'ledger_task',
    entityId: taskId,
    before: {
      title: cur.title,
      description: cur.description,
      weight: Number(cur.weight),
      status: cur.status,
      progress: cur.progress,
      start_on: cur.start_on,
      completed_on: cur.completed_on,
    },
    after: {
      ...after,
      leadUnitIds: p.leadUnitIds,
      responsibleUnitIds: p.responsibleUnitIds,
      targetIds: p.targetIds,
      ...(src.importFile ? { source: src.importFile } : {}),
    },
  });
}

export interface NewTask {
  title: string;
  description?: string;
  weight?: number;
  leadUnitIds: number[];
  responsibleUnitIds?: number[];
  targetIds?: number[];
  milestones?: Array<{ title: string; dueOn: string }>;
}

/** Splits a measure: adds a task to it (the office). */
export async function createTask(db: Kysely<Database>, actor: string, measureId: number, p: NewTask): Promise<number> {
  return db.transaction().execute((trx) => createTaskIn(trx, actor, measureId, p));
}

/**
 * `createTask` inside the caller's transaction. `seq`: the task's number within its measure (the import's
 * 任务编号), refused when taken; by default the next free one.
 */
export async function createTaskIn(
  trx: Kysely<Database>,
  actor: string,
  measureId: number,
  p: NewTask,
  opts: CommandSource & { seq?: number } = {},
): Promise<number> {
  const measure = await findMeasure(trx, measureId);
  if (!measure) throw new NotFoundError(`措施 ${measureId}`);
  const plan = await getPlan(trx, measure.planId);
  const m = { id: measure.id, plan_id: measure.planId, issued_on: plan.issued_on, year: plan.year };
  const problems: InputProblem[] = [];
  checkScalars({ title: p.title, weight: p.weight }, { status: 'not_started', progress: 0 }, problems);
  await validateUnitsAndTargets(trx, measureId, p, problems);
  (p.milestones ?? []).forEach((x, i) => {
    if (!x.title?.trim()) problems.push({ row: i + 1, field: 'milestones.title', message: '节点名称不能为空' });
    if (!isIsoDate(x.dueOn)) problems.push({ row: i + 1, field: 'milestones.dueOn', message: '日期格式应为 YYYY-MM-DD' });
  });
  if (problems.length) throw new InputRejectedError('任务信息有误', problems);
  const last = await trx
    .selectFrom('ledger_task')
    .select((eb) => eb.fn.max('seq').as('s'))
    .where('measure_id', '=', measureId)
    .executeTakeFirst();
  if (opts.seq !== undefined) {
    const clash = await trx.selectFrom('ledger_task').select('id').where('measure_id', '=', measureId).where('seq', '=', opts.seq).executeTakeFirst();
    if (clash) throw new InputRejectedError('任务编号冲突', [{ field: 'seq', message: `编号 ${opts.seq} 已被占用` }]);
  }
  const t = await trx
    .insertInto('ledger_task')
    .values({
      plan_id: m.plan_id,
      measure_id: measureId,
      seq: opts.seq ?? Number(last?.s ?? 0) + 1,
      title: p.title.trim(),
      description: p.description ?? '',
      weight: p.weight ?? 1,
      start_on: m.issued_on ?? `${m.year}-01-01`,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await writeUnitsAndTargets(trx, t.id, { leadUnitIds: p.leadUnitIds, responsibleUnitIds: p.responsibleUnitIds ?? [], targetIds: p.targetIds ?? [] });
  if (p.milestones?.length)
    await trx
      .insertInto('ledger_milestone')
      .values(p.milestones.map((x) => ({ task_id: t.id, title: x.title.trim(), due_on: x.dueOn, source: 'office' as const })))
      .execute();
  await recordAudit(trx, {
    actor,
    action: opts.importFile ? 'ledger.task.import-create' : 'ledger.task.create',
    entity: 'ledger_task',
    entityId: t.id,
    after: { measureId, ...p, ...(opts.importFile ? { source: opts.importFile } : {}) },
  });
  return t.id;
}

/** Removes a task the office split off by mistake; a task with reports or orders is kept (history). */
export async function deleteTask(db: Kysely<Database>, actor: string, taskId: number): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const cur = await trx.selectFrom('ledger_task').selectAll().where('id', '=', taskId).executeTakeFirst();
    if (!cur) throw new NotFoundError('任务（不存在或已删除）');
    const used = await trx
      .selectFrom('ledger_report')
      .select('id')
      .where('task_id', '=', taskId)
      .union(trx.selectFrom('ledger_order').select('id').where('task_id', '=', taskId))
      .executeTakeFirst();
    if (used) throw new ConflictError('该任务已有进展报告或督办单，不能删除（可设为“已暂停”）');
    const siblings = await trx.selectFrom('ledger_task').select('id').where('measure_id', '=', cur.measure_id).execute();
    if (siblings.length <= 1) throw new ConflictError('每条措施至少保留一个任务');
    await trx.deleteFrom('ledger_task').where('id', '=', taskId).execute();
    await recordAudit(trx, { actor, action: 'ledger.task.delete', entity: 'ledger_task', entityId: taskId, before: cur });
  });
}

export interface MilestonePatch {
  title?: string;
  dueOn?: string;
  doneOn?: string | null;
}

export async function addMilestone(db: Kysely<Database>, actor: string, taskId: number, p: { title: string; dueOn: string }): Promise<number> {
  return db.transaction().execute((trx) => addMilestoneIn(trx, actor, taskId, p));
}

/** `addMilestone` inside the caller's transaction; the import also gives the day it was met. */
export async function addMilestoneIn(
  trx: Kysely<Database>,
  actor: string,
  taskId: number,
  p: { title: string; dueOn: string; doneOn?: string | null },
  src: CommandSource = {},
): Promise<number> {
  const t = await trx.selectFrom('ledger_task').select('id').where('id', '=', taskId).executeTakeFirst();
  if (!t) throw new NotFoundError('任务（不存在或已删除）');
  const problems: InputProblem[] = [];
  if (!p.title?.trim()) problems.push({ field: 'title', message: '节点名称不能为空' });
  if (!isIsoDate(p.dueOn)) problems.push({ field: 'dueOn', message: '日期格式应为 YYYY-MM-DD' });
  if (p.doneOn && !isIsoDate(p.doneOn)) problems.push({ field: 'doneOn', message: '日期格式应为 YYYY-MM-DD' });
  if (problems.length) throw new InputRejectedError('节点信息有误', problems);
  const r = await trx
    .insertInto('ledger_milestone')
    .values({ task_id: taskId, title: p.title.trim(), due_on: p.dueOn, done_on: p.doneOn ?? null, source: 'office' })
    .returning('id')
    .executeTakeFirstOrThrow();
  await recordAudit(trx, {
    actor,
    action: 'ledger.milestone.create',
    entity: 'ledger_milestone',
    entityId: r.id,
    after: { taskId, ...p, ...(src.importFile ? { source: src.importFile } : {}) },
  });
  return r.id;
}

/** The office changes any field; unit staff of the task only mark it done (doneOn). */
export async function updateMilestone(db: Kysely<Database>, user: SessionUser, id: number, patch: MilestonePatch): Promise<void> {
  await db.transaction().execute((trx) => updateMilestoneIn(trx, user, id, patch));
}

/** `updateMilestone` inside the caller's transaction. */
export async function updateMilestoneIn(trx: Kysely<Database>, user: SessionUser, id: number, patch: MilestonePatch, src: CommandSource = {}): Promise<void> {
  // A JSON null may arrive coerced to '' by the schema validator: both mean "not done".
  const p = { ...patch, doneOn: patch.doneOn === '' ? null : patch.doneOn };
  const cur = await trx.selectFrom('ledger_milestone').selectAll().where('id', '=', id).executeTakeFirst();
  if (!cur) throw new NotFoundError('节点（不存在或已删除）');
  await assertCanEditTask(trx, user, cur.task_id);
  if (!isOffice(user) && (p.title !== undefined || p.dueOn !== undefined))
    throw new InputRejectedError('单位只能填报节点完成日期', [{ field: p.title !== undefined ? 'title' : 'dueOn', message: '仅营商办可修改' }]);
  const problems: InputProblem[] = [];
  if (p.title !== undefined && !p.title.trim()) problems.push({ field: 'title', message: '节点名称不能为空' });
  if (p.dueOn !== undefined && !isIsoDate(p.dueOn)) problems.push({ field: 'dueOn', message: '日期格式应为 YYYY-MM-DD' });
  if (p.doneOn && !isIsoDate(p.doneOn)) problems.push({ field: 'doneOn', message: '日期格式应为 YYYY-MM-DD' });
  if (problems.length) throw new InputRejectedError('节点信息有误', problems);
  const set = { title: p.title?.trim() ?? cur.title, due_on: p.dueOn ?? cur.due_on, done_on: p.doneOn === undefined ? cur.done_on : p.doneOn };
  await trx.updateTable('ledger_milestone').set(set).where('id', '=', id).execute();
  await recordAudit(trx, {
    actor: user.account,
    action: 'ledger.milestone.update',
    entity: 'ledger_milestone',
    entityId: id,
    before: cur,
    after: { ...cur, ...set, ...(src.importFile ? { source: src.importFile } : {}) },
  });
}

export async function deleteMilestone(db: Kysely<Database>, actor: string, id: number): Promise<void> {
  await db.transaction().execute((trx) => deleteMilestoneIn(trx, actor, id));
}

/** `deleteMilestone` inside the caller's transaction. */
export async function deleteMilestoneIn(trx: Kysely<Database>, actor: string, id: number, src: CommandSource = {}): Promise<void> {
  const cur = await trx.selectFrom('ledger_milestone').selectAll().where('id', '=', id).executeTakeFirst();
  if (!cur) throw new NotFoundError('节点（不存在或已删除）');
  await trx.deleteFrom('ledger_milestone').where('id', '=', id).execute();
  await recordAudit(trx, {
    actor,
    action: 'ledger.milestone.delete',
    entity: 'ledger_milestone',
    entityId: id,
    before: cur,
    ...(src.importFile ? { after: { source: src.importFile } } : {}),
  });
}
