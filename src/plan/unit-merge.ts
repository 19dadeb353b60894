/**
 * The units a plan named that no directory knew (issue 13): an import adds each as a new unit (kind `unknown`,
 * not confirmed); the office then confirms it as a unit of its own (choosing its kind) or merges it into an
 * existing unit. A merge records the name as an alias of that unit in the directory (later imports map the
 * name to it), moves every reference to it — the plan's measure units here, accounts through auth's
 * `moveUnitAccounts`, the ledger's and the indicators' through the `onUnitMerge` listeners they register (the
 * plan imports neither) — removes the merged unit and records the audit entry, all in one transaction.
 */
import type { Kysely, Transaction } from 'kysely';
import { recordAudit } from '../audit/index.js';
import { moveUnitAccounts } from '../auth/index.js';
import { advisoryXactLock, type Database } from '../db/index.js';
import { ConflictError, InputRejectedError, NotFoundError } from '../shared/index.js';
import {
  CONFIRMED_UNIT_KINDS,
  UNIT_KIND_LABELS,
  confirmUnitRow,
  findUnitById,
  isUnitConfirmed,
  listUnconfirmedUnits,
  mergeUnitRow,
  type UnitKind,
} from '../units/index.js';
import { getPlan } from './plan-read.js';

/** Moves a capability's references of unit `fromId` to `intoId` inside the merge's transaction; returns counts for the audit entry. */
export type UnitMergeListener = (trx: Transaction<Database>, p: { fromId: number; intoId: number }) => Promise<Record<string, number> | undefined>;
const listeners: UnitMergeListener[] = [];

/**
 * Registers a capability's reference move for unit merges (the ledger and the indicators register theirs when
 * their module loads). It runs inside the merge's transaction: a failure undoes the whole merge.
 *
 * @example
 *   onUnitMerge((trx, p) => moveLedgerUnitReferences(trx, p.fromId, p.intoId));
 */
export function onUnitMerge(fn: UnitMergeListener): void {
  if (!listeners.includes(fn)) listeners.push(fn);
}

type Actor = { account: string };

/**
 * Merges the unconfirmed unit `fromId` into the existing, confirmed unit `intoId` (see the module comment).
 * Refused when `fromId` is not waiting for confirmation (ConflictError) or `intoId` is the same unit or not
 * confirmed (InputRejectedError).
 *
 * @example
 *   const r = await mergeUnit(db, user, 71, 12); // { intoUnitId: 12, name: '区大数据局', aliases: ['区数据管理局'], moved: {...} }
 */
export async function mergeUnit(
  db: Kysely<Database>,
  user: Actor,
  fromId: number,
  intoId: number,
): Promise<{ intoUnitId: number; name: string; aliases: string[]; moved: Record<string, number> }> {
  return db.transaction().execute(async (trx) => {
    // One writer of the directory at a time: an import running beside the merge could re-create the name.
    await advisoryXactLock(trx, 'planImport');
    const from = await findUnitById(trx, fromId);
    if (!from) throw new NotFoundError(`单位 ${fromId}`);
    if ((await isUnitConfirmed(trx, fromId)) !== false) throw new ConflictError(`单位“${from.name}”已确认，不能再合并`);
    if (intoId === fromId) throw new InputRejectedError('合并到的单位：不能合并到单位自身', [{ field: '合并到的单位', message: '不能合并到单位自身' }]);
    const into = await findUnitById(trx, intoId);
    if (!into) throw new InputRejectedError('合并到的单位：单位不存在', [{ field: '合并到的单位', message: '单位不存在' }]);
    if (!(await isUnitConfirmed(trx, intoId)))
      throw new InputRejectedError(`合并到的单位：“${into.name}”本身待确认，请先确认它`, [{ field: '合并到的单位', message: '该单位待确认' }]);
    const moved: Record<string, number> = { measureUnits: await moveMeasureUnits(trx, fromId, intoId), accounts: await moveUnitAccounts(trx, fromId, intoId) };
    for (const fn of listeners) Object.assign(moved, await fn(trx, { fromId, intoId }));
    const aliases = await mergeUnitRow(trx, fromId, intoId);
    await recordAudit(trx, {
      actor: user.account,
      action: 'unit.merge',
      entity: 'unit',
      entityId: fromId,
      before: { name: from.name, kind: from.kind, aliases: from.aliases },
      after: { mergedInto: { id: intoId, name: into.name }, aliasesAdded: aliases, moved },
    });
    return { intoUnitId: intoId, name: into.name, aliases: [...into.aliases, ...aliases], moved };
  });
}

