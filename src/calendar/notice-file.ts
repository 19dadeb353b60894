import { readTable } from '../files/index.js';
import { InputRejectedError } from '../shared/index.js';
import { holidaysFromNoticeTable } from './core/year-form.js';

/** Longest notice table read (a year has 7 holidays; reprints add a few lines). */
const MAX_ROWS = 60;

/**
 * The official notice's table in an .xlsx or .csv (节日 | 放假时间 | 调休上班日期 …) as the form's rows for
 * `year`, for the office to check before loading; problems name the file, row and column (InputRejectedError).
 */
export async function readNoticeTable(fileName: string, buffer: Buffer, year: number) {
  const rows = await readTable(fileName, buffer, { maxRows: MAX_ROWS });
  const r = holidaysFromNoticeTable(rows, year);
  if (r.problems.length)
    throw new InputRejectedError(
      `${fileName}：${r.problems.length} 处问题，未读入`,
      r.problems.map((p) => ({ file: fileName, ...p })),
    );
  return { holidays: r.holidays, notes: r.notes };
}
