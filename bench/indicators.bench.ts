/**
 * Indicator monitoring benchmark (`npm run bench -- indicators`):
 * 1. Recomputing all 23 built-in indicators over BENCH_CASES (default 1,000,000) demo case records,
 *    set-based in SQL against the `calendar` table (per month, unit and exclusion reason, rolled up to
 *    quarters and year to date) — on PGlite and on PostgreSQL — against the baseline of the same
 *    per-case durations computed one by one in JavaScript (rows read from the same database, then
 *    `officialCalendar.workingDaysBetween` / `addCalendarDays` per case and the same aggregation).
 * 2. Importing a CSV of BENCH_CSV_ROWS (default 1,000,000) utility connection records through
 *    `importRecords` (parse, check every row, write; recompute off) into an empty table, and re-importing
 *    it (every id exists: staging and merge), against the database's own COPY of the same file into
 *    `case_record` (and, for reference, into a plain table without a key).
 * PostgreSQL parts use BENCH_DATABASE_URL (a fresh database is created on that server and dropped
 * afterwards) and are skipped, with a note, without it.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { sql } from 'kysely';
import { copyTransaction, migrateToLatest, openDatabase, openEmbedded, type DatabaseHandle } from '../src/db/index.js';
import { officialCalendar, refreshCalendarTable } from '../src/calendar/index.js';
import {
  BUILTIN_DEFINITIONS,
  aggregate,
  generateDemoRecords,
  importRecords,
  readTableRows,
  recompute,
  upsertRecords,
  type DurationDefinition,
} from '../src/indicators/index.js';
import type { BenchResult } from './types.js';

const CASES = Number(process.env.BENCH_CASES ?? 1_000_000);
const CSV_ROWS = Number(process.env.BENCH_CSV_ROWS ?? 1_000_000);
const YEAR = 2021;
const AS_OF = '2021-12-31';

async function openFresh(kind: 'pglite' | 'postgres'): Promise<(DatabaseHandle & { cleanup: () => Promise<void> }) | null> {
  if (kind === 'pglite') {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bizenv-bench-indicators-'));
    const h = await openEmbedded(path.join(dir, 'pgdata'));
    return {
      ...h,
      cleanup: async () => {
        await h.close();
        fs.rmSync(dir, { recursive: true, force: true });
      },
    };
  }
  const url = process.env.BENCH_DATABASE_URL;
  if (!url) return null;
  const name = `bizenv_bench_ind_${crypto.randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const u = new URL(url);
  u.pathname = `/${name}`;
  const h = await openDatabase({ databaseUrl: u.toString(), dataDir: os.tmpdir() });
  return {
    ...h,
    cleanup: async () => {
      await h.close();
      const a = new pg.Client({ connectionString: url });
      await a.connect();
      await a.query(`drop database if exists ${name} with (force)`);
      await a.end();
    },
  };
}

const seconds = async (fn: () => Promise<unknown>) => {
  const t = performance.now();
  await fn();
  return (performance.now() - t) / 1000;
};

/** The baseline: every duration indicator's cases read from the database and computed one by one in JavaScript. */
async function jsBaseline(h: DatabaseHandle): Promise<{ seconds: number; cases: number }> {
  const defs = BUILTIN_DEFINITIONS.filter((d): d is DurationDefinition => d.kind === 'duration');
  let cases = 0;
  const t = performance.now();
  for (const d of defs) {
    const where = d.where?.[0];
    const rows = (
      await h.pool.query<{ s: string | null; e: string | null; u: number | null }>(
        `select ${d.start} as s, ${d.end} as e, unit_id as u from case_record where type = $1 ${where?.op === 'eq' ? `and ${where.field} = '${where.value}'` : where?.op === 'set' ? `and ${where.field} is not null` : ''}`,
        [d.recordType],
      )
    ).rows;
    const agg = new Map<string, { n: number; ok: number; sum: number; max: number }>();
    for (const r of rows) {
      if (!r.s || !r.e || r.e.slice(0, 4) !== String(YEAR)) continue;
      let dur: number, ok: boolean;
      if (d.days === 'working') {
        dur = officialCalendar.workingDaysBetween(r.s, r.e);
        ok = dur <= d.limit;
      } else {
        dur = Math.round((Date.parse(r.e) - Date.parse(r.s)) / 86_400_000);
        ok = r.e <= officialCalendar.addCalendarDays(r.s, d.limit).date;
      }
      const k = `${r.e.slice(0, 7)}|${r.u}`;
      const a = agg.get(k) ?? { n: 0, ok: 0, sum: 0, max: 0 };
      a.n++;
      if (ok) a.ok++;
      a.sum += dur;
      a.max = Math.max(a.max, dur);
      agg.set(k, a);
      cases++;
    }
  }
  return { seconds: (performance.now() - t) / 1000, cases };
}

