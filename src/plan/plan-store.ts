import { advisoryXactLock } from '../db/index.js';
import crypto from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../db/index.js';
import { recordAudit } from '../audit/index.js';
import { canonicalJson } from '../shared/index.js';
import type { ParsedMeasure, ParsedPlan } from './core/types.js';
import { ensureUnits } from '../units/index.js';

export interface ImportPlanParams {
  plan: ParsedPlan;
  sourceName: string;
  sourceKind: 'txt' | 'docx' | 'xlsx';
  actor: string;
}

/** A background run's hooks (src/plan/import-job.ts): measures written of all, and a cancel check between measures. */
export interface ImportPlanProgress {
  progress?: (done: number, total: number) => void;
  /** Throws to stop (rolls the whole import back). */
  checkCancelled?: () => void;
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
export async function importPlan(db: Kysely<Database>, p: ImportPlanParams, hooks: ImportPlanProgress = {}): Promise<ImportPlanResult> {
  const hash = planContentHash(p.plan);
  return db.transaction().execute(async (trx) => {
    hooks.checkCancelled?.();
    await advisoryXactLock(trx, 'planImport');
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
    const unitIds = await ensureUnits(trx, unitNames(p.plan));
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
    await writeStructure(trx, planId, p.plan, unitIds, hooks);
    hooks.checkCancelled?.();
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

/** The names of every unit the plan names (subsections and measures). */
function unitNames(plan: ParsedPlan): Set<string> {
  const names = new Set<string>();
  for (const s of plan.sections)
    for (const ss of s.subsections) {
      for (const u of [...ss.leadUnits, ...ss.responsibleUnits]) names.add(u);
      for (const m of ss.measures) for (const u of [...m.leadUnits, ...m.responsibleUnits]) names.add(u);
    }
  return names;
}

async function writeStructure(trx: Transaction<Database>, planId: number, plan: ParsedPlan, unitIds: Map<string, number>, hooks: ImportPlanProgress) {
  const total = countPlan(plan).measures;
  const keptMeasures: number[] = [];
  hooks.progress?.(0, total);
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
        hooks.progress?.(keptMeasures.length, total);
        hooks.checkCancelled?.();
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
