import type { InputProblem } from '../../shared/errors.js';
import { isRecordType, RECORD_SPECS, RECORD_TYPES, UNIT_ALIASES, UNIT_LABEL, type FieldSpec, type RecordColumn, type RecordType } from './record-types.js';

export type RecordValue = string | number | boolean | null;

export interface ParsedRecord {
  externalId: string;
  /** Unit id, or null when the file leaves the unit blank (the measure's lead unit is then responsible). */
  unitId: number | null;
  values: Partial<Record<RecordColumn, RecordValue>>;
}

export interface RowContext {
  file?: string;
  /** Unit name (or alias) → id; undefined when unknown. */
  resolveUnit: (name: string) => number | undefined;
  /** Units the uploader may file records for (unit staff); undefined: any unit. */
  allowedUnitIds?: number[];
  /** Unit to put on rows that leave the unit blank (a unit staff member with one unit). */
  defaultUnitId?: number | null;
}

const norm = (s: string) => s.replace(/[\s\uFEFF]+/g, '').replace(/\(/g, '（').replace(/\)/g, '）');

/** ISO date from the usual spellings (2021-10-08, 2021/10/8, 2021.10.8, 2021年10月8日); null when not a real date. */
const dateCache = new Map<string, string | null>();
export function parseDate(text: string): string | null {
  // Files repeat the same few hundred dates: remember the answers (bounded).
  const hit = dateCache.get(text);
  if (hit !== undefined) return hit;
  const v = parseDateUncached(text);
  if (dateCache.size > 20_000) dateCache.clear();
  dateCache.set(text, v);
  return v;
}

