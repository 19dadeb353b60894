import { monitoringYear } from './year.js';
import { dropAggregates, markStale } from './stale.js';
import { sql, type Kysely } from 'kysely';
import { copyText, copyTransaction, singleSession, type CopyTransaction, type Database, advisoryXactLock } from '../db/index.js';
import { recordAudit } from '../audit/index.js';
import { InputRejectedError, type InputProblem } from '../shared/index.js';
import { listUnitRows } from '../units/index.js';
import {
  DATE_COLUMNS,
  RECORD_COLUMNS,
  RECORD_SPECS,
  UNIT_LABEL,
  createRowChecker,
  isRecordType,
  unknownTypeProblem,
  type ParsedRecord,
  type RecordColumn,
  type RecordType,
} from './core/index.js';
import { readTableRows, tableRows, type TableRow } from './record-file.js';
import { recompute, type RecomputeSummary } from './recompute.js';

export { readTable, readTableRows, tableRows, type TableRow } from './record-file.js';

/** Unit name (or alias) → id, from the unit directory. */
export async function unitResolver(db: Kysely<Database>): Promise<(name: string) => number | undefined> {
  const units = await listUnitRows(db);
  const map = new Map<string, number>();
  for (const u of units) {
    map.set(u.name, u.id);
    for (const a of u.aliases ?? []) if (!map.has(a)) map.set(a, u.id);
  }
  return (name) => map.get(name.replace(/\s+/g, ''));
}

export interface Uploader {
  actor: string;
  /** Units a unit staff member may file for; undefined: any (office, CLI). */
  unitIds?: number[];
}

export interface ImportResult {
  type: RecordType;
  rows: number;
  inserted: number;
  updated: number;
  unchanged: number;
  recomputed: RecomputeSummary;
}

interface WriteParams {
  actor: string;
  source: string;
  isDemo?: boolean;
  unitIds?: number[];
  file?: string;
}

/** Columns of a staged line: the record's own, then who wrote it. */
const lineColumns = (present: readonly RecordColumn[]) => ['type', 'external_id', 'unit_id', ...present, 'is_demo', 'source', 'updated_by'];

/** A record as a line of COPY text (see `lineColumns`); `tail` holds the escaped is_demo, source and actor. */
function copyLine(type: RecordType, rec: ParsedRecord, present: readonly RecordColumn[], tail: string): string {
  let line = `${type}\t${copyText(rec.externalId)}\t${copyText(rec.unitId)}`;
  for (const c of present) line += `\t${copyText(rec.values[c])}`;
  return `${line}\t${tail}\n`;
}
const lineTail = (p: WriteParams) => `${copyText(p.isDemo ?? false)}\t${copyText(p.source)}\t${copyText(p.actor)}`;

/**
 * Writes checked records (as COPY text chunks from `chunks()`) in the caller's COPY transaction.
 * First, optimistically, COPY straight into `case_record` under a savepoint: new records cost no more
 * than PostgreSQL's own COPY, and the rows stream to the server while later ones are still being checked.
 * If an id already exists (unique violation), that attempt is rolled back and the records — the chunks
 * already produced, then the rest — are COPied into a temporary table of `case_record`'s column types and
 * merged set-based: one UPDATE of the records whose values changed, one INSERT of the new ids (identical
 * records are left alone). Only the `present` columns are written: a file without a column keeps the stored
 * values of that column. Unit staff (`unitIds`) may not overwrite another unit's record with the same id.
 */
