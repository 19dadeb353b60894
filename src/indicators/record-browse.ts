import { monitoringYear } from './year.js';
import { markStale } from './stale.js';
import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/index.js';
import { recordAudit } from '../audit/index.js';
import { actorNamer, actorNames } from '../auth/index.js';
import { ConflictError, ForbiddenError, InputRejectedError, NotFoundError, type InputProblem } from '../shared/index.js';
import {
  DATE_COLUMNS,
  RECORD_SPECS,
  UNIT_LABEL,
  enumLabel,
  isRecordType,
  validateRows,
  type FieldSpec,
  type RecordColumn,
  type RecordType,
  type RecordValue,
} from './core/index.js';
import { recompute, type RecomputeSummary } from './recompute.js';
import { unitResolver } from './record-store.js';

/**
 * Browsing, editing and deleting single case records. Values travel in the form the import accepts
 * (enum fields as their Chinese text, dates as YYYY-MM-DD, 是/否 fields as booleans), so a record read
 * here can be sent back unchanged; an edit is checked by the same `validateRows` as a file row.
 */

export interface CaseRecordView {
  id: number;
  type: RecordType;
  externalId: string;
  unitId: number | null;
  unitName: string | null;
  /** Field key → value (enum: Chinese text). Every field of the record type is present. */
  values: Record<string, RecordValue>;
  isDemo: boolean;
  source: string;
  updatedBy: string;
  updatedAt: string;
}

export interface RecordPage {
  total: number;
  page: number;
  pageSize: number;
  items: CaseRecordView[];
}

export interface ListRecordsOptions {
  type: string;
  /** Only records of these units (unit staff; [] = none). Undefined: every record. */
  unitIds?: number[];
  /** External id or name containing this text (case-insensitive). */
  q?: string;
  page?: number;
  pageSize?: number;
  /** `external_id`, `unit`, `updated_at` or a field key; `-` in front for descending. Default `external_id`. */
  sort?: string;
}

const MAX_PAGE_SIZE = 200;

function spec(type: string) {
  if (!isRecordType(type)) throw new InputRejectedError(`未知的记录类型“${type}”`, [{ field: 'type', message: `未知的记录类型“${type}”` }]);
  return RECORD_SPECS[type];
}

type Row = Record<string, unknown> & {
  id: number | string;
  external_id: string;
  unit_id: number | null;
  unit_name: string | null;
  is_demo: boolean;
  source: string;
  updated_by: string;
  updated_at: Date | string;
};

function baseQuery(db: Kysely<Database>, type: RecordType) {
  const cols = RECORD_SPECS[type].fields.map((f) => `r.${f.key}` as const);
  return db
    .selectFrom('case_record as r')
    .leftJoin('unit as u', 'u.id', 'r.unit_id')
    .select(['r.id', 'r.external_id', 'r.unit_id', 'u.name as unit_name', 'r.is_demo', 'r.source', 'r.updated_by', 'r.updated_at', ...cols])
    .where('r.type', '=', type);
}

/** A stored value in the form the import accepts (enum code → its Chinese text). */
const shown = (type: RecordType, f: FieldSpec, v: unknown): RecordValue =>
  v === null || v === undefined ? null : f.kind === 'enum' ? enumLabel(type, f.key, String(v)) : f.kind === 'number' ? Number(v) : (v as RecordValue);

function view(type: RecordType, r: Row): CaseRecordView {
  return {
    id: Number(r.id),
    type,
    externalId: r.external_id,
    unitId: r.unit_id,
    unitName: r.unit_name,
    values: Object.fromEntries(RECORD_SPECS[type].fields.map((f) => [f.key, shown(type, f, r[f.key])])),
    isDemo: r.is_demo,
    source: r.source,
    updatedBy: r.updated_by,
    updatedAt: new Date(r.updated_at).toISOString(),
  };
}

