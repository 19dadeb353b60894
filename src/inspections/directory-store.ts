/**
 * The two directories (两库) and the item list of 国发〔2019〕5号: inspected objects (the registry's enterprises,
 * read through src/enterprises, plus objects the office adds), inspectors with their declared relations (回避), and
 * the departments' 抽查事项清单. Every change is one transaction with its audit entry.
 */
import type { Kysely } from 'kysely';
import { recordAudit } from '../audit/index.js';
import type { SessionUser } from '../auth/index.js';
import { chinaToday } from '../calendar/index.js';
import type { Database } from '../db/index.js';
import { enterpriseNames, getEnterprises, listEnterprises } from '../enterprises/index.js';
import { creditClassesOn, listCreditClasses } from './credit-store.js';
import { readTable } from '../files/index.js';
import { ConflictError, ForbiddenError, InputRejectedError, NotFoundError, type InputProblem } from '../shared/index.js';
import { canonicalUnit, findUnitsByIds, findUnitsByName } from '../units/index.js';
import {
  certNoProblem,
  INSPECTION_METHODS,
  inspectorProblems,
  OBJECT_KINDS,
  parseFields,
  parseYesNo,
  type InspectionMethod,
  type ObjectKind,
} from './core/index.js';

type Db = Kysely<Database>;

/** Office and admin act for every department; unit staff for their own units only. */
export function assertKeeps(user: SessionUser, unitId: number): void {
  if (user.role === 'office' || user.role === 'admin') return;
  if (user.role === 'unit_staff' && user.unitIds.includes(unitId)) return;
  throw new ForbiddenError('只能维护本单位的检查人员和抽查事项');
}
/** The units whose rows the user sees (null: all). */
const visibleUnits = (user: SessionUser): number[] | null => (user.role === 'unit_staff' ? user.unitIds : null);

// ---- objects ----

export const enterpriseKey = (id: number) => `E${id}`;
export const otherKey = (id: number) => `O${id}`;

export interface ObjectInput {
  kind: ObjectKind;
  name: string;
  code?: string | null;
  street?: string | null;
  address?: string | null;
  active?: boolean;
}

function objectProblems(p: ObjectInput): InputProblem[] {
  const out: InputProblem[] = [];
  if (!OBJECT_KINDS.includes(p.kind)) out.push({ field: 'kind', message: '请选择对象类型' });
  if (!p.name.trim()) out.push({ field: 'name', message: '请填写对象名称' });
  if (p.code && !/^[0-9A-Z]{6,30}$/.test(p.code.trim().toUpperCase())) out.push({ field: 'code', message: '代码应为 6 至 30 位数字或大写字母' });
  return out;
}

const objectValues = (p: ObjectInput) => ({
  kind: p.kind,
  name: p.name.trim(),
  code: p.code?.trim() ? p.code.trim().toUpperCase() : null,
  street: p.street?.trim() || null,
  address: p.address?.trim() || null,
  active: p.active ?? true,
});

async function codeTaken(db: Db, code: string | null, exceptId?: number) {
  if (!code) return;
  let q = db.selectFrom('inspection_object').select('id').where('code', '=', code);
  if (exceptId) q = q.where('id', '<>', exceptId);
  if (await q.executeTakeFirst()) throw new ConflictError(`代码 ${code} 已有其他检查对象使用`);
}

export async function createObject(db: Db, actor: string, p: ObjectInput, isDemo = false) {
  const problems = objectProblems(p);
  if (problems.length) throw new InputRejectedError('检查对象信息有误', problems);
  const v = objectValues(p);
  await codeTaken(db, v.code);
  return db.transaction().execute(async (trx) => {
    const row = await trx
      .insertInto('inspection_object')
      .values({ ...v, created_by: actor, is_demo: isDemo })
      .returning('id')
      .executeTakeFirstOrThrow();
    await recordAudit(trx, { actor, action: 'inspections.object.create', entity: 'inspection_object', entityId: row.id, after: v });
    return { id: row.id, key: otherKey(row.id) };
  });
}