function utilityCsv(file: string, rows: number): void {
  const fd = fs.openSync(file, 'w');
  const days = officialCalendar
    .rows()
    .filter((r) => r.year === YEAR)
    .map((r) => r.date);
  let buf = '申请编号,报装类型,申请日期,接通日期\n';
  const cats = ['用水', '低压用电', '10千伏用电', '用气'];
  let seed = 7;
  const r = () => {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    return seed / 0x7fffffff;
  };
  for (let i = 0; i < rows; i++) {
    const a = Math.floor(r() * (days.length - 40));
    buf += `CSV-${i},${cats[i % 4]},${days[a]},${days[a + 1 + Math.floor(r() * 30)]}\n`;
    if (buf.length > 1 << 20) {
      fs.writeSync(fd, buf);
      buf = '';
    }
  }
  fs.writeSync(fd, buf);
  fs.closeSync(fd);
}

async function runOn(kind: 'pglite' | 'postgres', csvFile: string): Promise<BenchResult[]> {
  const h = await openFresh(kind);
  if (!h)
    return [{ name: `recompute ${CASES.toLocaleString('en-US')} records on PostgreSQL`, baseline: '—', ratio: 0, note: 'skipped: set BENCH_DATABASE_URL' }];
  const label = kind === 'pglite' ? 'PGlite' : 'PostgreSQL';
  try {
    await migrateToLatest(h.db);
    await refreshCalendarTable(h.db);
    await h.db
      .insertInto('unit')
      .values(Array.from({ length: 40 }, (_, i) => ({ name: `基准单位${i + 1}`, kind: 'department', aliases: [] })))
      .execute();
    const units = (await h.db.selectFrom('unit').select('id').execute()).map((u) => u.id);
    const data = generateDemoRecords({
      count: CASES,
      seed: 1,
      year: YEAR,
      units,
      unitsByMeasure: new Map([6, 40, 42, 33, 32, 22, 21].map((m, i) => [m, units.slice(i * 5, i * 5 + 5)])),
    });
    let total = 0;
    const loadS = await seconds(async () => {
      for (const [t, list] of data) {
        await upsertRecords(h.db, [[t, list]], { actor: 'bench', source: 'bench', isDemo: true });
        total += list.length;
      }
    });
    data.clear();
    await sql`analyze case_record`.execute(h.db);
    await recompute(h.db, { year: YEAR, asOf: AS_OF }); // warm-up
    const sqlS = await seconds(() => recompute(h.db, { year: YEAR, asOf: AS_OF }));
    const base = await jsBaseline(h);
    // Like for like: the SQL aggregation of the same 9 duration indicators, one after the other.
    const durationDefs = BUILTIN_DEFINITIONS.filter((d) => d.kind === 'duration');
    const sqlDurS = await seconds(async () => {
      for (const d of durationDefs) await aggregate(h.db, d, { year: YEAR, asOf: AS_OF, defaultUnitId: null });
    });
    const out: BenchResult[] = [
      {
        name: `recompute 23 indicators over ${total.toLocaleString('en-US')} case records (${label}, SQL against the calendar table)`,
        seconds: sqlS,
        baseline: `same durations one by one in JS (${base.cases.toLocaleString('en-US')} duration cases, read from ${label})`,
        ratio: base.seconds / sqlS,
        note: `JS baseline ${base.seconds.toFixed(2)} s for the 9 duration indicators only; loading the records (upsertRecords, COPY) took ${loadS.toFixed(1)} s${kind === 'postgres' ? '; aim < 5 s' : ''}`,
      },
      {
        name: `the 9 duration indicators only, SQL aggregation one after the other (${label})`,
        seconds: sqlDurS,
        baseline: 'the same in JS one by one (rows read from the same database)',
        ratio: base.seconds / sqlDurS,
        note: `JS ${base.seconds.toFixed(2)} s`,
      },
    ];
    // CSV import vs COPY of the same file.
    const buffer = fs.readFileSync(csvFile);
    const runImport = async () =>
      importRecords(h.db, {
        type: 'utility',
        rows: await readTableRows('utility.csv', buffer),
        file: 'utility.csv',
        uploader: { actor: 'bench' },
        recompute: false,
      });
    await sql`delete from case_record where type = 'utility'`.execute(h.db);
    await sql`vacuum case_record_utility`.execute(h.db);
    const importS = await seconds(runImport);
    // Re-importing the same file: every id exists, so the rows go through the staging table and the merge.
    const reimportS = await seconds(runImport);
    // The baseline: the database's own COPY of the same file into the same table (type from a column
    // default), through the same connection kind as the import (PostgreSQL: COPY FROM STDIN; PGlite: its blob COPY).
    await sql`delete from case_record where type = 'utility'`.execute(h.db);
    await sql`vacuum case_record_utility`.execute(h.db);
    await sql`alter table case_record alter column type set default 'utility'`.execute(h.db);
    const copyS = await seconds(() =>
      copyTransaction(h.db, ({ copyIn }) =>
        copyIn('case_record', ['external_id', 'category', 'applied_on', 'completed_on'], fs.createReadStream(csvFile), { csv: true }),
      ),
    );
    await sql`alter table case_record alter column type drop default`.execute(h.db);
    // And into a plain table of the file's four columns, without any key.
    await sql`create table copy_bench (external_id text, category text, applied_on date, completed_on date)`.execute(h.db);
    const plainS = await seconds(() =>
      copyTransaction(h.db, ({ copyIn }) =>
        copyIn('copy_bench', ['external_id', 'category', 'applied_on', 'completed_on'], fs.createReadStream(csvFile), { csv: true }),
      ),
    );
    const rows = CSV_ROWS.toLocaleString('en-US');
    out.push({
      name: `import ${rows} CSV records into an empty table (${label}: parse, check every row, write)`,
      seconds: importS,
      baseline: `${label}'s COPY of the same file into case_record`,
      ratio: copyS / importS,
      note: `COPY ${copyS.toFixed(2)} s; ratio = COPY time ÷ import time${kind === 'postgres' ? ', aim ≥ 0.5' : ''}`,
    });
    out.push({
      name: `re-import the same ${rows} records (${label}: every id exists; staging table and merge, nothing changed)`,
      seconds: reimportS,
      baseline: `${label}'s COPY of the same file into case_record`,
      ratio: copyS / reimportS,
      note: `COPY ${copyS.toFixed(2)} s`,
    });
    out.push({
      name: `import ${rows} CSV records (${label}), against COPY into a plain table without a key`,
      seconds: importS,
      baseline: `${label}'s COPY of the same file into a 4-column table without indexes`,
      ratio: plainS / importS,
      note: `COPY ${plainS.toFixed(2)} s`,
    });
    return out;
  } finally {
    await h.cleanup();
  }
}

export async function benchIndicators(): Promise<BenchResult[]> {
  const csvFile = path.join(os.tmpdir(), `bizenv-bench-utility-${process.pid}.csv`);
  utilityCsv(csvFile, CSV_ROWS);
  try {
    const out: BenchResult[] = [];
    for (const kind of ['postgres', 'pglite'] as const) out.push(...(await runOn(kind, csvFile)));
    return out;
  } finally {
    fs.rmSync(csvFile, { force: true });
  }
}
