import path from 'node:path';
import { isMainThread } from 'node:worker_threads';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { InputRejectedError } from '../shared/index.js';
import { checkZip } from './zip-guard.js';
import { runInWorker } from './worker.js';

/**
 * The one reader of uploaded tables (.csv and .xlsx) behind every import: rows of string cells with
 * their row number in the file, blank rows skipped (their numbers kept, so problems name the row a
 * person sees in Excel).
 *
 * - CSV: UTF-8 with or without BOM, else GB18030 (as Excel saves "CSV" on Chinese Windows), decided
 *   on the whole file. A file without quotes is read lazily (a million rows are never held as a
 *   million arrays); a quoted one through csv-parse.
 * - XLSX: the first sheet (or the one named `sheet`). Dates become YYYY-MM-DD as shown in the cell,
 *   rich text its text, hyperlinks their text, formulas their cached result, errors their code (#N/A).
 * - Bounded: more rows, columns or longer cells than the limits reject the file.
 *
 * @example
 *   for (const { cells, row } of await readTableRows('企业.xlsx', buffer, { maxRows: 100_000 })) …
 */
export interface TableRow {
  cells: string[];
  /** Row number in the file (1 = first line / first sheet row). */
  row: number;
}

export interface TableLimits {
  /** Rows (blank rows not counted); default 1,000,000. */
  maxRows?: number;
  /** Cells per row; default 500. */
  maxColumns?: number;
  /** Characters per cell; default 32,767 (Excel's own limit). */
  maxCellLength?: number;
}
export interface ReadTableOptions extends TableLimits {
  /** XLSX: the sheet to read by name (falls back to the first sheet). */
  sheet?: string;
}

export const TABLE_LIMITS: Required<TableLimits> = { maxRows: 1_000_000, maxColumns: 500, maxCellLength: 32_767 };

const rejected = (file: string, message: string, row?: number) =>
  new InputRejectedError(`${file}：${row !== undefined ? `第${row}行` : ''}${message}`, [{ file, ...(row !== undefined ? { row } : {}), message }]);

/**
 * Text of a CSV file, the encoding decided on the whole file by one rule:
 * - valid UTF-8 (with or without BOM) → UTF-8;
 * - mostly UTF-8 (at least ten correctly encoded non-ASCII characters for each invalid sequence) →
 *   a UTF-8 file with damaged bytes: refused, naming the rows that hold them (never silently garbled);
 * - otherwise GB18030 (Excel's “CSV” on Chinese Windows); bytes that are not GB18030 either are
 *   refused the same way.
 */
export function decodeCsv(buffer: Uint8Array, fileName = 'file.csv'): string {
  const bytes = Buffer.from(buffer.buffer, buffer.byteOffset, buffer.byteLength);
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes); // drops a UTF-8 BOM
  } catch {
    const lenient = new TextDecoder('utf-8').decode(bytes);
    let bad = 0;
    let good = 0;
    for (const ch of lenient) {
      if (ch === '\ufffd') bad++;
      else if (ch.charCodeAt(0) > 0x7f) good++;
    }
    if (good >= 10 * bad) throw undecodable(fileName, lenient, 'UTF-8');
    text = iconv.decode(bytes, 'gb18030');
    if (text.includes('\ufffd')) throw undecodable(fileName, text, 'GB18030');
  }
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/** The rows holding bytes that the file's encoding cannot decode (at most 20 named). */
function undecodable(file: string, text: string, encoding: string): InputRejectedError {
  const rows = text
    .split('\n')
    .flatMap((line, i) => (line.includes('\ufffd') ? [i + 1] : []))
    .slice(0, 20);
  const message = `含有无法按 ${encoding} 识别的字节（文件可能已损坏，请重新导出为 UTF-8 或 GB18030 编码的 CSV）`;
  return new InputRejectedError(
    `${file}：第${rows.join('、')}行${message}`,
    rows.map((row) => ({ file, row, message })),
  );
}

const isBlank = (cells: string[]) => cells.every((c) => c.trim() === '');

/** Checks one row against the limits (the row count is checked by the caller). */
function checkRow(file: string, r: TableRow, limits: Required<TableLimits>): TableRow {
  if (r.cells.length > limits.maxColumns) throw rejected(file, `超过 ${limits.maxColumns} 列`, r.row);
  for (const [i, c] of r.cells.entries()) if (c.length > limits.maxCellLength) throw rejected(file, `第${i + 1}列超过 ${limits.maxCellLength} 个字符`, r.row);
  return r;
}

/** Rows of a CSV text without quotes, lazily; blank lines are skipped but keep their number. */
function* plainCsvRows(file: string, text: string, limits: Required<TableLimits>): Generator<TableRow> {
  let start = 0,
    row = 0,
    count = 0;
  while (start < text.length) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    row++;
    const line = text.charCodeAt(end - 1) === 13 ? text.slice(start, end - 1) : text.slice(start, end);
    start = end + 1;
    if (line.trim() === '') continue;
    const cells = line.split(',');
    if (isBlank(cells)) continue;
    if (++count > limits.maxRows) throw rejected(file, `超过 ${limits.maxRows} 行，请分批导入`);
    yield checkRow(file, { cells, row }, limits);
  }
}