export async function updateObject(db: Db, actor: string, id: number, p: ObjectInput) {
  const problems = objectProblems(p);
  if (problems.length) throw new InputRejectedError('检查对象信息有误', problems);
  const v = objectValues(p);
  await codeTaken(db, v.code, id);
  return db.transaction().execute(async (trx) => {
    const before = await trx.selectFrom('inspection_object').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
    if (!before) throw new NotFoundError('检查对象（不存在或已删除）');
    await trx
      .updateTable('inspection_object')
      .set({ ...v, updated_at: new Date() })
      .where('id', '=', id)
      .execute();
    await recordAudit(trx, {
      actor,
      action: 'inspections.object.update',
      entity: 'inspection_object',
      entityId: id,
      before: { kind: before.kind, name: before.name, code: before.code, street: before.street, address: before.address, active: before.active },
      after: v,
    });
    return { ok: true as const };
  });
}

/**
 * One page of the 检查对象名录库: the registry's enterprises (through src/enterprises' list, as the registry
 * keeps them current) or the other objects.
 */
export async function listObjects(db: Db, o: { source: 'enterprise' | 'other'; q?: string; page?: number; pageSize?: number }) {
  const page = o.page ?? 1;
  const pageSize = o.pageSize ?? 50;
  if (o.source === 'enterprise') {
    const r = await listEnterprises(db, { q: o.q, limit: pageSize, offset: (page - 1) * pageSize });
    // Credit class in force today (信用分级分类: the firm's latest record, else the office's default class) and the
    // registry's qualification tags (the plan scope's special flags), read live so the directory stays current.
    const ids = r.items.map((e) => e.id);
    const [inForce, classes, records] = await Promise.all([creditClassesOn(db, chinaToday(), ids), listCreditClasses(db), getEnterprises(db, ids)]);
    const className = new Map(classes.map((c) => [c.code, c.name]));
    const fallback = classes.find((c) => c.isDefault)?.code;
    const flags = new Map(records.map((e) => [e.id, [...new Set(e.qualifications.map((q) => q.tag))]]));
    return {
      total: r.total,
      page,
      pageSize,
      items: r.items.map((e) => ({
        id: e.id,
        key: enterpriseKey(e.id),
        kind: '企业',
        name: e.name,
        code: e.creditCode,
        street: e.street,
        detail: [e.industryLabel, e.sizeClass].filter(Boolean).join(' · ') || null,
        creditClass: className.get(inForce.get(e.id) ?? fallback ?? '') ?? null,
        flags: flags.get(e.id) ?? [],
        active: true,
        isDemo: e.isDemo,
      })),
    };
  }
  let q = db.selectFrom('inspection_object');
  const text = o.q?.trim();
  if (text) q = q.where((eb) => eb.or([eb('name', 'like', `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`), eb('code', '=', text.toUpperCase())]));
  const total = Number((await q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
  const rows = await q
    .selectAll()
    .orderBy('id')
    .limit(pageSize)
    .offset((page - 1) * pageSize)
    .execute();
  return {
    total,
    page,
    pageSize,
    items: rows.map((r) => ({
      id: r.id,
      key: otherKey(r.id),
      kind: r.kind,
      name: r.name,
      code: r.code,
      street: r.street,
      detail: r.address,
      creditClass: null,
      flags: [],
      active: r.active,
      isDemo: r.is_demo,
    })),
  };
}

/** Names of objects by key (E… through the registry, O… from this capability's table). */
export async function objectNames(db: Db, keys: readonly string[]): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  const ents = keys.filter((k) => k.startsWith('E')).map((k) => Number(k.slice(1)));
  const others = keys.filter((k) => k.startsWith('O')).map((k) => Number(k.slice(1)));
  for (const [id, e] of await enterpriseNames(db, ents)) out.set(enterpriseKey(id), e.name);
  if (others.length)
    for (const r of await db.selectFrom('inspection_object').select(['id', 'name']).where('id', 'in', others).execute()) out.set(otherKey(r.id), r.name);
  return out;
}

// ---- inspectors ----

export interface RelationInput {
  objectKey: string;
  relation: string;
}
export interface InspectorBody {
  unitId: number;
  name: string;
  certNo: string;
  fields: string[];
  active: boolean;
  relations: RelationInput[];
}

async function inspectorChecks(db: Db, p: InspectorBody, exceptId?: number): Promise<InputProblem[]> {
  const out: InputProblem[] = inspectorProblems(p).map((x) => ({ ...x }));
  if (!(await findUnitsByIds(db, [p.unitId])).length) out.push({ field: 'unitId', message: '单位不存在' });
  let q = db.selectFrom('inspection_inspector').select('id').where('cert_no', '=', p.certNo.trim());
  if (exceptId) q = q.where('id', '<>', exceptId);
  if (!certNoProblem(p.certNo) && (await q.executeTakeFirst())) out.push({ field: '执法证号', message: `执法证号 ${p.certNo.trim()} 已登记` });
  const keys = p.relations.map((r) => r.objectKey);
  const names = await objectNames(db, keys);
  p.relations.forEach((r, i) => {
    if (!names.has(r.objectKey)) out.push({ row: i + 1, field: '回避对象', message: '检查对象不存在' });
    if (!r.relation.trim()) out.push({ row: i + 1, field: '关系', message: '请说明与对象的关系' });
  });
  if (new Set(keys).size !== keys.length) out.push({ field: '回避对象', message: '同一对象只需登记一次' });
  return out;
}

async function writeRelations(trx: Db, inspectorId: number, relations: RelationInput[], today: string) {
  const before = await trx
    .selectFrom('inspection_relation')
    .select(['object_key', 'relation', 'declared_on'])
    .where('inspector_id', '=', inspectorId)
    .execute();
  const kept = new Map(before.map((r) => [r.object_key, r]));
  await trx.deleteFrom('inspection_relation').where('inspector_id', '=', inspectorId).execute();
  if (relations.length)
    await trx
      .insertInto('inspection_relation')
      .values(
        relations.map((r) => ({
          inspector_id: inspectorId,
          object_key: r.objectKey,
          relation: r.relation.trim(),
          // A relation declared earlier keeps its date.
          declared_on: kept.get(r.objectKey)?.declared_on ?? today,
        })),
      )
      .execute();
  return before;
}

export async function createInspector(db: Db, user: SessionUser, p: InspectorBody, isDemo = false) {
  assertKeeps(user, p.unitId);
  const problems = await inspectorChecks(db, p);
  if (problems.length) throw new InputRejectedError('检查人员信息有误', problems);
  return db.transaction().execute(async (trx) => {
    const row = await trx
      .insertInto('inspection_inspector')
      .values({ unit_id: p.unitId, name: p.name.trim(), cert_no: p.certNo.trim(), fields: p.fields, active: p.active, is_demo: isDemo })
      .returning('id')
      .executeTakeFirstOrThrow();
    await writeRelations(trx, row.id, p.relations, chinaToday());
    await recordAudit(trx, { actor: user.account, action: 'inspections.inspector.create', entity: 'inspection_inspector', entityId: row.id, after: p });
    return { id: row.id };
  });
}

export async function updateInspector(db: Db, user: SessionUser, id: number, p: InspectorBody) {
  const current = await db.selectFrom('inspection_inspector').selectAll().where('id', '=', id).executeTakeFirst();
  if (!current) throw new NotFoundError('检查人员（不存在或已删除）');
  assertKeeps(user, current.unit_id);
  assertKeeps(user, p.unitId);
  const problems = await inspectorChecks(db, p, id);
  if (problems.length) throw new InputRejectedError('检查人员信息有误', problems);
  return db.transaction().execute(async (trx) => {
    await trx
      .updateTable('inspection_inspector')
      .set({ unit_id: p.unitId, name: p.name.trim(), cert_no: p.certNo.trim(), fields: p.fields, active: p.active, updated_at: new Date() })
      .where('id', '=', id)
      .execute();
    const relations = await writeRelations(trx, id, p.relations, chinaToday());
    await recordAudit(trx, {
      actor: user.account,
      action: 'inspections.inspector.update',
      entity: 'inspection_inspector',
      entityId: id,
      before: { unitId: current.unit_id, name: current.name, certNo: current.cert_no, fields: current.fields, active: current.active, relations },
      after: p,
    });
    return { ok: true as const };
  });
}

export async function listInspectors(db: Db, user: SessionUser, o: { unitId?: number; q?: string; active?: boolean; page?: number; pageSize?: number }) {
  const page = o.page ?? 1;
  const pageSize = o.pageSize ?? 50;
  let q = db.selectFrom('inspection_inspector as i').innerJoin('unit as u', 'u.id', 'i.unit_id');
  const units = visibleUnits(user);
  if (units) q = q.where('i.unit_id', 'in', units.length ? units : [-1]);
  if (o.unitId) q = q.where('i.unit_id', '=', o.unitId);
  if (o.active !== undefined) q = q.where('i.active', '=', o.active);
  const text = o.q?.trim();
  if (text) q = q.where((eb) => eb.or([eb('i.name', 'like', `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`), eb('i.cert_no', '=', text)]));
  const total = Number((await q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
  const rows = await q
    .select(['i.id', 'i.unit_id', 'u.name as unit_name', 'i.name', 'i.cert_no', 'i.fields', 'i.active', 'i.is_demo'])
    .orderBy('u.name')
    .orderBy('i.id')
    .limit(pageSize)
    .offset((page - 1) * pageSize)
    .execute();
  const ids = rows.map((r) => r.id);
  const rels = ids.length
    ? await db
        .selectFrom('inspection_relation')
        .select(['inspector_id', 'object_key', 'relation', 'declared_on'])
        .where('inspector_id', 'in', ids)
        .orderBy('id')
        .execute()
    : [];
  const names = await objectNames(
    db,
    rels.map((r) => r.object_key),
  );
  return {
    total,
    page,
    pageSize,
    items: rows.map((r) => ({
      id: r.id,
      unitId: r.unit_id,
      unitName: r.unit_name,
      name: r.name,
      certNo: r.cert_no,
      fields: r.fields,
      active: r.active,
      isDemo: r.is_demo,
      relations: rels
        .filter((x) => x.inspector_id === r.id)
        .map((x) => ({ objectKey: x.object_key, objectName: names.get(x.object_key) ?? '（对象已不存在）', relation: x.relation, declaredOn: x.declared_on })),
    })),
  };
}

/** Import columns of the 执法检查人员名录 (first header row). */
export const INSPECTOR_COLUMNS = [
  { key: 'unit', header: '所属单位', aliases: ['单位', '执法部门', '部门'] },
  { key: 'name', header: '姓名', aliases: ['检查人员', '执法人员'] },
  { key: 'certNo', header: '执法证号', aliases: ['执法证件号', '证号'] },
  { key: 'fields', header: '业务专长', aliases: ['执法领域', '专长', '领域'] },
  { key: 'active', header: '是否在岗', aliases: ['在岗', '状态'] },
] as const;
const MAX_IMPORT_ROWS = 5000;
const norm = (h: string) => h.replace(/\s+/g, '').replace(/[（(].*?[）)]/g, '');

/**
 * Imports inspectors from CSV/XLSX, all or nothing: every problem names its row and column and nothing is written
 * when there is one. A known 执法证号 updates that inspector (unit, name, fields, in post); relations are kept.
 */
export async function importInspectors(db: Db, actor: string, fileName: string, buffer: Buffer) {
  const [head, ...body] = await readTable(fileName, buffer, { maxRows: MAX_IMPORT_ROWS + 1 });
  const headerRow = head?.row ?? 1;
  const header = (head?.cells ?? []).map(norm);
  const problems: InputProblem[] = [];
  const col = new Map<string, number>();
  for (const c of INSPECTOR_COLUMNS) {
    const i = header.findIndex((h) => h === norm(c.header) || (c.aliases as readonly string[]).map(norm).includes(h));
    if (i >= 0) col.set(c.key, i);
    else if (c.key !== 'fields' && c.key !== 'active') problems.push({ file: fileName, row: headerRow, field: c.header, message: '缺少此列' });
  }
  if (problems.length) throw new InputRejectedError(`${fileName}：表头缺少必需的列`, problems);
  const cell = (cells: string[], key: string) => {
    const i = col.get(key);
    return i === undefined ? '' : (cells[i] ?? '').trim();
  };
  const unitNames = [...new Set(body.map((r) => cell(r.cells, 'unit')).filter(Boolean))];
  const units = new Map((await findUnitsByName(db, [...new Set(unitNames.flatMap((n) => [n, canonicalUnit(n) ?? n]))])).map((u) => [u.name, u.id]));
  const rows: Array<{ unitId: number; name: string; certNo: string; fields: string[]; active: boolean }> = [];
  const seen = new Map<string, number>();
  for (const { cells, row } of body) {
    const unitName = cell(cells, 'unit');
    const unitId = units.get(unitName) ?? units.get(canonicalUnit(unitName) ?? '');
    const fields = parseFields(cell(cells, 'fields'));
    const active = parseYesNo(cell(cells, 'active'));
    const p = { name: cell(cells, 'name'), certNo: cell(cells, 'certNo'), fields, active: active ?? true };
    if (!unitName) problems.push({ file: fileName, row, field: '所属单位', message: '请填写所属单位' });
    else if (!unitId) problems.push({ file: fileName, row, field: '所属单位', message: `单位名录中没有“${unitName}”` });
    if (active === null) problems.push({ file: fileName, row, field: '是否在岗', message: '应填“是”或“否”' });
    for (const x of inspectorProblems(p)) problems.push({ file: fileName, row, ...x });
    const prev = seen.get(p.certNo);
    if (p.certNo && prev) problems.push({ file: fileName, row, field: '执法证号', message: `与第${prev}行重复` });
    seen.set(p.certNo, row);
    if (unitId) rows.push({ unitId, ...p });
  }
  if (!body.length) problems.push({ file: fileName, message: '文件中没有检查人员' });
  if (problems.length) throw new InputRejectedError(`${fileName}：${problems.length} 处问题，未导入任何数据`, problems);
  return db.transaction().execute(async (trx) => {
    const existing = new Map(
      (
        await trx
          .selectFrom('inspection_inspector')
          .select(['id', 'cert_no'])
          .where(
            'cert_no',
            'in',
            rows.map((r) => r.certNo),
          )
          .execute()
      ).map((r) => [r.cert_no, r.id]),
    );
    let created = 0;
    let updated = 0;
    for (const r of rows) {
      const id = existing.get(r.certNo);
      const values = { unit_id: r.unitId, name: r.name, cert_no: r.certNo, fields: r.fields, active: r.active };
      if (id) {
        await trx
          .updateTable('inspection_inspector')
          .set({ ...values, updated_at: new Date() })
          .where('id', '=', id)
          .execute();
        updated++;
      } else {
        await trx.insertInto('inspection_inspector').values(values).execute();
        created++;
      }
    }
    await recordAudit(trx, { actor, action: 'inspections.inspector.import', entity: 'inspection_inspector', after: { fileName, created, updated } });
    return { created, updated };
  });
}

// ---- 抽查事项清单 ----

export interface ItemBody {
  unitId: number;
  name: string;
  legalBasis: string;
  objectScope: string;
  method: InspectionMethod;
  active: boolean;
}

function itemProblems(p: ItemBody): InputProblem[] {
  const out: InputProblem[] = [];
  if (!p.name.trim()) out.push({ field: 'name', message: '请填写抽查事项' });
  if (!p.legalBasis.trim()) out.push({ field: 'legalBasis', message: '请填写检查依据（法律法规条款）' });
  if (!p.objectScope.trim()) out.push({ field: 'objectScope', message: '请填写检查对象范围' });
  if (!INSPECTION_METHODS.includes(p.method)) out.push({ field: 'method', message: '请选择检查方式' });
  return out;
}

export async function createItem(db: Db, user: SessionUser, p: ItemBody, isDemo = false) {
  assertKeeps(user, p.unitId);
  const problems = itemProblems(p);
  if (!(await findUnitsByIds(db, [p.unitId])).length) problems.push({ field: 'unitId', message: '单位不存在' });
  if (problems.length) throw new InputRejectedError('抽查事项有误', problems);
  return db.transaction().execute(async (trx) => {
    if (await trx.selectFrom('inspection_item').select('id').where('unit_id', '=', p.unitId).where('name', '=', p.name.trim()).executeTakeFirst())
      throw new ConflictError(`本单位已有抽查事项“${p.name.trim()}”`);
    const row = await trx
      .insertInto('inspection_item')
      .values({
        unit_id: p.unitId,
        name: p.name.trim(),
        legal_basis: p.legalBasis.trim(),
        object_scope: p.objectScope.trim(),
        method: p.method,
        active: p.active,
        is_demo: isDemo,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await recordAudit(trx, { actor: user.account, action: 'inspections.item.create', entity: 'inspection_item', entityId: row.id, after: p });
    return { id: row.id };
  });
}

export async function updateItem(db: Db, user: SessionUser, id: number, p: ItemBody) {
  const current = await db.selectFrom('inspection_item').selectAll().where('id', '=', id).executeTakeFirst();
  if (!current) throw new NotFoundError('抽查事项（不存在或已删除）');
  assertKeeps(user, current.unit_id);
  assertKeeps(user, p.unitId);
  const problems = itemProblems(p);
  if (problems.length) throw new InputRejectedError('抽查事项有误', problems);
  return db.transaction().execute(async (trx) => {
    await trx
      .updateTable('inspection_item')
      .set({
        unit_id: p.unitId,
        name: p.name.trim(),
        legal_basis: p.legalBasis.trim(),
        object_scope: p.objectScope.trim(),
        method: p.method,
        active: p.active,
        updated_at: new Date(),
      })
      .where('id', '=', id)
      .execute();
    await recordAudit(trx, {
      actor: user.account,
      action: 'inspections.item.update',
      entity: 'inspection_item',
      entityId: id,
      before: {
        unitId: current.unit_id,
        name: current.name,
        legalBasis: current.legal_basis,
        objectScope: current.object_scope,
        method: current.method,
        active: current.active,
      },
      after: p,
    });
    return { ok: true as const };
  });
}

/** The 抽查事项清单, all departments (public information) or one. */
export async function listItems(db: Db, o: { unitId?: number } = {}) {
  let q = db.selectFrom('inspection_item as t').innerJoin('unit as u', 'u.id', 't.unit_id');
  if (o.unitId) q = q.where('t.unit_id', '=', o.unitId);
  const rows = await q
    .select(['t.id', 't.unit_id', 'u.name as unit_name', 't.name', 't.legal_basis', 't.object_scope', 't.method', 't.active', 't.is_demo'])
    .orderBy('u.name')
    .orderBy('t.id')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    unitId: r.unit_id,
    unitName: r.unit_name,
    name: r.name,
    legalBasis: r.legal_basis,
    objectScope: r.object_scope,
    method: r.method as InspectionMethod,
    active: r.active,
    isDemo: r.is_demo,
  }));
}
