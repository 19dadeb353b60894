/**
 * The plan's read API: what other capabilities (ledger, indicators, policies, server, cli) call
 * instead of querying the plan's tables (plan, plan_revision, plan_section, plan_subsection, measure,
 * measure_unit, measure_target, measure_deadline). Every function takes a `Kysely<Database>` or a
 * transaction.
 */
import { sql, type Kysely, type Selectable } from 'kysely';
import type { Database } from '../db/index.js';
import type { PlanTable } from '../db/tables/plan.js';
import { NotFoundError } from '../shared/index.js';
import { findUnitsByIds, listUnitRows } from '../units/index.js';
import { TARGET_OPS } from './core/ops.js';
import type { ParsedPlan, TargetOp } from './core/types.js';

/** A plan as stored (one row per 文号; `current_revision` is its latest revision). */
export type PlanRow = Selectable<PlanTable>;

/**
 * THE plan of a year, as every capability picks it: of the plans of `year`, the one imported last
 * (highest id). Without `year`: the latest plan (latest year, then highest id). With
 * `orLatest: true`, a year without a plan falls back to the latest plan. Undefined when there is
 * no (such) plan.
 *
 * @example
 *   const latest = await findPlan(db);                               // the plan the dashboard starts with
 *   const p2021 = await findPlan(db, { year: 2021 });                 // undefined when 2021 has no plan
 *   const targetsOf = await findPlan(db, { year: 2022, orLatest: true }); // 2022's, else the latest plan
 */
export async function findPlan(db: Kysely<Database>, f: { year?: number; orLatest?: boolean } = {}): Promise<PlanRow | undefined> {
  let q = db.selectFrom('plan').selectAll();
  if (f.year !== undefined) q = f.orLatest ? q.orderBy(sql`(year = ${f.year})`, 'desc') : q.where('year', '=', f.year);
  return q.orderBy(sql`year desc nulls last`).orderBy('id', 'desc').executeTakeFirst();
}

/**
 * A plan by id; NotFoundError (404, "未找到：计划 N") when there is none.
 *
 * @example
 *   const plan = await getPlan(trx, planId); // plan.year, plan.issued_on, plan.title …
 */
export async function getPlan(db: Kysely<Database>, planId: number): Promise<PlanRow> {
  const plan = await db.selectFrom('plan').selectAll().where('id', '=', planId).executeTakeFirst();
  if (!plan) throw new NotFoundError('计划（不存在或已删除）');
  return plan;
}

/**
 * Every plan (or every plan of `year`), latest year first, then latest imported first.
 *
 * @example
 *   const plans = await listPlans(db);                 // [{ id, doc_number, title, year, current_revision, … }]
 *   const of2021 = await listPlans(db, { year: 2021 }); // usually one; [] when the year has none
 */
export async function listPlans(db: Kysely<Database>, f: { year?: number } = {}) {
  let q = db.selectFrom('plan').select(['id', 'doc_number', 'title', 'issuer', 'issued_on', 'year', 'current_revision', 'updated_at']);
  if (f.year !== undefined) q = q.where('year', '=', f.year);
  return q.orderBy(sql`year desc nulls last`).orderBy('id', 'desc').execute();
}

/**
 * The plans list: every plan (`listPlans`), each marked `current` when it is THE plan the pages start with
 * (`findPlan` without a year: the newest plan year, then the one imported last). Importing another year's
 * plan makes the newer year current; the older plans keep everything (pages choose them with `?plan=`).
 *
 * @example
 *   const plans = await planList(db); // [{ id: 2, year: 2022, current: true, … }, { id: 1, year: 2021, current: false, … }]
 */
export async function planList(db: Kysely<Database>) {
  const [plans, current] = await Promise.all([listPlans(db), findPlan(db)]);
  return plans.map((p) => ({ ...p, current: p.id === current?.id }));
}

