/**
 * The row checks of a case record import as a stream of COPY text: the same code runs in the server's
 * thread for small inputs (the JSON record API, demo data) and in a worker thread for files
 * (`checkRecordFile`, through `streamInWorker` of src/files), where decoding the file and checking a
 * million rows no longer hold back the requests the server answers meanwhile.
 */
import { copyText } from '../db/index.js';
import { readTableRows, type TableRow } from '../files/index.js';
import type { InputProblem } from '../shared/index.js';
import { createRowChecker, DATE_COLUMNS, type ParsedRecord, type RecordColumn, type RecordType, type RowChecker } from './core/index.js';

/** What the checks need besides the rows; plain data, so that it crosses to a worker thread. */
export interface CheckSetup {
  type: RecordType;
  file?: string;
  /** Unit name or alias (without spaces) → unit id, from the unit directory. */
  units: Array<[string, number]>;
  /** Units a unit staff member may file for; undefined: any. */
  allowedUnitIds?: number[];
  /** COPY text of the columns every line ends with: is_demo, source, updated_by (`lineTail`). */
  tail: string;
}

/**
 * An item of the stream: first the header's outcome (the columns the file has, or its problems: then
 * nothing follows), then rows checked so far, with a chunk of COPY text (about 1 MB) when one is full.
 * After the first row problem no more text is sent, but every row is still checked (a complete report).
 */
export type CheckItem = { header: { present: RecordColumn[]; problems: InputProblem[] } } | { count: number; text?: string };

/** The end of the stream: rows checked, every problem, the years of the records' dates. */
export interface CheckEnd {
  count: number;
  problems: InputProblem[];
  years: number[];
  /** The records' external ids while there are at most `INCREMENTAL_MAX` (an incremental recompute adds just them), else null. */
  ids: string[] | null;
}

/** Imports of at most this many rows, all new, recompute incrementally (incremental.ts); larger ones recompute the type. */
export const INCREMENTAL_MAX = 50_000;

/** Columns of a staged line: the record's own, then who wrote it. */
export const lineColumns = (present: readonly RecordColumn[]) => ['type', 'external_id', 'unit_id', ...present, 'is_demo', 'source', 'updated_by'];

/** A record as a line of COPY text (see `lineColumns`); `tail` holds the escaped is_demo, source and actor. */
export function copyLine(type: RecordType, rec: ParsedRecord, present: readonly RecordColumn[], tail: string): string {
  let line = `${type}\t${copyText(rec.externalId)}\t${copyText(rec.unitId)}`;
  for (const c of present) line += `\t${copyText(rec.values[c])}`;
  return `${line}\t${tail}\n`;
}
export const lineTail = (p: { isDemo?: boolean; source: string; actor: string }) =>
  `${copyText(p.isDemo ?? false)}\t${copyText(p.source)}\t${copyText(p.actor)}`;

/** Rows between two progress items (a few ms of checks). */
const STEP = 2000;
const CHUNK = 1 << 20;

/**
 * Checks rows of one record type (header first) and yields COPY text. `pause` runs every 2,000 rows (the
 * server's thread lets other requests through there); `keep` receives the checker (its `rowOf`).
 */
export async function* checkRows(
  rows: Iterable<TableRow>,
  s: CheckSetup,
  opts: { pause?: () => Promise<void>; keep?: (c: RowChecker) => void } = {},
): AsyncGenerator<CheckItem, CheckEnd> {
  const file = s.file;
  const it = rows[Symbol.iterator]();
  const first = it.next();
  if (first.done) {
    const problems = [{ file, message: '文件为空' }];
    yield { header: { present: [], problems } };
    return { count: 0, problems, years: [], ids: null };
  }
  const units = new Map(s.units);
  const checker = createRowChecker(s.type, first.value.cells, {
    file,
    resolveUnit: (name) => units.get(name.replace(/\s+/g, '')),
    allowedUnitIds: s.allowedUnitIds,
    defaultUnitId: s.allowedUnitIds?.length === 1 ? s.allowedUnitIds[0] : null,
  });
  opts.keep?.(checker);
  const { problems, present } = checker;
  yield { header: { present, problems: [...problems] } };
  if (problems.length) return { count: 0, problems, years: [], ids: null };
  const years = new Set<number>();
  const dateCols = present.filter((c) => (DATE_COLUMNS as readonly string[]).includes(c));
  let count = 0;
  let buf = '';
  let ids: string[] | null = [];
  for (let n = it.next(); !n.done; n = it.next()) {
    const rec = checker.check(n.value.cells, n.value.row);
    if (!rec) continue;
    if (++count % STEP === 0) {
      if (buf.length > CHUNK) {
        yield { count, text: buf };
        buf = '';
      } else yield { count };
      await opts.pause?.();
    }
    if (problems.length) {
      buf = '';
      continue;
    }
    for (const c of dateCols) {
      const v = rec.values[c];
      if (typeof v === 'string') years.add(Number(v.slice(0, 4)));
    }
    if (ids && ids.length < INCREMENTAL_MAX) ids.push(rec.externalId);
    else ids = null;
    buf += copyLine(s.type, rec, present, s.tail);
  }
  yield buf && !problems.length ? { count, text: buf } : { count };
  if (!problems.length && count === 0) problems.push({ file, message: '没有数据行' });
  return { count, problems, years: [...years], ids };
}

// The checker of the file this worker checks (one file per worker), for `rowsOf` after the stream ended.
let current: RowChecker | null = null;

/** Worker entry: decodes a .csv / .xlsx and checks its rows (`checkRows`). */
export async function* checkRecordFile(fileName: string, data: Uint8Array, s: CheckSetup): AsyncGenerator<CheckItem, CheckEnd> {
  const rows = await readTableRows(fileName, Buffer.from(data.buffer, data.byteOffset, data.byteLength));
  return yield* checkRows(rows, s, { keep: (c) => (current = c) });
}

/** Worker entry: the file rows of record ids (in the file just checked). */
export function rowsOf(ids: string[]): Array<number | undefined> {
  return ids.map((id) => current?.rowOf(id));
}
