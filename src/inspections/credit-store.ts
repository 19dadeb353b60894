import type { Kysely } from 'kysely';
import { recordAudit } from '../audit/index.js';
import { actorNamer } from '../auth/index.js';
import { chinaToday, tryParseIsoDate } from '../calendar/index.js';
import type { Database } from '../db/index.js';
import { checkCreditCode, enterpriseIdsByCreditCode, enterpriseNames, getEnterprises } from '../enterprises/index.js';
import { readTable } from '../files/index.js';
import { ConflictError, InputRejectedError, NotFoundError, type InputProblem } from '../shared/index.js';
import {
  CREDIT_RECORD_KINDS,
  DEFAULT_CREDIT_SOURCE,
  checkCreditClasses,
  classInForce,
  drawShares,
  repairProblem,
  resolveCreditClass,
  type CreditClass,
  type CreditRecord,
  type CreditRecordKind,
} from './core/credit.js';

/**
 * Credit-graded supervision (信用分级分类): the office's classes with their draw shares, the dated class history
 * per enterprise (imports of 公共信用综合评价 results, 信用修复), and the class in force on a date for the draw.
 * Rules and sources in core/credit.ts.
 */

/** The office's classes, in their order. */
export async function listCreditClasses(db: Kysely<Database>): Promise<CreditClass[]> {
  const rows = await db.selectFrom('insp_credit_class').selectAll().orderBy('sort').orderBy('code').execute();
  return rows.map((r) => ({ code: r.code, name: r.name, drawShare: Number(r.draw_share), restrictive: r.restrictive, isDefault: r.is_default, note: r.note }));
}

/** The draw share of each class (code → percent), for the draw (国发〔2019〕5号: 差异化抽查比例). */
export async function creditDrawShares(db: Kysely<Database>): Promise<Map<string, number>> {
  return drawShares(await listCreditClasses(db));
}

/**
 * Replaces the office's class list (order as given). A class still used by an enterprise's record cannot be
 * removed. One transaction with its audit entry.
 */
export async function setCreditClasses(db: Kysely<Database>, actor: string, classes: CreditClass[]): Promise<CreditClass[]> {
  const cleaned = classes.map((c) => ({ ...c, code: c.code.trim(), name: c.name.trim(), note: c.note?.trim() || null }));
  const problems = checkCreditClasses(cleaned);
  if (problems.length) throw new InputRejectedError(`信用分类有 ${problems.length} 处问题，未保存`, problems);
  return db.transaction().execute(async (trx) => {
    const before = await listCreditClasses(trx);
    const kept = new Set(cleaned.map((c) => c.code));
    const removed = before.filter((c) => !kept.has(c.code)).map((c) => c.code);
    if (removed.length) {
      const used = await trx.selectFrom('insp_credit_record').select('class_code').distinct().where('class_code', 'in', removed).execute();
      if (used.length) throw new ConflictError(`类别 ${used.map((u) => u.class_code).join('、')} 已有企业的分类记录，不能删除（可改名称或抽查比例）`);
      await trx.deleteFrom('insp_credit_class').where('code', 'in', removed).execute();
    }
    for (const [i, c] of cleaned.entries()) {
      const values = {
        name: c.name,
        draw_share: c.drawShare,
        restrictive: c.restrictive,
        is_default: c.isDefault,
        sort: i + 1,
        note: c.note,
        updated_by: actor,
      };
      await trx
        .insertInto('insp_credit_class')
        .values({ code: c.code, ...values })
        .onConflict((oc) => oc.column('code').doUpdateSet({ ...values, updated_at: new Date() }))
        .execute();
    }
    await recordAudit(trx, { actor, action: 'inspections.credit-classes', entity: 'insp_credit_class', before, after: cleaned });
    return listCreditClasses(trx);
  });
}

/**
 * The class in force on `date` of every enterprise that has a record by then (enterprise id → class code): the
 * record with the latest effective date not after `date`, the later one of the same day winning (core
 * `classInForce`, here in one statement). Enterprises without a record are absent: the draw puts them in the
 * default class (`listCreditClasses(db).find(c => c.isDefault)`).
 *
 * @example
 *   const classes = await creditClassesOn(db, '2026-05-01');
 *   classes.get(101); // 'D'
 */
