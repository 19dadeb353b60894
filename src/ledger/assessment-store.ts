import ExcelJS from 'exceljs';
import type { Kysely } from 'kysely';
import { recordAudit } from '../audit/index.js';
import type { Database } from '../db/index.js';
import { listUnitRows } from '../units/index.js';
import { InputRejectedError } from '../shared/index.js';
import { effectiveDue } from './core/calendar.js';
import { planAsOf } from '../plan/index.js';
import { requestAssessmentCounts } from '../requests/index.js';
import {
  ASSESSMENT_ITEMS,
  DEFAULT_WEIGHTS,
  ITEM_LABELS,
  assessUnits,
  targetMet,
  weightsProblem,
  withOptionalWeights,
  type ItemCount,
  type UnitCounts,
  type UnitScore,
  type Weights,
} from './core/assessment.js';
import type { FlagOptions } from './core/flags.js';
import type { ReportContent } from './report-store.js';
import { ledgerCalendar, flagOptions, getPlanOrThrow, listCycleRows, listTasks } from './task-store.js';

export async function getSettings(db: Kysely<Database>, planId: number): Promise<FlagOptions & { weights: Weights }> {
  await getPlanOrThrow(db, planId);
  const w = await db.selectFrom('ledger_setting').select('value').where('plan_id', '=', planId).where('key', '=', 'weights').executeTakeFirst();
  return { ...(await flagOptions(db, planId)), weights: { ...DEFAULT_WEIGHTS, ...(w?.value as Partial<Weights> | undefined) } };
}

/** The office sets the assessment weights and the flag thresholds (yellow light window, straight-line tolerance). */
export async function saveSettings(
  db: Kysely<Database>,
  actor: string,
  planId: number,
  p: { yellowDays?: number; tolerance?: number; weights?: Record<string, number> },
) {
  const problems = [];
  if (p.yellowDays !== undefined && !(Number.isInteger(p.yellowDays) && p.yellowDays >= 0 && p.yellowDays <= 30))
    problems.push({ field: 'yellowDays', message: '应为 0–30 的整数（工作日）' });
  if (p.tolerance !== undefined && !(p.tolerance >= 0 && p.tolerance <= 100)) problems.push({ field: 'tolerance', message: '应为 0–100' });
  if (p.weights) {
    const wp = weightsProblem(p.weights);
    if (wp) problems.push({ field: 'weights', message: wp });
  }
  if (problems.length) throw new InputRejectedError('设置有误', problems);
  await db.transaction().execute(async (trx) => {
    const before = await getSettings(trx, planId);
    const put = async (key: string, value: unknown) =>
      trx
        .insertInto('ledger_setting')
        .values({ plan_id: planId, key, value: JSON.stringify(value) })
        .onConflict((oc) => oc.columns(['plan_id', 'key']).doUpdateSet({ value: JSON.stringify(value), updated_at: new Date() }))
        .execute();
    const flags = { yellowDays: p.yellowDays ?? before.yellowDays, tolerance: p.tolerance ?? before.tolerance };
    if (p.yellowDays !== undefined || p.tolerance !== undefined) await put('flags', flags);
    if (p.weights) await put('weights', withOptionalWeights(p.weights));
    await recordAudit(trx, {
      actor,
      action: 'ledger.settings.update',
      entity: 'plan',
      entityId: planId,
      before,
      after: { ...flags, weights: p.weights ?? before.weights },
    });
  });
  return getSettings(db, planId);
}

/**
 * `units`: the real units, ranked. `collective`: collective entries (各街道, 各产业部门 …: `isCollectiveUnit`),
 * scored the same way but not ranked. `unassessed`: entries with nothing due in any item (listed, not ranked:
 * a score of 0 would misrepresent them).
 */
export interface Assessment {
  planId: number;
  year: number;
  asOf: string;
  weights: Weights;
  units: UnitScore[];
  collective: Array<Omit<UnitScore, 'rank'>>;
  unassessed: string[];
}

