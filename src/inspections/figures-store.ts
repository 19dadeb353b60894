/**
 * Figures of 双随机、一公开 (issue 15): per department and task (draw) — objects drawn, inspected, problems found,
 * results published on time — the joint share of all checks (联合抽查占比, 国发〔2019〕5号 “部门联合抽查”), the
 * inspectors' workload, 首违不罚 per department; and the indicators the ledger shows on measures 33 and 34
 * (`inspectionSignals`, the mechanism of src/ledger/signal-store.ts).
 */
import type { Kysely } from 'kysely';
import type { SessionUser } from '../auth/index.js';
import { loadCalendar, provisionalWorkingDays } from '../calendar/index.js';
import type { Database } from '../db/index.js';
import { RESPONSE_WORKING_DAYS } from './core/risk.js';
import { PUBLICATION_WORKING_DAYS, publicationState } from './core/results.js';
import { firstOffenceCounts } from './result-store.js';
import { measureSignals } from './measure-signals.js';

type Db = Kysely<Database>;

const pct = (a: number, b: number) => (b ? Math.round((a / b) * 10000) / 100 : null);

/** The year's figures (draws numbered in `year`), as of `asOf`. Unit staff see their own departments' rows. */
export async function inspectionFigures(db: Db, user: SessionUser, year: number, asOf: string) {
  const cal = provisionalWorkingDays(await loadCalendar(db));
  const draws = await db
    .selectFrom('inspection_draw')
    .select(['id', 'number', 'title', 'lead_unit_id', 'joint_unit_ids', 'status'])
    .where('year', '=', year)
    .where('status', '=', 'run')
    .orderBy('id')
    .execute();
  const drawIds = draws.map((d) => d.id);
  const assignments = drawIds.length
    ? await db.selectFrom('inspection_assignment').select(['draw_id', 'object_key', 'unit_id', 'inspector_id']).where('draw_id', 'in', drawIds).execute()
    : [];
  const results = drawIds.length
    ? await db
        .selectFrom('insp_result')
        .select(['draw_id', 'object_key', 'unit_id', 'outcome', 'produced_on', 'published_on', 'inspector_id'])
        .where('draw_id', 'in', drawIds)
        .execute()
    : [];
  const unitRows = await db.selectFrom('unit').select(['id', 'name']).execute();
  const unitName = new Map(unitRows.map((u) => [u.id, u.name]));
  const visible = (unitId: number) => user.role !== 'unit_staff' || user.unitIds.includes(unitId);

  interface Row {
    objects: Set<string>;
    inspected: Set<string>;
    problems: Set<string>;
    results: number;
    onTime: number;
    late: number;
    overdue: number;
    jointChecks: number;
    checks: number;
  }
  const blank = (): Row => ({
    objects: new Set(),
    inspected: new Set(),
    problems: new Set(),
    results: 0,
    onTime: 0,
    late: 0,
    overdue: 0,
    jointChecks: 0,
    checks: 0,
  });
  const perTask = new Map<string, Row>();
  const perUnit = new Map<number, Row>();
  const row = <K>(m: Map<K, Row>, k: K) => {
    let r = m.get(k);
    if (!r) {
      r = blank();
      m.set(k, r);
    }
    return r;
  };
  const joint = new Map(draws.map((d) => [d.id, d.joint_unit_ids.length > 0]));
  const seen = new Set<string>();
  for (const a of assignments) {
    const k = `${a.draw_id}|${a.unit_id}|${a.object_key}`;
    if (seen.has(k)) continue;
    seen.add(k);
    for (const r of [row(perTask, `${a.draw_id}|${a.unit_id}`), row(perUnit, a.unit_id)]) {
      r.objects.add(`${a.draw_id}|${a.object_key}`);
      r.checks++;
      if (joint.get(a.draw_id)) r.jointChecks++;
    }
  }
  for (const x of results) {
    const st = publicationState(cal, { producedOn: x.produced_on, publishedOn: x.published_on }, asOf);
    for (const r of [row(perTask, `${x.draw_id}|${x.unit_id}`), row(perUnit, x.unit_id)]) {
      const o = `${x.draw_id}|${x.object_key}`;
      if (x.outcome !== 'not_inspected') r.inspected.add(o);
      if (x.outcome === 'problem') r.problems.add(o);
      r.results++;
      if (st.published && !st.overdue) r.onTime++;
      if (st.published && st.overdue) r.late++;
      if (!st.published && st.overdue) r.overdue++;
    }
  }
  const view = (r: Row) => ({
    objects: r.objects.size,
    inspected: r.inspected.size,
    problems: r.problems.size,
    results: r.results,
    publishedOnTime: r.onTime,
    publishedLate: r.late,
    overdue: r.overdue,
    onTimeRate: pct(r.onTime, r.onTime + r.late + r.overdue),
    checks: r.checks,
    jointChecks: r.jointChecks,
    jointShare: pct(r.jointChecks, r.checks),
  });
  const tasks = draws.flatMap((d) =>
    [d.lead_unit_id, ...d.joint_unit_ids].filter(visible).map((u) => ({
      drawId: d.id,
      drawNumber: d.number,
      title: d.title,
      unitName: unitName.get(u) ?? '',
      lead: u === d.lead_unit_id,
      joint: d.joint_unit_ids.length > 0,
      ...view(perTask.get(`${d.id}|${u}`) ?? blank()),
    })),
  );
  const departments = [...perUnit]
    .filter(([u]) => visible(u))
    .map(([u, r]) => ({ unitName: unitName.get(u) ?? '', ...view(r) }))
    .sort((a, b) => a.unitName.localeCompare(b.unitName, 'zh-CN'));
  // Inspectors' workload: checks sent to and results recorded, in the year.
  const load = new Map<number, { checks: number; results: number }>();
  for (const a of assignments) {
    const l = load.get(a.inspector_id) ?? { checks: 0, results: 0 };
    l.checks++;
    load.set(a.inspector_id, l);
  }
  for (const x of results) if (x.inspector_id !== null && load.has(x.inspector_id)) load.get(x.inspector_id)!.results++;
  const ins = load.size
    ? await db
        .selectFrom('inspection_inspector')
        .select(['id', 'name', 'unit_id'])
        .where('id', 'in', [...load.keys()])
        .execute()
    : [];
  const workload = ins
    .filter((i) => visible(i.unit_id))
    .map((i) => ({ name: i.name, unitName: unitName.get(i.unit_id) ?? '', ...load.get(i.id)! }))
    .sort((a, b) => a.unitName.localeCompare(b.unitName, 'zh-CN') || b.checks - a.checks || a.name.localeCompare(b.name, 'zh-CN'))
    .slice(0, 500);
  const allChecks = [...perUnit.values()].reduce((s, r) => s + r.checks, 0);
  const allJoint = [...perUnit.values()].reduce((s, r) => s + r.jointChecks, 0);
  const fo = (await firstOffenceCounts(db, { year })).filter(
    (r) => user.role !== 'unit_staff' || unitRows.some((u) => u.name === r.unitName && user.unitIds.includes(u.id)),
  );
  return {
    year,
    asOf,
    publicationWorkingDays: PUBLICATION_WORKING_DAYS,
    district: { draws: draws.length, jointDraws: draws.filter((d) => d.joint_unit_ids.length).length, checks: allChecks, jointShare: pct(allJoint, allChecks) },
    departments,
    tasks,
    workload,
    firstOffence: fo,
  };
}