async function writeRecords(
  t: CopyTransaction,
  type: RecordType,
  present: readonly RecordColumn[],
  chunks: () => AsyncIterable<string> | Iterable<string>,
  p: WriteParams & { rowOf?: (id: string) => number | undefined; failed?: () => boolean },
): Promise<{ inserted: number; updated: number }> {
  const { trx } = t;
  // Imports of one record type are serialised, so "new id" cannot change between the check and the insert.
  await advisoryXactLock(trx, 'caseImport', type);
  const cols = lineColumns(present);
  // The chunks sent are kept (about 60 MB per million rows) so that the fallback below can send them again.
  const sent: string[] = [];
  async function* keep(): AsyncGenerator<string> {
    for await (const c of chunks()) {
      sent.push(c);
      yield c;
    }
  }
  await sql`savepoint case_copy`.execute(trx);
  const first = keep();
  try {
    return { inserted: await t.copyIn('case_record', cols, first), updated: 0 };
  } catch (e) {
    if ((e as { code?: string }).code !== '23505') throw e;
    // The failed COPY's stream stops reading without waiting for the generator: a chunk it asked for may still be
    // on its way. Wait until that generator has finished (its last chunk is then in `sent`) before the replay below
    // reads on from the shared rows; otherwise both read the rows at once and a chunk is lost.
    await first.return(undefined);
    await sql`rollback to savepoint case_copy`.execute(trx);
  }
  const refs = sql.join(cols.map((c) => sql.ref(c)));
  await sql`create temp table case_import on commit drop as select ${refs} from case_record where false`.execute(trx);
  async function* again(): AsyncGenerator<string> {
    yield* sent;
    yield* chunks();
  }
  await t.copyIn('case_import', cols, again());
  // Rows with problems: the caller rejects the whole input, so there is nothing to merge.
  if (p.failed?.()) return { inserted: 0, updated: 0 };
  await sql`analyze case_import`.execute(trx);
  if (p.unitIds) {
    const other = await sql<{ external_id: string }>`
      select i.external_id from case_import i join case_record c on c.type = ${type} and c.external_id = i.external_id
      where c.unit_id is null or not (c.unit_id = any(${p.unitIds}::int[])) limit 1000`.execute(trx);
    if (other.rows.length) {
      const problems: InputProblem[] = other.rows
        .map((o) => ({
          file: p.file,
          row: p.rowOf?.(o.external_id),
          field: RECORD_SPECS[type].idLabel,
          message: `“${o.external_id}”是其他单位（或未指定单位）的记录，不能覆盖`,
        }))
        .sort((a, b) => (a.row ?? 0) - (b.row ?? 0));
      throw new InputRejectedError(`${p.file ?? '数据'}：${problems.length} 处错误，未导入任何记录`, problems);
    }
  }
  const written = ['unit_id', ...present];
  const set = sql.join([
    ...written.map((n) => sql`${sql.ref(n)} = i.${sql.ref(n)}`),
    sql`updated_by = ${p.actor}`,
    sql`updated_at = now()`,
    sql`source = ${p.source}`,
  ]);
  const changed = sql.join(
    written.map((n) => sql`c.${sql.ref(n)} is distinct from i.${sql.ref(n)}`),
    sql` or `,
  );
  const upd = await sql`update case_record c set ${set} from case_import i where c.type = ${type} and c.external_id = i.external_id and (${changed})`.execute(
    trx,
  );
  const ins = await sql`
    insert into case_record (${refs}) select ${sql.join(cols.map((c) => sql`i.${sql.ref(c)}`))} from case_import i
    where not exists (select 1 from case_record c where c.type = ${type} and c.external_id = i.external_id)`.execute(trx);
  await sql`drop table case_import`.execute(trx);
  return { inserted: Number(ins.numAffectedRows ?? 0), updated: Number(upd.numAffectedRows ?? 0) };
}

/**
 * Writes validated records of one or more types (insert or update by type + external id) in one
 * transaction, through the same COPY staging as an import. For the demo generator and benchmarks; files
 * go through `importRecords`.
 */
export async function upsertRecords(
  db: Kysely<Database>,
  sets: Iterable<[RecordType, ParsedRecord[]]>,
  p: WriteParams,
): Promise<{ inserted: number; updated: number }> {
  const tail = lineTail(p);
  function* chunks(type: RecordType, records: ParsedRecord[], present: RecordColumn[]): Generator<string> {
    let buf = '';
    for (let i = 0; i < records.length; i++) {
      buf += copyLine(type, records[i]!, present, tail);
      if (buf.length > 1 << 20) {
        yield buf;
        buf = '';
      }
    }
    if (buf) yield buf;
  }
  return copyTransaction(db, async (t) => {
    const out = { inserted: 0, updated: 0 };
    for (const [type, records] of sets) {
      const present = RECORD_COLUMNS.filter((c) => records.some((r) => c in r.values));
      const r = await writeRecords(t, type, present, () => chunks(type, records, present), p);
      // The type's stored aggregates no longer hold (incremental.ts): its next recompute is full.
      if (r.inserted + r.updated) await dropAggregates(t.trx, [type]);
      out.inserted += r.inserted;
      out.updated += r.updated;
    }
    return out;
  });
}

/** Hooks of a long import (a background job or the CLI): rows checked so far, and a stop between chunks. */
export interface ImportHooks {
  /** Called every 2,000 rows with the rows checked so far. */
  progress?(rowsDone: number): void;
  /** Throws to stop the import (e.g. `JobCancelledError`): the transaction is rolled back, nothing is written. */
  checkCancelled?(): void;
  /** Called once the records are committed, before the indicators are recomputed. */
  written?(): void;
}

