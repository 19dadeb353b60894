import ExcelJS from 'exceljs';
import type { Kysely } from 'kysely';
import type { Database } from '../db/index.js';
import { InputRejectedError, type InputProblem } from '../shared/index.js';
import { readTable } from '../files/index.js';
import { normaliseEnterprise, parseQualifications, type EnterpriseInput } from './core/index.js';
import { upsertEnterprises } from './enterprise-store.js';

/** Import columns (first header row). Headers are matched after removing spaces and brackets' units. */
export const IMPORT_COLUMNS: Array<{ key: keyof EnterpriseInput; header: string; aliases: string[]; kind: 'text' | 'number' | 'date' | 'quals' }> = [
  { key: 'creditCode', header: '统一社会信用代码', aliases: ['信用代码', '社会信用代码'], kind: 'text' },
  { key: 'name', header: '企业名称', aliases: ['名称'], kind: 'text' },
  { key: 'legalForm', header: '企业类型', aliases: ['类型', '组织形式'], kind: 'text' },
  { key: 'registeredOn', header: '成立日期', aliases: ['注册日期', '登记日期'], kind: 'date' },
  { key: 'registeredCapital', header: '注册资本（万元）', aliases: ['注册资本'], kind: 'number' },
  { key: 'street', header: '所在街道', aliases: ['街道'], kind: 'text' },
  { key: 'industryCode', header: '行业代码', aliases: ['国民经济行业代码', '行业'], kind: 'text' },
  { key: 'employees', header: '从业人员', aliases: ['从业人数', '职工人数'], kind: 'number' },
  { key: 'revenue', header: '营业收入（万元）', aliases: ['营业收入'], kind: 'number' },
  { key: 'assets', header: '资产总额（万元）', aliases: ['资产总额'], kind: 'number' },
  { key: 'rdRatio', header: '研发投入占比（%）', aliases: ['研发投入占比', '研发费用占比'], kind: 'number' },
  { key: 'creditGrade', header: '信用等级', aliases: ['信用风险分类'], kind: 'text' },
  { key: 'qualifications', header: '资质', aliases: ['资质标签', '企业资质'], kind: 'quals' },
];

/** Rows an import file may have (the header not counted). */
export const MAX_IMPORT_ROWS = 200_000;

const norm = (h: string) => h.replace(/\s+/g, '').replace(/[（(].*?[）)]/g, '');

/** Reads rows into profiles; every problem names the row and column. */
export async function readEnterpriseFile(fileName: string, buffer: Buffer): Promise<{ rows: EnterpriseInput[]; problems: InputProblem[] }> {
  const [head, ...body] = await readTable(fileName, buffer, { maxRows: MAX_IMPORT_ROWS + 1 });
  const headerRow = head?.row ?? 1;
  const problems: InputProblem[] = [];
  const header = (head?.cells ?? []).map(norm);
  const colIndex = new Map<keyof EnterpriseInput, number>();
  for (const c of IMPORT_COLUMNS) {
    const i = header.findIndex((h) => h === norm(c.header) || c.aliases.map(norm).includes(h));
    if (i >= 0) colIndex.set(c.key, i);
  }
  for (const k of ['creditCode', 'name'] as const)
    if (!colIndex.has(k)) problems.push({ file: fileName, row: headerRow, field: IMPORT_COLUMNS.find((c) => c.key === k)!.header, message: '缺少此列' });
  if (problems.length) return { rows: [], problems };
  const rows: EnterpriseInput[] = [];
  const seen = new Map<string, number>();
  for (const { cells, row } of body) {
    const input: Record<string, unknown> = {};
    for (const c of IMPORT_COLUMNS) {
      const i = colIndex.get(c.key);
      const raw = i === undefined ? '' : (cells[i] ?? '').trim();
      if (c.kind === 'number') {
        if (raw === '') input[c.key] = null;
        else {
          const n = Number(raw.replace(/,/g, ''));
          if (Number.isFinite(n)) input[c.key] = n;
          else {
            problems.push({ file: fileName, row, field: c.header, message: `“${raw}”不是数字` });
            input[c.key] = null;
          }
        }
      } else if (c.kind === 'quals') input[c.key] = raw ? parseQualifications(raw) : [];
      else if (c.kind === 'date') input[c.key] = raw ? raw.replace(/[/.]/g, '-').replace(/-(\d)(?=-|$)/g, '-0$1') : null;
      else input[c.key] = raw;
    }
    const e = input as unknown as EnterpriseInput;
    const n = normaliseEnterprise(e);
    for (const p of n.problems) problems.push({ file: fileName, row, field: p.field, message: p.message });
    if (n.value) {
      const prev = seen.get(n.value.creditCode);
      if (prev) problems.push({ file: fileName, row, field: '统一社会信用代码', message: `与第${prev}行重复` });
      seen.set(n.value.creditCode, row);
    }
    rows.push(e);
  }
  if (!rows.length && !problems.length) problems.push({ file: fileName, message: '文件中没有企业数据' });
  return { rows, problems };
}

/** All-or-nothing: any row problem rejects the whole file; re-importing the same file changes nothing. */
export async function importEnterpriseFile(db: Kysely<Database>, p: { fileName: string; buffer: Buffer; actor: string; isDemo?: boolean }) {
  const { rows, problems } = await readEnterpriseFile(p.fileName, p.buffer);
  if (problems.length) throw new InputRejectedError(`${p.fileName}：${problems.length} 处错误，未导入任何数据`, problems);
  const r = await upsertEnterprises(db, rows, p.actor, { isDemo: p.isDemo, source: p.fileName });
  return { rows: r.rows, created: r.created, updated: r.updated, unchanged: r.unchanged };
}

/** A template workbook with the import columns (and one example row). */
export async function importTemplateXlsx(): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('企业');
  ws.addRow(IMPORT_COLUMNS.map((c) => c.header));
  ws.addRow([
    '91500103MA5U3XXXXJ',
    '重庆示例科技有限公司',
    '有限责任公司',
    '2019-05-20',
    500,
    '解放碑街道',
    '6510',
    45,
    1800,
    2600,
    6.5,
    'A',
    '高新技术企业(2023-11-01~2026-10-31)；科技型企业',
  ]);
  ws.columns.forEach((c) => {
    c.width = 18;
  });
  return Buffer.from(await wb.xlsx.writeBuffer());
}
