import { monitoringYear } from './year.js';
import { dropAggregates, markStale } from './stale.js';
import { sql, type Kysely } from 'kysely';
import { copyTransaction, singleSession, type CopyTransaction, type Database, advisoryXactLock } from '../db/index.js';
import { recordAudit } from '../audit/index.js';
import { InputRejectedError, type InputProblem } from '../shared/index.js';
import { listUnitRows } from '../units/index.js';
import {
  RECORD_COLUMNS,
  RECORD_SPECS,
  UNIT_LABEL,
  isRecordType,
  unknownTypeProblem,
  type ParsedRecord,
  type RecordColumn,
  type RecordType,
} from './core/index.js';
import { streamInWorker } from '../files/index.js';
import { readTableRows, tableRows, type TableRow } from './record-file.js';
import { checkRows, copyLine, lineColumns, lineTail, type CheckEnd, type CheckItem, type CheckSetup } from './record-check.js';
import { recompute, type RecomputeSummary } from './recompute.js';

export { readTable, readTableRows, tableRows, type TableRow } from './record-file.js';

/** Unit name and aliases (without spaces) → id, from the unit directory (a name wins over another unit's alias). */
async function unitEntries(db: Kysely<Database>): Promise<Array<[string, number]>> {
  const units = await listUnitRows(db);
  const map = new Map<string, number>();
  for (const u of units) map.set(u.name, u.id);
  for (const u of units) for (const a of u.aliases ?? []) if (!map.has(a)) map.set(a, u.id);
  return [...map];
}