function csvRows(file: string, buffer: Buffer, limits: Required<TableLimits>): Iterable<TableRow> {
  const text = decodeCsv(buffer, file);
  if (!text.includes('"')) return plainCsvRows(file, text, limits);
  let records: Array<{ record: string[]; info: { lines: number } }>;
  try {
    records = parse(text, { relaxColumnCount: true, skipEmptyLines: true, info: true });
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    throw new InputRejectedError(`${file}：不是有效的 CSV 文件（${message}）`, [{ file, message }]);
  }
  const out: TableRow[] = [];
  for (const r of records) {
    if (isBlank(r.record)) continue;
    if (out.length >= limits.maxRows) throw rejected(file, `超过 ${limits.maxRows} 行，请分批导入`);
    out.push(checkRow(file, { cells: r.record, row: r.info.lines }, limits));
  }
  return out;
}

/** ISO date of a cell date: Excel dates have no time zone, so the date shown in the cell (China time for its users) is the Date's UTC date. */
const cellDate = (d: Date) => (Number.isNaN(d.getTime()) ? '' : d.toISOString().slice(0, 10));

/** The text of an exceljs cell value (what a person sees in the cell). */
export function cellText(v: ExcelJS.CellValue | undefined): string {
  if (v === null || v === undefined) return '';
  if (v instanceof Date) return cellDate(v);
  if (typeof v !== 'object') return String(v);
  if ('richText' in v) return v.richText.map((t) => t.text).join('');
  if ('formula' in v || 'sharedFormula' in v) return cellText(v.result as ExcelJS.CellValue | undefined);
  if ('error' in v) return String(v.error);
  if ('text' in v) return typeof v.text === 'string' ? v.text : cellText(v.text as ExcelJS.CellValue);
  return '';
}

async function xlsxRows(file: string, buffer: Buffer, limits: Required<TableLimits>, sheet?: string): Promise<TableRow[]> {
  try {
    await checkZip(buffer, file); // a zip bomb is refused before exceljs inflates it
  } catch (e) {
    if (e instanceof InputRejectedError && e.message.includes('不是有效的 Office 文件')) throw rejected(file, '不是有效的 Excel 文件（.xlsx）');
    throw e;
  }
  // exceljs works for seconds on a large sheet: in a worker thread, so other requests are answered meanwhile
  // (already in one, e.g. an import checking its rows there: parsed right here).
  if (!isMainThread) return parseXlsxRows(file, buffer, limits, sheet);
  return runInWorker<TableRow[]>(new URL(import.meta.url), 'parseXlsxRows', [file, buffer, limits, sheet]);
}

/** The rows of a sheet of an .xlsx already through the zip guard (run in a worker by `xlsxRows`). */
export async function parseXlsxRows(file: string, data: Uint8Array, limits: Required<TableLimits>, sheet?: string): Promise<TableRow[]> {
  const buffer = Buffer.from(data.buffer, data.byteOffset, data.byteLength);
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(buffer as unknown as ArrayBuffer);
  } catch {
    throw rejected(file, '不是有效的 Excel 文件（.xlsx）');
  }
  const ws = (sheet ? wb.getWorksheet(sheet) : undefined) ?? wb.worksheets[0];
  const out: TableRow[] = [];
  if (!ws) return out;
  if (ws.actualRowCount > limits.maxRows) throw rejected(file, `超过 ${limits.maxRows} 行，请分批导入`);
  ws.eachRow({ includeEmpty: false }, (r, n) => {
    if (r.cellCount > limits.maxColumns) throw rejected(file, `超过 ${limits.maxColumns} 列`, n);
    const cells: string[] = [];
    for (let i = 1; i <= r.cellCount; i++) cells.push(cellText(r.getCell(i).value));
    if (!isBlank(cells)) out.push(checkRow(file, { cells, row: n }, limits));
  });
  return out;
}

/**
 * Rows of a .csv (or .txt) or of a sheet of an .xlsx, with their row numbers. An unquoted CSV is read
 * lazily: a row over the limits then rejects the file while the rows are read.
 */
export async function readTableRows(fileName: string, buffer: Buffer, opts: ReadTableOptions = {}): Promise<Iterable<TableRow>> {
  const limits = { ...TABLE_LIMITS, ...opts };
  const ext = path.extname(fileName).toLowerCase();
  if (ext === '.csv' || ext === '.txt') return csvRows(fileName, buffer, limits);
  if (ext === '.xlsx') return xlsxRows(fileName, buffer, limits, opts.sheet);
  throw rejected(fileName, '只支持 .csv 和 .xlsx 文件');
}

/** Every row at once (for imports of bounded size that look at the header first). */
export async function readTable(fileName: string, buffer: Buffer, opts: ReadTableOptions = {}): Promise<TableRow[]> {
  return Array.from(await readTableRows(fileName, buffer, opts));
}

/** Rows of a table given as arrays of cells (the header first, as row 1), e.g. from a JSON body. */
export const tableRows = (table: string[][]): TableRow[] => table.map((cells, i) => ({ cells, row: i + 1 }));
