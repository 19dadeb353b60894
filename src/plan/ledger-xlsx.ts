import ExcelJS from 'exceljs';
import type { Kysely } from 'kysely';
import type { Database } from '../db/index.js';
import { readTable } from '../files/index.js';
import { InputRejectedError, type InputProblem } from '../shared/index.js';
import type { ParsedMeasure, ParsedPlan } from './core/types.js';
import { createUnitDirectory, storedUnitEntries } from '../units/index.js';
import { getCurrentParsed, getPlan } from './plan-read.js';
import { importPlan, type ImportPlanProgress, type ImportPlanResult } from './plan-store.js';
import { formatDeadline, formatTarget, parseDeadlineLine, parseTargetLine, splitLines, splitUnits } from './ledger-format.js';

/** The standard columns of a 改革台账 as district offices keep it. */
export const LEDGER_COLUMNS = ['序号', '任务', '具体措施', '牵头单位', '责任单位', '完成时限', '量化目标'] as const;
const RELATED = '等相关部门';

function measuresOf(plan: ParsedPlan): ParsedMeasure[] {
  return plan.sections.flatMap((s) => s.subsections.flatMap((ss) => ss.measures));
}

export async function exportLedgerXlsx(db: Kysely<Database>, planId: number): Promise<{ buffer: Buffer; fileName: string }> {
  const plan = await getPlan(db, planId);
  const parsed = await getCurrentParsed(db, planId);
  const wb = new ExcelJS.Workbook();
  wb.creator = 'bizenv';
  const ws = wb.addWorksheet('改革台账', { views: [{ state: 'frozen', ySplit: 2 }] });
  ws.columns = [{ width: 6 }, { width: 22 }, { width: 60 }, { width: 18 }, { width: 30 }, { width: 24 }, { width: 40 }];
  ws.mergeCells(1, 1, 1, LEDGER_COLUMNS.length);
  const title = ws.getCell(1, 1);
  title.value = `${plan.title}改革台账（${plan.doc_number}，第${plan.current_revision}版）`;
  title.font = { bold: true, size: 14 };
  title.alignment = { horizontal: 'center' };
  const header = ws.getRow(2);
  LEDGER_COLUMNS.forEach((c, i) => {
    header.getCell(i + 1).value = c;
  });
  header.font = { bold: true };
  for (const m of measuresOf(parsed)) {
    const row = ws.addRow([
      m.number,
      m.title,
      m.text,
      m.leadUnits.join('、'),
      m.responsibleUnits.join('、') + (m.relatedDepartments ? RELATED : ''),
      m.deadlines.map(formatDeadline).join('\n'),
      m.targets.map(formatTarget).join('\n'),
    ]);
    row.alignment = { vertical: 'top', wrapText: true };
  }
  const buffer = Buffer.from(await wb.xlsx.writeBuffer());
  return { buffer, fileName: `${plan.doc_number}-改革台账.xlsx` };
}

export interface ImportLedgerParams {
  planId: number;
  buffer: Buffer;
  fileName: string;
  actor: string;
}

/**
 * Reads an edited ledger back. Every row is checked first; any problem rejects the whole file
 * with the list of problems (file, row, field). Otherwise the edits become a new plan revision.
 * Rows are matched to measures by 序号; a measure missing from the sheet is left as it was.
 */
export async function importLedgerXlsx(
  db: Kysely<Database>,
  p: ImportLedgerParams,
  hooks: ImportPlanProgress = {},
): Promise<ImportPlanResult & { rows: number }> {
  const { next, rows } = await checkLedgerXlsx(db, p);
  const result = await importPlan(db, { plan: next, sourceName: p.fileName, sourceKind: 'xlsx', actor: p.actor }, hooks);
  return { ...result, rows };
}

/**
 * Checks an edited ledger without writing: the plan it would make (the current one with the sheet's edits)
 * and its row count, or `InputRejectedError` with every row problem.
 */
