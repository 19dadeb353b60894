import type { ReportState } from './core/lists.js';
import type { Kysely } from 'kysely';
import { recordAudit } from '../audit/index.js';
import { actorNamer, type SessionUser } from '../auth/index.js';
import type { Database } from '../db/index.js';
import { fileSha256, readStoredFile, storeFile, sweepStoredFiles } from '../files/index.js';
import { notify, resolveNotices } from '../inbox/index.js';
import { findMeasures } from '../plan/index.js';
import { ConflictError, ForbiddenError, InputRejectedError, NotFoundError, type InputProblem } from '../shared/index.js';
import { isIsoDate } from './core/calendar.js';
import { chinaToday } from '../calendar/index.js';
import { monthlyCycles } from './core/cycles.js';
import { checkEvidence, safeFileName } from './core/evidence.js';
import { STATUS_INFO, statusProgressProblem, TASK_STATUSES, type TaskStatus } from './core/status.js';
import { orderOverdueNotice, reportToReviewNotice, reviewOutcomeNotice, taskFlagNotice } from './core/notices.js';
import { taskRef, taskUnitNames, unitName } from './notice-refs.js';
import { assertCanEditTask, isOffice, officeIds, unitStaffIds } from './access.js';
import { getPlanOrThrow, ledgerCalendar } from './task-store.js';
import { inTransaction } from './trx.js';

export interface ReportContent {
  status: TaskStatus;
  progress: number;
  done: string;
  problems: string;
  nextSteps: string;
  actuals: Array<{ targetId: number; value: number }>;
}

/** Creates monthly cycles `from`..`to` ("YYYY-MM"), due on the n-th working day of the next month; existing months are kept. */
export async function createMonthlyCycles(db: Kysely<Database>, actor: string, planId: number, p: { from: string; to: string; dueWorkingDay?: number }) {
  const problems: InputProblem[] = [];
  if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(p.from)) problems.push({ field: 'from', message: '格式应为 YYYY-MM' });
  if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(p.to)) problems.push({ field: 'to', message: '格式应为 YYYY-MM' });
  if (!problems.length && p.from > p.to) problems.push({ field: 'to', message: '结束月份不能早于开始月份' });
  const n = p.dueWorkingDay ?? 5;
  if (!Number.isInteger(n) || n < 1 || n > 15) problems.push({ field: 'dueWorkingDay', message: '应为 1–15 的整数' });
  if (problems.length) throw new InputRejectedError('报送周期设置有误', problems);
  let specs: ReturnType<typeof monthlyCycles>;
  const calendar = await ledgerCalendar(db);
  try {
    specs = monthlyCycles(calendar, p.from, p.to, n);
  } catch (e) {
    throw new InputRejectedError(`无法计算报送截止日：${(e as Error).message}`, [{ field: 'to', message: '超出工作日历覆盖的年份' }]);
  }
  return db.transaction().execute(async (trx) => {
    await getPlanOrThrow(trx, planId);
    const created: number[] = [];
    for (const s of specs) {
      const r = await trx
        .insertInto('ledger_cycle')
        .values({ plan_id: planId, label: s.label, period_start: s.periodStart, period_end: s.periodEnd, due_on: s.dueOn })
        .onConflict((oc) => oc.columns(['plan_id', 'period_start']).doNothing())
        .returning('id')
        .executeTakeFirst();
      if (r) created.push(r.id);
    }
    if (created.length)
      await recordAudit(trx, { actor, action: 'ledger.cycle.create', entity: 'plan', entityId: planId, after: { created, ...p, dueWorkingDay: n } });
    return { created: created.length };
  });
}