/** The latest parsed content of a plan (as imported or as edited through the ledger). */
export async function getCurrentParsed(db: Kysely<Database>, planId: number): Promise<ParsedPlan> {
  const plan = await getPlan(db, planId);
  const rev = await db
    .selectFrom('plan_revision')
    .select('parsed')
    .where('plan_id', '=', planId)
    .where('revision', '=', plan.current_revision)
    .executeTakeFirstOrThrow();
  return rev.parsed as ParsedPlan;
}

/** The revisions of a plan, latest first. */
export async function listRevisions(db: Kysely<Database>, planId: number) {
  return db
    .selectFrom('plan_revision')
    .select(['revision', 'content_hash', 'source_name', 'source_kind', 'imported_by', 'imported_at'])
    .where('plan_id', '=', planId)
    .orderBy('revision', 'desc')
    .execute();
}

/** A unit a measure names (lead or responsible), in the plan's order. */
export interface MeasureUnitRef {
  id: number;
  name: string;
}

export interface MeasureRow {
  id: number;
  number: number;
  title: string;
  text: string;
  relatedDepartments: boolean;
  sectionNumber: number;
  subsectionNumber: number;
  leadUnits: MeasureUnitRef[];
  responsibleUnits: MeasureUnitRef[];
  targets: Array<{ id: number; seq: number; text: string; metric: string; op: TargetOp; value: number; unit: string }>;
  deadlines: Array<{ id: number; seq: number; text: string; date: string }>;
}

/** Filters of `listMeasures`. */
export interface MeasureFilter {
  /** Only measures this unit leads or is responsible for. */
  unitId?: number;
  /** Text search in title and text. */
  q?: string;
  /** One measure by its number in the plan. */
  number?: number;
  /** Only these measures (ids). */
  ids?: readonly number[];
}

/**
 * The measures of a plan by number, each with its lead and responsible units (in the plan's order),
 * its quantitative targets and its deadlines.
 *
 * @example
 *   const measures = await listMeasures(db, planId);                    // the whole plan
 *   const mine = await listMeasures(db, planId, { unitId: 7 });        // 本单位任务
 *   const [m6] = await listMeasures(db, planId, { number: 6 });        // m6.targets[0].op === '<='
 */