const likePattern = (q: string) => `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/** One page of a record type's records, with every field of the type, the unit and who changed it last. */
export async function listRecords(db: Kysely<Database>, o: ListRecordsOptions): Promise<RecordPage> {
  const s = spec(o.type);
  const type = s.type;
  const page = Math.max(1, Math.floor(o.page ?? 1));
  const pageSize = Math.min(MAX_PAGE_SIZE, Math.max(1, Math.floor(o.pageSize ?? 20)));
  const sortKey = (o.sort ?? 'external_id').replace(/^-/, '');
  const desc = (o.sort ?? '').startsWith('-');
  const sortable = ['external_id', 'unit', 'updated_at', ...s.fields.map((f) => f.key)];
  if (!sortable.includes(sortKey)) throw new InputRejectedError(`不能按“${sortKey}”排序`, [{ field: 'sort', message: `可用：${sortable.join('、')}` }]);

  const filtered = <Q extends ReturnType<typeof baseQuery>>(q: Q): Q => {
    let x = q;
    if (o.unitIds) x = x.where('r.unit_id', 'in', o.unitIds.length ? o.unitIds : [-1]) as Q;
    const text = o.q?.trim();
    if (text) {
      const pat = likePattern(text);
      const hasName = s.fields.some((f) => f.key === 'name');
      x = x.where((eb) => eb.or([eb('r.external_id', 'ilike', pat), ...(hasName ? [eb('r.name', 'ilike', pat)] : [])])) as Q;
    }
    return x;
  };

  const countQ = filtered(baseQuery(db, type))
    .clearSelect()
    .select((eb) => eb.fn.countAll<number>().as('n'));
  const total = Number((await countQ.executeTakeFirstOrThrow()).n);
  // Ids in natural order (DEMO-9 before DEMO-10: `natural_sort_key`, migration 2026113016), ties in code
  // point order ("C"): the same on every server whatever its default collation.
  const natural = sql`natural_sort_key(r.external_id) collate "C"`;
  const byId = sql`r.external_id collate "C"`;
  const orderCol = sortKey === 'unit' ? sql.ref('u.name') : sql.ref(`r.${sortKey}`);
  // By id (never null), both keys follow the direction, so that the index (type, natural key) serves both ways;
  // by another column, empty values last and ties by id ascending.
  const dir = sql.raw(desc ? 'desc' : 'asc');
  const ordered =
    sortKey === 'external_id'
      ? filtered(baseQuery(db, type)).orderBy(sql`${natural} ${dir}`).orderBy(sql`${byId} ${dir}`)
      : filtered(baseQuery(db, type)).orderBy(sql`${orderCol} ${dir} nulls last`).orderBy(natural).orderBy(byId);
  const rows = await ordered
    .limit(pageSize)
    .offset((page - 1) * pageSize)
    .execute();
  return {
    total,
    page,
    pageSize,
    items: await withNames(
      db,
      rows.map((r) => view(type, r as unknown as Row)),
    ),
  };
}

/** Records as pages show them: the last editor's name, never an account name or an internal code. */
async function withNames(db: Kysely<Database>, recs: CaseRecordView[]): Promise<CaseRecordView[]> {
  const name = await actorNamer(
    db,
    recs.map((r) => r.updatedBy),
  );
  return recs.map((r) => ({ ...r, updatedBy: name(r.updatedBy) }));
}

async function loadRecord(db: Kysely<Database>, type: RecordType, externalId: string, lock: boolean): Promise<CaseRecordView> {
  let q = baseQuery(db, type).where('r.external_id', '=', externalId);
  if (lock) q = q.forUpdate('r');
  const r = await q.executeTakeFirst();
  if (!r) throw new NotFoundError(`${RECORD_SPECS[type].label}“${externalId}”`);
  return view(type, r as unknown as Row);
}

function checkUnit(rec: CaseRecordView, unitIds: number[] | undefined, verb: string) {
  if (unitIds && (rec.unitId === null || !unitIds.includes(rec.unitId)))
    throw new ForbiddenError(`只能${verb}本单位的记录（“${rec.externalId}”属于${rec.unitName ?? '未指定单位'}）`);
}

/** One record; 404 when unknown, 403 when `unitIds` is given and the record belongs to another (or no) unit. */
export async function getRecord(db: Kysely<Database>, o: { type: string; externalId: string; unitIds?: number[] }): Promise<CaseRecordView> {
  const rec = await loadRecord(db, spec(o.type).type, o.externalId, false);
  checkUnit(rec, o.unitIds, '查看');
  return (await withNames(db, [rec]))[0]!;
}

/** A value sent by a client or read from the store as the text of a file cell. */
function cell(f: FieldSpec, v: RecordValue | undefined): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'boolean') return v ? '是' : '否';
  const t = String(v);
  // An enum may also be given by its stored code (e.g. "water" for 用水).
  if (f.kind === 'enum' && f.values && !(t.trim() in f.values)) {
    const label = Object.entries(f.values).find(([, code]) => code === t.trim())?.[0];
    if (label) return label;
  }
  return t;
}

/** The stored form of a record (enum codes, unit id) for comparison and the audit log. */
const stored = (type: RecordType, r: { unitId: number | null; values: Partial<Record<RecordColumn, RecordValue>> }) => {
  const out: Record<string, RecordValue> = { unit_id: r.unitId };
  for (const f of RECORD_SPECS[type].fields) out[f.key] = r.values[f.key] ?? null;
  return out;
};
const storedOf = (type: RecordType, rec: CaseRecordView) => {
  const values: Partial<Record<RecordColumn, RecordValue>> = {};
  for (const f of RECORD_SPECS[type].fields) {
    const v = rec.values[f.key] ?? null;
    values[f.key] = f.kind === 'enum' && v !== null ? (f.values![String(v)] ?? v) : v;
  }
  return stored(type, { unitId: rec.unitId, values });
};

const yearsOf = (...images: Array<Record<string, RecordValue>>) => [
  ...new Set(
    images.flatMap((im) =>
      (DATE_COLUMNS as readonly string[])
        .map((c) => im[c])
        .filter((v): v is string => typeof v === 'string')
        .map((v) => Number(v.slice(0, 4))),
    ),
  ),
];

export interface UpdateRecordInput {
  type: string;
  externalId: string;
  /** Field key (or its Chinese header) → new value; fields left out keep their stored value. */
  values: Record<string, RecordValue>;
  /** Responsible unit by name (or alias); null or '' = none; undefined = unchanged. */
  unit?: string | null;
  /** `updatedAt` of the record as the editor read it: a record changed since is a conflict, not overwritten. */
  expectedUpdatedAt?: string;
  actor: string;
  /** Units the editor may change records of and move them to (unit staff); undefined: any. */
  unitIds?: number[];
}

export interface RecordChange {
  record: CaseRecordView | null;
  changed: boolean;
  recomputed: RecomputeSummary | null;
}

/**
 * Changes one record. The new values, merged with the stored ones, are checked exactly as a file row
 * would be (`validateRows`: dates, end before start, numbers, 是/否, enums, units, the editor's units);
 * any problem rejects the change with field-level problems and nothing is written. A change is written
 * with its audit entry (before/after) in one transaction, then the indicators over the record type are
 * recomputed for the years of the old and new dates. An unchanged record is not rewritten.
 */
export async function updateRecord(db: Kysely<Database>, p: UpdateRecordInput): Promise<RecordChange> {
  const s = spec(p.type);
  const type = s.type;
  const problems: InputProblem[] = [];
  const given = new Map<RecordColumn, RecordValue>();
  for (const [k, v] of Object.entries(p.values)) {
    const f = s.fields.find((x) => x.key === k || x.label === k || (x.aliases ?? []).includes(k));
    if (!f) problems.push({ field: k, message: `不是“${s.label}”的字段（可用：${s.fields.map((x) => `${x.key} ${x.label}`).join('、')}）` });
    else if (given.has(f.key)) problems.push({ field: f.label, message: '字段重复' });
    else given.set(f.key, v);
  }
  if (problems.length) throw new InputRejectedError(`${s.label}“${p.externalId}”：${problems.length} 处错误，未保存`, problems);

  const result = await db.transaction().execute(async (trx) => {
    const before = await loadRecord(trx, type, p.externalId, true);
    checkUnit(before, p.unitIds, '修改');
    if (p.expectedUpdatedAt !== undefined && Date.parse(p.expectedUpdatedAt) !== Date.parse(before.updatedAt)) {
      const by = (await actorNames(trx, [before.updatedBy])).get(before.updatedBy);
      const at = new Date(before.updatedAt).toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai' });
      throw new ConflictError(`${s.label}“${p.externalId}”已于 ${at} 被 ${by} 修改，请刷新后重新修改（未保存）`);
    }
    // One file row: the header of the type and the merged values, checked like an uploaded row.
    const header = [s.idLabel, UNIT_LABEL, ...s.fields.map((f) => f.label)];
    const unitText = p.unit !== undefined ? (p.unit ?? '') : (before.unitName ?? '');
    const row = [before.externalId, unitText, ...s.fields.map((f) => cell(f, given.has(f.key) ? given.get(f.key) : before.values[f.key]))];
    const { records, problems: found } = validateRows(type, [header, row], {
      resolveUnit: await unitResolver(trx),
      allowedUnitIds: p.unitIds,
      defaultUnitId: p.unitIds?.length === 1 ? p.unitIds[0] : null,
    });
    const rec = records[0];
    if (found.length || !rec) {
      throw new InputRejectedError(
        `${s.label}“${p.externalId}”：${found.length} 处错误，未保存`,
        found.map(({ field, message }) => ({ field, message })),
      );
    }
    const old = storedOf(type, before);
    const next = stored(type, rec);
    const changedKeys = Object.keys(next).filter((k) => !same(old[k] ?? null, next[k] ?? null));
    if (!changedKeys.length) return { changed: false, old, next };
    const set: Record<string, unknown> = { unit_id: rec.unitId, updated_by: p.actor, updated_at: sql`now()`, source: 'edit' };
    for (const f of s.fields) set[f.key] = rec.values[f.key] ?? null;
    await trx.updateTable('case_record').set(set).where('type', '=', type).where('external_id', '=', p.externalId).execute();
    await recordAudit(trx, {
      actor: p.actor,
      action: 'indicator.records.update',
      entity: 'case_record',
      entityId: `${type}/${p.externalId}`,
      before: { ...old, changed: changedKeys },
      after: next,
    });
    await markStale(trx, type, [await monitoringYear(trx), ...yearsOf(old, next)]);
    return { changed: true, old, next };
  });
  const recomputed = result.changed ? await recompute(db, { types: [type], extraYears: yearsOf(result.old, result.next) }) : null;
  return { record: (await withNames(db, [await loadRecord(db, type, p.externalId, false)]))[0]!, changed: result.changed, recomputed };
}

const same = (a: RecordValue, b: RecordValue) => (typeof a === 'number' && typeof b === 'number' ? Math.abs(a - b) < 1e-9 : a === b);

/** Deletes one record (audited with its last content), then recomputes the indicators over its type. */
export async function deleteRecord(db: Kysely<Database>, p: { type: string; externalId: string; actor: string; unitIds?: number[] }): Promise<RecordChange> {
  const type = spec(p.type).type;
  const old = await db.transaction().execute(async (trx) => {
    const before = await loadRecord(trx, type, p.externalId, true);
    checkUnit(before, p.unitIds, '删除');
    await trx.deleteFrom('case_record').where('type', '=', type).where('external_id', '=', p.externalId).execute();
    const image = { ...storedOf(type, before), is_demo: before.isDemo, source: before.source, updated_by: before.updatedBy, updated_at: before.updatedAt };
    await recordAudit(trx, { actor: p.actor, action: 'indicator.records.delete', entity: 'case_record', entityId: `${type}/${p.externalId}`, before: image });
    await markStale(trx, type, [await monitoringYear(trx), ...yearsOf(storedOf(type, before))]);
    return storedOf(type, before);
  });
  return { record: null, changed: true, recomputed: await recompute(db, { types: [type], extraYears: yearsOf(old) }) };
}
