/**
 * Case record files are read by the one table reader of src/files (.csv in UTF-8 or GB18030, read
 * lazily when unquoted; .xlsx after the zip guard). Kept as the indicators' names for it.
 */
import { readTable as readRows, readTableRows, tableRows, type TableRow } from '../files/index.js';

export { readTableRows, tableRows, type TableRow };

/** Every row's cells at once (the header first). */
export async function readTable(fileName: string, buffer: Buffer): Promise<string[][]> {
  return (await readRows(fileName, buffer)).map((r) => r.cells);
}