export interface InspectionSignal {
  measureNumber: number;
  key: string;
  message: string;
  link: string;
  on: string;
}

/**
 * Off-track signals for the ledger (measures 31–35 of the plan): measure 34 (行政执法公示) when results of the year
 * are unpublished past the 20 working days; measure 33 (“协同监管响应率100%”) when flags pushed were not answered
 * within the response period. None when all is on track.
 */
export async function inspectionSignals(db: Db, year: number, asOf: string): Promise<{ signals: InspectionSignal[]; responseRate: number | null }> {
  const cal = provisionalWorkingDays(await loadCalendar(db));
  const signals: InspectionSignal[] = [];
  const lastDay = cal.addWorkingDays(asOf, -PUBLICATION_WORKING_DAYS);
  const overdue = await db
    .selectFrom('insp_result')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('published_on', 'is', null)
    .where('produced_on', '<', lastDay)
    .where('produced_on', '>=', `${year}-01-01`)
    .executeTakeFirstOrThrow();
  if (Number(overdue.n))
    signals.push({
      measureNumber: 34,
      key: 'inspection-results-overdue',
      message: `有 ${Number(overdue.n)} 条双随机抽查结果超过 ${PUBLICATION_WORKING_DAYS} 个工作日未公示（《企业信息公示暂行条例》第六条第二款）`,
      link: '/inspections/results?state=overdue',
      on: asOf,
    });
  const flags = await db
    .selectFrom('insp_risk_flag')
    .select(['flagged_on', 'responded_on'])
    .where('flagged_on', '>=', `${year}-01-01`)
    .where('flagged_on', '<=', asOf)
    .execute();
  let due = 0;
  let inTime = 0;
  for (const f of flags) {
    const by = cal.addWorkingDays(f.flagged_on, RESPONSE_WORKING_DAYS);
    if (f.responded_on === null && by >= asOf) continue; // still within its period
    due++;
    if (f.responded_on !== null && f.responded_on <= by) inTime++;
  }
  const responseRate = pct(inTime, due);
  if (responseRate !== null && responseRate < 100)
    signals.push({
      measureNumber: 33,
      key: 'inspection-risk-response',
      message: `协同监管响应率 ${responseRate.toFixed(2)}%，目标 100%：风险预警线索 ${due - inTime} 条未在 ${RESPONSE_WORKING_DAYS} 个工作日内反馈`,
      link: '/inspections/risk',
      on: asOf,
    });
  signals.push(...(await measureSignals(db, year, asOf))); // 31, 32, 35
  return { signals, responseRate };
}
