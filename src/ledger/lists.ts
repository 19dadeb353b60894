import type { Kysely } from 'kysely';
import type { SessionUser } from '../auth/index.js';
import type { Database } from '../db/index.js';
import { exportFileName, type ListColumn, writeListXlsx } from '../files/index.js';
import { findMeasures } from '../plan/index.js';
import { findUnitsByIds } from '../units/index.js';
import { LIGHT_LABELS, type Light } from './core/flags.js';
import {
  compareCodes,
  compareLights,
  compareOptional,
  compareStages,
  compareStatuses,
  naturalCompare,
  ORDER_SORT_LABELS,
  ORDER_SORTS,
  type OrderSort,
  parseSort,
  REPORT_SORT_LABELS,
  REPORT_SORTS,
  REPORT_STATE_LABELS,
  type ReportSort,
  type ReportState,
  sortRows,
  sortText,
  TASK_SORT_LABELS,
  TASK_SORTS,
  type TaskSort,
} from './core/lists.js';
import { STATUS_INFO, type TaskStatus } from './core/status.js';
import { listOrders } from './order-store.js';
import { reportRows } from './report-store.js';
import { unitScope } from './access.js';
import { getPlanOrThrow, listTasks, type TaskView } from './task-store.js';

/**
 * The ledger's list pages and their Excel exports, from one function per list: the JSON list and the .xlsx
 * of the same query hold the same rows in the same order (every page, not only the visible one), with the
 * same role scoping — unit staff read the reports and supervision orders of their own units only; the task
 * ledger is the district's and readable by all staff (`scope=mine` narrows it to the user's units).
 */

const includesText = (q: string | undefined) => {
  const t = q?.trim().toLowerCase();
  return (...texts: string[]) => !t || texts.some((x) => x.toLowerCase().includes(t));
};
const unitName = async (db: Kysely<Database>, id: number | undefined) =>
  id === undefined ? undefined : ((await findUnitsByIds(db, [id]))[0]?.name ?? `单位 ${id}`);
const nextDue = (t: TaskView) => t.milestones.find((m) => !m.doneOn) ?? null;

// ---- tasks (任务台账) ----

export interface TaskListFilter {
  unitId?: number;
  scope?: 'mine' | 'all';
  status?: TaskStatus;
  light?: Light;
  q?: string;
  sort?: string;
}

/** The task list as the ledger page shows it: filtered and sorted (default: by 编号, 2-9 before 2-10). */
export async function queryTasks(db: Kysely<Database>, user: SessionUser, planId: number, asOf: string, f: TaskListFilter): Promise<TaskView[]> {
  const all = await listTasks(db, planId, asOf, { unitId: f.unitId });
  const mine = f.scope === 'mine' && user.role === 'unit_staff' ? new Set(user.unitIds) : null;
  const match = includesText(f.q);
  const rows = all.filter(
    (t) =>
      (!mine || [...t.leadUnits, ...t.responsibleUnits].some((u) => mine.has(u.id))) &&
      (!f.status || t.status === f.status) &&
      (!f.light || t.light === f.light) &&
      match(t.code, t.title, ...t.leadUnits.map((u) => u.name), ...t.responsibleUnits.map((u) => u.name)),
  );
  const sort = parseSort<TaskSort>(f.sort, TASK_SORTS, 'code');
  const cmp: Record<TaskSort, (a: TaskView, b: TaskView) => number> = {
    code: compareCodes,
    progress: (a, b) => a.progress - b.progress,
    status: (a, b) => compareStatuses(a.status, b.status),
    light: (a, b) => compareLights(a.light, b.light),
    nextDue: (a, b) => compareOptional(nextDue(a)?.dueOn, nextDue(b)?.dueOn, sort.desc),
    unit: (a, b) => compareOptional(a.leadUnits[0]?.name, b.leadUnits[0]?.name, sort.desc),
  };
  return sortRows(rows, cmp[sort.key], sort.desc, (a, b) => compareCodes(a, b) || a.id - b.id);
}