/** Unit name (or alias) → id, from the unit directory. */
export async function unitResolver(db: Kysely<Database>): Promise<(name: string) => number | undefined> {
  const map = new Map(await unitEntries(db));
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
  p: WriteParams & { rowsOf?: (ids: string[]) => Promise<Array<number | undefined>>; failed?: () => boolean },
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
      const rows = (await p.rowsOf?.(other.rows.map((o) => o.external_id))) ?? [];
      const problems: InputProblem[] = other.rows
        .map((o, i) => ({
          file: p.file,
          row: rows[i],
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
 * transaction, through the same COPY staging as an import, with one audit entry per type changed. For systems that
 * write records (the daily feeds of src/server, the demo generator) and benchmarks; files go through `importRecords`.
 */
export async function upsertRecords(
  db: Kysely<Database>,
  sets: Iterable<[RecordType, ParsedRecord[]]>,
  p: WriteParams,
): Promise<{ inserted: number; updated: number }> {
  const tail = lineTail(p);
  // A generator over the type's records that goes on where the previous one stopped (`next` is shared): when an id
  // already exists, writeRecords replays the chunks it sent and then reads the rest — a fresh start would send the
  // records twice and the new ones would be inserted twice (a duplicate key).
  const chunker = (type: RecordType, records: ParsedRecord[], present: RecordColumn[]) => {
    let next = 0;
    return function* chunks(): Generator<string> {
      let buf = '';
      while (next < records.length) {
        buf += copyLine(type, records[next++]!, present, tail);
        if (buf.length > 1 << 20) {
          yield buf;
          buf = '';
        }
      }
      if (buf) yield buf;
    };
  };
  return copyTransaction(db, async (t) => {
    const out = { inserted: 0, updated: 0 };
    for (const [type, records] of sets) {
      const present = RECORD_COLUMNS.filter((c) => records.some((r) => c in r.values));
      const r = await writeRecords(t, type, present, chunker(type, records, present), p);
      // The type's stored aggregates no longer hold (incremental.ts): its next recompute is full.
      if (r.inserted + r.updated) {
        await dropAggregates(t.trx, [type]);
        // Written by a system (the requests' and inspections' daily feeds, the demo), audited as an import is.
        await recordAudit(t.trx, {
          actor: p.actor,
          action: 'indicator.records.upsert',
          entity: 'case_record',
          entityId: type,
          after: { source: p.source, rows: records.length, ...r },
        });
      }
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

interface ImportInput {
  type: string;
  file?: string;
  uploader: Uploader;
  source?: string;
  isDemo?: boolean;
  recompute?: boolean;
}

/**
 * Imports records of one type, all or nothing. The rows are checked one by one (columns, dates, end before
 * start, numbers, duplicate ids, units: `checkRows` of record-check.ts) while the checked ones already
 * stream to the database (`writeRecords`); any problem rejects the whole input with row-level problems and
 * the transaction is rolled back. Then the indicators over this record type are recomputed.
 *
 * Rows given here are checked in the server's thread (the event loop answers other requests every 2,000
 * rows); files go through `importRecordFile`, checked in a worker thread. Every 2,000 rows progress is
 * reported and a cancel is seen (`hooks`). On the embedded database (one session: an open transaction
 * holds back every other request) every row is checked BEFORE the transaction opens, and a file with
 * problems never opens one.
 */
export async function importRecords(db: Kysely<Database>, p: ImportInput & { rows: Iterable<TableRow> }, hooks: ImportHooks = {}): Promise<ImportResult> {
  let checker: { rowOf(id: string): number | undefined } | null = null;
  return importChecked(
    db,
    p,
    (setup) => ({
      stream: checkRows(p.rows, setup, { pause: breath, keep: (c) => (checker = c) }),
      rowsOf: async (ids) => ids.map((id) => checker?.rowOf(id)),
      close: async () => {},
    }),
    hooks,
  );
}

/**
 * Files from this size on are decoded and checked in a worker thread: starting one (and compiling the checks
 * there) costs about 0.3 s on an idle machine, more than checking a few thousand rows here takes.
 */
export const WORKER_MIN_BYTES = 256 * 1024;

/**
 * `importRecords` from an uploaded or local file (.csv / .xlsx). From `WORKER_MIN_BYTES` on (or with
 * `inWorker`), decoding the file and checking its rows run in a worker thread (`checkRecordFile`), which
 * streams the COPY text back a few chunks ahead of the database; a cancel ends the worker. A smaller file
 * is read and checked here (an .xlsx is parsed in a worker anyway).
 */
export async function importRecordFile(
  db: Kysely<Database>,
  p: { type: string; fileName: string; buffer: Buffer; uploader: Uploader; isDemo?: boolean; inWorker?: boolean },
  hooks: ImportHooks = {},
): Promise<ImportResult> {
  if (!(p.inWorker ?? p.buffer.length >= WORKER_MIN_BYTES)) {
    const rows = await readTableRows(p.fileName, p.buffer);
    return importRecords(db, { type: p.type, rows, file: p.fileName, uploader: p.uploader, isDemo: p.isDemo }, hooks);
  }
  return importChecked(
    db,
    { type: p.type, file: p.fileName, uploader: p.uploader, isDemo: p.isDemo },
    (setup) => {
      const w = streamInWorker<CheckItem, CheckEnd>(CHECK_MODULE, 'checkRecordFile', [p.fileName, p.buffer, setup]);
      return { stream: w, rowsOf: (ids) => w.call<Array<number | undefined>>('rowsOf', [ids]), close: () => w.close() };
    },
    hooks,
  );
}

const CHECK_MODULE = new URL('./record-check.ts', import.meta.url);

interface CheckSource {
  stream: AsyncIterator<CheckItem, CheckEnd>;
  rowsOf(ids: string[]): Promise<Array<number | undefined>>;
  close(): Promise<void>;
}

async function importChecked(db: Kysely<Database>, p: ImportInput, open: (s: CheckSetup) => CheckSource, hooks: ImportHooks): Promise<ImportResult> {
  const file = p.file;
  const reject = (problems: InputProblem[]) => new InputRejectedError(`${file ?? '数据'}：${problems.length} 处错误，未导入任何记录`, problems);
  if (!isRecordType(p.type)) throw reject([unknownTypeProblem(p.type, file)]);
  const type = p.type;
  const unitIds = p.uploader.unitIds;
  const source = p.source ?? file ?? 'api';
  const params: WriteParams = { actor: p.uploader.actor, source, isDemo: p.isDemo, unitIds, file };
  const src = open({ type, file, units: await unitEntries(db), allowedUnitIds: unitIds, tail: lineTail(params) });
  try {
    const head = await src.stream.next();
    if (head.done || !('header' in head.value)) throw new Error('record check: no header');
    const { present, problems: headerProblems } = head.value.header;
    if (headerProblems.length) throw reject(headerProblems);
    let end: CheckEnd | null = null;
    // A generator over the shared stream: a second call goes on where the first stopped.
    async function* chunks(): AsyncGenerator<string> {
      while (!end) {
        const r = await src.stream.next();
        if (r.done) end = r.value;
        else if ('count' in r.value) {
          hooks.progress?.(r.value.count);
          if (r.value.text) yield r.value.text;
        }
        hooks.checkCancelled?.();
      }
    }
    const finished = async (): Promise<CheckEnd> => {
      for await (const _ of chunks());
      return end!;
    };
    let feed: () => AsyncIterable<string> = chunks;
    if (singleSession(db)) {
      // Check everything first (PGlite's COPY takes the whole text at once anyway), then one short transaction.
      const all: string[] = [];
      for await (const c of chunks()) all.push(c);
      const e = await finished();
      if (e.problems.length) throw reject(e.problems);
      let i = 0;
      feed = async function* () {
        while (i < all.length) yield all[i++]!;
      };
    }
    let xid = '';
    const w = await copyTransaction(db, async (t) => {
      xid = (await sql<{ x: string }>`select pg_current_xact_id()::text as x`.execute(t.trx)).rows[0]!.x;
      const r = await writeRecords(t, type, present, feed, { ...params, rowsOf: src.rowsOf, failed: () => (end?.problems.length ?? 0) > 0 });
      hooks.checkCancelled?.();
      const e = await finished();
      if (e.problems.length) throw reject(e.problems);
      if (r.inserted + r.updated)
        await recordAudit(t.trx, {
          actor: p.uploader.actor,
          action: 'indicator.records.import',
          entity: 'case_record',
          entityId: type,
          after: { file: file ?? null, rows: e.count, ...r },
        });
      if (r.inserted + r.updated)
        await markStale(t.trx, type, [await monitoringYear(t.trx), ...e.years], { onlyAdded: r.inserted === e.count && r.updated === 0 });
      return { ...r, count: e.count, years: e.years, ids: e.ids };
    });
    await src.close();
    hooks.written?.();
    const recomputed =
      p.recompute === false
        ? { year: 0, asOf: '', definitions: [], seconds: 0 }
        : await recompute(db, {
            types: [type],
            extraYears: w.years,
            // Every row a new record: only these are added to the indicators' aggregates; otherwise the type is recomputed.
            added: w.ids && w.inserted === w.count && w.updated === 0 ? { externalIds: w.ids, xid } : undefined,
          });
    return { type, rows: w.count, inserted: w.inserted, updated: w.updated, unchanged: w.count - w.inserted - w.updated, recomputed };
  } finally {
    await src.close();
  }
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