/** Lets the event loop answer other requests between chunks of CPU work. */
const breath = () => new Promise<void>((r) => setImmediate(r));

/** Imports of at most this many rows, all new, recompute incrementally (incremental.ts); larger ones recompute the type. */
const INCREMENTAL_MAX = 50_000;

/**
 * Imports records of one type, all or nothing. The rows are checked one by one (columns, dates, end before
 * start, numbers, duplicate ids, units) while the checked ones already stream to the database
 * (`writeRecords`); any problem rejects the whole input with row-level problems and the transaction is
 * rolled back. Then the indicators over this record type are recomputed.
 *
 * Every 2,000 rows the event loop answers other requests, progress is reported and a
 * cancel is seen (`hooks`). On the embedded database (one session: an open transaction holds back every
 * other request) every row is checked BEFORE the transaction opens, and a file with problems never opens one.
 */
export async function importRecords(
  db: Kysely<Database>,
  p: { type: string; rows: Iterable<TableRow>; file?: string; uploader: Uploader; source?: string; isDemo?: boolean; recompute?: boolean },
  hooks: ImportHooks = {},
): Promise<ImportResult> {
  const file = p.file;
  const reject = (problems: InputProblem[]) => new InputRejectedError(`${file ?? '数据'}：${problems.length} 处错误，未导入任何记录`, problems);
  if (!isRecordType(p.type)) throw reject([unknownTypeProblem(p.type, file)]);
  const type = p.type;
  const it = p.rows[Symbol.iterator]();
  const first = it.next();
  if (first.done) throw reject([{ file, message: '文件为空' }]);
  const resolveUnit = await unitResolver(db);
  const unitIds = p.uploader.unitIds;
  const checker = createRowChecker(type, first.value.cells, {
    file,
    resolveUnit,
    allowedUnitIds: unitIds,
    defaultUnitId: unitIds?.length === 1 ? unitIds[0] : null,
  });
  if (checker.problems.length) throw reject(checker.problems);
  const { problems, present } = checker;
  const years = new Set<number>();
  const dateCols = present.filter((c) => (DATE_COLUMNS as readonly string[]).includes(c));
  let count = 0;
  // Checked rows become COPY text in ~1 MB chunks; after the first problem nothing more is sent, but every
  // row is still checked so that the error report is complete.
  const source = p.source ?? file ?? 'api';
  const params: WriteParams = { actor: p.uploader.actor, source, isDemo: p.isDemo, unitIds, file };
  const tail = lineTail(params);
  // Up to INCREMENTAL_MAX new records: their ids, so the recompute adds just them (incremental.ts).
  let newIds: string[] | null = [];
  let xid = '';
  // A generator over the shared row iterator: a second call goes on where the first stopped.
  async function* chunks(): AsyncGenerator<string> {
    let buf = '';
    for (let n = it.next(); !n.done; n = it.next()) {
      const rec = checker.check(n.value.cells, n.value.row);
      if (!rec) continue;
      // Every 2,000 rows (a few ms of work) the event loop answers other requests, and progress and cancel are seen.
      if (++count % 2000 === 0) {
        hooks.progress?.(count);
        hooks.checkCancelled?.();
        await breath();
      }
      if (problems.length) {
        buf = '';
        continue;
      }
      for (const c of dateCols) {
        const v = rec.values[c];
        if (typeof v === 'string') years.add(Number(v.slice(0, 4)));
      }
      if (newIds && newIds.length < INCREMENTAL_MAX) newIds.push(rec.externalId);
      else newIds = null;
      buf += copyLine(type, rec, present, tail);
      if (buf.length > 1 << 20) {
        yield buf;
        buf = '';
      }
    }
    if (buf) yield buf;
    hooks.progress?.(count);
    hooks.checkCancelled?.();
  }
  let feed: () => AsyncIterable<string> = chunks;
  if (singleSession(db)) {
    // Check everything first (PGlite's COPY takes the whole text at once anyway), then one short transaction.
    const all: string[] = [];
    for await (const c of chunks()) all.push(c);
    if (!problems.length && count === 0) problems.push({ file, message: '没有数据行' });
    if (problems.length) throw reject(problems);
    let i = 0;
    feed = async function* () {
      while (i < all.length) yield all[i++]!;
    };
  }
  const w = await copyTransaction(db, async (t) => {
    xid = (await sql<{ x: string }>`select pg_current_xact_id()::text as x`.execute(t.trx)).rows[0]!.x;
    const r = await writeRecords(t, type, present, feed, { ...params, rowOf: checker.rowOf, failed: () => problems.length > 0 });
    hooks.checkCancelled?.();
    if (!problems.length && count === 0) problems.push({ file, message: '没有数据行' });
    if (problems.length) throw reject(problems);
    if (r.inserted + r.updated)
      await recordAudit(t.trx, {
        actor: p.uploader.actor,
        action: 'indicator.records.import',
        entity: 'case_record',
        entityId: type,
        after: { file: file ?? null, rows: count, ...r },
      });
    if (r.inserted + r.updated) await markStale(t.trx, type, [await monitoringYear(t.trx), ...years], { onlyAdded: r.inserted === count && r.updated === 0 });
    return r;
  });
  hooks.written?.();
  const recomputed =
    p.recompute === false
      ? { year: 0, asOf: '', definitions: [], seconds: 0 }
      : await recompute(db, {
          types: [type],
          extraYears: [...years],
          // Every row a new record: only these are added to the indicators' aggregates; otherwise the type is recomputed.
          added: newIds && w.inserted === count && w.updated === 0 ? { externalIds: newIds, xid } : undefined,
        });
  return { type, rows: count, inserted: w.inserted, updated: w.updated, unchanged: count - w.inserted - w.updated, recomputed };
}