export async function creditClassesOn(db: Kysely<Database>, date: string, enterpriseIds?: readonly number[]): Promise<Map<number, string>> {
  if (enterpriseIds?.length === 0) return new Map();
  let q = db.selectFrom('insp_credit_record').where('effective_on', '<=', date);
  if (enterpriseIds) q = q.where('enterprise_id', 'in', enterpriseIds);
  const rows = await q
    .distinctOn('enterprise_id')
    .select(['enterprise_id', 'class_code'])
    .orderBy('enterprise_id')
    .orderBy('effective_on', 'desc')
    .orderBy('id', 'desc')
    .execute();
  return new Map(rows.map((r) => [r.enterprise_id, r.class_code]));
}

export interface CreditHistoryEntry {
  id: number;
  classCode: string;
  className: string;
  effectiveOn: string;
  kind: CreditRecordKind;
  kindLabel: string;
  source: string;
  note: string | null;
  recordedBy: string;
  recordedAt: Date;
}

/** An enterprise's class records, newest first, and its class in force today. */
export async function creditHistory(db: Kysely<Database>, enterpriseId: number, today = chinaToday()) {
  const [firm] = await getEnterprises(db, [enterpriseId]);
  if (!firm) throw new NotFoundError('企业');
  const classes = new Map((await listCreditClasses(db)).map((c) => [c.code, c]));
  const rows = await db
    .selectFrom('insp_credit_record')
    .selectAll()
    .where('enterprise_id', '=', enterpriseId)
    .orderBy('effective_on', 'desc')
    .orderBy('id', 'desc')
    .execute();
  const person = await actorNamer(
    db,
    rows.map((r) => r.recorded_by),
  );
  const records: CreditHistoryEntry[] = rows.map((r) => ({
    id: r.id,
    classCode: r.class_code,
    className: classes.get(r.class_code)?.name ?? r.class_code,
    effectiveOn: r.effective_on,
    kind: r.kind,
    kindLabel: CREDIT_RECORD_KINDS[r.kind],
    source: r.source,
    note: r.note,
    recordedBy: person(r.recorded_by),
    recordedAt: r.recorded_at,
  }));
  const current = classInForce(records, today);
  return { enterpriseId, enterpriseName: firm.name, creditCode: firm.creditCode, currentClass: current?.classCode ?? null, records };
}

/** Enterprises with a class on `date` (optionally of one class), by enterprise id, and the count per class. */
export async function creditStanding(db: Kysely<Database>, q: { date: string; classCode?: string; page?: number; pageSize?: number }) {
  const page = q.page ?? 1;
  const pageSize = q.pageSize ?? 50;
  const inForce = db
    .selectFrom('insp_credit_record')
    .distinctOn('enterprise_id')
    .select(['enterprise_id', 'class_code', 'effective_on', 'kind', 'source'])
    .where('effective_on', '<=', q.date)
    .orderBy('enterprise_id')
    .orderBy('effective_on', 'desc')
    .orderBy('id', 'desc');
  const counts = await db
    .selectFrom(inForce.as('f'))
    .select(['f.class_code', db.fn.countAll<number>().as('n')])
    .groupBy('f.class_code')
    .execute();
  let list = db.selectFrom(inForce.as('f')).selectAll('f');
  if (q.classCode) list = list.where('f.class_code', '=', q.classCode);
  const rows = await list
    .orderBy('f.enterprise_id')
    .limit(pageSize)
    .offset((page - 1) * pageSize)
    .execute();
  const total = q.classCode ? Number(counts.find((c) => c.class_code === q.classCode)?.n ?? 0) : counts.reduce((s, c) => s + Number(c.n), 0);
  const names = await enterpriseNames(
    db,
    rows.map((r) => r.enterprise_id),
  );
  return {
    date: q.date,
    counts: counts.map((c) => ({ classCode: c.class_code, count: Number(c.n) })),
    total,
    page,
    pageSize,
    items: rows.map((r) => ({
      enterpriseId: r.enterprise_id,
      enterpriseName: names.get(r.enterprise_id)?.name ?? '',
      creditCode: names.get(r.enterprise_id)?.creditCode ?? '',
      classCode: r.class_code,
      effectiveOn: r.effective_on,
      kind: r.kind,
      kindLabel: CREDIT_RECORD_KINDS[r.kind],
      source: r.source,
    })),
  };
}

/** Import columns (first row). Headers are matched after removing spaces and bracketed notes. */
export const CREDIT_IMPORT_COLUMNS = [
  { key: 'creditCode', header: '统一社会信用代码', aliases: ['信用代码', '社会信用代码'], required: true },
  { key: 'class', header: '信用风险分类', aliases: ['分类结果', '信用等级', '风险分类', '类别'], required: true },
  { key: 'date', header: '分类日期', aliases: ['评价日期', '生效日期', '日期'], required: true },
  { key: 'source', header: '来源', aliases: ['分类来源', '评价来源'], required: false },
  { key: 'name', header: '企业名称', aliases: ['名称'], required: false },
] as const;
type ColumnKey = (typeof CREDIT_IMPORT_COLUMNS)[number]['key'];

