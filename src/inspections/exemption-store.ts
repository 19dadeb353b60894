import type { Kysely } from 'kysely';
import { recordAudit } from '../audit/index.js';
import type { Database } from '../db/index.js';
import { InputRejectedError, NotFoundError } from '../shared/index.js';
import { ensureUnits, findUnitsByIds } from '../units/index.js';
import { DEMO_EXEMPTIONS, checkExemption, type ExemptionInput, type ExemptionKind } from './core/exemption.js';

/**
 * 免罚清单 (行政处罚法 第三十三条): the catalogue of minor violations exempt from penalties, per department,
 * edited by the office (every change audited). Entries are deactivated, never deleted, so results that cite one
 * keep their reference.
 */

export interface Exemption extends ExemptionInput {
  id: number;
  unitName: string | null;
  active: boolean;
  isDemo: boolean;
  updatedAt: Date;
}

/** Entries ordered by department and id; `includeInactive` for the office's editing view. */
export async function listExemptions(db: Kysely<Database>, o: { includeInactive?: boolean; unitId?: number } = {}): Promise<Exemption[]> {
  let q = db.selectFrom('insp_exemption').selectAll();
  if (!o.includeInactive) q = q.where('active', '=', true);
  if (o.unitId !== undefined) q = q.where('unit_id', '=', o.unitId);
  const rows = await q.orderBy('id').execute();
  const units = new Map((await findUnitsByIds(db, [...new Set(rows.flatMap((r) => (r.unit_id === null ? [] : [r.unit_id])))])).map((u) => [u.id, u.name]));
  return rows
    .map((r) => ({
      id: r.id,
      unitId: r.unit_id,
      unitName: r.unit_id === null ? null : (units.get(r.unit_id) ?? null),
      item: r.item,
      kind: r.kind as ExemptionKind,
      conditions: r.conditions,
      violatedBasis: r.violated_basis,
      exemptionBasis: r.exemption_basis,
      active: r.active,
      isDemo: r.is_demo,
      updatedAt: r.updated_at,
    }))
    .sort((a, b) => (a.unitName ?? '').localeCompare(b.unitName ?? '', 'zh-CN') || a.id - b.id);
}

async function checked(db: Kysely<Database>, e: ExemptionInput) {
  const clean = {
    ...e,
    item: e.item.trim(),
    conditions: e.conditions.trim(),
    violatedBasis: e.violatedBasis.trim(),
    exemptionBasis: e.exemptionBasis.trim(),
  };
  const problems = checkExemption(clean);
  if (clean.unitId !== null && !(await findUnitsByIds(db, [clean.unitId])).length) problems.push({ field: '实施部门', message: '单位不存在' });
  if (problems.length) throw new InputRejectedError(`免罚清单条目有 ${problems.length} 处问题，未保存`, problems);
  return {
    unit_id: clean.unitId,
    item: clean.item,
    kind: clean.kind,
    conditions: clean.conditions,
    violated_basis: clean.violatedBasis,
    exemption_basis: clean.exemptionBasis,
  };
}

export async function createExemption(db: Kysely<Database>, actor: string, e: ExemptionInput, o: { isDemo?: boolean } = {}): Promise<{ id: number }> {
  const values = await checked(db, e);
  return db.transaction().execute(async (trx) => {
    const { id } = await trx
      .insertInto('insp_exemption')
      .values({ ...values, is_demo: o.isDemo ?? false, updated_by: actor })
      .returning('id')
      .executeTakeFirstOrThrow();
    await recordAudit(trx, { actor, action: 'inspections.exemption-create', entity: 'insp_exemption', entityId: id, after: values });
    return { id };
  });
}

/** Changes an entry (and its active flag). */
export async function updateExemption(db: Kysely<Database>, actor: string, id: number, e: ExemptionInput & { active: boolean }): Promise<{ id: number }> {
  const values = { ...(await checked(db, e)), active: e.active };
  return db.transaction().execute(async (trx) => {
    const before = await trx.selectFrom('insp_exemption').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
    if (!before) throw new NotFoundError('免罚清单条目');
    await trx
      .updateTable('insp_exemption')
      .set({ ...values, updated_by: actor, updated_at: new Date() })
      .where('id', '=', id)
      .execute();
    const { updated_at: _t, updated_by: _b, ...was } = before;
    await recordAudit(trx, { actor, action: 'inspections.exemption-update', entity: 'insp_exemption', entityId: id, before: was, after: values });
    return { id };
  });
}

/** Demo entries (labelled demo), once: nothing is added when demo entries exist. */
export async function seedExemptionDemo(db: Kysely<Database>, actor: string): Promise<number> {
  const has = await db.selectFrom('insp_exemption').select('id').where('is_demo', '=', true).limit(1).executeTakeFirst();
  if (has) return 0;
  const units = await db.transaction().execute((trx) =>
    ensureUnits(
      trx,
      DEMO_EXEMPTIONS.map((d) => d.unit),
    ),
  );
  for (const { unit, ...d } of DEMO_EXEMPTIONS) await createExemption(db, actor, { ...d, unitId: units.get(unit) ?? null }, { isDemo: true });
  return DEMO_EXEMPTIONS.length;
}