async function taskFilterTexts(db: Kysely<Database>, user: SessionUser, asOf: string, f: TaskListFilter): Promise<string[]> {
  const unit = await unitName(db, f.unitId);
  return [
    `参照日期：${asOf}`,
    ...(f.scope === 'mine' && user.role === 'unit_staff' ? ['范围：本单位'] : []),
    ...(unit ? [`单位：${unit}`] : []),
    ...(f.status ? [`状态：${STATUS_INFO[f.status].label}`] : []),
    ...(f.light ? [`灯号：${LIGHT_LABELS[f.light]}`] : []),
    ...(f.q?.trim() ? [`搜索：${f.q.trim()}`] : []),
    sortText(parseSort<TaskSort>(f.sort, TASK_SORTS, 'code'), TASK_SORT_LABELS),
  ];
}

export const TASK_EXPORT_COLUMNS: Array<ListColumn<TaskView>> = [
  { header: '编号', width: 8, value: (t) => t.code },
  { header: '任务', width: 40, value: (t) => t.title },
  { header: '牵头单位', width: 22, value: (t) => t.leadUnits.map((u) => u.name).join('、') },
  { header: '责任单位', width: 26, value: (t) => t.responsibleUnits.map((u) => u.name).join('、') },
  { header: '状态', width: 8, value: (t) => t.statusLabel },
  { header: '进度（%）', width: 10, kind: 'number', value: (t) => t.progress },
  { header: '下一节点', width: 12, kind: 'date', value: (t) => nextDue(t)?.dueOn },
  { header: '节点内容', width: 30, value: (t) => nextDue(t)?.title },
  { header: '灯号', width: 8, value: (t) => LIGHT_LABELS[t.light] },
  { header: '标记', width: 40, value: (t) => t.flags.map((x) => x.label).join('、') },
];

export async function tasksListXlsx(db: Kysely<Database>, user: SessionUser, planId: number, asOf: string, f: TaskListFilter) {
  const plan = await getPlanOrThrow(db, planId);
  const rows = await queryTasks(db, user, planId, asOf, f);
  const title = `${plan.title}任务台账`;
  const buffer = await writeListXlsx({ sheet: '任务台账', title, filters: await taskFilterTexts(db, user, asOf, f), columns: TASK_EXPORT_COLUMNS, rows });
  return { buffer, fileName: exportFileName('任务台账') };
}

// ---- reports (进展报告) ----

export interface ReportListFilter {
  planId?: number;
  cycleId?: number;
  unitId?: number;
  state?: ReportState;
  q?: string;
  sort?: string;
}

export interface ReportListItem {
  id: number;
  taskId: number;
  code: string;
  taskTitle: string;
  cycleId: number;
  cycleLabel: string;
  state: ReportState;
  version: number;
  returns: number;
  firstSubmittedOn: string;
  dueOn: string;
  onTime: boolean;
  demo: boolean;
  planId: number;
  leadUnits: string[];
  /** For sorting by period. */
  periodStart: string;
  measureNumber: number;
  seq: number;
}

const REPORT_STATES_ORDER: Record<ReportState, number> = { submitted: 0, returned: 1, accepted: 2 };

/**
 * The reports of the list page, filtered in SQL (plan, cycle, unit, state, the user's units), then searched
 * and sorted here: the 编号 comes from the plan's measure numbers, which the ledger reads through the plan's
 * read API, not its tables (a year has some thousand reports).
 */
