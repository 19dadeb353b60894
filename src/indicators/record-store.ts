import path from 'node:path';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/index.js';
import { recordAudit } from '../audit/index.js';
import { InputRejectedError, type InputProblem } from '../shared/index.js';
import {
  BOOL_COLUMNS, DATE_COLUMNS, NUMBER_COLUMNS, RECORD_COLUMNS, RECORD_SPECS, TEXT_COLUMNS, isRecordType, validateRows,
  type ParsedRecord, type RecordColumn, type RecordType,
} from './core/index.js';
import { recompute, type RecomputeSummary } from './recompute.js';

/** Cells of the first sheet of an .xlsx or of a .csv (UTF-8, with or without BOM, or GB18030). */
export async function readTable(fileName: string, buffer: Buffer): Promise<string[][]> {
  const ext = path.extname(fileName).toLowerCase();
  if (ext === '.csv' || ext === '.txt') {
    let text = buffer.toString('utf8');
    if (text.includes('\uFFFD')) text = iconv.decode(buffer, 'gb18030');
    text = text.replace(/^\uFEFF/, '');
    // Fast path for the usual export without quotes; csv-parse for everything else.
    if (!text.includes('"')) return text.split(/\r?\n/).filter((l) => l.trim() !== '').map((l) => l.split(','));
    try {
      return parse(text, { relaxColumnCount: true, skipEmptyLines: true }) as string[][];
    } catch (e) {
      throw new InputRejectedError(`${fileName}：不是有效的 CSV 文件（${(e as Error).message}）`, [{ file: fileName, message: (e as Error).message }]);
    }
  }
  if (ext !== '.xlsx') throw new InputRejectedError(`${fileName}：只支持 .csv 和 .xlsx 文件`, [{ file: fileName, message: '只支持 .csv 和 .xlsx 文件' }]);
  const wb = new ExcelJS.Workbook();
  try { await wb.xlsx.load(buffer as unknown as ArrayBuffer); } catch { throw new InputRejectedError(`${fileName}：不是有效的 Excel 文件（.xlsx）`, [{ file: fileName, message: '不是有效的 Excel 文件' }]); }
  const out: string[][] = [];
  wb.worksheets[0]?.eachRow({ includeEmpty: true }, (row, n) => {
    const cells: string[] = [];
    row.eachCell({ includeEmpty: true }, (c, i) => {
      const v = c.value as unknown;
      cells[i - 1] = v instanceof Date ? v.toISOString().slice(0, 10)
        : v === null || v === undefined ? ''
        : typeof v === 'object' && v !== null && 'result' in v ? String((v as { result: unknown }).result ?? '')
        : typeof v === 'object' && v !== null && 'richText' in v ? (v as { richText: Array<{ text: string }> }).richText.map((t) => t.text).join('')
        : String(v);
    });
    out[n - 1] = Array.from(cells, (x) => x ?? '');
  });
  return Array.from(out, (r) => r ?? []);
}

/** Unit name (or alias) → id, from the unit directory. */
export async function unitResolver(db: Kysely<Database>): Promise<(name: string) => number | undefined> {
  const units = await db.selectFrom('unit').select(['id', 'name', 'aliases']).execute();
  const map = new Map<string, number>();
  for (const u of units) { map.set(u.name, u.id); for (const a of u.aliases ?? []) if (!map.has(a)) map.set(a, u.id); }
  return (name) => map.get(name.replace(/\s+/g, ''));
}

export interface Uploader {
  actor: string;
  /** Units a unit staff member may file for; undefined: any (office, CLI). */
  unitIds?: number[];
}

export interface ImportResult { type: RecordType; rows: number; inserted: number; updated: number; unchanged: number; recomputed: RecomputeSummary }

const pgType = (c: RecordColumn) => ((DATE_COLUMNS as readonly string[]).includes(c) ? 'date' : (NUMBER_COLUMNS as readonly string[]).includes(c) ? 'numeric' : (BOOL_COLUMNS as readonly string[]).includes(c) ? 'boolean' : 'text');
void TEXT_COLUMNS;

/**
 * Writes validated records (insert or update by type + external id; a record already identical is left
 * alone). Only the columns present in the input are written: a file without a column keeps the stored
 * values of that column. Set-based: one `insert … select from unnest(arrays)` per 50,000 records.
 */