export const MAX_CREDIT_IMPORT_ROWS = 200_000;

const norm = (h: string) => h.replace(/\s+/g, '').replace(/[（(].*?[）)]/g, '');

interface CreditRow {
  row: number;
  enterpriseId: number;
  classCode: string;
  effectiveOn: string;
  source: string;
}

/** Reads an import file into rows; every problem names the row and column (Chinese). Nothing is written. */
export async function readCreditFile(
  db: Kysely<Database>,
  fileName: string,
  buffer: Buffer,
  today = chinaToday(),
): Promise<{ rows: CreditRow[]; problems: InputProblem[] }> {
  const [head, ...body] = await readTable(fileName, buffer, { maxRows: MAX_CREDIT_IMPORT_ROWS + 1 });
  const problems: InputProblem[] = [];
  const header = (head?.cells ?? []).map(norm);
  const col = new Map<ColumnKey, number>();
  for (const c of CREDIT_IMPORT_COLUMNS) {
    const i = header.findIndex((h) => h === norm(c.header) || c.aliases.map(norm).includes(h));
    if (i >= 0) col.set(c.key, i);
    else if (c.required) problems.push({ file: fileName, row: head?.row ?? 1, field: c.header, message: '缺少此列' });
  }
  if (problems.length) return { rows: [], problems };
  const classes = await listCreditClasses(db);
  const cell = (cells: string[], k: ColumnKey) => {
    const i = col.get(k);
    return i === undefined ? '' : (cells[i] ?? '').trim();
  };
  const parsed: Array<{ row: number; code: string; classCode: string; effectiveOn: string; source: string }> = [];
  const seen = new Map<string, number>();
  for (const { cells, row } of body) {
    const at = (field: string, message: string) => problems.push({ file: fileName, row, field, message });
    const rawCode = cell(cells, 'creditCode');
    const check = checkCreditCode(rawCode);
    if (!rawCode) at('统一社会信用代码', '不能为空');
    else if (!check.valid) at('统一社会信用代码', check.reason ?? '不是有效的统一社会信用代码');
    const rawClass = cell(cells, 'class');
    const classCode = resolveCreditClass(rawClass, classes);
    if (!classCode) at('信用风险分类', rawClass ? `“${rawClass}”不是已设置的类别（${classes.map((c) => `${c.name}(${c.code})`).join('、')}）` : '不能为空');
    const rawDate = cell(cells, 'date');
    const date = rawDate
      .replace(/[/.年月]/g, '-')
      .replace(/日$/, '')
      .replace(/-(\d)(?=-|$)/g, '-0$1');
    const effectiveOn = tryParseIsoDate(date) ? date : null;
    if (!rawDate) at('分类日期', '不能为空');
    else if (!effectiveOn) at('分类日期', `“${rawDate}”不是有效日期（如 2026-03-31）`);
    else if (effectiveOn > today) at('分类日期', `不能晚于今天（${today}）`);
    const source = cell(cells, 'source') || DEFAULT_CREDIT_SOURCE;
    if (source.length > 200) at('来源', '不能超过 200 字');
    if (check.valid && effectiveOn) {
      const key = `${check.code}|${effectiveOn}`;
      const prev = seen.get(key);
      if (prev) at('统一社会信用代码', `与第${prev}行是同一企业同一日期`);
      seen.set(key, row);
    }
    if (check.valid && classCode && effectiveOn) parsed.push({ row, code: check.code, classCode, effectiveOn, source });
  }
  const ids = await enterpriseIdsByCreditCode(db, [...new Set(parsed.map((p) => p.code))]);
  const rows: CreditRow[] = [];
  for (const p of parsed) {
    const enterpriseId = ids.get(p.code);
    if (enterpriseId === undefined)
      problems.push({ file: fileName, row: p.row, field: '统一社会信用代码', message: `企业名录中没有“${p.code}”，请先导入该企业` });
    else rows.push({ row: p.row, enterpriseId, classCode: p.classCode, effectiveOn: p.effectiveOn, source: p.source });
  }
  if (!body.length && !problems.length) problems.push({ file: fileName, message: '文件中没有分类数据' });
  return { rows, problems };
}

/**
 * Imports classes per enterprise from CSV/XLSX: all or nothing (any row problem rejects the file, each problem
 * naming row and column); a row equal to a record already kept (same enterprise, date and class) is unchanged, so
 * importing the same file twice adds nothing. History is kept: a new record never replaces an old one.
 */