/** Counts every unit's assessment items from the ledger as of `asOf` (default: the plan's as-of date, `planAsOf`). */
export async function assess(db: Kysely<Database>, planId: number, asOfArg?: string): Promise<Assessment> {
  const plan = await getPlanOrThrow(db, planId);
  const calendar = await ledgerCalendar(db);
  const asOf = asOfArg ?? (await planAsOf(db, planId)).asOf;
  const { weights } = await getSettings(db, planId);
  const tasks = (await listTasks(db, planId, asOf)).filter((t) => t.status !== 'paused');
  const cycles = (await listCycleRows(db, planId)).filter((c) => asOf > effectiveDue(calendar, c.dueOn));
  const reports = await db
    .selectFrom('ledger_report as r')
    .innerJoin('ledger_task as t', 't.id', 'r.task_id')
    .select(['r.id', 'r.task_id', 'r.cycle_id', 'r.state', 'r.returns', 'r.first_submitted_on', 'r.version'])
    .where('t.plan_id', '=', planId)
    .execute();
  const accepted = await db
    .selectFrom('ledger_report_version as v')
    .innerJoin('ledger_report as r', 'r.id', 'v.report_id')
    .innerJoin('ledger_cycle as c', 'c.id', 'r.cycle_id')
    .innerJoin('ledger_task as t', 't.id', 'r.task_id')
    .select(['r.task_id', 'v.content', 'c.period_start'])
    .where('t.plan_id', '=', planId)
    .where('v.outcome', '=', 'accepted')
    .orderBy('c.period_start', 'desc')
    .execute();
  const orders = await db.selectFrom('ledger_order').selectAll().where('plan_id', '=', planId).execute();
  const unitRows = await listUnitRows(db);
  // Enterprise requests of the plan year (src/requests counts them set-based; the ledger reads no request table).
  const requestCounts = new Map((await requestAssessmentCounts(db, plan.year ?? Number(asOf.slice(0, 4)), asOf)).map((r) => [r.unitId, r]));

  const unitIds = new Set<number>();
  for (const t of tasks) for (const u of [...t.leadUnits, ...t.responsibleUnits]) unitIds.add(u.id);
  for (const o of orders) unitIds.add(o.unit_id);
  if (weights.requests_on_time > 0) for (const id of requestCounts.keys()) unitIds.add(id);
  const counts: Array<UnitCounts & { kind: string | null }> = [...unitIds].map((unitId) => {
    const item = (): ItemCount => ({ numerator: 0, denominator: 0, details: [] });
    const items = Object.fromEntries(ASSESSMENT_ITEMS.map((k) => [k, item()])) as UnitCounts['items'];
    const mine = tasks.filter((t) => [...t.leadUnits, ...t.responsibleUnits].some((u) => u.id === unitId));
    const led = tasks.filter((t) => t.leadUnits.some((u) => u.id === unitId));
    for (const t of mine) {
      const last = t.milestones
        .map((m) => m.dueOn)
        .sort()
        .at(-1);
      if (!last) continue;
      const due = effectiveDue(calendar, last);
      if (due > asOf && !t.completedOn) continue; // due on the day of assessment counts as due
      const ok = !!t.completedOn && t.completedOn <= due;
      items.tasks_on_time.denominator++;
      if (ok) items.tasks_on_time.numerator++;
      items.tasks_on_time.details.push(`任务${t.code} 应于 ${due} 前完成，${t.completedOn ? `${t.completedOn} 完成` : '未完成'}${ok ? '，按时' : '，未按时'}`);
    }
    for (const t of led) {
      for (const c of cycles) {
        if (c.periodEnd < t.startOn || (t.completedOn && t.completedOn < c.periodStart)) continue;
        const r = reports.find((x) => x.task_id === t.id && x.cycle_id === c.id);
        const ok = !!r && r.first_submitted_on <= c.dueOn;
        items.reports_on_time.denominator++;
        if (ok) items.reports_on_time.numerator++;
        items.reports_on_time.details.push(
          `任务${t.code} ${c.label} 应于 ${c.dueOn} 前报送，${r ? `${r.first_submitted_on} 报送` : '未报送'}${ok ? '，按时' : ''}`,
        );
      }
      for (const r of reports.filter((x) => x.task_id === t.id && (x.state === 'accepted' || x.returns > 0))) {
        const ok = r.state === 'accepted' && r.returns === 0;
        items.quality.denominator++;
        if (ok) items.quality.numerator++;
        const label = cycles.find((c) => c.id === r.cycle_id)?.label ?? `周期${r.cycle_id}`;
        items.quality.details.push(
          `任务${t.code} ${label} 报告${r.returns ? `被退回 ${r.returns} 次` : '一次通过'}${r.state === 'accepted' ? '' : '（尚未通过）'}`,
        );
      }
      const last = t.milestones
        .map((m) => m.dueOn)
        .sort()
        .at(-1);
      const pastDue = !!last && effectiveDue(calendar, last) <= asOf;
      const latest = accepted.find((a) => a.task_id === t.id);
      for (const g of t.targets) {
        const actual = (latest?.content as ReportContent | undefined)?.actuals?.find((a) => a.targetId === g.id)?.value;
        if (actual === undefined && !pastDue) continue;
        const ok = actual !== undefined && targetMet(g.op, g.value, actual);
        items.targets_met.denominator++;
        if (ok) items.targets_met.numerator++;
        items.targets_met.details.push(
          `${g.metric} 目标 ${g.op} ${g.value}${g.unit}，${actual === undefined ? '到期未报实际值' : `实际 ${actual}${g.unit}`}${ok ? '，达成' : '，未达成'}`,
        );
      }
    }
    for (const o of orders.filter((x) => x.unit_id === unitId && x.reply_due && (x.replied_on || x.reply_due < asOf))) {
      const ok = !!o.replied_on && o.replied_on <= o.reply_due!;
      items.orders_on_time.denominator++;
      if (ok) items.orders_on_time.numerator++;
      items.orders_on_time.details.push(`${o.number} 应于 ${o.reply_due} 前反馈，${o.replied_on ? `${o.replied_on} 反馈` : '未反馈'}${ok ? '，按时' : ''}`);
    }
    const rq = requestCounts.get(unitId);
    if (rq) items.requests_on_time = { numerator: rq.numerator, denominator: rq.denominator, details: rq.details };
    const unit = unitRows.find((u) => u.id === unitId);
    return { unitId, unitName: unit?.name ?? String(unitId), kind: unit?.kind ?? null, items };
  });
  return { planId, year: plan.year ?? Number(asOf.slice(0, 4)), asOf, weights, ...assessUnits(counts, weights) };
}