/** The plan's own references: measure units (a measure naming both keeps one link per role, at the first position). */
async function moveMeasureUnits(trx: Transaction<Database>, fromId: number, intoId: number): Promise<number> {
  const links = await trx.selectFrom('measure_unit').selectAll().where('unit_id', '=', fromId).execute();
  if (links.length === 0) return 0;
  await trx.deleteFrom('measure_unit').where('unit_id', '=', fromId).execute();
  await trx
    .insertInto('measure_unit')
    .values(links.map((l) => ({ ...l, unit_id: intoId })))
    .onConflict((oc) => oc.doNothing())
    .execute();
  return links.length;
}

/**
 * The office confirms an unconfirmed unit as a unit of its own, of this kind (audited `unit.confirm`).
 *
 * @example
 *   await confirmUnit(db, user, 71, 'department');
 */
export async function confirmUnit(
  db: Kysely<Database>,
  user: Actor,
  id: number,
  kind: Exclude<UnitKind, 'unknown'>,
): Promise<{ id: number; name: string; kind: string; kindLabel: string }> {
  return db.transaction().execute(async (trx) => {
    await advisoryXactLock(trx, 'planImport');
    const unit = await findUnitById(trx, id);
    if (!unit) throw new NotFoundError(`单位 ${id}`);
    if ((await isUnitConfirmed(trx, id)) !== false) throw new ConflictError(`单位“${unit.name}”已确认`);
    await confirmUnitRow(trx, id, kind);
    await recordAudit(trx, {
      actor: user.account,
      action: 'unit.confirm',
      entity: 'unit',
      entityId: id,
      before: { name: unit.name, kind: unit.kind },
      after: { kind },
    });
    return { id, name: unit.name, kind, kindLabel: UNIT_KIND_LABELS[kind] };
  });
}

export interface UnitToConfirm {
  id: number;
  name: string;
  measures: Array<{ number: number; title: string; role: 'lead' | 'responsible' }>;
}

/**
 * The units of a plan's measures that wait for the office (confirm or merge), with the measures naming them,
 * the confirmed units one may merge into and the kinds one may choose.
 *
 * @example
 *   const { units } = await planUnitsToConfirm(db, planId); // [{ id: 71, name: '区数据管理局', measures: [{ number: 2, … }] }]
 */
export async function planUnitsToConfirm(
  db: Kysely<Database>,
  planId: number,
): Promise<{ units: UnitToConfirm[]; candidates: Array<{ id: number; name: string }>; kinds: Array<{ value: Exclude<UnitKind, 'unknown'>; label: string }> }> {
  await getPlan(db, planId);
  const links = await db
    .selectFrom('measure_unit')
    .innerJoin('measure', 'measure.id', 'measure_unit.measure_id')
    .select(['measure_unit.unit_id', 'measure_unit.role', 'measure.number', 'measure.title'])
    .where('measure.plan_id', '=', planId)
    .orderBy('measure.number')
    .execute();
  const pending = await listUnconfirmedUnits(db, [...new Set(links.map((l) => l.unit_id))]);
  const units = pending.map((u) => ({
    id: u.id,
    name: u.name,
    measures: links.filter((l) => l.unit_id === u.id).map((l) => ({ number: l.number, title: l.title, role: l.role })),
  }));
  const candidates = await db.selectFrom('unit').select(['id', 'name']).where('confirmed', '=', true).orderBy('name').execute();
  return { units, candidates, kinds: CONFIRMED_UNIT_KINDS.map((k) => ({ value: k, label: UNIT_KIND_LABELS[k] })) };
}
