/**
 * Each role's own work (issue 12): the unit staff's to-do list (我的待办), the leaders' view (领导视图) and the office's
 * work queue (工作队列) with its bulk review. Read models over the ledger's stores; the bulk review runs the single
 * review command for every report inside one transaction.
 */
import type { Kysely } from 'kysely';
import type { SessionUser } from '../auth/index.js';
import { CalendarDataMissingError, chinaToday } from '../calendar/index.js';
import type { Database } from '../db/index.js';
import { InputRejectedError, type InputProblem } from '../shared/index.js';
import { findUnitsByIds } from '../units/index.js';
import { openEscalatedRequests, openRequestsOfUnits } from '../requests/index.js';
import { assess } from './assessment-store.js';
import type { Bulletin } from './bulletin.js';
import { issuedBulletins } from './read-api.js';
import { addDays, effectiveDue, workingDaysLeft, type DayCountingCalendar } from './core/calendar.js';
import { dashboard } from './dashboard.js';
import { listInstructions } from './instruction-store.js';
import { listOrders } from './order-store.js';
import { listReports, reviewReport } from './report-store.js';
import { getPlanOrThrow, ledgerCalendar, listCycleRows, listTasks, type TaskView } from './task-store.js';

/** Working days left, or null when the calendar does not cover the days (no State Council notice yet). */
function daysLeft(cal: DayCountingCalendar, today: string, due: string): number | null {
  try {
    return workingDaysLeft(cal, today, due);
  } catch (e) {
    if (e instanceof CalendarDataMissingError) return null;
    throw e;
  }
}

function safeEffectiveDue(cal: DayCountingCalendar, due: string): string {
  try {
    return effectiveDue(cal, due);
  } catch (e) {
    if (e instanceof CalendarDataMissingError) return due;
    throw e;
  }
}

const unitNames = (t: TaskView) => t.leadUnits.map((u) => u.name).join('、');

/**
 * 我的待办 of a unit staff account, as of a day:
 * - the reports owed: for the current cycle (the first whose due day has not passed, among those begun), every task
 *   one of the user's units leads that has no report yet; and every earlier report not filed (overdue), each with its
 *   due day and the working days left (negative: overdue);
 * - reports the office returned, to refile, with its comment;
 * - supervision orders addressed to the user's units to sign (下发) or to answer (签收, 办理), with their deadlines;
 * - 批示 on their units' items not yet answered.
 */
export async function myTodo(db: Kysely<Database>, user: SessionUser, planId: number, asOf: string) {
  await getPlanOrThrow(db, planId);
  const cal = await ledgerCalendar(db);
  const mine = user.unitIds;
  const tasks = (await listTasks(db, planId, asOf, { unitIds: mine })).filter((t) => t.status !== 'paused');
  const led = tasks.filter((t) => t.leadUnits.some((u) => mine.includes(u.id)));
  const cycles = await listCycleRows(db, planId);
  const current = cycles.filter((c) => c.periodStart <= asOf && asOf <= safeEffectiveDue(cal, c.dueOn)).sort((a, b) => a.dueOn.localeCompare(b.dueOn))[0];
  const reports = await listReports(db, { unitIds: mine });
  const filed = new Set(reports.map((r) => `${r.taskId}:${r.cycleId}`));
  const owed: Array<{
    taskId: number;
    code: string;
    title: string;
    cycleId: number;
    cycleLabel: string;
    dueOn: string;
    daysLeft: number | null;
    overdue: boolean;
  }> = [];
  for (const t of led) {
    // Overdue reports are the task's own flags (the same rule as the lights and the bulletin).
    for (const f of t.flags)
      if (f.kind === 'report_missing' && f.cycleId !== undefined) {
        const c = cycles.find((x) => x.id === f.cycleId);
        if (c)
          owed.push({
            taskId: t.id,
            code: t.code,
            title: t.title,
            cycleId: c.id,
            cycleLabel: c.label,
            dueOn: c.dueOn,
            daysLeft: daysLeft(cal, asOf, c.dueOn),
            overdue: true,
          });
      }
    if (!current || filed.has(`${t.id}:${current.id}`)) continue;
    if (current.periodEnd < t.startOn || (t.completedOn && t.completedOn < current.periodStart)) continue;
    owed.push({
      taskId: t.id,
      code: t.code,
      title: t.title,
      cycleId: current.id,
      cycleLabel: current.label,
      dueOn: current.dueOn,
      daysLeft: daysLeft(cal, asOf, current.dueOn),
      overdue: false,
    });
  }
  owed.sort((a, b) => a.dueOn.localeCompare(b.dueOn) || a.code.localeCompare(b.code, 'en', { numeric: true }));
  const returnedRows = reports.filter((r) => r.state === 'returned');
  const comments = returnedRows.length
    ? await db
        .selectFrom('ledger_report_version')
        .select(['report_id', 'version', 'review_comment', 'reviewed_at'])
        .where(
          'report_id',
          'in',
          returnedRows.map((r) => r.id),
        )
        .execute()
    : [];
  const returned = returnedRows.map((r) => {
    const v = comments.find((c) => c.report_id === r.id && c.version === r.version);
    return {
      reportId: r.id,
      taskId: r.taskId,
      code: r.code,
      title: r.taskTitle,
      cycleLabel: r.cycleLabel,
      dueOn: r.dueOn,
      comment: v?.review_comment ?? null,
      returnedAt: v?.reviewed_at ?? null,
    };
  });
  const orders = (await listOrders(db, { planId, asOf }))
    .filter((o) => mine.includes(o.unitId) && ['下发', '签收', '办理'].includes(o.stage))
    .map((o) => ({
      id: o.id,
      number: o.number,
      taskId: o.taskId,
      taskTitle: o.taskTitle,
      unitName: o.unitName,
      stage: o.stage,
      todo: o.stage === '下发' ? ('sign' as const) : ('reply' as const),
      replyDue: o.replyDue,
      daysLeft: o.replyDue ? daysLeft(cal, asOf, o.replyDue) : null,
      overdue: o.overdue,
    }))
    .sort((a, b) => (a.replyDue ?? '9').localeCompare(b.replyDue ?? '9'));
  const instructions = await listInstructions(db, user, { planId, open: true });
  // Enterprise requests (src/requests) to sign or answer: live work, judged as of the real today (not the plan's as-of day).
  const today = chinaToday();
  const requests = (await openRequestsOfUnits(db, mine, today)).map((r) => ({
    id: r.id,
    number: r.number,
    subject: r.subject,
    unitName: r.unitName,
    todo: r.next === '签收' ? ('sign' as const) : ('answer' as const),
    due: r.due,
    daysLeft: daysLeft(cal, today, r.due),
    overdue: r.overdue,
    reopens: r.reopens,
  }));
  const units = await findUnitsByIds(db, mine);
  return {
    asOf,
    units: units.map((u) => u.name),
    cycle: current ? { id: current.id, label: current.label, dueOn: current.dueOn, daysLeft: daysLeft(cal, asOf, current.dueOn) } : null,
    owed,
    returned,
    orders,
    instructions,
    requests,
  };
}

