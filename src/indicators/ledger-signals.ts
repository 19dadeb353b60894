import type { Kysely } from 'kysely';
import type { Database } from '../db/index.js';
import { createOrder, setOffTrackSignals, tasksOfMeasures } from '../ledger/index.js';
import { ConflictError, InputRejectedError } from '../shared/index.js';
import { leadUnits } from './compute.js';
import { breachedIndicators, breachedMeasures, indicatorDetail, type BreachedIndicator } from './results.js';
import { monitoringYear } from './year.js';
import { listMeasures, listPlans } from '../plan/index.js';

/** The source name of the indicators' signals on the ledger. */
export const LEDGER_SIGNAL_SOURCE = 'indicators';

/** The current value in words, e.g. 按时办结率 66.7%, 平均用时 12.5 个工作日, 1200. */
export function valueText(i: Pick<BreachedIndicator, 'value' | 'definition'>): string {
  if (i.value === null) return '—';
  const d = i.definition;
  switch (d.kind) {
    case 'duration':
      return d.mode === 'each' ? `按时办结率 ${i.value}%` : `平均用时 ${i.value} ${d.days === 'working' ? '个工作日' : '日'}`;
    case 'share':
    case 'ratio':
      return `${i.value}%`;
    case 'count':
      return String(i.value);
  }
}

/** 指标“…”未达标：当前 …，目标 … — the flag's message on the ledger task. */
export function offTrackMessage(i: Pick<BreachedIndicator, 'name' | 'value' | 'definition' | 'target'>): string {
  // Quotation marks inside the name become single ones (“‘跨省通办’高频事项”).
  const name = i.name.replace(/“/g, '‘').replace(/”/g, '’');
  return `指标“${name}”未达标：当前 ${valueText(i)}，目标 ${i.target}`;
}

/**
 * Tells the ledger which measures of the year's plan(s) have a breached indicator (偏离目标): one signal per
 * breached indicator on its measure and plan target, replacing the indicators' previous signals, so an indicator
 * that recovered loses its mark. No plan for the year: nothing happens. Called after every recompute.
 */
export async function syncLedgerSignals(db: Kysely<Database>, year: number): Promise<void> {
  const plans = await plansOfYear(db, year);
  if (!plans.length) return;
  const breached = await breachedIndicators(db, year);
  const signals = breached.map((i) => ({
    measureNumber: i.measure,
    targetSeq: i.targetSeq,
    key: i.code,
    message: offTrackMessage(i),
    link: `/indicators/${i.code}`,
    on: i.asOf,
  }));
  for (const p of plans) await setOffTrackSignals(db, { planId: p, source: LEDGER_SIGNAL_SOURCE, signals });
}

/** The plans of a year (ids, oldest first). */
async function plansOfYear(db: Kysely<Database>, year: number): Promise<number[]> {
  return (await listPlans(db, { year })).map((p) => p.id).sort((a, b) => a - b);
}

/** The ledger tasks of the measures of the year's plans, with the measure number: the first task of a measure first. */
async function measureTasks(db: Kysely<Database>, year: number): Promise<Array<{ id: number; title: string; measure: number; seq: number }>> {
  const plans = await plansOfYear(db, year);
  if (!plans.length) return [];
  const measures = (await Promise.all(plans.map((p) => listMeasures(db, p)))).flat();
  const number = new Map(measures.map((m) => [m.id, m.number]));
  const tasks = (await Promise.all(plans.map((p) => tasksOfMeasures(db, p)))).flat();
  return tasks
    .filter((t) => number.has(t.measureId))
    .map((t) => ({ id: t.id, title: t.title, measure: number.get(t.measureId)!, seq: t.seq }))
    .sort((a, b) => a.seq - b.seq || a.id - b.id);
}

/** Measures with a breached indicator in the year (default: the monitoring year), each with its ledger tasks (偏离目标). */
export async function ledgerFlags(db: Kysely<Database>, year?: number) {
  const y = year ?? (await monitoringYear(db));
  const measures = await breachedMeasures(db, y);
  const tasks = measures.length ? await measureTasks(db, y) : [];
  return measures.map((m) => ({ ...m, offTrack: true, tasks: tasks.filter((t) => t.measure === m.measure).map((t) => ({ id: t.id, title: t.title })) }));
}

/**
 * The office orders a breached indicator's measure to be put right (台账督办单 on the measure's first task),
 * addressed to `unitId` or the measure's lead unit; the reason states the indicator's value and target.
 */
export async function orderForIndicator(
  db: Kysely<Database>,
  code: string,
  p: { actor: string; year?: number; unitId?: number; requirement?: string; replyDays?: number },
): Promise<{ id: number; number: string }> {
  const year = p.year ?? (await monitoringYear(db));
  const d = await indicatorDetail(db, code, { year });
  if (d.current?.status !== 'breached') throw new ConflictError('该指标当前未处于“未达标”状态，无需督办');
  const task = (await measureTasks(db, year)).find((t) => t.measure === d.measure);
  if (!task) throw new ConflictError(`第${d.measure}条措施尚未建立台账任务，请先初始化改革台账`);
  const lead = p.unitId ?? (await leadUnits(db, year)).get(d.measure);
  if (!lead) throw new InputRejectedError('请指定督办单位');
  const reason = `指标“${d.name}”未达标：目标 ${d.target}，截至 ${d.current.asOf} 为 ${d.current.value ?? '—'}（${d.valueLabel}），未达标案件 ${d.breaching.total} 件（定义第${d.version}版）。`;
  return createOrder(db, p.actor, {
    taskId: task.id,
    unitId: lead,
    reason,
    requirement: p.requirement ?? '请核查未达标案件原因，限期整改并反馈整改情况。',
    replyDays: p.replyDays ?? 5,
  });
}
