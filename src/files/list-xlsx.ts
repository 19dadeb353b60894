import ExcelJS from 'exceljs';

/**
 * The one writer of list exports (.xlsx): every "导出 Excel" of a list page (ledger tasks, reports, orders,
 * enterprises, the 应享尽享 firms not yet applied …) goes through `writeListXlsx`, so they all look alike:
 *
 * - row 1: the title; row 2: the filters applied and the export time (Beijing time); row 3: the Chinese
 *   headers (bold, frozen, with Excel's filter buttons); the rows from row 4 on, in the order the page shows;
 * - dates are Excel dates (`yyyy-mm-dd`), not text, numbers are numbers, and every column has a width.
 */
export type ListCell = string | number | boolean | null | undefined;

export interface ListColumn<T> {
  header: string;
  /** Column width in characters (a Chinese character counts as about 2). */
  width: number;
  /** `date`: an ISO day `YYYY-MM-DD`, written as an Excel date. */
  kind?: 'text' | 'number' | 'date';
  value: (row: T) => ListCell;
}

export interface ListSheet<T> {
  /** Worksheet name (at most 31 characters, no []:*?/\). */
  sheet: string;
  title: string;
  /** The filters and sort of the list, as the page names them: `['单位：区政务服务办', '排序：编号']`. */
  filters: string[];
  columns: Array<ListColumn<T>>;
  rows: readonly T[];
}

const ISO_DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** `2021-09-30` → the Date Excel stores as that day (exceljs writes dates in UTC). Anything else: unchanged. */
function cellValue(kind: 'text' | 'number' | 'date' | undefined, v: ListCell): ExcelJS.CellValue {
  if (v === undefined || v === null || v === '') return null;
  if (kind === 'date' && typeof v === 'string') {
    const m = ISO_DAY.exec(v);
    return m ? new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]))) : v;
  }
  return v;
}

/** The time of export as people in China read it: `2026-11-30 12:37`. */
export function beijingTime(at: Date): string {
  return new Date(at.getTime() + 8 * 3600_000).toISOString().slice(0, 16).replace('T', ' ');
}

const safeSheetName = (s: string) => s.replace(/[[\]:*?/\\]/g, ' ').slice(0, 31) || 'Sheet1';

/** Writes a list as a workbook of one worksheet. */
export async function writeListXlsx<T>(s: ListSheet<T>, exportedAt = new Date()): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'bizenv';
  wb.created = exportedAt;
  wb.modified = exportedAt;
  const ws = wb.addWorksheet(safeSheetName(s.sheet), { views: [{ state: 'frozen', ySplit: 3 }] });
  const n = Math.max(1, s.columns.length);
  ws.columns = s.columns.map((c) => ({ width: c.width }));
  ws.mergeCells(1, 1, 1, n);
  ws.getCell(1, 1).value = s.title;
  ws.getCell(1, 1).font = { bold: true, size: 14 };
  ws.mergeCells(2, 1, 2, n);
  const filters = s.filters.length ? s.filters.join('；') : '全部';
  ws.getCell(2, 1).value = `筛选条件：${filters}　共 ${s.rows.length} 条　导出时间：${beijingTime(exportedAt)}（北京时间）`;
  ws.getCell(2, 1).font = { color: { argb: 'FF595959' } };
  const header = ws.getRow(3);
  s.columns.forEach((c, i) => {
    const cell = header.getCell(i + 1);
    cell.value = c.header;
    cell.font = { bold: true };
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFF2F2F2' } };
    cell.border = { bottom: { style: 'thin' } };
  });
  s.columns.forEach((c, i) => {
    const col = ws.getColumn(i + 1);
    if (c.kind === 'date') col.numFmt = 'yyyy-mm-dd';
  });
  for (const r of s.rows) {
    const row = ws.addRow(s.columns.map((c) => cellValue(c.kind, c.value(r))));
    row.alignment = { vertical: 'top', wrapText: true };
  }
  if (s.columns.length) ws.autoFilter = { from: { row: 3, column: 1 }, to: { row: 3, column: s.columns.length } };
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** `2021-09` style file name parts are kept; characters a file system refuses become `_`. */
export const exportFileName = (title: string, at = new Date()) =>
  `${title.replace(/[\\/:*?"<>|\s]+/g, '_')}-${beijingTime(at).slice(0, 10).replaceAll('-', '')}.xlsx`;