export async function upsertRecords(db: Kysely<Database>, type: RecordType, records: ParsedRecord[], p: { actor: string; source: string; isDemo?: boolean }): Promise<{ inserted: number; updated: number }> {
  const present = RECORD_COLUMNS.filter((c) => records.some((r) => c in r.values));
  let inserted = 0, updated = 0;
  for (let i = 0; i < records.length; i += 50_000) {
    const chunk = records.slice(i, i + 50_000);
    const arrays = [
      sql`${chunk.map((r) => r.externalId)}::text[]`,
      sql`${chunk.map((r) => r.unitId)}::int[]`,
      ...present.map((c) => sql`${chunk.map((r) => r.values[c] ?? null)}::${sql.raw(pgType(c))}[]`),
    ];
    const names = ['external_id', 'unit_id', ...present];
    const cols = sql.join(names.map((n) => sql.ref(n)));
    const set = sql.join([...['unit_id', ...present].map((n) => sql`${sql.ref(n)} = excluded.${sql.ref(n)}`), sql`updated_by = excluded.updated_by`, sql`updated_at = now()`, sql`source = excluded.source`]);
    const changed = sql.join(['unit_id', ...present].map((n) => sql`case_record.${sql.ref(n)} is distinct from excluded.${sql.ref(n)}`), sql` or `);
    // New rows take ids above the sequence's current value; updated rows keep theirs (xmax is not available on a partitioned table).
    const seq = await sql<{ v: number }>`select case when is_called then last_value else 0 end as v from case_record_id_seq`.execute(db);
    const before = Number(seq.rows[0]!.v);
    const r = await sql<{ inserted: number; total: number }>`
      with w as (
        insert into case_record (type, ${cols}, is_demo, source, updated_by)
        select ${type}, t.*, ${p.isDemo ?? false}, ${p.source}, ${p.actor} from unnest(${sql.join(arrays)}) as t(${cols})
        on conflict (type, external_id) do update set ${set} where ${changed}
        returning id > ${before} as ins)
      select (count(*) filter (where ins))::int as inserted, count(*)::int as total from w`.execute(db);
    inserted += r.rows[0]!.inserted; updated += r.rows[0]!.total - r.rows[0]!.inserted;
  }
  return { inserted, updated };
}

/** Unit staff may not overwrite another unit's records (same external id). */
async function checkOwnership(db: Kysely<Database>, type: RecordType, records: ParsedRecord[], unitIds: number[] | undefined, file: string | undefined): Promise<InputProblem[]> {
  if (!unitIds) return [];
  const problems: InputProblem[] = [];
  for (let i = 0; i < records.length; i += 10_000) {
    const ids = records.slice(i, i + 10_000).map((r) => r.externalId);
    const other = await db.selectFrom('case_record').select(['external_id', 'unit_id']).where('type', '=', type).where('external_id', 'in', ids)
      .where((eb) => eb.or([eb('unit_id', 'is', null), eb('unit_id', 'not in', unitIds.length ? unitIds : [-1])])).execute();
    for (const o of other) problems.push({ file, field: RECORD_SPECS[type].idLabel, message: `“${o.external_id}”是其他单位（或未指定单位）的记录，不能覆盖` });
  }
  return problems;
}

/**
 * Imports records of one type, all or nothing: every row is checked first (columns, dates, end before
 * start, numbers, duplicate ids, units) and any problem rejects the whole input with row-level
 * problems. Then the records are written in one transaction and the indicators over this record type
 * are recomputed.
 */
export async function importRecords(db: Kysely<Database>, p: { type: string; table: string[][]; file?: string; uploader: Uploader; source?: string; isDemo?: boolean; recompute?: boolean }): Promise<ImportResult> {
  const resolveUnit = await unitResolver(db);
  const { records, problems } = validateRows(p.type, p.table, {
    file: p.file, resolveUnit, allowedUnitIds: p.uploader.unitIds, defaultUnitId: p.uploader.unitIds?.length === 1 ? p.uploader.unitIds[0] : null,
  });
  if (!problems.length && p.uploader.unitIds && records.some((r) => r.unitId === null)) {
    records.forEach((r, i) => { if (r.unitId === null) problems.push({ file: p.file, row: i + 2, field: '责任单位', message: '您负责多个单位，请填写责任单位' }); });
  }
  if (!problems.length) problems.push(...await checkOwnership(db, p.type as RecordType, records, p.uploader.unitIds, p.file));
  if (problems.length) throw new InputRejectedError(`${p.file ?? '数据'}：${problems.length} 处错误，未导入任何记录`, problems);
  const type = p.type as RecordType;
  const w = await db.transaction().execute(async (trx) => {
    const r = await upsertRecords(trx, type, records, { actor: p.uploader.actor, source: p.source ?? p.file ?? 'api', isDemo: p.isDemo });
    if (r.inserted + r.updated) await recordAudit(trx, { actor: p.uploader.actor, action: 'indicator.records.import', entity: 'case_record', entityId: type, after: { file: p.file ?? null, rows: records.length, ...r } });
    return r;
  });
  const years = new Set<number>();
  for (const r of records) for (const c of DATE_COLUMNS) { const v = r.values[c]; if (typeof v === 'string') years.add(Number(v.slice(0, 4))); }
  const recomputed = p.recompute === false ? { year: 0, asOf: '', definitions: [], seconds: 0 } : await recompute(db, { types: [type], extraYears: [...years] });
  return { type, rows: records.length, inserted: w.inserted, updated: w.updated, unchanged: records.length - w.inserted - w.updated, recomputed };
}

/** `importRecords` from an uploaded or local file (.csv / .xlsx). */
export async function importRecordFile(db: Kysely<Database>, p: { type: string; fileName: string; buffer: Buffer; uploader: Uploader; isDemo?: boolean }): Promise<ImportResult> {
  if (!isRecordType(p.type)) throw new InputRejectedError(`未知的记录类型“${p.type}”`, [{ file: p.fileName, message: `未知的记录类型“${p.type}”` }]);
  const table = await readTable(p.fileName, p.buffer);
  return importRecords(db, { type: p.type, table, file: p.fileName, uploader: p.uploader, isDemo: p.isDemo });
}