export async function listMeasures(db: Kysely<Database>, planId: number, f: MeasureFilter = {}): Promise<MeasureRow[]> {
  let q = db
    .selectFrom('measure')
    .innerJoin('plan_subsection as ss', 'ss.id', 'measure.subsection_id')
    .innerJoin('plan_section as s', 's.id', 'ss.section_id')
    .select([
      'measure.id',
      'measure.number',
      'measure.title',
      'measure.text',
      'measure.related_departments',
      's.number as section_number',
      'ss.number as subsection_number',
    ])
    .where('measure.plan_id', '=', planId)
    .orderBy('measure.number');
  if (f.number !== undefined) q = q.where('measure.number', '=', f.number);
  if (f.ids) q = q.where('measure.id', 'in', f.ids.length ? [...f.ids] : [-1]);
  if (f.q) {
    const like = `%${f.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    q = q.where((eb) => eb.or([eb('measure.text', 'like', like), eb('measure.title', 'like', like)]));
  }
  if (f.unitId !== undefined) {
    const unitId = f.unitId;
    q = q.where((eb) =>
      eb.exists(
        eb.selectFrom('measure_unit').select('unit_id').whereRef('measure_unit.measure_id', '=', 'measure.id').where('measure_unit.unit_id', '=', unitId),
      ),
    );
  }
  const rows = await q.execute();
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.id);
  const [links, targets, deadlines] = await Promise.all([
    db.selectFrom('measure_unit').select(['measure_id', 'role', 'unit_id']).where('measure_id', 'in', ids).orderBy('position').execute(),
    db.selectFrom('measure_target').selectAll().where('measure_id', 'in', ids).orderBy('seq').execute(),
    db.selectFrom('measure_deadline').selectAll().where('measure_id', 'in', ids).orderBy('seq').execute(),
  ]);
  const unitName = new Map((await findUnitsByIds(db, [...new Set(links.map((u) => u.unit_id))])).map((u) => [u.id, u.name]));
  const units = links.map((u) => ({ measure_id: u.measure_id, role: u.role, id: u.unit_id, name: unitName.get(u.unit_id) ?? '' }));
  return rows.map((r) => ({
    id: r.id,
    number: r.number,
    title: r.title,
    text: r.text,
    relatedDepartments: r.related_departments,
    sectionNumber: r.section_number,
    subsectionNumber: r.subsection_number,
    leadUnits: units.filter((u) => u.measure_id === r.id && u.role === 'lead').map((u) => ({ id: u.id, name: u.name })),
    responsibleUnits: units.filter((u) => u.measure_id === r.id && u.role === 'responsible').map((u) => ({ id: u.id, name: u.name })),
    targets: targets
      .filter((t) => t.measure_id === r.id)
      .map((t) => ({ id: t.id, seq: t.seq, text: t.text, metric: t.metric, op: toOp(t.op), value: Number(t.value), unit: t.unit })),
    deadlines: deadlines.filter((d) => d.measure_id === r.id).map((d) => ({ id: d.id, seq: d.seq, text: d.text, date: d.date })),
  }));
}

/** The column has a check constraint on these values. */
function toOp(op: string): TargetOp {
  const hit = TARGET_OPS.find((o) => o === op);
  if (!hit) throw new Error(`measure_target.op ${op}`);
  return hit;
}

/** A measure by id, with the plan it belongs to. */
export interface MeasureRef {
  id: number;
  planId: number;
  number: number;
  title: string;
  text: string;
}

/**
 * A measure by id (any plan); undefined when there is none.
 *
 * @example
 *   const m = await findMeasure(trx, measureId);
 *   if (!m) throw new NotFoundError(`措施 ${measureId}`);
 *   const plan = await getPlan(trx, m.planId);
 */
export async function findMeasure(db: Kysely<Database>, measureId: number): Promise<MeasureRef | undefined> {
  const [m] = await findMeasures(db, [measureId]);
  return m;
}

/**
 * Measures by id (of any plans, e.g. the tasks of a unit across years), by plan id then number;
 * ids that name no measure are left out.
 *
 * @example
 *   const refs = await findMeasures(db, [...new Set(tasks.map((t) => t.measure_id))]);
 *   const numberOf = new Map(refs.map((m) => [m.id, m.number])); // report code `${number}-${seq}`
 */
export async function findMeasures(db: Kysely<Database>, measureIds: readonly number[]): Promise<MeasureRef[]> {
  if (measureIds.length === 0) return [];
  const rows = await db
    .selectFrom('measure')
    .select(['id', 'plan_id', 'number', 'title', 'text'])
    .where('id', 'in', [...measureIds])
    .orderBy('plan_id')
    .orderBy('number')
    .execute();
  return rows.map((m) => ({ id: m.id, planId: m.plan_id, number: m.number, title: m.title, text: m.text }));
}

/** A section (一级标题, e.g. “一、优化政务服务”) of a plan. */
export interface PlanSectionRow {
  number: number;
  title: string;
}

/**
 * The sections of a plan by number, with their titles (a measure names its section by
 * `MeasureRow.sectionNumber`).
 *
 * @example
 *   const titles = new Map((await listSections(db, planId)).map((s) => [s.number, s.title]));
 *   titles.get(measure.sectionNumber); // the title of the measure's section
 */
export async function listSections(db: Kysely<Database>, planId: number): Promise<PlanSectionRow[]> {
  return db.selectFrom('plan_section').select(['number', 'title']).where('plan_id', '=', planId).orderBy('number').execute();
}

/** A quantitative target of a plan with its measure. */
export interface PlanTargetRow {
  id: number;
  measureId: number;
  measureNumber: number;
  measureTitle: string;
  seq: number;
  text: string;
  metric: string;
  op: TargetOp;
  value: number;
  unit: string;
}

/**
 * Every quantitative target of a plan, by measure number and seq. Indicators key them `number/seq`.
 *
 * @example
 *   const targets = await listPlanTargets(db, planId);
 *   const t = targets.find((x) => x.measureNumber === 6 && x.seq === 1); // t.metric, t.op, t.value, t.unit
 */
export async function listPlanTargets(db: Kysely<Database>, planId: number): Promise<PlanTargetRow[]> {
  const rows = await db
    .selectFrom('measure_target')
    .innerJoin('measure', 'measure.id', 'measure_target.measure_id')
    .select([
      'measure_target.id',
      'measure_target.measure_id',
      'measure.number',
      'measure.title',
      'measure_target.seq',
      'measure_target.text',
      'measure_target.metric',
      'measure_target.op',
      'measure_target.value',
      'measure_target.unit',
    ])
    .where('measure.plan_id', '=', planId)
    .orderBy('measure.number')
    .orderBy('measure_target.seq')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    measureId: r.measure_id,
    measureNumber: r.number,
    measureTitle: r.title,
    seq: r.seq,
    text: r.text,
    metric: r.metric,
    op: toOp(r.op),
    value: Number(r.value),
    unit: r.unit,
  }));
}

/**
 * The lead unit of every measure of a plan: measure number → id of its first lead unit (measures
 * without a lead unit are left out).
 *
 * @example
 *   const leads = await measureLeadUnits(db, plan.id);
 *   leads.get(6); // id of 区城管局
 */
export async function measureLeadUnits(db: Kysely<Database>, planId: number): Promise<Map<number, number>> {
  const rows = await db
    .selectFrom('measure_unit')
    .innerJoin('measure', 'measure.id', 'measure_unit.measure_id')
    .select(['measure.number', 'measure_unit.unit_id'])
    .where('measure.plan_id', '=', planId)
    .where('measure_unit.role', '=', 'lead')
    .orderBy('measure.number')
    .orderBy('measure_unit.position')
    .execute();
  const out = new Map<number, number>();
  for (const r of rows) if (!out.has(r.number)) out.set(r.number, r.unit_id);
  return out;
}

/** A plan with its sections, subsections and measures (the plan page). */
export async function getPlanOutline(db: Kysely<Database>, planId: number) {
  const plan = await getPlan(db, planId);
  const sections = await db.selectFrom('plan_section').selectAll().where('plan_id', '=', planId).orderBy('number').execute();
  const subs = await db.selectFrom('plan_subsection').selectAll().where('plan_id', '=', planId).orderBy('number').execute();
  const measures = await listMeasures(db, planId);
  return {
    plan,
    sections: sections.map((s) => ({
      number: s.number,
      title: s.title,
      subsections: subs
        .filter((ss) => ss.section_id === s.id)
        .map((ss) => ({
          number: ss.number,
          title: ss.title,
          text: ss.text,
          measures: measures.filter((m) => m.sectionNumber === s.number && m.subsectionNumber === ss.number),
        })),
    })),
  };
}

/** Every unit with the measures it leads and supports (in any plan, or in one). */
export async function listUnitDirectory(db: Kysely<Database>, planId?: number) {
  const units = await listUnitRows(db);
  let links = db
    .selectFrom('measure_unit')
    .innerJoin('measure', 'measure.id', 'measure_unit.measure_id')
    .select(['measure_unit.unit_id', 'measure_unit.role', 'measure.number', 'measure.title', 'measure.plan_id']);
  if (planId !== undefined) links = links.where('measure.plan_id', '=', planId);
  const rows = await links.orderBy('measure.number').execute();
  return units.map((u) => ({
    id: u.id,
    name: u.name,
    kind: u.kind,
    aliases: u.aliases,
    leads: rows.filter((r) => r.unit_id === u.id && r.role === 'lead').map((r) => ({ planId: r.plan_id, number: r.number, title: r.title })),
    supports: rows.filter((r) => r.unit_id === u.id && r.role === 'responsible').map((r) => ({ planId: r.plan_id, number: r.number, title: r.title })),
  }));
}
