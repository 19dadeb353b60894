/**
 * Work orders transferred from the city's 12345 platform (12345政务服务便民热线 转办工单), imported from a CSV/XLSX
 * export: the columns, their aliases, and the check of every row (all problems reported, in Chinese, naming row and
 * column; the store writes nothing when there is any). The 12345 types 咨询/求助/投诉/举报/建议 (国办发〔2020〕53号)
 * map onto the request categories: 求助 → 求决, 投诉 and 举报 → 投诉举报.
 */
import { checkCreditCode } from '../../enterprises/core/index.js';
import { REQUEST_CATEGORIES, type RequestCategory } from './limits.js';
import { phoneProblem } from './privacy.js';

export interface ImportColumn {
  key: 'externalId' | 'receivedOn' | 'category' | 'subject' | 'description' | 'contactName' | 'contactPhone' | 'creditCode' | 'address';
  header: string;
  aliases: string[];
  required: boolean;
  maxLength: number;
  note: string;
}

export const IMPORT_12345_COLUMNS: ImportColumn[] = [
  {
    key: 'externalId',
    header: '工单编号',
    aliases: ['工单号', '12345工单编号'],
    required: true,
    maxLength: 64,
    note: '12345 平台的工单编号，重复导入时据此跳过',
  },
  {
    key: 'receivedOn',
    header: '受理日期',
    aliases: ['受理时间', '来电时间', '登记时间'],
    required: true,
    maxLength: 30,
    note: '如 2026-11-30 或 2026/11/30 09:15',
  },
  {
    key: 'category',
    header: '诉求类别',
    aliases: ['诉求类型', '工单类型'],
    required: true,
    maxLength: 10,
    note: '咨询、求决（求助）、投诉举报（投诉、举报）、建议',
  },
  { key: 'subject', header: '诉求标题', aliases: ['标题', '主题'], required: true, maxLength: 100, note: '' },
  { key: 'description', header: '诉求内容', aliases: ['内容', '问题描述', '诉求描述'], required: true, maxLength: 5000, note: '' },
  { key: 'contactName', header: '联系人', aliases: ['来电人', '诉求人'], required: true, maxLength: 50, note: '' },
  { key: 'contactPhone', header: '联系电话', aliases: ['来电号码', '联系方式'], required: true, maxLength: 20, note: '手机号或带区号的固定电话' },
  {
    key: 'creditCode',
    header: '统一社会信用代码',
    aliases: ['所涉企业信用代码', '企业信用代码'],
    required: false,
    maxLength: 18,
    note: '选填：所涉企业，须在企业库中',
  },
  { key: 'address', header: '地址', aliases: ['事发地址', '企业地址'], required: false, maxLength: 200, note: '选填' },
];

const CATEGORY_ALIASES: Record<string, RequestCategory> = { 求助: '求决', 投诉: '投诉举报', 举报: '投诉举报' };

export type ImportRow = Record<ImportColumn['key'], string> & { category: RequestCategory; row: number };
export interface ImportProblem {
  row: number;
  field: string;
  message: string;
}

/** An ISO date from the 12345 export's date or date-time cell, or null. */
export function importDate(text: string): string | null {
  const m = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?(?:[ T]\d{1,2}:\d{2}(?::\d{2})?)?$/.exec(text.trim());
  if (!m) return null;
  const iso = `${m[1]}-${m[2]!.padStart(2, '0')}-${m[3]!.padStart(2, '0')}`;
  const d = new Date(`${iso}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === iso ? iso : null;
}

/**
 * Checks a table (the header first) against the columns: the header (unknown, duplicate and missing columns are
 * problems of row 1), then every row (blank required cells, lengths, dates, categories, phone numbers, a work-order
 * number twice in the file). `today` bounds the dates (a work order is not received in the future).
 */
export function checkImportTable(rows: { cells: string[]; row: number }[], today: string): { records: ImportRow[]; problems: ImportProblem[] } {
  const problems: ImportProblem[] = [];
  const [head, ...body] = rows;
  if (!head) return { records: [], problems: [{ row: 1, field: '表头', message: '文件为空' }] };
  const index = new Map<ImportColumn['key'], number>();
  head.cells.forEach((h, i) => {
    const name = h
      .trim()
      .replace(/\s+/g, '')
      .replace(/[（(].*[)）]$/, '');
    if (!name) return;
    const col = IMPORT_12345_COLUMNS.find((c) => c.header === name || c.aliases.includes(name));
    if (!col)
      problems.push({
        row: head.row,
        field: h.trim(),
        message: `无法识别的列“${h.trim()}”（可用的列：${IMPORT_12345_COLUMNS.map((c) => c.header).join('、')}）`,
      });
    else if (index.has(col.key)) problems.push({ row: head.row, field: col.header, message: `“${col.header}”列重复` });
    else index.set(col.key, i);
  });
  for (const c of IMPORT_12345_COLUMNS) if (c.required && !index.has(c.key)) problems.push({ row: head.row, field: c.header, message: `缺少“${c.header}”列` });
  if (problems.length) return { records: [], problems };
  if (body.length === 0) return { records: [], problems: [{ row: head.row, field: '表头', message: '只有表头，没有工单' }] };
  const seen = new Map<string, number>();
  const records: ImportRow[] = [];
  for (const r of body) {
    const v = {} as Record<ImportColumn['key'], string>;
    let ok = true;
    const bad = (col: ImportColumn, message: string) => {
      problems.push({ row: r.row, field: col.header, message });
      ok = false;
    };
    for (const c of IMPORT_12345_COLUMNS) {
      const i = index.get(c.key);
      const text = (i === undefined ? '' : (r.cells[i] ?? '')).trim();
      v[c.key] = text;
      if (c.required && !text) bad(c, `“${c.header}”不能为空`);
      else if (text.length > c.maxLength) bad(c, `“${c.header}”超过 ${c.maxLength} 个字符`);
    }
    const col = (k: ImportColumn['key']) => IMPORT_12345_COLUMNS.find((c) => c.key === k)!;
    if (v.receivedOn) {
      const d = importDate(v.receivedOn);
      if (!d) bad(col('receivedOn'), `“${v.receivedOn}”不是有效日期（如 2026-11-30）`);
      else if (d > today) bad(col('receivedOn'), `受理日期 ${d} 晚于今天`);
      else v.receivedOn = d;
    }
    let category: RequestCategory | null = null;
    if (v.category) {
      category = (REQUEST_CATEGORIES as readonly string[]).includes(v.category) ? (v.category as RequestCategory) : (CATEGORY_ALIASES[v.category] ?? null);
      if (!category) bad(col('category'), `未知的诉求类别“${v.category}”（应为咨询、求决、投诉举报或建议）`);
    }
    if (v.contactPhone) {
      const p = phoneProblem(v.contactPhone);
      if (p) bad(col('contactPhone'), p);
    }
    if (v.creditCode) {
      const check = checkCreditCode(v.creditCode);
      if (!check.valid) bad(col('creditCode'), `统一社会信用代码“${v.creditCode}”有误：${check.reason}`);
    }
    if (v.externalId) {
      const first = seen.get(v.externalId);
      if (first !== undefined) bad(col('externalId'), `工单编号“${v.externalId}”与第${first}行重复`);
      else seen.set(v.externalId, r.row);
    }
    if (ok && category) records.push({ ...v, creditCode: v.creditCode.toUpperCase(), category, row: r.row });
  }
  return { records, problems };
}