/** The office sets a cycle's own period or due day (e.g. an earlier due day before a leaders' meeting). */
export async function updateCycle(
  db: Kysely<Database>,
  actor: string,
  cycleId: number,
  p: { label?: string; periodStart?: string; periodEnd?: string; dueOn?: string },
) {
  await db.transaction().execute(async (trx) => {
    const cur = await trx.selectFrom('ledger_cycle').selectAll().where('id', '=', cycleId).executeTakeFirst();
    if (!cur) throw new NotFoundError('报送周期（不存在或已删除）');
    const next = {
      label: p.label ?? cur.label,
      period_start: p.periodStart ?? cur.period_start,
      period_end: p.periodEnd ?? cur.period_end,
      due_on: p.dueOn ?? cur.due_on,
    };
    const problems: InputProblem[] = [];
    for (const [f, v] of [
      ['periodStart', next.period_start],
      ['periodEnd', next.period_end],
      ['dueOn', next.due_on],
    ] as const)
      if (!isIsoDate(v)) problems.push({ field: f, message: '日期格式应为 YYYY-MM-DD' });
    if (!problems.length && !(next.period_start <= next.period_end && next.period_end <= next.due_on))
      problems.push({ field: 'dueOn', message: '应满足 开始日 ≤ 结束日 ≤ 截止日' });
    if (!next.label.trim()) problems.push({ field: 'label', message: '名称不能为空' });
    if (problems.length) throw new InputRejectedError('报送周期设置有误', problems);
    await trx.updateTable('ledger_cycle').set(next).where('id', '=', cycleId).execute();
    await recordAudit(trx, { actor, action: 'ledger.cycle.update', entity: 'ledger_cycle', entityId: cycleId, before: cur, after: next });
  });
}

export async function listCycles(db: Kysely<Database>, planId: number) {
  await getPlanOrThrow(db, planId);
  const rows = await db.selectFrom('ledger_cycle').selectAll().where('plan_id', '=', planId).orderBy('period_start').execute();
  const counts = await db
    .selectFrom('ledger_report')
    .innerJoin('ledger_cycle', 'ledger_cycle.id', 'ledger_report.cycle_id')
    .select(['ledger_report.cycle_id', 'ledger_report.state', (eb) => eb.fn.countAll<number>().as('n')])
    .where('ledger_cycle.plan_id', '=', planId)
    .groupBy(['ledger_report.cycle_id', 'ledger_report.state'])
    .execute();
  const countOf = (cycleId: number, state: string) => Number(counts.find((x) => x.cycle_id === cycleId && x.state === state)?.n ?? 0);
  return rows.map((c) => ({
    id: c.id,
    label: c.label,
    periodStart: c.period_start,
    periodEnd: c.period_end,
    dueOn: c.due_on,
    reports: {
      submitted: countOf(c.id, 'submitted'),
      returned: countOf(c.id, 'returned'),
      accepted: countOf(c.id, 'accepted'),
    },
  }));
}

async function checkContent(trx: Kysely<Database>, taskId: number, c: ReportContent): Promise<InputProblem[]> {
  const problems: InputProblem[] = [];
  if (!(TASK_STATUSES as string[]).includes(c.status)) problems.push({ field: 'status', message: `未知状态“${c.status}”` });
  else {
    const sp = statusProgressProblem(c.status, c.progress);
    if (sp) problems.push({ field: 'progress', message: sp });
  }
  if (!c.done?.trim()) problems.push({ field: 'done', message: '请填写本期工作进展' });
  if (c.status === 'lagging' && !c.problems?.trim()) problems.push({ field: 'problems', message: '状态为“滞后”时须说明存在的问题' });
  for (const [f, v] of [
    ['done', c.done],
    ['problems', c.problems],
    ['nextSteps', c.nextSteps],
  ] as const)
    if ((v ?? '').length > 5000) problems.push({ field: f, message: '不超过 5000 字' });
  const targets = await trx.selectFrom('ledger_task_target').select('target_id').where('task_id', '=', taskId).execute();
  (c.actuals ?? []).forEach((a, i) => {
    if (!targets.some((t) => t.target_id === a.targetId))
      problems.push({ row: i + 1, field: 'actuals.targetId', message: `量化目标 ${a.targetId} 不属于该任务` });
    if (typeof a.value !== 'number' || !Number.isFinite(a.value)) problems.push({ row: i + 1, field: 'actuals.value', message: '实际值应为数字' });
  });
  return problems;
}

/**
 * Files (or re-files) the report of a task for a cycle: the unit staff of the task. A first report creates
 * version 1; a returned or not yet reviewed report gets a new version (history kept); an accepted one is final.
 */
