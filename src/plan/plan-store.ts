import crypto from 'node:crypto';
import { sql, type Kysely, type Transaction } from 'kysely';
import type { Database } from '../db/index.js';
import { recordAudit } from '../audit/index.js';
import { canonicalJson, NotFoundError } from '../shared/index.js';
import type { ParsedMeasure, ParsedPlan } from './core/types.js';
import { listUnits } from './core/units.js';

export interface ImportPlanParams {
  plan: ParsedPlan;
  sourceName: string;
  sourceKind: 'txt' | 'docx' | 'xlsx';
  actor: string;
}

export interface ImportPlanResult {
  planId: number;
  revision: number;
  /** False when the same content was imported before: nothing was written. */
  changed: boolean;
}

export function planIdentity(plan: ParsedPlan): string {
  return plan.docNumber ?? plan.title;
}

/** The content that defines a revision: the parsed plan without parser warnings. */
export function planContentHash(plan: ParsedPlan): string {
  const { warnings: _w, ...content } = plan;
  return crypto.createHash('sha256').update(canonicalJson(content)).digest('hex');
}

/**
 * Imports a parsed plan in one transaction. Idempotent: the same content again changes nothing.
 * A revised plan (same 文号, other content) becomes a new revision; sections, measures, targets
 * and deadlines are updated in place by their numbers so that their ids (which the ledger and
 * indicators reference) survive, and every revision's full content stays in plan_revision.
 */
export async function importPlan(db: Kysely<Database>, p: ImportPlanParams): Promise<ImportPlanResult> {
  const hash = planContentHash(p.plan);
  return db.transaction().execute(async (trx) => {
    await sql`select pg_advisory_xact_lock(7302)`.execute(trx);
    // A plan is identified by its 文号; a document without one by its title.
    const identity = planIdentity(p.plan);
    const existing = await trx.selectFrom('plan').selectAll().where('doc_number', '=', identity).executeTakeFirst();
    if (existing) {
      const last = await trx
        .selectFrom('plan_revision')
        .select('content_hash')
        .where('plan_id', '=', existing.id)
        .where('revision', '=', existing.current_revision)
        .executeTakeFirst();
      if (last?.content_hash === hash) return { planId: existing.id, revision: existing.current_revision, changed: false };
    }
    const unitIds = await ensureUnits(trx, p.plan);
    const meta = { doc_number: identity, title: p.plan.title, issuer: p.plan.issuer ?? null, issued_on: p.plan.issuedOn ?? null, year: p.plan.year };
    let planId: number;
    let revision: number;
    if (existing) {
      planId = existing.id;
      revision = existing.current_revision + 1;
      await trx
        .updateTable('plan')
        .set({ ...meta, current_revision: revision, updated_at: new Date() })
        .where('id', '=', planId)
        .execute();
    } else {
      revision = 1;
      planId = (
        await trx
          .insertInto('plan')
          .values({ ...meta, current_revision: 1 })
          .returning('id')
          .executeTakeFirstOrThrow()
      ).id;
    }
    await trx
      .insertInto('plan_revision')
      .values({
        plan_id: planId,
        revision,
        content_hash: hash,
        source_name: p.sourceName,
        source_kind: p.sourceKind,
        parsed: JSON.stringify(p.plan),
        imported_by: p.actor,
      })
      .execute();
    await writeStructure(trx, planId, p.plan, unitIds);
    const counts = countPlan(p.plan);
    await recordAudit(trx, {
      actor: p.actor,
      action: existing ? 'plan.revise' : 'plan.import',
      entity: 'plan',
      entityId: planId,
      before: existing ? { revision: existing.current_revision, title: existing.title } : null,
      after: { revision, docNumber: p.plan.docNumber, title: p.plan.title, source: p.sourceName, ...counts },
    });
    return { planId, revision, changed: true };
  });
}

function countPlan(plan: ParsedPlan) {
  const measures = plan.sections.flatMap((s) => s.subsections.flatMap((ss) => ss.measures));
  return { sections: plan.sections.length, measures: measures.length, targets: measures.reduce((n, m) => n + m.targets.length, 0) };
}