export async function checkLedgerXlsx(db: Kysely<Database>, p: Omit<ImportLedgerParams, 'actor'>): Promise<{ next: ParsedPlan; rows: number }> {
  const current = await getCurrentParsed(db, p.planId);
  if (!/\.xlsx$/i.test(p.fileName)) throw new InputRejectedError(`${p.fileName}：应为 Excel（.xlsx）文件`, [{ file: p.fileName, message: '文件类型不符' }]);
  // The one table reader: zip guard first, the workbook parsed in a worker thread.
  const table = await readTable(p.fileName, p.buffer, { maxRows: 5_000 });
  const header = table.find((r) => r.row <= 10 && r.cells.some((c) => c.trim() === '序号'));
  const headerRow = header?.row ?? 0;
  const colOf = new Map<string, number>();
  header?.cells.forEach((c, i) => {
    if (c.trim() && !colOf.has(c.trim())) colOf.set(c.trim(), i);
  });
  const problems: InputProblem[] = [];
  const file = p.fileName;
  if (!headerRow) throw new InputRejectedError(`${file}：未找到表头行（应含“序号”）`, [{ file, message: '未找到表头行（应含“序号”）' }]);
  for (const c of LEDGER_COLUMNS) if (!colOf.has(c)) problems.push({ file, row: headerRow, field: c, message: `缺少列“${c}”` });
  if (problems.length) throw new InputRejectedError(`${file}：表头不符合台账格式`, problems);

  // Units: the built-in directory and every stored unit, with the aliases the office recorded by merging units.
  const directory = createUnitDirectory(await storedUnitEntries(db));
  const resolveUnit = (n: string) => directory.canonical(n);
  const next: ParsedPlan = structuredClone(current);
  const byNumber = new Map(measuresOf(next).map((m) => [m.number, m]));
  const seen = new Set<number>();
  let rows = 0;
  for (const { cells, row: r } of table) {
    if (r <= headerRow) continue;
    const get = (c: string) => (cells[colOf.get(c)!] ?? '').trim();
    if (LEDGER_COLUMNS.every((c) => get(c) === '')) continue;
    rows++;
    const at = (field: string, message: string) => problems.push({ file, row: r, field, message });
    const num = Number(get('序号'));
    if (!Number.isInteger(num) || num < 1) {
      at('序号', `应为措施序号（正整数），实际为“${get('序号')}”`);
      continue;
    }
    const m = byNumber.get(num);
    if (!m) {
      at('序号', `计划中没有第${num}条措施`);
      continue;
    }
    if (seen.has(num)) {
      at('序号', `第${num}条措施重复出现`);
      continue;
    }
    seen.add(num);
    const title = get('任务');
    const text = get('具体措施');
    if (!title) at('任务', '不能为空');
    if (!text) at('具体措施', '不能为空');
    const units = (field: '牵头单位' | '责任单位') => {
      let raw = get(field);
      let related = false;
      if (raw.endsWith(RELATED)) {
        related = true;
        raw = raw.slice(0, -RELATED.length);
      }
      const names: string[] = [];
      for (const n of splitUnits(raw)) {
        const c = resolveUnit(n);
        if (!c) at(field, `未知单位“${n}”（请使用单位名录中的名称）`);
        else names.push(c);
      }
      return { names, related };
    };
    const lead = units('牵头单位');
    const resp = units('责任单位');
    if (lead.names.length === 0 && !problems.some((x) => x.row === r && x.field === '牵头单位')) at('牵头单位', '至少填写一个牵头单位');
    const deadlines = splitLines(get('完成时限')).map((l) => {
      const d = parseDeadlineLine(l);
      if (typeof d === 'string') at('完成时限', d);
      return d;
    });
    const targets = splitLines(get('量化目标')).map((l) => {
      const t = parseTargetLine(l);
      if (typeof t === 'string') at('量化目标', t);
      return t;
    });
    if (problems.some((x) => x.row === r)) continue;
    m.title = title;
    m.text = text;
    m.leadUnits = lead.names;
    m.responsibleUnits = resp.names;
    m.relatedDepartments = lead.related || resp.related;
    m.deadlines = deadlines.filter((d): d is Exclude<typeof d, string> => typeof d !== 'string');
    // Keep a target's original phrase when its numbers are unchanged; a new or edited one reads as entered.
    m.targets = targets
      .filter((t): t is Exclude<typeof t, string> => typeof t !== 'string')
      .map((t) => {
        const old = m.targets.find((o) => o.metric === t.metric && o.op === t.op && o.value === t.value && o.unit === t.unit);
        return { ...t, text: old?.text ?? formatTarget(t) };
      });
  }
  if (problems.length) throw new InputRejectedError(`${file}：有 ${problems.length} 处错误，未导入任何内容`, problems);
  return { next, rows };
}