export async function submitReport(
  db: Kysely<Database>,
  user: SessionUser,
  p: { taskId: number; cycleId: number; content: ReportContent; now?: Date; demo?: boolean },
) {
  return db.transaction().execute(async (trx) => {
    if (user.role !== 'unit_staff') throw new ForbiddenError('进展报告由任务的牵头或责任单位报送');
    const units = await assertCanEditTask(trx, user, p.taskId);
    const cycle = await trx.selectFrom('ledger_cycle').selectAll().where('id', '=', p.cycleId).executeTakeFirst();
    const task = await trx.selectFrom('ledger_task').select(['plan_id', 'title']).where('id', '=', p.taskId).executeTakeFirstOrThrow();
    if (!cycle || cycle.plan_id !== task.plan_id) throw new NotFoundError('报送周期（不存在或已删除）');
    const problems = await checkContent(trx, p.taskId, p.content);
    if (problems.length) throw new InputRejectedError('进展报告有误', problems);
    const now = p.now ?? new Date();
    const content = {
      status: p.content.status,
      progress: p.content.progress,
      done: p.content.done.trim(),
      problems: (p.content.problems ?? '').trim(),
      nextSteps: (p.content.nextSteps ?? '').trim(),
      actuals: p.content.actuals ?? [],
    };
    const cur = await trx.selectFrom('ledger_report').selectAll().where('task_id', '=', p.taskId).where('cycle_id', '=', p.cycleId).executeTakeFirst();
    if (cur?.state === 'accepted') throw new ConflictError('该期报告已审核通过，不能再修改');
    const version = (cur?.version ?? 0) + 1;
    let reportId: number;
    if (cur) {
      await trx.updateTable('ledger_report').set({ state: 'submitted', version, updated_at: now }).where('id', '=', cur.id).execute();
      reportId = cur.id;
    } else {
      const r = await trx
        .insertInto('ledger_report')
        .values({
          task_id: p.taskId,
          cycle_id: p.cycleId,
          state: 'submitted',
          version,
          first_submitted_at: now,
          first_submitted_on: chinaToday(now),
          updated_at: now,
          demo: p.demo ?? false,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      reportId = r.id;
    }
    const unitId = user.unitIds.find((u) => units.includes(u)) ?? null;
    await trx
      .insertInto('ledger_report_version')
      .values({ report_id: reportId, version, unit_id: unitId, content: JSON.stringify(content), submitted_by: user.account, submitted_at: now })
      .execute();
    await recordAudit(trx, {
      actor: user.account,
      action: version === 1 ? 'ledger.report.submit' : 'ledger.report.resubmit',
      entity: 'ledger_report',
      entityId: reportId,
      before: cur ? { state: cur.state, version: cur.version } : null,
      after: { taskId: p.taskId, cycleId: p.cycleId, version, content },
    });
    // The unit's "returned, refile" notice is done once it refiles; the office is asked to review.
    await resolveNotices(trx, { kind: 'ledger.review', link: `/ledger/reports/${reportId}` });
    // The unit's "report due in N working days" reminders of this task are done once it has filed.
    await resolveNotices(trx, { kind: 'ledger.reminder', link: `/ledger/tasks/${p.taskId}` });
    await notify(trx, {
      userIds: await officeIds(trx),
      kind: 'ledger.report',
      ...reportToReviewNotice({
        task: await taskRef(trx, p.taskId),
        unit: await unitName(trx, unitId),
        cycle: cycle.label,
        version,
        progress: content.progress,
        statusLabel: STATUS_INFO[content.status].label,
      }),
      link: `/ledger/reports/${reportId}`,
      dedupeKey: `report:${reportId}:v${version}`,
    });
    return { reportId, version };
  });
}

/** The office accepts a submitted report (the task takes the reported status and progress) or returns it with a comment. */
export async function reviewReport(db: Kysely<Database>, actor: string, reportId: number, p: { outcome: 'accept' | 'return'; comment?: string }) {
  await inTransaction(db, async (trx) => {
    const r = await trx.selectFrom('ledger_report').selectAll().where('id', '=', reportId).executeTakeFirst();
    if (!r) throw new NotFoundError('进展报告（不存在或已删除）');
    if (r.state !== 'submitted') throw new ConflictError(r.state === 'accepted' ? '该报告已审核通过' : '该报告已退回，等待单位重新报送');
    if (p.outcome === 'return' && !p.comment?.trim()) throw new InputRejectedError('退回须填写意见', [{ field: 'comment', message: '请说明退回原因' }]);
    const now = new Date();
    const state = p.outcome === 'accept' ? ('accepted' as const) : ('returned' as const);
    await trx
      .updateTable('ledger_report')
      .set({ state, returns: r.returns + (state === 'returned' ? 1 : 0), updated_at: now })
      .where('id', '=', reportId)
      .execute();
    await trx
      .updateTable('ledger_report_version')
      .set({ outcome: state, review_comment: p.comment?.trim() || null, reviewed_by: actor, reviewed_at: now })
      .where('report_id', '=', reportId)
      .where('version', '=', r.version)
      .execute();
    const v = await trx
      .selectFrom('ledger_report_version')
      .select('content')
      .where('report_id', '=', reportId)
      .where('version', '=', r.version)
      .executeTakeFirstOrThrow();
    const task = await trx.selectFrom('ledger_task').selectAll().where('id', '=', r.task_id).executeTakeFirstOrThrow();
    if (state === 'accepted') {
      const c = v.content as ReportContent;
      const cycle = await trx.selectFrom('ledger_cycle').select('period_end').where('id', '=', r.cycle_id).executeTakeFirstOrThrow();
      await trx
        .updateTable('ledger_task')
        .set({
          status: c.status,
          progress: c.progress,
          updated_at: now,
          completed_on: c.status === 'done' ? (task.completed_on ?? (r.first_submitted_on < cycle.period_end ? r.first_submitted_on : cycle.period_end)) : null,
        })
        .where('id', '=', r.task_id)
        .execute();
    }
    await recordAudit(trx, {
      actor,
      action: `ledger.report.${state === 'accepted' ? 'accept' : 'return'}`,
      entity: 'ledger_report',
      entityId: reportId,
      before: { state: r.state, taskStatus: task.status, taskProgress: task.progress },
      after: { state, version: r.version, comment: p.comment ?? null },
    });
    // The office's "to review" notices of this report are done; the units hear the outcome.
    await resolveNotices(trx, { kind: 'ledger.report', link: `/ledger/reports/${reportId}` });
    const units = (await trx.selectFrom('ledger_task_unit').select('unit_id').where('task_id', '=', r.task_id).execute()).map((x) => x.unit_id);
    const cycle = await trx.selectFrom('ledger_cycle').select(['label', 'due_on']).where('id', '=', r.cycle_id).executeTakeFirstOrThrow();
    await notify(trx, {
      userIds: await unitStaffIds(trx, units),
      kind: 'ledger.review',
      ...reviewOutcomeNotice({
        task: await taskRef(trx, r.task_id),
        units: await taskUnitNames(trx, r.task_id, true),
        cycle: cycle.label,
        version: r.version,
        accepted: state === 'accepted',
        comment: p.comment,
        dueOn: cycle.due_on,
      }),
      link: `/ledger/reports/${reportId}`,
      dedupeKey: `review:${reportId}:v${r.version}`,
    });
  });
}

export async function getReport(db: Kysely<Database>, reportId: number) {
  const r = await db
    .selectFrom('ledger_report')
    .innerJoin('ledger_task', 'ledger_task.id', 'ledger_report.task_id')
    .innerJoin('ledger_cycle', 'ledger_cycle.id', 'ledger_report.cycle_id')
    .selectAll('ledger_report')
    .select(['ledger_task.title as task_title', 'ledger_task.plan_id', 'ledger_cycle.label as cycle_label', 'ledger_cycle.due_on'])
    .where('ledger_report.id', '=', reportId)
    .executeTakeFirst();
  if (!r) throw new NotFoundError('进展报告（不存在或已删除）');
  const versions = await db
    .selectFrom('ledger_report_version')
    .leftJoin('unit', 'unit.id', 'ledger_report_version.unit_id')
    .selectAll('ledger_report_version')
    .select('unit.name as unit_name')
    .where('report_id', '=', reportId)
    .orderBy('version', 'desc')
    .execute();
  const evidence = await db
    .selectFrom('ledger_evidence')
    .select(['id', 'version', 'file_name', 'mime', 'size', 'uploaded_by', 'uploaded_at'])
    .where('report_id', '=', reportId)
    .orderBy('id')
    .execute();
  const name = await actorNamer(db, [...versions.flatMap((v) => [v.submitted_by, v.reviewed_by]), ...evidence.map((e) => e.uploaded_by)]);
  return {
    id: r.id,
    taskId: r.task_id,
    taskTitle: r.task_title,
    planId: r.plan_id,
    cycleId: r.cycle_id,
    cycleLabel: r.cycle_label,
    dueOn: r.due_on,
    state: r.state,
    version: r.version,
    returns: r.returns,
    firstSubmittedOn: r.first_submitted_on,
    onTime: r.first_submitted_on <= r.due_on,
    demo: r.demo,
    versions: versions.map((v) => ({
      version: v.version,
      unit: v.unit_name,
      content: v.content as ReportContent,
      submittedBy: name(v.submitted_by),
      submittedAt: v.submitted_at,
      outcome: v.outcome,
      reviewComment: v.review_comment,
      reviewedBy: name(v.reviewed_by),
      reviewedAt: v.reviewed_at,
    })),
    evidence: evidence.map((e) => ({
      id: e.id,
      version: e.version,
      fileName: e.file_name,
      mime: e.mime,
      size: e.size,
      uploadedBy: name(e.uploaded_by),
      uploadedAt: e.uploaded_at,
    })),
  };
}

/**
 * The one base query of the report lists: reports with their task and cycle, filtered in SQL. Each entry of
 * `unitSets` keeps the reports of tasks one of its units leads or shares (an empty set keeps none).
 */
export function reportRows(db: Kysely<Database>, f: { planId?: number; cycleId?: number; taskId?: number; state?: ReportState; unitSets?: number[][] }) {
  let q = db
    .selectFrom('ledger_report as r')
    .innerJoin('ledger_task as t', 't.id', 'r.task_id')
    .innerJoin('ledger_cycle as c', 'c.id', 'r.cycle_id')
    .select([
      'r.id',
      'r.task_id',
      'r.cycle_id',
      'r.state',
      'r.version',
      'r.returns',
      'r.first_submitted_on',
      'r.demo',
      't.title as task_title',
      't.seq',
      't.measure_id',
      't.plan_id',
      'c.label as cycle_label',
      'c.due_on',
      'c.period_start',
    ])
    .orderBy('t.seq')
    .orderBy('c.period_start')
    .orderBy('r.id');
  if (f.planId !== undefined) q = q.where('t.plan_id', '=', f.planId);
  if (f.cycleId !== undefined) q = q.where('r.cycle_id', '=', f.cycleId);
  if (f.taskId !== undefined) q = q.where('r.task_id', '=', f.taskId);
  if (f.state !== undefined) q = q.where('r.state', '=', f.state);
  for (const set of f.unitSets ?? []) {
    const units = set.length ? set : [-1];
    q = q.where((eb) =>
      eb.exists(eb.selectFrom('ledger_task_unit as tu').select('tu.unit_id').whereRef('tu.task_id', '=', 't.id').where('tu.unit_id', 'in', units)),
    );
  }
  return q.execute();
}

/** Reports of a cycle (or of a task), newest state; `unitIds`: unit staff see only their units' tasks' reports. */
export async function listReports(db: Kysely<Database>, f: { cycleId?: number; taskId?: number; unitId?: number; unitIds?: number[] }) {
  const unitSets = [...(f.unitId !== undefined ? [[f.unitId]] : []), ...(f.unitIds !== undefined ? [f.unitIds] : [])];
  const found = await reportRows(db, { cycleId: f.cycleId, taskId: f.taskId, unitSets });
  // The measure numbers come from the plan (the reports of a unit may span plans); by measure
  // number, then task number and period (stable sort over the query's order).
  const numberOf = new Map((await findMeasures(db, [...new Set(found.map((r) => r.measure_id))])).map((m) => [m.id, m.number]));
  const rows = found
    .filter((r) => numberOf.has(r.measure_id))
    .map((r) => ({ ...r, measure_number: numberOf.get(r.measure_id) ?? 0 }))
    .sort((a, b) => a.measure_number - b.measure_number);
  return rows.map((r) => ({
    id: r.id,
    taskId: r.task_id,
    code: `${r.measure_number}-${r.seq}`,
    taskTitle: r.task_title,
    cycleId: r.cycle_id,
    cycleLabel: r.cycle_label,
    state: r.state,
    version: r.version,
    returns: r.returns,
    firstSubmittedOn: r.first_submitted_on,
    dueOn: r.due_on,
    onTime: r.first_submitted_on <= r.due_on,
    demo: r.demo,
  }));
}

/**
 * Attaches an evidence file to the current version of a report (before it is accepted). Stored as
 * dataDir/evidence/<sha256>. Every check (the report exists, the user's unit, its state, the 20-file
 * limit) comes first; the file is written last, inside the transaction, to a temporary name moved into
 * place, so a refused upload writes nothing. A file left by a commit that failed after the move is
 * removed by `sweepOrphanEvidence` (at every start).
 */
export async function addEvidence(db: Kysely<Database>, dataDir: string, user: SessionUser, reportId: number, p: { fileName: string; content: Buffer }) {
  const name = safeFileName(p.fileName);
  const check = checkEvidence(name, p.content);
  if ('problem' in check)
    throw new InputRejectedError(`佐证材料“${name}”不符合要求：${check.problem}`, [{ file: name, field: 'file', message: check.problem }]);
  const sha256 = fileSha256(p.content);
  return db.transaction().execute(async (trx) => {
    const r = await trx.selectFrom('ledger_report').selectAll().where('id', '=', reportId).executeTakeFirst();
    if (!r) throw new NotFoundError('进展报告（不存在或已删除）');
    await assertCanEditTask(trx, user, r.task_id);
    if (isOffice(user)) throw new ForbiddenError('佐证材料由报送单位上传');
    if (r.state === 'accepted') throw new ConflictError('该报告已审核通过，不能再添加材料');
    const count = await trx
      .selectFrom('ledger_evidence')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('report_id', '=', reportId)
      .executeTakeFirstOrThrow();
    if (Number(count.n) >= MAX_EVIDENCE_FILES)
      throw new InputRejectedError(`每份报告最多 ${MAX_EVIDENCE_FILES} 个佐证材料`, [{ file: name, field: 'file', message: '数量超限' }]);
    const e = await trx
      .insertInto('ledger_evidence')
      .values({
        report_id: reportId,
        version: r.version,
        file_name: name,
        stored_name: sha256,
        mime: check.mime,
        size: p.content.length,
        sha256,
        uploaded_by: user.account,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await recordAudit(trx, {
      actor: user.account,
      action: 'ledger.evidence.add',
      entity: 'ledger_evidence',
      entityId: e.id,
      after: { reportId, version: r.version, fileName: name, size: p.content.length, sha256 },
    });
    storeFile(dataDir, EVIDENCE_FOLDER, p.content); // last: a failure here rolls the row back
    return { id: e.id, fileName: name, size: p.content.length, mime: check.mime };
  });
}

/** Evidence files per report version. */
export const MAX_EVIDENCE_FILES = 20;

/**
 * Removes evidence files no row refers to (left by a crash between the move and the commit) and stale
 * temporary files, older than `minAgeMs` so that an upload in progress is never touched.
 */
export async function sweepOrphanEvidence(db: Kysely<Database>, dataDir: string, minAgeMs = 3_600_000): Promise<number> {
  const known = new Set((await db.selectFrom('ledger_evidence').select('stored_name').distinct().execute()).map((r) => r.stored_name));
  return sweepStoredFiles(dataDir, EVIDENCE_FOLDER, known, minAgeMs);
}

const EVIDENCE_FOLDER = 'evidence';

/** An evidence file with the task of its report (the caller checks the reader may see that task). */
export async function readEvidence(db: Kysely<Database>, dataDir: string, id: number) {
  const e = await db
    .selectFrom('ledger_evidence as e')
    .innerJoin('ledger_report as r', 'r.id', 'e.report_id')
    .select(['e.file_name', 'e.mime', 'e.stored_name', 'r.task_id'])
    .where('e.id', '=', id)
    .executeTakeFirst();
  if (!e) throw new NotFoundError('佐证材料（不存在或已删除）');
  return { taskId: e.task_id, fileName: e.file_name, mime: e.mime, content: readStoredFile(dataDir, EVIDENCE_FOLDER, e.stored_name) };
}

/**
 * Pushes today's red lights and overdue supervision orders to the inboxes of the units concerned and a summary
 * to the office (the "daily" part of the flags: lights are computed on every read; this tells people). Each
 * notice is sent once per task, kind and day.
 */
export async function notifyFlags(db: Kysely<Database>, planId: number, asOf: string): Promise<{ tasks: number; orders: number; notified: number }> {
  const r = await pushDailyWarnings(db, planId, asOf);
  return { tasks: r.tasks, orders: r.orders, notified: r.notified };
}

/** `notifyFlags` with the messages delivered per unit (by name; the office as 营商办), for the daily job's summary. */
export async function pushDailyWarnings(
  db: Kysely<Database>,
  planId: number,
  asOf: string,
): Promise<{ tasks: number; orders: number; notified: number; recipients: Array<{ name: string; count: number }> }> {
  const { listTasks } = await import('./task-store.js');
  const { listOrders } = await import('./order-store.js');
  const allTasks = await listTasks(db, planId, asOf);
  const tasks = allTasks.filter((t) => t.flags.some((f) => f.kind === 'milestone_overdue' || f.kind === 'report_missing' || f.kind === 'off_track'));
  const taskCodes = new Map(allTasks.map((t) => [t.id, t.code]));
  const orders = (await listOrders(db, { planId, asOf })).filter((o) => o.overdue);
  let notified = 0;
  const recipients = new Map<string, number>();
  const count = (name: string, n: number) => {
    notified += n;
    if (n) recipients.set(name, (recipients.get(name) ?? 0) + n);
  };
  await db.transaction().execute(async (trx) => {
    for (const t of tasks) {
      for (const u of t.leadUnits) {
        count(
          u.name,
          await notify(trx, {
            userIds: await unitStaffIds(trx, [u.id]),
            kind: 'ledger.flag',
            ...taskFlagNotice({ task: t, units: t.leadUnits.map((x) => x.name), flags: t.flags }),
            link: `/ledger/tasks/${t.id}`,
            dedupeKey: `flag:${t.id}:${asOf}`,
          }),
        );
      }
    }
    for (const o of orders) {
      count(
        o.unitName,
        await notify(trx, {
          userIds: await unitStaffIds(trx, [o.unitId]),
          kind: 'ledger.order',
          ...orderOverdueNotice({
            number: o.number,
            task: { code: taskCodes.get(o.taskId) ?? '', title: o.taskTitle },
            unit: o.unitName,
            replyDue: o.replyDue,
          }),
          link: `/ledger/orders/${o.id}`,
          dedupeKey: `order-overdue:${o.id}:${asOf}`,
        }),
      );
    }
    if (tasks.length || orders.length) {
      count(
        '营商办',
        await notify(trx, {
          userIds: await officeIds(trx),
          kind: 'ledger.flag',
          title: `${asOf} 预警：${tasks.length} 项任务、${orders.length} 份督办单需关注`,
          body: [
            tasks.length ? `需关注的任务：${tasks.map((t) => t.code).join('、')}` : '',
            orders.length ? `已逾期的督办单：${orders.map((o) => `${o.number}（${o.unitName}）`).join('、')}` : '',
            '请在工作台查看，并督促相关单位办理。',
          ]
            .filter(Boolean)
            .join('；'),
          link: '/ledger/dashboard',
          dedupeKey: `flags:${planId}:${asOf}`,
        }),
      );
    }
    await recordAudit(trx, {
      actor: 'system',
      action: 'ledger.flags.notify',
      entity: 'plan',
      entityId: planId,
      after: { asOf, tasks: tasks.map((t) => t.id), orders: orders.map((o) => o.id), notified },
    });
  });
  return { tasks: tasks.length, orders: orders.length, notified, recipients: [...recipients].map(([name, n]) => ({ name, count: n })) };
}