export async function assessmentXlsx(a: Assessment): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'bizenv';
  wb.created = new Date(`${a.asOf}T00:00:00Z`);
  wb.modified = wb.created;
  const ws = wb.addWorksheet('考核排名');
  ws.columns = [{ width: 6 }, { width: 24 }, { width: 10 }, ...ASSESSMENT_ITEMS.map(() => ({ width: 18 }))];
  ws.addRow([`${a.year}年度优化营商环境目标考核（截至${a.asOf}）`]).font = { bold: true, size: 14 };
  ws.addRow(['权重', '', '', ...ASSESSMENT_ITEMS.map((k) => a.weights[k])]);
  ws.addRow(['排名', '单位', '得分', ...ASSESSMENT_ITEMS.map((k) => ITEM_LABELS[k])]).font = { bold: true };
  const cells = (u: Omit<UnitScore, 'rank'>) => u.items.map((i) => (i.applicable ? `${i.numerator}/${i.denominator}（${i.points}分）` : '不适用'));
  for (const u of a.units) ws.addRow([u.rank, u.unitName, u.score, ...cells(u)]);
  if (a.collective.length) {
    ws.addRow([]);
    ws.addRow(['集体承担事项（不排名）']).font = { bold: true };
    for (const u of a.collective) ws.addRow(['—', u.unitName, u.score, ...cells(u)]);
  }
  const ex = wb.addWorksheet('逐项说明');
  ex.columns = [{ width: 24 }, { width: 20 }, { width: 60 }, { width: 80 }];
  ex.addRow(['单位', '考核项', '计算', '明细']).font = { bold: true };
  for (const u of [...a.units, ...a.collective])
    for (const i of u.items) {
      const row = ex.addRow([u.unitName, i.label, i.explanation, i.details.join('\n')]);
      row.alignment = { wrapText: true, vertical: 'top' };
    }
  return Buffer.from(await wb.xlsx.writeBuffer());
}
