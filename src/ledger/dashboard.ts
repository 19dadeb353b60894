import type { Kysely } from 'kysely';
import type { Database } from '../db/index.js';
import { rollUpProgress, STATUS_INFO, TASK_STATUSES } from './core/status.js';
import type { Light } from './core/flags.js';
import type { ReportContent } from './report-store.js';
import { listOrders } from './order-store.js';
import { listCycleRows, listTasks } from './task-store.js';

/**
 * Figures for the dashboard, as of a day: the district's for the office and leaders; for unit staff (`unitIds`) only
 * the tasks their units lead or are responsible for, their reports and the orders addressed to them.
 */
export async function dashboard(db: Kysely<Database>, planId: number, asOf: string, unitIds?: number[]) {
  const tasks = await listTasks(db, planId, asOf, unitIds ? { unitIds } : {});
  const taskIds = tasks.map((t) => t.id);
  const cycles = await listCycleRows(db, planId);
  const lights: Record<Light, number> = { green: 0, yellow: 0, red: 0, grey: 0 };
  for (const t of tasks) lights[t.light] += 1;
  const sections = [...new Set(tasks.map((t) => t.sectionNumber))]
    .sort((a, b) => a - b)
    .map((n) => {
      const ts = tasks.filter((t) => t.sectionNumber === n);
      return { number: n, title: ts[0]!.sectionTitle, total: ts.length, done: ts.filter((t) => t.status === 'done').length, progress: rollUpProgress(ts) ?? 0 };
    });
  const unitMap = new Map<number, { unitId: number; unit: string; total: number; done: number; red: number; tasks: typeof tasks }>();
  for (const t of tasks)
    for (const u of t.leadUnits) {
      if (unitIds && !unitIds.includes(u.id)) continue;
      const e = unitMap.get(u.id) ?? { unitId: u.id, unit: u.name, total: 0, done: 0, red: 0, tasks: [] };
      e.total++;
      if (t.status === 'done') e.done++;
      if (t.light === 'red') e.red++;
      e.tasks.push(t);
      unitMap.set(u.id, e);
    }
  const units = [...unitMap.values()]
    .map(({ tasks: ts, ...e }) => ({ ...e, progress: rollUpProgress(ts) ?? 0 }))
    .sort((a, b) => b.total - a.total || a.unit.localeCompare(b.unit, 'zh-Hans-CN'));
  const reports = await db
    .selectFrom('ledger_report as r')
    .innerJoin('ledger_cycle as c', 'c.id', 'r.cycle_id')
    .select(['r.cycle_id', 'r.state', 'r.first_submitted_on', 'c.due_on'])
    .where('c.plan_id', '=', planId)
    .$if(!!unitIds, (q) => q.where('r.task_id', 'in', taskIds.length ? taskIds : [-1]))
    .execute();
  const accepted = await db
    .selectFrom('ledger_report_version as v')
    .innerJoin('ledger_report as r', 'r.id', 'v.report_id')
    .innerJoin('ledger_cycle as c', 'c.id', 'r.cycle_id')
    .select(['r.cycle_id', 'r.task_id', 'v.content'])
    .where('c.plan_id', '=', planId)
    .where('v.outcome', '=', 'accepted')
    .$if(!!unitIds, (q) => q.where('r.task_id', 'in', taskIds.length ? taskIds : [-1]))
    .execute();
  const trend = cycles
    .filter((c) => c.periodStart <= asOf)
    .map((c) => {
      const rs = reports.filter((r) => r.cycle_id === c.id);
      const acc = accepted.filter((a) => a.cycle_id === c.id).map((a) => (a.content as ReportContent).progress);
      return {
        cycleId: c.id,
        label: c.label,
        dueOn: c.dueOn,
        filed: rs.length,
        onTime: rs.filter((r) => r.first_submitted_on <= r.due_on).length,
        accepted: rs.filter((r) => r.state === 'accepted').length,
        returned: rs.filter((r) => r.state === 'returned').length,
        pending: rs.filter((r) => r.state === 'submitted').length,
        averageProgress: acc.length ? Math.round((acc.reduce((s, v) => s + v, 0) / acc.length) * 10) / 10 : null,
      };
    });
  const orders = (await listOrders(db, { planId, asOf })).filter((o) => !unitIds || unitIds.includes(o.unitId));
  return {
    asOf,
    total: tasks.length,
    progress: rollUpProgress(tasks),
    byStatus: TASK_STATUSES.map((s) => ({
      status: s,
      label: STATUS_INFO[s].label,
      color: STATUS_INFO[s].color,
      count: tasks.filter((t) => t.status === s).length,
    })),
    lights,
    sections,
    units,
    trend,
    reportsPending: reports.filter((r) => r.state === 'submitted').length,
    ordersOpen: orders.filter((o) => o.stage !== '办结').length,
    ordersOverdue: orders.filter((o) => o.overdue).length,
    red: tasks
      .filter((t) => t.light === 'red')
      .map((t) => ({
        taskId: t.id,
        code: t.code,
        title: t.title,
        units: t.leadUnits.map((u) => u.name).join('、'),
        reasons: t.flags.map((f) => f.message).join('；'),
      })),
  };
}
