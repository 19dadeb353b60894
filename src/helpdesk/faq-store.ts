/**
 * The office's FAQ and synonym list: reads, changes (each in one transaction with its audit entry and a bump of the
 * helpdesk revision, so every server process rebuilds its index), the Excel import (all or nothing, every row's
 * problems named) and export.
 */
import type { Kysely, Selectable } from 'kysely';
import { recordAudit } from '../audit/index.js';
import { sql, type Database } from '../db/index.js';
import type { HelpdeskFaqTable } from '../db/tables/helpdesk.js';
import { exportFileName, readTable, writeListXlsx } from '../files/index.js';
import { ConflictError, InputRejectedError, NotFoundError, type InputProblem } from '../shared/index.js';
import { findUnitsByName, listUnitRows } from '../units/index.js';
import { FAQ_COLUMNS, FAQ_LIMITS, faqFromCells, faqProblems, SEED_SYNONYMS, synonymProblems, type FaqFields } from './core/index.js';

type Db = Kysely<Database>;

export interface FaqEntry extends FaqFields {
  id: number;
  unitId: number | null;
  isDemo: boolean;
  updatedBy: string;
  updatedAt: Date;
}

async function bumpRevision(trx: Db): Promise<void> {
  await trx
    .updateTable('helpdesk_revision')
    .set((eb) => ({ revision: eb('revision', '+', 1) }))
    .where('id', '=', 1)
    .execute();
}

/** The revision every FAQ and synonym change moves (the index is rebuilt when it differs). */
export async function helpdeskRevision(db: Db): Promise<number> {
  const r = await db.selectFrom('helpdesk_revision').select('revision').where('id', '=', 1).executeTakeFirst();
  return r?.revision ?? 0;
}

function toEntry(r: Selectable<HelpdeskFaqTable>, units: Map<number, string>): FaqEntry {
  return {
    id: r.id,
    code: r.code,
    question: r.question,
    variants: r.variants,
    answer: r.answer,
    sourceDocument: r.source_document,
    sourceArticle: r.source_article,
    sourcePath: r.source_path,
    unitId: r.unit_id,
    unitName: r.unit_id === null ? null : (units.get(r.unit_id) ?? null),
    validFrom: r.valid_from,
    validTo: r.valid_to,
    isDemo: r.is_demo,
    updatedBy: r.updated_by,
    updatedAt: r.updated_at,
  };
}

async function unitNames(db: Db): Promise<Map<number, string>> {
  return new Map((await listUnitRows(db)).map((u) => [u.id, u.name]));
}