/** The latest issued bulletin (its frozen snapshot: the figures as issued), or null when none has been issued. */
async function latestBulletin(db: Kysely<Database>, planId: number) {
  const [ref] = await issuedBulletins(db, { planId, limit: 1 });
  if (!ref) return null;
  const row = await db.selectFrom('ledger_bulletin').select('snapshot').where('id', '=', ref.id).executeTakeFirstOrThrow();
  const b = row.snapshot as Bulletin;
  return {
    id: ref.id,
    cycleId: ref.cycleId,
    cycleLabel: b.cycleLabel,
    docNumber: ref.number,
    title: ref.title,
    asOf: b.asOf,
    tasks: b.overall.tasks,
    progress: b.overall.progress,
    lagging: b.lagging.length,
  };
}

/** 领导视图: the red tasks, the overdue orders, the latest bulletin, the units ranked, and the leader's own 批示. */
export async function leaderView(db: Kysely<Database>, user: SessionUser, planId: number, asOf: string) {
  const cal = await ledgerCalendar(db);
  const d = await dashboard(db, planId, asOf);
  const orders = (await listOrders(db, { planId, asOf })).filter((o) => o.overdue);
  // The assessment is of the plan year: after its end, as of the year's last day.
  const yearEnd = `${(await getPlanOrThrow(db, planId)).year}-12-31`;
  const a = await assess(db, planId, asOf < yearEnd ? asOf : yearEnd);
  const instructions = await listInstructions(db, user, { planId, limit: 50, ...(user.role === 'leader' ? { authorId: user.id } : {}) });
  return {
    asOf,
    total: d.total,
    progress: d.progress,
    lights: d.lights,
    red: d.red,
    overdueOrders: orders.map((o) => ({
      id: o.id,
      number: o.number,
      taskId: o.taskId,
      taskTitle: o.taskTitle,
      unitName: o.unitName,
      stage: o.stage,
      replyDue: o.replyDue,
      daysOverdue: o.replyDue ? -(daysLeft(cal, asOf, o.replyDue) ?? 0) : null,
    })),
    bulletin: await latestBulletin(db, planId),
    ranking: {
      year: a.year,
      asOf: a.asOf,
      units: a.units.map((u) => ({ unitId: u.unitId, unitName: u.unitName, score: u.score, rank: u.rank })),
    },
    instructions,
    // Open 问题工单 (escalated requests, 提级督办): live work, as of the real today.
    escalatedRequests: await openEscalatedRequests(db, chinaToday()),
  };
}