function parseDateUncached(text: string): string | null {
  const m = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$/.exec(text.trim());
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const dt = new Date(Date.UTC(y, mo - 1, d));
  if (dt.getUTCFullYear() !== y || dt.getUTCMonth() !== mo - 1 || dt.getUTCDate() !== d) return null;
  return `${m[1]}-${String(mo).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

const TRUE = new Set(['是', '有', 'y', 'yes', 'true', '1', '√']);
const FALSE = new Set(['否', '无', 'n', 'no', 'false', '0', '×']);
export function parseBool(text: string): boolean | null {
  const t = text.trim().toLowerCase();
  return TRUE.has(t) ? true : FALSE.has(t) ? false : null;
}

/** The header row mapped to columns: unknown and missing columns are problems (row 1). */
export function mapHeader(type: RecordType, header: string[], file?: string): { columns: Array<FieldSpec | 'id' | 'unit' | null>; problems: InputProblem[] } {
  const spec = RECORD_SPECS[type];
  const problems: InputProblem[] = [];
  const seen = new Set<string>();
  const columns = header.map((raw) => {
    const h = norm(String(raw ?? ''));
    if (!h) return null;
    let hit: FieldSpec | 'id' | 'unit' | undefined;
    if (h === norm(spec.idLabel) || h === '编号' || h === 'external_id') hit = 'id';
    else if (h === UNIT_LABEL || UNIT_ALIASES.includes(h) || h === 'unit') hit = 'unit';
    else hit = spec.fields.find((f) => norm(f.label) === h || f.key === h || (f.aliases ?? []).some((a) => norm(a) === h));
    if (!hit) { problems.push({ file, row: 1, field: String(raw), message: `不是“${spec.label}”的列（可用的列：${[spec.idLabel, UNIT_LABEL, ...spec.fields.map((f) => f.label)].join('、')}）` }); return null; }
    const k = typeof hit === 'string' ? hit : hit.key;
    if (seen.has(k)) problems.push({ file, row: 1, field: String(raw), message: '列重复' });
    seen.add(k);
    return hit;
  });
  if (!seen.has('id')) problems.push({ file, row: 1, field: spec.idLabel, message: '缺少此列' });
  for (const f of spec.fields) if (f.required && !seen.has(f.key)) problems.push({ file, row: 1, field: f.label, message: '缺少此列' });
  return { columns, problems };
}

/**
 * Checks a whole table (header + rows) of one record type. Every problem is reported with its row
 * (file row number: the header is row 1) and field; the caller imports nothing when there is any.
 */
export function validateRows(type: string, table: string[][], ctx: RowContext): { records: ParsedRecord[]; problems: InputProblem[] } {
  const file = ctx.file;
  if (!isRecordType(type)) return { records: [], problems: [{ file, message: `未知的记录类型“${type}”（可用：${RECORD_TYPES.map((t) => `${t} ${RECORD_SPECS[t].label}`).join('、')}）` }] };
  const spec = RECORD_SPECS[type];
  if (table.length === 0) return { records: [], problems: [{ file, message: '文件为空' }] };
  const { columns, problems } = mapHeader(type, table[0]!, file);
  if (problems.length) return { records: [], problems };
  const records: ParsedRecord[] = [];
  const firstRow = new Map<string, number>();
  for (let i = 1; i < table.length; i++) {
    const cells = table[i]!;
    if (cells.every((c) => !String(c ?? '').trim())) continue;
    const row = i + 1;
    const at = (field: string, message: string) => problems.push({ file, row, field, message });
    if (cells.length > columns.length && cells.slice(columns.length).some((c) => String(c ?? '').trim())) at('', `有${cells.length}列数据，表头只有${columns.length}列`);
    const rec: ParsedRecord = { externalId: '', unitId: null, values: {} };
    let unitText = '';
    columns.forEach((col, j) => {
      if (!col) return;
      const text = String(cells[j] ?? '').trim();
      if (col === 'id') { rec.externalId = text; return; }
      if (col === 'unit') { unitText = text; return; }
      if (text === '') { rec.values[col.key] = null; return; }
      switch (col.kind) {
        case 'text': rec.values[col.key] = text; break;
        case 'date': { const d = parseDate(text); if (!d) at(col.label, `“${text}”不是有效日期（YYYY-MM-DD）`); rec.values[col.key] = d; break; }
        case 'number': { const n = Number(text.replace(/,/g, '')); if (!Number.isFinite(n) || n < 0) at(col.label, `“${text}”不是非负数`); rec.values[col.key] = Number.isFinite(n) ? n : null; break; }
        case 'bool': { const b = parseBool(text); if (b === null) at(col.label, `“${text}”应为 是 或 否`); rec.values[col.key] = b; break; }
        case 'enum': { const v = col.values![text]; if (!v) at(col.label, `“${text}”应为 ${[...new Set(Object.keys(col.values!))].join('/')}`); rec.values[col.key] = v ?? null; break; }
      }
    });
    if (!rec.externalId) at(spec.idLabel, '不能为空');
    else if (rec.externalId.length > 100) at(spec.idLabel, '超过100个字符');
    else if (firstRow.has(rec.externalId)) at(spec.idLabel, `“${rec.externalId}”与第${firstRow.get(rec.externalId)}行重复`);
    else firstRow.set(rec.externalId, row);
    for (const f of spec.fields) {
      const v = rec.values[f.key];
      if (f.required && (v === null || v === undefined) && !problems.some((p) => p.row === row && p.field === f.label)) at(f.label, '不能为空');
      if (f.notBefore && typeof v === 'string') {
        const before = rec.values[f.notBefore];
        if (typeof before === 'string' && v < before) at(f.label, `${v} 早于${spec.fields.find((x) => x.key === f.notBefore)!.label} ${before}`);
      }
      if (f.notAbove && typeof v === 'number') {
        const above = rec.values[f.notAbove];
        if (typeof above === 'number' && v > above) at(f.label, `${v} 大于${spec.fields.find((x) => x.key === f.notAbove)!.label} ${above}`);
      }
    }
    if (unitText) {
      const id = ctx.resolveUnit(unitText);
      if (id === undefined) at(UNIT_LABEL, `单位名录中没有“${unitText}”`);
      else if (ctx.allowedUnitIds && !ctx.allowedUnitIds.includes(id)) at(UNIT_LABEL, `无权填报“${unitText}”的记录（只能填报本单位的）`);
      else rec.unitId = id;
    } else rec.unitId = ctx.defaultUnitId ?? null;
    records.push(rec);
  }
  if (records.length === 0 && problems.length === 0) problems.push({ file, message: '没有数据行' });
  return { records, problems };
}

/** A template (header row) for a record type, for the upload page and `bizenv cases template`. */
export function templateHeader(type: RecordType): string[] {
  const spec = RECORD_SPECS[type];
  return [spec.idLabel, UNIT_LABEL, ...spec.fields.map((f) => f.label)];
}
