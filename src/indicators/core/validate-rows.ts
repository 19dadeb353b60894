import type { InputProblem } from '../../shared/index.js';
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

const norm = (s: string) =>
  s
    .replace(/[\s\uFEFF]+/g, '')
    .replace(/\(/g, '（')
    .replace(/\)/g, '）');

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
    if (!hit) {
      problems.push({
        file,
        row: 1,
        field: String(raw),
        message: `不是“${spec.label}”的列（可用的列：${[spec.idLabel, UNIT_LABEL, ...spec.fields.map((f) => f.label)].join('、')}）`,
      });
      return null;
    }
    const k = typeof hit === 'string' ? hit : hit.key;
    if (seen.has(k)) problems.push({ file, row: 1, field: String(raw), message: '列重复' });
    seen.add(k);
    return hit;
  });
  if (!seen.has('id')) problems.push({ file, row: 1, field: spec.idLabel, message: '缺少此列' });
  for (const f of spec.fields) if (f.required && !seen.has(f.key)) problems.push({ file, row: 1, field: f.label, message: '缺少此列' });
  return { columns, problems };
}

export interface RowChecker {
  /** Columns of `case_record` the file provides (besides the id and the unit). */
  present: RecordColumn[];
  /** Every problem found so far (header problems first); the caller imports nothing when there is any. */
  problems: InputProblem[];
  /** Checks one data row (file row number `row`, the header being row 1); null for a blank row. */
  check(cells: readonly string[], row: number): ParsedRecord | null;
  /** File row of an external id checked so far. */
  rowOf(id: string): number | undefined;
}

type Cell = (text: string, rec: ParsedRecord, at: (field: string, message: string) => void) => void;

/** One converter per header column, decided once per file (the row loop runs a million times). */
function cellFor(col: FieldSpec | 'id' | 'unit' | null, unitText: { v: string }): Cell | null {
  if (!col) return null;
  if (col === 'id')
    return (t, rec) => {
      rec.externalId = t;
    };
  if (col === 'unit')
    return (t) => {
      unitText.v = t;
    };
  const k = col.key,
    label = col.label;
  switch (col.kind) {
    case 'text':
      return (t, rec) => {
        rec.values[k] = t === '' ? null : t;
      };
    case 'date':
      return (t, rec, at) => {
        if (t === '') {
          rec.values[k] = null;
          return;
        }
        const d = parseDate(t);
        if (!d) at(label, `“${t}”不是有效日期（YYYY-MM-DD）`);
        rec.values[k] = d;
      };
    case 'number':
      return (t, rec, at) => {
        if (t === '') {
          rec.values[k] = null;
          return;
        }
        const n = Number(t.replace(/,/g, ''));
        if (!Number.isFinite(n) || n < 0) at(label, `“${t}”不是非负数`);
        else if (n >= 1e12) at(label, `“${t}”超出范围（应小于一万亿）`);
        rec.values[k] = Number.isFinite(n) && n < 1e12 ? n : null;
      };
    case 'bool':
      return (t, rec, at) => {
        if (t === '') {
          rec.values[k] = null;
          return;
        }
        const b = parseBool(t);
        if (b === null) at(label, `“${t}”应为 是 或 否`);
        rec.values[k] = b;
      };
    case 'enum': {
      const values = col.values!;
      const allowed = [...new Set(Object.keys(values))].join('/');
      return (t, rec, at) => {
        if (t === '') {
          rec.values[k] = null;
          return;
        }
        const v = Object.hasOwn(values, t) ? values[t] : undefined; // never Object.prototype's keys (constructor, toString …)
        if (!v) at(label, `“${t}”应为 ${allowed}`);
        rec.values[k] = v ?? null;
      };
    }
  }
}

/**
 * The row rules of a record type for one file's header: wrong/missing/duplicate columns (row 1), then per
 * row dates, numbers, 是/否, enum values, required fields, end before start, amounts above their bound,
 * duplicate ids within the file and units (unknown, or not the uploader's).
 */