/** Makes sure every unit the plan names is in the unit table; returns name → id. */
async function ensureUnits(trx: Transaction<Database>, plan: ParsedPlan): Promise<Map<string, number>> {
  const names = new Set<string>();
  for (const s of plan.sections)
    for (const ss of s.subsections) {
      for (const u of [...ss.leadUnits, ...ss.responsibleUnits]) names.add(u);
      for (const m of ss.measures) for (const u of [...m.leadUnits, ...m.responsibleUnits]) names.add(u);
    }
  const directory = new Map(listUnits().map((u) => [u.name, u]));
  for (const name of names) {
    const d = directory.get(name);
    await trx
      .insertInto('unit')
      .values({ name, kind: d?.kind ?? 'unknown', aliases: d?.aliases ?? [] })
      .onConflict((oc) => oc.column('name').doNothing())
      .execute();
  }
  const rows = names.size
    ? await trx
        .selectFrom('unit')
        .select(['id', 'name'])
        .where('name', 'in', [...names])
        .execute()
    : [];
  return new Map(rows.map((r) => [r.name, r.id]));
}

async function writeStructure(trx: Transaction<Database>, planId: number, plan: ParsedPlan, unitIds: Map<string, number>) {
  const keptMeasures: number[] = [];
  const keptSections: number[] = [];
  for (const s of plan.sections) {
    const sec = await trx
      .insertInto('plan_section')
      .values({ plan_id: planId, number: s.number, title: s.title })
      .onConflict((oc) => oc.columns(['plan_id', 'number']).doUpdateSet({ title: s.title }))
      .returning('id')
      .executeTakeFirstOrThrow();
    keptSections.push(s.number);
    const keptSubs: number[] = [];
    for (const ss of s.subsections) {
      const sub = await trx
        .insertInto('plan_subsection')
        .values({ plan_id: planId, section_id: sec.id, number: ss.number, title: ss.title, text: ss.text ?? '' })
        .onConflict((oc) => oc.columns(['section_id', 'number']).doUpdateSet({ title: ss.title, text: ss.text ?? '' }))
        .returning('id')
        .executeTakeFirstOrThrow();
      keptSubs.push(ss.number);
      for (const m of ss.measures) {
        await writeMeasure(trx, planId, sub.id, m, unitIds);
        keptMeasures.push(m.number);
      }
    }
    await trx
      .deleteFrom('plan_subsection')
      .where('section_id', '=', sec.id)
      .where('number', 'not in', keptSubs.length ? keptSubs : [-1])
      .execute();
  }
  await trx
    .deleteFrom('measure')
    .where('plan_id', '=', planId)
    .where('number', 'not in', keptMeasures.length ? keptMeasures : [-1])
    .execute();
  await trx
    .deleteFrom('plan_section')
    .where('plan_id', '=', planId)
    .where('number', 'not in', keptSections.length ? keptSections : [-1])
    .execute();
}

async function writeMeasure(trx: Transaction<Database>, planId: number, subsectionId: number, m: ParsedMeasure, unitIds: Map<string, number>) {
  const values = { plan_id: planId, subsection_id: subsectionId, number: m.number, title: m.title, text: m.text, related_departments: m.relatedDepartments };
  const row = await trx
    .insertInto('measure')
    .values(values)
    .onConflict((oc) =>
      oc.columns(['plan_id', 'number']).doUpdateSet({ subsection_id: subsectionId, title: m.title, text: m.text, related_departments: m.relatedDepartments }),
    )
    .returning('id')
    .executeTakeFirstOrThrow();
  await trx.deleteFrom('measure_unit').where('measure_id', '=', row.id).execute();
  const links = [
    ...m.leadUnits.map((u, i) => ({ measure_id: row.id, unit_id: unitIds.get(u)!, role: 'lead' as const, position: i })),
    ...m.responsibleUnits.map((u, i) => ({ measure_id: row.id, unit_id: unitIds.get(u)!, role: 'responsible' as const, position: i })),
  ];
  if (links.length)
    await trx
      .insertInto('measure_unit')
      .values(links)
      .onConflict((oc) => oc.doNothing())
      .execute();
  for (const [i, t] of m.targets.entries()) {
    const v = { text: t.text, metric: t.metric, op: t.op, value: t.value, unit: t.unit };
    await trx
      .insertInto('measure_target')
      .values({ measure_id: row.id, seq: i + 1, ...v })
      .onConflict((oc) => oc.columns(['measure_id', 'seq']).doUpdateSet(v))
      .execute();
  }
  await trx.deleteFrom('measure_target').where('measure_id', '=', row.id).where('seq', '>', m.targets.length).execute();
  for (const [i, d] of m.deadlines.entries()) {
    const v = { text: d.text, date: d.date };
    await trx
      .insertInto('measure_deadline')
      .values({ measure_id: row.id, seq: i + 1, ...v })
      .onConflict((oc) => oc.columns(['measure_id', 'seq']).doUpdateSet(v))
      .execute();
  }
  await trx.deleteFrom('measure_deadline').where('measure_id', '=', row.id).where('seq', '>', m.deadlines.length).execute();
}