export async function queryReports(db: Kysely<Database>, user: SessionUser, f: ReportListFilter): Promise<ReportListItem[]> {
  const unitSets: number[][] = [];
  if (f.unitId !== undefined) unitSets.push([f.unitId]);
  const scope = unitScope(user);
  if (scope) unitSets.push(scope);
  const found = await reportRows(db, { planId: f.planId, cycleId: f.cycleId, state: f.state, unitSets });
  if (!found.length) return [];
  const taskIds = [...new Set(found.map((r) => r.task_id))];
  const [measures, leads] = await Promise.all([
    findMeasures(db, [...new Set(found.map((r) => r.measure_id))]),
    db
      .selectFrom('ledger_task_unit as tu')
      .innerJoin('unit', 'unit.id', 'tu.unit_id')
      .select(['tu.task_id', 'unit.name'])
      .where('tu.task_id', 'in', taskIds)
      .where('tu.role', '=', 'lead')
      .orderBy('tu.position')
      .execute(),
  ]);
  const numberOf = new Map(measures.map((m) => [m.id, m.number]));
  const match = includesText(f.q);
  const rows = found.flatMap((r) => {
    const measureNumber = numberOf.get(r.measure_id);
    if (measureNumber === undefined) return [];
    const item: ReportListItem = {
      id: r.id,
      taskId: r.task_id,
      code: `${measureNumber}-${r.seq}`,
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
      planId: r.plan_id,
      leadUnits: leads.filter((l) => l.task_id === r.task_id).map((l) => l.name),
      periodStart: r.period_start,
      measureNumber,
      seq: r.seq,
    };
    return match(item.code, item.taskTitle, ...item.leadUnits) ? [item] : [];
  });
  const sort = parseSort<ReportSort>(f.sort, REPORT_SORTS, 'code');
  const byCycle = (a: ReportListItem, b: ReportListItem) => naturalCompare(a.periodStart, b.periodStart);
  const cmp: Record<ReportSort, (a: ReportListItem, b: ReportListItem) => number> = {
    code: compareCodes,
    cycle: byCycle,
    state: (a, b) => REPORT_STATES_ORDER[a.state] - REPORT_STATES_ORDER[b.state],
    firstSubmittedOn: (a, b) => naturalCompare(a.firstSubmittedOn, b.firstSubmittedOn),
    returns: (a, b) => a.returns - b.returns,
  };
  return sortRows(rows, cmp[sort.key], sort.desc, (a, b) => compareCodes(a, b) || byCycle(a, b) || a.id - b.id);
}
/** What the JSON list answers (without the sort helpers). */
const reportRow = ({ periodStart: _p, measureNumber: _m, seq: _s, ...r }: ReportListItem) => r;

export async function reportPage(db: Kysely<Database>, user: SessionUser, f: ReportListFilter & { page?: number; pageSize?: number }) {
  const all = await queryReports(db, user, f);
  const pageSize = f.pageSize ?? 50;
  const page = f.page ?? 1;
  return { total: all.length, page, pageSize, items: all.slice((page - 1) * pageSize, page * pageSize).map(reportRow) };
}

export const REPORT_EXPORT_COLUMNS: Array<ListColumn<ReportListItem>> = [
  { header: '编号', width: 8, value: (r) => r.code },
  { header: '任务', width: 40, value: (r) => r.taskTitle },
  { header: '牵头单位', width: 22, value: (r) => r.leadUnits.join('、') },
  { header: '报送周期', width: 14, value: (r) => r.cycleLabel },
  { header: '审核状态', width: 10, value: (r) => REPORT_STATE_LABELS[r.state] },
  { header: '版本', width: 6, kind: 'number', value: (r) => r.version },
  { header: '退回次数', width: 8, kind: 'number', value: (r) => r.returns },
  { header: '报送截止', width: 12, kind: 'date', value: (r) => r.dueOn },
  { header: '首次报送', width: 12, kind: 'date', value: (r) => r.firstSubmittedOn },
  { header: '是否按时', width: 8, value: (r) => (r.onTime ? '按时' : '逾期') },
  { header: '数据', width: 8, value: (r) => (r.demo ? '演示数据' : '正式') },
];

export async function reportsListXlsx(db: Kysely<Database>, user: SessionUser, f: ReportListFilter) {
  const rows = await queryReports(db, user, f);
  const [plan, unit, cycle] = await Promise.all([
    f.planId === undefined ? null : getPlanOrThrow(db, f.planId),
    unitName(db, f.unitId),
    f.cycleId === undefined ? null : db.selectFrom('ledger_cycle').select('label').where('id', '=', f.cycleId).executeTakeFirst(),
  ]);
  const filters = [
    ...(user.role === 'unit_staff' ? ['范围：本单位'] : []),
    ...(cycle ? [`报送周期：${cycle.label}`] : []),
    ...(unit ? [`单位：${unit}`] : []),
    ...(f.state ? [`审核状态：${REPORT_STATE_LABELS[f.state]}`] : []),
    ...(f.q?.trim() ? [`搜索：${f.q.trim()}`] : []),
    sortText(parseSort<ReportSort>(f.sort, REPORT_SORTS, 'code'), REPORT_SORT_LABELS),
  ];
  const buffer = await writeListXlsx({ sheet: '进展报告', title: `${plan?.title ?? ''}进展报告`, filters, columns: REPORT_EXPORT_COLUMNS, rows });
  return { buffer, fileName: exportFileName('进展报告') };
}