export function createRowChecker(type: RecordType, header: readonly string[], ctx: RowContext): RowChecker {
  const file = ctx.file;
  const spec = RECORD_SPECS[type];
  const { columns, problems } = mapHeader(type, header as string[], file);
  const present = columns.filter((c): c is FieldSpec => typeof c === 'object' && c !== null).map((c) => c.key);
  const unitText = { v: '' };
  const cells = columns.map((c) => cellFor(c, unitText));
  const required = spec.fields.filter((f) => f.required);
  const ordered = spec.fields.filter((f) => f.notBefore || f.notAbove);
  const labelOf = (k: RecordColumn) => spec.fields.find((x) => x.key === k)!.label;
  const firstRow = new Map<string, number>();
  const width = columns.length;
  // The current row's number and the fields that already have a problem (one closure per file, not per row).
  let row = 0;
  let rowFields: Set<string> | null = null;
  const at = (field: string, message: string) => {
    problems.push({ file, row, field, message });
    (rowFields ??= new Set()).add(field);
  };
  const check = (raw: readonly string[], rowNumber: number): ParsedRecord | null => {
    let blank = true;
    for (let j = 0; j < raw.length; j++) {
      const c = raw[j];
      if (c && (typeof c !== 'string' || c.trim())) {
        blank = false;
        break;
      }
    }
    if (blank) return null;
    row = rowNumber;
    rowFields = null;
    if (raw.length > width && raw.slice(width).some((c) => String(c ?? '').trim())) at('', `有${raw.length}列数据，表头只有${width}列`);
    const rec: ParsedRecord = { externalId: '', unitId: null, values: {} };
    unitText.v = '';
    for (let j = 0; j < width; j++) {
      const f = cells[j];
      if (f) {
        const c = raw[j];
        f(typeof c === 'string' ? c.trim() : c === undefined || c === null ? '' : String(c).trim(), rec, at);
      }
    }
    const id = rec.externalId;
    if (!id) at(spec.idLabel, '不能为空');
    else if (id.length > 100) at(spec.idLabel, '超过100个字符');
    else {
      const first = firstRow.get(id);
      if (first !== undefined) at(spec.idLabel, `“${id}”与第${first}行重复`);
      else firstRow.set(id, row);
    }
    for (const f of required) {
      const v = rec.values[f.key];
      if ((v === null || v === undefined) && !(rowFields as Set<string> | null)?.has(f.label)) at(f.label, '不能为空');
    }
    for (const f of ordered) {
      const v = rec.values[f.key];
      if (f.notBefore && typeof v === 'string') {
        const before = rec.values[f.notBefore];
        if (typeof before === 'string' && v < before) at(f.label, `${v} 早于${labelOf(f.notBefore)} ${before}`);
      }
      if (f.notAbove && typeof v === 'number') {
        const above = rec.values[f.notAbove];
        if (typeof above === 'number' && v > above) at(f.label, `${v} 大于${labelOf(f.notAbove)} ${above}`);
      }
    }
    const u = unitText.v;
    if (u) {
      const uid = ctx.resolveUnit(u);
      if (uid === undefined) at(UNIT_LABEL, `单位名录中没有“${u}”`);
      else if (ctx.allowedUnitIds && !ctx.allowedUnitIds.includes(uid)) at(UNIT_LABEL, `无权填报“${u}”的记录（只能填报本单位的）`);
      else rec.unitId = uid;
    } else {
      rec.unitId = ctx.defaultUnitId ?? null;
      // Unit staff file for their own units: with several, the row must say which.
      if (ctx.allowedUnitIds && rec.unitId === null) at(UNIT_LABEL, '您负责多个单位，请填写责任单位');
    }
    return rec;
  };
  return { present, problems, check, rowOf: (id) => firstRow.get(id) };
}

/**
 * Checks a whole table (header + rows) of one record type. Every problem is reported with its row
 * (file row number: the header is row 1) and field; the caller imports nothing when there is any.
 */
export function validateRows(type: string, table: string[][], ctx: RowContext): { records: ParsedRecord[]; problems: InputProblem[] } {
  const file = ctx.file;
  if (!isRecordType(type)) return { records: [], problems: [unknownTypeProblem(type, file)] };
  if (table.length === 0) return { records: [], problems: [{ file, message: '文件为空' }] };
  const checker = createRowChecker(type, table[0]!, ctx);
  if (checker.problems.length) return { records: [], problems: checker.problems };
  const records: ParsedRecord[] = [];
  for (let i = 1; i < table.length; i++) {
    const r = checker.check(table[i]!, i + 1);
    if (r) records.push(r);
  }
  if (records.length === 0 && checker.problems.length === 0) checker.problems.push({ file, message: '没有数据行' });
  return { records, problems: checker.problems };
}

export function unknownTypeProblem(type: string, file?: string): InputProblem {
  return { file, message: `未知的记录类型“${type}”（可用：${RECORD_TYPES.map((t) => `${t} ${RECORD_SPECS[t].label}`).join('、')}）` };
}

/** A template (header row) for a record type, for the upload page and `bizenv cases template`. */
export function templateHeader(type: RecordType): string[] {
  const spec = RECORD_SPECS[type];
  return [spec.idLabel, UNIT_LABEL, ...spec.fields.map((f) => f.label)];
}