export async function importCreditFile(db: Kysely<Database>, p: { fileName: string; buffer: Buffer; actor: string; today?: string }) {
  const { rows, problems } = await readCreditFile(db, p.fileName, p.buffer, p.today);
  if (problems.length) throw new InputRejectedError(`${p.fileName}：${problems.length} 处错误，未导入任何数据`, problems);
  return db.transaction().execute(async (trx) => {
    const existing = new Set<string>();
    const ids = [...new Set(rows.map((r) => r.enterpriseId))];
    for (let i = 0; i < ids.length; i += 5000)
      for (const r of await trx
        .selectFrom('insp_credit_record')
        .select(['enterprise_id', 'effective_on', 'class_code'])
        .where('enterprise_id', 'in', ids.slice(i, i + 5000))
        .where('kind', '=', 'assessment')
        .execute())
        existing.add(`${r.enterprise_id}|${r.effective_on}|${r.class_code}`);
    const fresh = rows.filter((r) => !existing.has(`${r.enterpriseId}|${r.effectiveOn}|${r.classCode}`));
    for (let i = 0; i < fresh.length; i += 2000)
      await trx
        .insertInto('insp_credit_record')
        .values(
          fresh.slice(i, i + 2000).map((r) => ({
            enterprise_id: r.enterpriseId,
            class_code: r.classCode,
            effective_on: r.effectiveOn,
            kind: 'assessment' as const,
            source: r.source,
            recorded_by: p.actor,
          })),
        )
        .execute();
    const byClass: Record<string, number> = {};
    for (const r of fresh) byClass[r.classCode] = (byClass[r.classCode] ?? 0) + 1;
    await recordAudit(trx, {
      actor: p.actor,
      action: 'inspections.credit-import',
      entity: 'insp_credit_record',
      after: { file: p.fileName, rows: rows.length, created: fresh.length, byClass },
    });
    return { rows: rows.length, created: fresh.length, unchanged: rows.length - fresh.length };
  });
}

/**
 * Records a 信用修复: from `repairedOn` the enterprise is in `classCode` (default: the default class), out of the
 * restrictive class it was in on that day. One transaction with its audit entry.
 */
export async function repairCredit(
  db: Kysely<Database>,
  actor: string,
  input: { enterpriseId: number; repairedOn: string; classCode?: string; source: string; note?: string },
  today = chinaToday(),
): Promise<{ id: number; classCode: string }> {
  if (!tryParseIsoDate(input.repairedOn)) throw new InputRejectedError('修复日期无效', [{ field: '修复日期', message: '应为有效日期' }]);
  if (input.repairedOn > today) throw new InputRejectedError('修复日期不能晚于今天', [{ field: '修复日期', message: `不能晚于今天（${today}）` }]);
  const source = input.source.trim();
  if (!source) throw new InputRejectedError('请填写修复依据', [{ field: '修复依据', message: '不能为空（如信用修复决定书文号）' }]);
  const [firm] = await getEnterprises(db, [input.enterpriseId]);
  if (!firm) throw new NotFoundError('企业');
  return db.transaction().execute(async (trx) => {
    const classes = await listCreditClasses(trx);
    const target = input.classCode ? classes.find((c) => c.code === input.classCode) : classes.find((c) => c.isDefault);
    const records: CreditRecord[] = (
      await trx.selectFrom('insp_credit_record').select(['id', 'class_code', 'effective_on', 'kind']).where('enterprise_id', '=', input.enterpriseId).execute()
    ).map((r) => ({ id: r.id, classCode: r.class_code, effectiveOn: r.effective_on, kind: r.kind }));
    const before = classInForce(records, input.repairedOn);
    const problem = repairProblem(before ? classes.find((c) => c.code === before.classCode) : undefined, target);
    if (problem || !target) throw new ConflictError(problem ?? '修复后类别不存在');
    const { id } = await trx
      .insertInto('insp_credit_record')
      .values({
        enterprise_id: input.enterpriseId,
        class_code: target.code,
        effective_on: input.repairedOn,
        kind: 'repair',
        source,
        note: input.note?.trim() || null,
        recorded_by: actor,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await recordAudit(trx, {
      actor,
      action: 'inspections.credit-repair',
      entity: 'insp_credit_record',
      entityId: id,
      before: { enterpriseId: input.enterpriseId, classCode: before?.classCode ?? null },
      after: { enterpriseId: input.enterpriseId, classCode: target.code, repairedOn: input.repairedOn, source },
    });
    return { id, classCode: target.code };
  });
}
