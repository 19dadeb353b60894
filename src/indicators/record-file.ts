import path from 'node:path';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { InputRejectedError } from '../shared/index.js';

/** One row of an uploaded table with its row number in the file (the header is usually row 1). */
export interface TableRow {
  cells: string[];
  row: number;
}

const rejected = (file: string, message: string) => new InputRejectedError(`${file}：${message}`, [{ file, message }]);

/** Text of a CSV file: UTF-8 (with or without BOM), or GB18030 as Excel saves it on Chinese Windows. */
export function decodeCsv(buffer: Buffer): string {
  let text = buffer.toString('utf8');
  if (text.includes('\uFFFD')) text = iconv.decode(buffer, 'gb18030');
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/**
 * Rows of a CSV text without quotes (the usual export of a case system), read lazily so that a file of a
 * million rows is never held as a million arrays. Blank lines are skipped but keep their row number.
 */
function* plainCsvRows(text: string): Generator<TableRow> {
  let start = 0,
    row = 0;
  while (start < text.length) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    row++;
    const line = text.charCodeAt(end - 1) === 13 ? text.slice(start, end - 1) : text.slice(start, end);
    start = end + 1;
    if (line.trim() !== '') yield { cells: line.split(','), row };
  }
}

/** Rows of a .csv (quoted or not) or of the first sheet of an .xlsx, with their row numbers. */
export async function readTableRows(fileName: string, buffer: Buffer): Promise<Iterable<TableRow>> {
  const ext = path.extname(fileName).toLowerCase();
  if (ext === '.csv' || ext === '.txt') {
    const text = decodeCsv(buffer);
    if (!text.includes('"')) return plainCsvRows(text);
    try {
      const records = parse(text, { relaxColumnCount: true, skipEmptyLines: true, info: true }) as Array<{ record: string[]; info: { lines: number } }>;
      return records.map((r) => ({ cells: r.record, row: r.info.lines }));
    } catch (e) {
      throw new InputRejectedError(`${fileName}：不是有效的 CSV 文件（${(e as Error).message}）`, [{ file: fileName, message: (e as Error).message }]);
    }
  }
  if (ext !== '.xlsx') throw rejected(fileName, '只支持 .csv 和 .xlsx 文件');
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(buffer as unknown as ArrayBuffer);
  } catch {
    throw rejected(fileName, '不是有效的 Excel 文件（.xlsx）');
  }
  const out: TableRow[] = [];
  wb.worksheets[0]?.eachRow({ includeEmpty: false }, (r, n) => {
    const cells: string[] = [];
    r.eachCell({ includeEmpty: true }, (c, i) => {
      const v = c.value as unknown;
      cells[i - 1] =
        v instanceof Date
          ? v.toISOString().slice(0, 10)
          : v === null || v === undefined
            ? ''
            : typeof v === 'object' && 'result' in v
              ? String((v as { result: unknown }).result ?? '')
              : typeof v === 'object' && 'richText' in v
                ? (v as { richText: Array<{ text: string }> }).richText.map((t) => t.text).join('')
                : typeof v === 'object' && 'text' in v
                  ? String((v as { text: unknown }).text ?? '')
                  : String(v);
    });
    out.push({ cells: Array.from(cells, (x) => x ?? ''), row: n });
  });
  return out;
}

/** Rows of a table given as arrays of cells (the header first, as row 1). */
export const tableRows = (table: string[][]): TableRow[] => table.map((cells, i) => ({ cells, row: i + 1 }));

/** The whole table as arrays of cells (header first), for small files and tests. */
export async function readTable(fileName: string, buffer: Buffer): Promise<string[][]> {
  return Array.from(await readTableRows(fileName, buffer), (r) => r.cells);
}