/**
 * 工作队列 of the office: the reports awaiting review (oldest first), the orders answered and awaiting 复核, and the flags
 * raised today (present today, absent the day before; an off-track signal counts on the day its figures raised it).
 */
export async function officeQueue(db: Kysely<Database>, planId: number, asOf: string) {
  await getPlanOrThrow(db, planId);
  const cycles = await listCycleRows(db, planId);
  const cycleIds = new Set(cycles.map((c) => c.id));
  const reports = (await listReports(db, {})).filter((r) => r.state === 'submitted' && cycleIds.has(r.cycleId));
  const tasks = await listTasks(db, planId, asOf);
  const taskById = new Map(tasks.map((t) => [t.id, t]));
  const filed = reports.length
    ? await db
        .selectFrom('ledger_report_version as v')
        .leftJoin('unit', 'unit.id', 'v.unit_id')
        .select(['v.report_id', 'v.version', 'v.submitted_at', 'v.content', 'unit.name as unit_name'])
        .where(
          'v.report_id',
          'in',
          reports.map((r) => r.id),
        )
        .execute()
    : [];
  const toReview = reports
    .map((r) => {
      const v = filed.find((x) => x.report_id === r.id && x.version === r.version);
      const c = v?.content as { status?: string; progress?: number } | undefined;
      const t = taskById.get(r.taskId);
      return {
        reportId: r.id,
        taskId: r.taskId,
        code: r.code,
        title: r.taskTitle,
        cycleLabel: r.cycleLabel,
        unit: v?.unit_name ?? (t ? unitNames(t) : ''),
        version: r.version,
        submittedAt: v?.submitted_at ?? null,
        progress: typeof c?.progress === 'number' ? c.progress : null,
        onTime: r.onTime,
      };
    })
    .sort((a, b) => (a.submittedAt?.getTime() ?? 0) - (b.submittedAt?.getTime() ?? 0) || a.reportId - b.reportId);
  const ordersToReview = (await listOrders(db, { planId, asOf }))
    .filter((o) => o.stage === '反馈')
    .map((o) => ({ id: o.id, number: o.number, taskId: o.taskId, taskTitle: o.taskTitle, unitName: o.unitName, repliedOn: o.repliedOn, reply: o.reply }))
    .sort((a, b) => (a.repliedOn ?? '').localeCompare(b.repliedOn ?? ''));
  const before = new Map((await listTasks(db, planId, addDays(asOf, -1))).map((t) => [t.id, t]));
  const key = (f: TaskView['flags'][number]) => `${f.kind}:${f.milestoneId ?? ''}:${f.cycleId ?? ''}:${f.key ?? ''}`;
  const flagsToday = tasks.flatMap((t) => {
    const had = new Set((before.get(t.id)?.flags ?? []).map(key));
    const fresh = t.flags.filter((f) => (f.kind === 'off_track' ? f.date === asOf : !had.has(key(f))));
    return fresh.length ? [{ taskId: t.id, code: t.code, title: t.title, units: t.leadUnits.map((u) => u.name), light: t.light, flags: fresh }] : [];
  });
  return { asOf, toReview, ordersToReview, flagsToday };
}

/**
 * The office reviews several reports at once with one comment: all accepted or all returned, in one transaction
 * (each review audited and notified as a single one). Nothing is written when any report cannot be reviewed; the
 * problems name every such report.
 */
export async function bulkReview(db: Kysely<Database>, actor: string, p: { reportIds: number[]; outcome: 'accept' | 'return'; comment?: string }) {
  const ids = [...new Set(p.reportIds)];
  if (!ids.length) throw new InputRejectedError('请选择要审核的报告', [{ field: 'reportIds', message: '至少选择一份报告' }]);
  if (p.outcome === 'return' && !p.comment?.trim()) throw new InputRejectedError('退回须填写意见', [{ field: 'comment', message: '请说明退回原因' }]);
  return db.transaction().execute(async (trx) => {
    const rows = await trx
      .selectFrom('ledger_report as r')
      .innerJoin('ledger_task as t', 't.id', 'r.task_id')
      .select(['r.id', 'r.state', 't.title'])
      .where('r.id', 'in', ids)
      .execute();
    const problems: InputProblem[] = [];
    ids.forEach((id, i) => {
      const r = rows.find((x) => x.id === id);
      if (!r) problems.push({ row: i + 1, field: 'reportIds', message: `进展报告 ${id} 不存在` });
      else if (r.state !== 'submitted')
        problems.push({ row: i + 1, field: 'reportIds', message: `任务“${r.title}”的报告${r.state === 'accepted' ? '已审核通过' : '已退回'}，不能再审核` });
    });
    if (problems.length) throw new InputRejectedError(`所选报告中有 ${problems.length} 份不能审核，均未处理`, problems);
    for (const id of ids) await reviewReport(trx, actor, id, { outcome: p.outcome, comment: p.comment });
    return { reviewed: ids.length, outcome: p.outcome };
  });
}