// ---- supervision orders (督查督办) ----

export interface OrderListFilter {
  planId?: number;
  unitId?: number;
  taskId?: number;
  stage?: string;
  overdue?: 'yes';
  q?: string;
  sort?: string;
}
export type OrderRow = Awaited<ReturnType<typeof listOrders>>[number];

/** Orders as the list shows them (default: newest number first); unit staff see the orders addressed to their units. */
export async function queryOrders(db: Kysely<Database>, user: SessionUser, asOf: string | undefined, f: OrderListFilter): Promise<OrderRow[]> {
  const all = await listOrders(db, { planId: f.planId, unitId: f.unitId, taskId: f.taskId, asOf });
  const match = includesText(f.q);
  const scope = unitScope(user);
  const rows = all.filter(
    (o) => (!scope || scope.includes(o.unitId)) && (!f.stage || o.stage === f.stage) && (!f.overdue || o.overdue) && match(o.number, o.taskTitle, o.unitName),
  );
  const sort = f.sort ? parseSort<OrderSort>(f.sort, ORDER_SORTS, 'number') : { key: 'number' as const, desc: true };
  const byNumber = (a: OrderRow, b: OrderRow) => naturalCompare(a.number, b.number);
  const cmp: Record<OrderSort, (a: OrderRow, b: OrderRow) => number> = {
    number: byNumber,
    stage: (a, b) => compareStages(a.stage, b.stage),
    unit: (a, b) => naturalCompare(a.unitName, b.unitName),
    issuedOn: (a, b) => compareOptional(a.issuedOn, b.issuedOn, sort.desc),
    replyDue: (a, b) => compareOptional(a.replyDue, b.replyDue, sort.desc),
  };
  return sortRows(rows, cmp[sort.key], sort.desc, (a, b) => byNumber(a, b) || a.id - b.id);
}

export const ORDER_EXPORT_COLUMNS: Array<ListColumn<OrderRow>> = [
  { header: '督办单号', width: 20, value: (o) => o.number },
  { header: '任务', width: 36, value: (o) => o.taskTitle },
  { header: '被督办单位', width: 20, value: (o) => o.unitName },
  { header: '阶段', width: 8, value: (o) => o.stage },
  { header: '督办事由', width: 30, value: (o) => o.reason },
  { header: '下发日期', width: 12, kind: 'date', value: (o) => o.issuedOn },
  { header: '反馈期限', width: 12, kind: 'date', value: (o) => o.replyDue },
  { header: '反馈日期', width: 12, kind: 'date', value: (o) => o.repliedOn },
  { header: '是否逾期', width: 8, value: (o) => (o.overdue ? '逾期' : '') },
  { header: '提级次数', width: 8, kind: 'number', value: (o) => o.escalations },
];

export async function ordersListXlsx(db: Kysely<Database>, user: SessionUser, asOf: string | undefined, f: OrderListFilter) {
  const rows = await queryOrders(db, user, asOf, f);
  const plan = f.planId === undefined ? null : await getPlanOrThrow(db, f.planId);
  const unit = await unitName(db, f.unitId);
  const filters = [
    `参照日期：${asOf}`,
    ...(user.role === 'unit_staff' ? ['范围：本单位'] : []),
    ...(unit ? [`单位：${unit}`] : []),
    ...(f.stage ? [`阶段：${f.stage}`] : []),
    ...(f.overdue ? ['仅逾期'] : []),
    ...(f.q?.trim() ? [`搜索：${f.q.trim()}`] : []),
    f.sort ? sortText(parseSort<OrderSort>(f.sort, ORDER_SORTS, 'number'), ORDER_SORT_LABELS) : '排序：督办单号（降序）',
  ];
  const buffer = await writeListXlsx({ sheet: '督查督办', title: `${plan?.title ?? ''}督办单`, filters, columns: ORDER_EXPORT_COLUMNS, rows });
  return { buffer, fileName: exportFileName('督办单') };
}