export async function listPlans(db: Kysely<Database>) {
  return db
    .selectFrom('plan')
    .select(['id', 'doc_number', 'title', 'issuer', 'issued_on', 'year', 'current_revision', 'updated_at'])
    .orderBy('year', 'desc')
    .orderBy('id', 'desc')
    .execute();
}

export async function getPlanRow(db: Kysely<Database>, planId: number) {
  const plan = await db.selectFrom('plan').selectAll().where('id', '=', planId).executeTakeFirst();
  if (!plan) throw new NotFoundError(`计划 ${planId}`);
  return plan;
}

/** The latest parsed content of a plan (as imported or as edited through the ledger). */
export async function getCurrentParsed(db: Kysely<Database>, planId: number): Promise<ParsedPlan> {
  const plan = await getPlanRow(db, planId);
  const rev = await db
    .selectFrom('plan_revision')
    .select('parsed')
    .where('plan_id', '=', planId)
    .where('revision', '=', plan.current_revision)
    .executeTakeFirstOrThrow();
  return rev.parsed as ParsedPlan;
}

export async function listRevisions(db: Kysely<Database>, planId: number) {
  return db
    .selectFrom('plan_revision')
    .select(['revision', 'content_hash', 'source_name', 'source_kind', 'imported_by', 'imported_at'])
    .where('plan_id', '=', planId)
    .orderBy('revision', 'desc')
    .execute();
}

export interface MeasureRow {
  id: number;
  number: number;
  title: string;
  text: string;
  relatedDepartments: boolean;
  sectionNumber: number;
  subsectionNumber: number;
  leadUnits: Array<{ id: number; name: string }>;
  responsibleUnits: Array<{ id: number; name: string }>;
  targets: Array<{ id: number; seq: number; text: string; metric: string; op: string; value: number; unit: string }>;
  deadlines: Array<{ id: number; seq: number; text: string; date: string }>;
}

/** Measures with their units, targets and deadlines; filters by unit and by text. */
export async function listMeasures(db: Kysely<Database>, planId: number, f: { unitId?: number; q?: string; number?: number } = {}): Promise<MeasureRow[]> {
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
  const [units, targets, deadlines] = await Promise.all([
    db
      .selectFrom('measure_unit')
      .innerJoin('unit', 'unit.id', 'measure_unit.unit_id')
      .select(['measure_unit.measure_id', 'measure_unit.role', 'unit.id', 'unit.name'])
      .where('measure_id', 'in', ids)
      .orderBy('position')
      .execute(),
    db.selectFrom('measure_target').selectAll().where('measure_id', 'in', ids).orderBy('seq').execute(),
    db.selectFrom('measure_deadline').selectAll().where('measure_id', 'in', ids).orderBy('seq').execute(),
  ]);
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
      .map((t) => ({ id: t.id, seq: t.seq, text: t.text, metric: t.metric, op: t.op, value: Number(t.value), unit: t.unit })),
    deadlines: deadlines.filter((d) => d.measure_id === r.id).map((d) => ({ id: d.id, seq: d.seq, text: d.text, date: d.date })),
  }));
}

export async function getPlanOutline(db: Kysely<Database>, planId: number) {
  const plan = await getPlanRow(db, planId);
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
  const units = await db.selectFrom('unit').selectAll().orderBy('name').execute();
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