/** `importRecords` from an uploaded or local file (.csv / .xlsx). */
export async function importRecordFile(
  db: Kysely<Database>,
  p: { type: string; fileName: string; buffer: Buffer; uploader: Uploader; isDemo?: boolean },
  hooks?: ImportHooks,
): Promise<ImportResult> {
  const rows = await readTableRows(p.fileName, p.buffer);
  return importRecords(db, { type: p.type, rows, file: p.fileName, uploader: p.uploader, isDemo: p.isDemo }, hooks);
}

/**
 * The data rows of a table file, estimated cheaply for a progress bar: the line count of a .csv (blank
 * lines included), the rows of an .xlsx are known once it is parsed (null here).
 */
export function estimateRows(fileName: string, buffer: Buffer): number | null {
  if (!/\.(csv|txt)$/i.test(fileName)) return null;
  let n = 0;
  for (let i = buffer.indexOf(10); i >= 0; i = buffer.indexOf(10, i + 1)) n++;
  if (buffer.length && buffer[buffer.length - 1] !== 10) n++;
  return Math.max(0, n - 1);
}

/** A record of the JSON API: field keys or Chinese labels, `externalId` (or the id label) and `unit` → values. */
export type JsonRecord = Record<string, string | number | boolean | null>;

/** JSON objects → a table with a header row, as a file would give. */
function jsonToTable(type: RecordType, records: JsonRecord[]): string[][] {
  const spec = RECORD_SPECS[type];
  const canon = (k: string) =>
    k === 'externalId' || k === 'external_id' || k === spec.idLabel
      ? 'external_id'
      : k === 'unit' || k === UNIT_LABEL
        ? 'unit'
        : (spec.fields.find((f) => f.key === k || f.label === k || (f.aliases ?? []).includes(k))?.key ?? k);
  const rows = records.map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [canon(k), v])));
  const keys = [...new Set(rows.flatMap((r) => Object.keys(r)))];
  return [
    keys,
    ...rows.map((r) =>
      keys.map((k) => {
        const v = r[k];
        return v === null || v === undefined ? '' : typeof v === 'boolean' ? (v ? '是' : '否') : String(v);
      }),
    ),
  ];
}

/**
 * Imports records sent as JSON objects (the JSON record API), all or nothing like a file. Problems name
 * the records (1 = the first) rather than file rows; header problems name the key.
 */
export async function importJsonRecords(db: Kysely<Database>, p: { type: string; records: JsonRecord[]; uploader: Uploader }): Promise<ImportResult> {
  const type = p.type;
  if (!isRecordType(type)) throw new InputRejectedError(`未知的记录类型“${type}”`, [{ message: `未知的记录类型“${type}”` }]);
  try {
    return await importRecords(db, { type, rows: tableRows(jsonToTable(type, p.records)), file: 'JSON', uploader: p.uploader, source: 'api' });
  } catch (e) {
    if (e instanceof InputRejectedError)
      throw new InputRejectedError(
        e.message.replace(/^JSON：/, ''),
        e.problems.map((x) => ({ ...x, file: undefined, row: x.row === undefined || x.row === 1 ? undefined : x.row - 1 })),
      );
    throw e;
  }
}