/** Every FAQ entry (code order), optionally filtered by words in question, variants or answer. */
export async function listFaq(db: Db, f: { q?: string } = {}): Promise<FaqEntry[]> {
  let q = db.selectFrom('helpdesk_faq').selectAll().orderBy('code');
  if (f.q) {
    const like = `%${f.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    q = q.where((eb) =>
      eb.or([eb('question', 'ilike', like), eb('answer', 'ilike', like), eb(eb.fn('array_to_string', ['variants', eb.val(' ')]), 'ilike', like)]),
    );
  }
  const rows = await q.execute();
  const units = await unitNames(db);
  return rows.map((r) => toEntry(r, units));
}

export async function getFaq(db: Db, id: number): Promise<FaqEntry> {
  const r = await db.selectFrom('helpdesk_faq').selectAll().where('id', '=', id).executeTakeFirst();
  if (!r) throw new NotFoundError('常见问题（不存在或已删除）');
  return toEntry(r, await unitNames(db));
}

/** Resolves unit names of entries; problems name the row (import) or the field. */
async function resolveUnits(db: Db, names: Array<string | null>): Promise<Map<string, number>> {
  const wanted = [...new Set(names.filter((n): n is string => !!n))];
  const found = await findUnitsByName(db, wanted);
  return new Map(found.map((u) => [u.name, u.id]));
}

function cleanFields(f: FaqFields): FaqFields {
  const t = (s: string | null) => (s === null || s.trim() === '' ? null : s.trim());
  return {
    code: f.code.trim(),
    question: f.question.trim(),
    variants: [...new Set(f.variants.map((v) => v.trim()).filter((v) => v !== ''))],
    answer: f.answer.trim(),
    sourceDocument: t(f.sourceDocument),
    sourceArticle: t(f.sourceArticle),
    sourcePath: t(f.sourcePath),
    unitName: t(f.unitName),
    validFrom: t(f.validFrom),
    validTo: t(f.validTo),
  };
}

const values = (f: FaqFields, unitId: number | null, actor: string, isDemo: boolean) => ({
  code: f.code,
  question: f.question,
  variants: f.variants,
  answer: f.answer,
  source_document: f.sourceDocument,
  source_article: f.sourceArticle,
  source_path: f.sourcePath,
  unit_id: unitId,
  valid_from: f.validFrom,
  valid_to: f.validTo,
  is_demo: isDemo,
  updated_by: actor,
  updated_at: new Date(),
});

async function checked(db: Db, input: FaqFields): Promise<{ f: FaqFields; unitId: number | null }> {
  const f = cleanFields(input);
  const problems: InputProblem[] = faqProblems(f);
  const units = await resolveUnits(db, [f.unitName]);
  if (f.unitName && !units.has(f.unitName)) problems.push({ field: '责任单位', message: `“${f.unitName}”不在单位名录中` });
  if (problems.length) throw new InputRejectedError(`常见问题有${problems.length}处问题，未保存`, problems);
  return { f, unitId: f.unitName ? units.get(f.unitName)! : null };
}

export async function createFaq(
  db: Db,
  actor: string,
  input: FaqFields,
  opts: { isDemo?: boolean; within?: (trx: Db, faqId: number) => Promise<void> } = {},
): Promise<FaqEntry> {
  const { f, unitId } = await checked(db, input);
  const id = await db.transaction().execute(async (trx) => {
    const dup = await trx.selectFrom('helpdesk_faq').select('id').where('code', '=', f.code).executeTakeFirst();
    if (dup) throw new ConflictError(`编号“${f.code}”已被另一条常见问题使用`);
    const row = await trx
      .insertInto('helpdesk_faq')
      .values(values(f, unitId, actor, opts.isDemo ?? false))
      .returning('id')
      .executeTakeFirstOrThrow();
    await recordAudit(trx, { actor, action: 'helpdesk.faq.create', entity: 'helpdesk_faq', entityId: row.id, after: f });
    await bumpRevision(trx);
    await opts.within?.(trx, row.id);
    return row.id;
  });
  return getFaq(db, id);
}

export async function updateFaq(db: Db, actor: string, id: number, input: FaqFields): Promise<FaqEntry> {
  const { f, unitId } = await checked(db, input);
  await db.transaction().execute(async (trx) => {
    const before = await trx.selectFrom('helpdesk_faq').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
    if (!before) throw new NotFoundError('常见问题（不存在或已删除）');
    const dup = await trx.selectFrom('helpdesk_faq').select('id').where('code', '=', f.code).where('id', '<>', id).executeTakeFirst();
    if (dup) throw new ConflictError(`编号“${f.code}”已被另一条常见问题使用`);
    await trx
      .updateTable('helpdesk_faq')
      .set(values(f, unitId, actor, before.is_demo))
      .where('id', '=', id)
      .execute();
    await recordAudit(trx, {
      actor,
      action: 'helpdesk.faq.update',
      entity: 'helpdesk_faq',
      entityId: id,
      before: { ...before, updated_at: undefined },
      after: f,
    });
    await bumpRevision(trx);
  });
  return getFaq(db, id);
}

export async function deleteFaq(db: Db, actor: string, id: number): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const before = await trx.deleteFrom('helpdesk_faq').where('id', '=', id).returningAll().executeTakeFirst();
    if (!before) throw new NotFoundError('常见问题（不存在或已删除）');
    await recordAudit(trx, { actor, action: 'helpdesk.faq.delete', entity: 'helpdesk_faq', entityId: id, before: { ...before, updated_at: undefined } });
    await bumpRevision(trx);
  });
}

export interface FaqImportSummary {
  created: number;
  updated: number;
  unchanged: number;
}

/**
 * Imports an FAQ table (.xlsx/.csv with the export's columns): every row checked first (all problems with row and
 * field), nothing written on any problem; then entries are created or updated by 编号 in one transaction, audited.
 */
export async function importFaqFile(db: Db, p: { fileName: string; buffer: Buffer; actor: string; isDemo?: boolean }): Promise<FaqImportSummary> {
  const all = await readTable(p.fileName, p.buffer, { maxRows: FAQ_LIMITS.rows + 5 });
  // The header is the first row naming 编号 and 问题 (the export has its title and filters above it).
  const at = all.slice(0, 5).findIndex((r) => r.cells.some((c) => c.trim() === '编号') && r.cells.some((c) => c.trim() === '问题'));
  const head = all[Math.max(0, at)];
  const body = all.slice(Math.max(0, at) + 1);
  const header = (head?.cells ?? []).map((h) => h.replace(/\s+/g, ''));
  const problems: InputProblem[] = [];
  const idx = FAQ_COLUMNS.map((c) => header.indexOf(c));
  FAQ_COLUMNS.forEach((c, i) => {
    if (idx[i]! < 0 && (c === '编号' || c === '问题' || c === '答案')) problems.push({ file: p.fileName, row: head?.row ?? 1, field: c, message: '缺少此列' });
  });
  if (problems.length) throw new InputRejectedError(`${p.fileName}：缺少必需的列`, problems);
  const rows = body
    .filter((r) => r.cells.some((c) => c.trim() !== ''))
    .map((r) => ({ row: r.row, f: cleanFields(faqFromCells(idx.map((i) => (i < 0 ? '' : (r.cells[i] ?? ''))))) }));
  if (!rows.length) throw new InputRejectedError(`${p.fileName}：没有数据行`, [{ file: p.fileName, message: '没有数据行' }]);
  const units = await resolveUnits(
    db,
    rows.map((r) => r.f.unitName),
  );
  const seen = new Map<string, number>();
  for (const { row, f } of rows) {
    for (const x of faqProblems(f)) problems.push({ file: p.fileName, row, ...x });
    if (f.unitName && !units.has(f.unitName)) problems.push({ file: p.fileName, row, field: '责任单位', message: `“${f.unitName}”不在单位名录中` });
    const first = seen.get(f.code);
    if (first !== undefined) problems.push({ file: p.fileName, row, field: '编号', message: `“${f.code}”与第${first}行重复` });
    else seen.set(f.code, row);
  }
  if (problems.length) throw new InputRejectedError(`${p.fileName}：${problems.length}处问题，未导入`, problems);
  return db.transaction().execute(async (trx) => {
    const existing = new Map((await trx.selectFrom('helpdesk_faq').selectAll().forUpdate().execute()).map((r) => [r.code, r]));
    const s: FaqImportSummary = { created: 0, updated: 0, unchanged: 0 };
    for (const { f } of rows) {
      const unitId = f.unitName ? units.get(f.unitName)! : null;
      const before = existing.get(f.code);
      if (!before) {
        await trx
          .insertInto('helpdesk_faq')
          .values(values(f, unitId, p.actor, p.isDemo ?? false))
          .execute();
        s.created++;
        continue;
      }
      const same =
        before.question === f.question &&
        JSON.stringify(before.variants) === JSON.stringify(f.variants) &&
        before.answer === f.answer &&
        before.source_document === f.sourceDocument &&
        before.source_article === f.sourceArticle &&
        before.source_path === f.sourcePath &&
        before.unit_id === unitId &&
        before.valid_from === f.validFrom &&
        before.valid_to === f.validTo;
      if (same) {
        s.unchanged++;
        continue;
      }
      await trx
        .updateTable('helpdesk_faq')
        .set(values(f, unitId, p.actor, before.is_demo))
        .where('id', '=', before.id)
        .execute();
      s.updated++;
    }
    await recordAudit(trx, {
      actor: p.actor,
      action: 'helpdesk.faq.import',
      entity: 'helpdesk_faq',
      after: { file: p.fileName, ...s, codes: rows.map((r) => r.f.code) },
    });
    await bumpRevision(trx);
    return s;
  });
}

/** The FAQ as an Excel table with the import's columns (export, edit, import back). */
export async function exportFaqXlsx(db: Db): Promise<{ buffer: Buffer; fileName: string }> {
  const rows = await listFaq(db);
  const col = (header: string, width: number, value: (r: FaqEntry) => string | null, kind?: 'date') => ({ header, width, value, kind });
  const buffer = await writeListXlsx({
    sheet: '常见问题',
    title: '智能客服常见问题库',
    filters: [`共${rows.length}条`],
    columns: [
      col('编号', 10, (r) => r.code),
      col('问题', 36, (r) => r.question),
      col('相似问法', 40, (r) => r.variants.join('\n')),
      col('答案', 60, (r) => r.answer),
      col('来源文件', 24, (r) => r.sourceDocument),
      col('来源条款', 10, (r) => r.sourceArticle),
      col('平台页面', 24, (r) => r.sourcePath),
      col('责任单位', 18, (r) => r.unitName),
      col('生效日期', 12, (r) => r.validFrom, 'date'),
      col('失效日期', 12, (r) => r.validTo, 'date'),
    ],
    rows,
  });
  return { buffer, fileName: exportFileName('智能客服常见问题库') };
}

// ---------------------------------------------------------------- synonyms

export interface SynonymEntry {
  id: number;
  words: string[];
  note: string | null;
  updatedBy: string;
  updatedAt: Date;
}

export async function listSynonyms(db: Db): Promise<SynonymEntry[]> {
  const rows = await db.selectFrom('helpdesk_synonym').selectAll().orderBy('id').execute();
  return rows.map((r) => ({ id: r.id, words: r.words, note: r.note, updatedBy: r.updated_by, updatedAt: r.updated_at }));
}

function cleanWords(words: readonly string[]): string[] {
  const p = synonymProblems(words);
  if (p.length)
    throw new InputRejectedError(
      p[0]!,
      p.map((message) => ({ field: '同义词', message: message.replace(/^同义词：/, '') })),
    );
  return [...new Set(words.map((w) => w.trim()).filter((w) => w !== ''))];
}

/**
 * Adds a group. While the office has stored none, the index uses the seed list; the first group the office adds stores
 * the seed list with it (same transaction), so adding one group never silently drops the sixty others.
 */
export async function createSynonym(db: Db, actor: string, input: { words: string[]; note: string | null }): Promise<SynonymEntry> {
  const words = cleanWords(input.words);
  return db.transaction().execute(async (trx) => {
    await seedSynonymsIn(trx, actor);
    const r = await trx
      .insertInto('helpdesk_synonym')
      .values({ words, note: input.note?.trim() || null, updated_by: actor })
      .returningAll()
      .executeTakeFirstOrThrow();
    await recordAudit(trx, { actor, action: 'helpdesk.synonym.create', entity: 'helpdesk_synonym', entityId: r.id, after: { words, note: r.note } });
    await bumpRevision(trx);
    return { id: r.id, words: r.words, note: r.note, updatedBy: r.updated_by, updatedAt: r.updated_at };
  });
}

export async function updateSynonym(db: Db, actor: string, id: number, input: { words: string[]; note: string | null }): Promise<SynonymEntry> {
  const words = cleanWords(input.words);
  return db.transaction().execute(async (trx) => {
    const before = await trx.selectFrom('helpdesk_synonym').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
    if (!before) throw new NotFoundError('同义词组（不存在或已删除）');
    const r = await trx
      .updateTable('helpdesk_synonym')
      .set({ words, note: input.note?.trim() || null, updated_by: actor, updated_at: new Date() })
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirstOrThrow();
    await recordAudit(trx, {
      actor,
      action: 'helpdesk.synonym.update',
      entity: 'helpdesk_synonym',
      entityId: id,
      before: { words: before.words, note: before.note },
      after: { words, note: r.note },
    });
    await bumpRevision(trx);
    return { id: r.id, words: r.words, note: r.note, updatedBy: r.updated_by, updatedAt: r.updated_at };
  });
}

export async function deleteSynonym(db: Db, actor: string, id: number): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const before = await trx.deleteFrom('helpdesk_synonym').where('id', '=', id).returningAll().executeTakeFirst();
    if (!before) throw new NotFoundError('同义词组（不存在或已删除）');
    await recordAudit(trx, {
      actor,
      action: 'helpdesk.synonym.delete',
      entity: 'helpdesk_synonym',
      entityId: id,
      before: { words: before.words, note: before.note },
    });
    await bumpRevision(trx);
  });
}

/** Seeds the starting synonym list when the office has none (idempotent: nothing when any group exists). */
export async function seedSynonyms(db: Db, actor: string): Promise<number> {
  return db.transaction().execute((trx) => seedSynonymsIn(trx, actor));
}

async function seedSynonymsIn(trx: Db, actor: string): Promise<number> {
  // Two first additions at once must not both store the seed list: our own table, locked for the transaction.
  await sql`lock table helpdesk_synonym in share row exclusive mode`.execute(trx);
  const any = await trx.selectFrom('helpdesk_synonym').select('id').limit(1).executeTakeFirst();
  if (any) return 0;
  await trx
    .insertInto('helpdesk_synonym')
    .values(SEED_SYNONYMS.map((words) => ({ words, note: '初始词表', updated_by: actor })))
    .execute();
  await recordAudit(trx, { actor, action: 'helpdesk.synonym.seed', entity: 'helpdesk_synonym', after: { groups: SEED_SYNONYMS.length } });
  await bumpRevision(trx);
  return SEED_SYNONYMS.length;
}
