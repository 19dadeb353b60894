/**
 * Ten times the data (issue 18), `npm run bench -- scale`, PostgreSQL only (BENCH_DATABASE_URL, else
 * TEST_DATABASE_URL; skipped without either). For each size (default 100,000 and 1,000,000 case records;
 * BENCH_SCALE=full: 1,000,000 and 10,000,000; or BENCH_SCALE_SIZES=a,b; BENCH_SCALE_LAYOUTS=0 skips the layouts) in a fresh database:
 * - the records are generated set-based in SQL: 20,000 demo records (`generateDemoRecords`, every type and
 *   field the indicators read) are multiplied with generate_series, each copy with its own id and unit;
 * - recompute every indicator (all 23, full), against the baseline of the indicators bench: the per-case
 *   durations of the 9 duration indicators computed one by one in JavaScript from rows read out of the same
 *   database (read in key order, 200,000 at a time);
 * - import 1,000 new utility records through `importRecords` (the incremental recompute: only the new
 *   records' aggregates are added, only the touched units' results replaced), against the full recompute;
 * - the indicator SQL on other layouts of the same records (schema on the search path): partitioned by type
 *   then by year (range), and by type then by district (hash of a district column, 4 districts simulated from
 *   the unit), against the current layout (partitioned by type).
 */
import crypto from 'node:crypto';
import os from 'node:os';
import pg from 'pg';
import { sql, type Kysely } from 'kysely';
import { migrateToLatest, openDatabase, type Database, type DatabaseHandle } from '../src/db/index.js';
import { officialCalendar, refreshCalendarTable } from '../src/calendar/index.js';
import {
  BUILTIN_DEFINITIONS,
  aggregate,
  generateDemoRecords,
  importRecords,
  recompute,
  upsertRecords,
  type DurationDefinition,
} from '../src/indicators/index.js';
import type { TableRow } from '../src/indicators/record-file.js';
import type { BenchResult } from './types.js';

const FULL = process.env.BENCH_SCALE === 'full';
const SIZES = process.env.BENCH_SCALE_SIZES ? process.env.BENCH_SCALE_SIZES.split(',').map(Number) : FULL ? [1_000_000, 10_000_000] : [100_000, 1_000_000];
const TEMPLATE = 20_000;
const YEAR = 2021;
const AS_OF = '2021-12-31';
const fmt = (n: number) => n.toLocaleString('en-US');

async function fresh(url: string): Promise<DatabaseHandle & { url: string; cleanup: () => Promise<void> }> {
  const name = `bizenv_bench_scale_${crypto.randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const u = new URL(url);
  u.pathname = `/${name}`;
  const h = await openDatabase({ databaseUrl: u.toString(), dataDir: os.tmpdir() });
  return {
    ...h,
    url: u.toString(),
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

/** Multiplies the template records to `size` rows in one INSERT … SELECT over generate_series. */
async function generate(db: Kysely<Database>, size: number, units: number[]): Promise<void> {
  const cols = (
    await sql<{ c: string }>`select column_name as c from information_schema.columns where table_name = 'case_record' and table_schema = 'public'
      and column_name not in ('id', 'type', 'external_id', 'unit_id', 'updated_at') order by ordinal_position`.execute(db)
  ).rows.map((r) => sql.ref(r.c));
  const copies = Math.ceil(size / TEMPLATE);
  await sql`insert into case_record (type, external_id, unit_id, ${sql.join(cols)})
    select t.type, t.external_id || '-' || g, (${units}::int[])[1 + (t.id + g) % ${units.length}], ${sql.join(cols.map((c) => sql`t.${c}`))}
    from (select * from case_record) t cross join generate_series(1, ${copies - 1}) g
    where (t.id - 1) + g::bigint * ${TEMPLATE} < ${size} -- the template's ids are 1 … 20,000 in a fresh database`.execute(db);
  await sql`analyze case_record`.execute(db);
}

/** The indicators bench's baseline: the 9 duration indicators' cases computed one by one in JS. */
async function jsBaseline(h: DatabaseHandle): Promise<{ seconds: number; cases: number }> {
  const defs = BUILTIN_DEFINITIONS.filter((d): d is DurationDefinition => d.kind === 'duration');
  let cases = 0;
  const t = performance.now();
  for (const d of defs) {
    const where = d.where?.[0];
    const extra = where?.op === 'eq' ? `and ${where.field} = '${where.value}'` : where?.op === 'set' ? `and ${where.field} is not null` : '';
    const agg = new Map<string, { n: number; ok: number; sum: number; max: number }>();
    let last = '';
    for (;;) {
      const rows = (
        await h.pool.query<{ k: string; s: string | null; e: string | null; u: number | null }>(
          `select external_id as k, ${d.start} as s, ${d.end} as e, unit_id as u from case_record where type = $1 and external_id > $2 ${extra} order by external_id limit 200000`,
          [d.recordType, last],
        )
      ).rows;
      if (!rows.length) break;
      last = rows[rows.length - 1]!.k;
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
  }
  return { seconds: (performance.now() - t) / 1000, cases };
}

/** 1,000 new utility records (ids not yet used), spread over the units and the year. */
function newUtilityRows(n: number, unitNames: string[]): TableRow[] {
  const days = officialCalendar
    .rows()
    .filter((r) => r.year === YEAR)
    .map((r) => r.date);
  const cats = ['用水', '低压用电', '10千伏用电', '用气'];
  const rows: TableRow[] = [{ row: 1, cells: ['申请编号', '责任单位', '报装类型', '申请日期', '接通日期'] }];
  for (let i = 0; i < n; i++) {
    const a = (i * 37) % (days.length - 40);
    rows.push({ row: i + 2, cells: [`NEW-${i}`, unitNames[i % unitNames.length]!, cats[i % 4]!, days[a]!, days[a + 1 + (i % 30)]!] });
  }
  return rows;
}

/** The 23 indicators' SQL one after the other, on the layout whose schema is first on the search path. */
async function indicatorSql(url: string, schema: string): Promise<number> {
  const u = new URL(url);
  u.searchParams.set('options', `-c search_path=${schema},public`);
  const h = await openDatabase({ databaseUrl: u.toString(), dataDir: os.tmpdir() });
  try {
    for (const d of BUILTIN_DEFINITIONS) await aggregate(h.db, d, { year: YEAR, asOf: AS_OF, defaultUnitId: null }); // warm-up
    return await seconds(async () => {
      for (const d of BUILTIN_DEFINITIONS) await aggregate(h.db, d, { year: YEAR, asOf: AS_OF, defaultUnitId: null });
    });
  } finally {
    await h.close();
  }
}

/** Copies case_record into schemas laid out by type → year and by type → district. */
async function layouts(db: Kysely<Database>): Promise<void> {
  const types = ['utility', 'procurement', 'service_item', 'benefit_claim', 'civil_case', 'credit_code', 'cross_province', 'supervision'];
  const year = sql`coalesce(extract(year from coalesce(completed_on, paid_on, contract_on, filing_done_on, applied_on, accepted_on, award_on))::int, ${YEAR}::int)`;
  for (const [schema, sub] of [
    ['layout_year', 'range (yr)'],
    ['layout_district', 'hash (district)'],
  ] as const) {
    await sql.raw(`create schema ${schema}`).execute(db);
    await sql
      .raw(
        `create table ${schema}.case_record (like public.case_record including defaults, yr int not null, district int not null, primary key (type, ${sub.startsWith('range') ? 'yr' : 'district'}, external_id)) partition by list (type)`,
      )
      .execute(db);
    for (const t of types) {
      await sql.raw(`create table ${schema}.case_record_${t} partition of ${schema}.case_record for values in ('${t}') partition by ${sub}`).execute(db);
      if (sub.startsWith('range'))
        for (const [lo, hi] of [
          [2000, YEAR - 1],
          [YEAR - 1, YEAR],
          [YEAR, YEAR + 1],
          [YEAR + 1, 2100],
        ])
          await sql.raw(`create table ${schema}.case_record_${t}_${lo} partition of ${schema}.case_record_${t} for values from (${lo}) to (${hi})`).execute(db);
      else
        for (let i = 0; i < 4; i++)
          await sql
            .raw(`create table ${schema}.case_record_${t}_d${i} partition of ${schema}.case_record_${t} for values with (modulus 4, remainder ${i})`)
            .execute(db);
    }
    await sql`insert into ${sql.table(`${schema}.case_record`)} select c.*, ${year}, coalesce(c.unit_id, 0) % 4 from public.case_record c`.execute(db);
    await sql.raw(`analyze ${schema}.case_record`).execute(db);
  }
}

async function runSize(
  url: string,
  size: number,
): Promise<{
  size: number;
  recompute: number;
  js: number;
  jsCases: number;
  inc: number;
  incTotal: number;
  gen: number;
  lay?: { cur: number; year: number; district: number };
}> {
  const h = await fresh(url);
  try {
    await migrateToLatest(h.db);
    await refreshCalendarTable(h.db);
    const names = Array.from({ length: 40 }, (_, i) => `基准单位${i + 1}`);
    await h.db
      .insertInto('unit')
      .values(names.map((name) => ({ name, kind: 'department', aliases: [] })))
      .execute();
    const units = (await h.db.selectFrom('unit').select('id').orderBy('id').execute()).map((u) => u.id);
    const gen = await seconds(async () => {
      const data = generateDemoRecords({
        count: TEMPLATE,
        seed: 1,
        year: YEAR,
        units,
        unitsByMeasure: new Map([6, 40, 42, 33, 32, 22, 21].map((m, i) => [m, units.slice(i * 5, i * 5 + 5)])),
      });
      await upsertRecords(h.db, data, { actor: 'bench', source: 'bench', isDemo: true });
      await generate(h.db, size, units);
    });
    await recompute(h.db, { year: YEAR, asOf: AS_OF }); // warm-up (and the stored aggregates)
    const rec = await seconds(() => recompute(h.db, { year: YEAR, asOf: AS_OF }));
    const js = await jsBaseline(h);
    // The import recomputes the monitoring year (no plan: this year, as of today) and the records' year (2021, as of
    // its own as-of date); as in a running system, both have their stored aggregates from an earlier recompute.
    await recompute(h.db, { types: ['utility'], year: YEAR });
    await recompute(h.db, { types: ['utility'] });
    let incS = 0;
    const incTotal = await seconds(async () => {
      const r = await importRecords(h.db, { type: 'utility', rows: newUtilityRows(1000, names), file: 'new.csv', uploader: { actor: 'bench' } });
      incS = r.recomputed.seconds;
    });
    let lay: { cur: number; year: number; district: number } | undefined;
    if (process.env.BENCH_SCALE_LAYOUTS !== '0') {
      await layouts(h.db);
      lay = {
        cur: await indicatorSql(h.url, 'public'),
        year: await indicatorSql(h.url, 'layout_year'),
        district: await indicatorSql(h.url, 'layout_district'),
      };
    }
    return { size, recompute: rec, js: js.seconds, jsCases: js.cases, inc: incS, incTotal, gen, lay };
  } finally {
    await h.cleanup();
  }
}

export async function benchScale(): Promise<BenchResult[]> {
  const url = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL;
  if (!url) return [{ name: 'ten times the data (PostgreSQL)', baseline: '—', ratio: 0, note: 'skipped: set BENCH_DATABASE_URL or TEST_DATABASE_URL' }];
  const runs = [];
  for (const size of SIZES) {
    console.log(`  scale: ${fmt(size)} records …`);
    runs.push(await runSize(url, size));
  }
  const out: BenchResult[] = [];
  for (const r of runs) {
    out.push({
      name: `recompute all 23 indicators over ${fmt(r.size)} case records (PostgreSQL)`,
      seconds: r.recompute,
      baseline: `the 9 duration indicators one by one in JS (${fmt(r.jsCases)} cases, ${r.js.toFixed(2)} s)`,
      ratio: r.js / r.recompute,
      note: `records generated in SQL in ${r.gen.toFixed(1)} s${r.size >= 10_000_000 ? '; aim < 10 s' : ''}`,
    });
    out.push({
      name: `import 1,000 new utility records into ${fmt(r.size)}, incremental recompute (PostgreSQL)`,
      seconds: r.inc,
      baseline: `full recompute of all 23 indicators (${r.recompute.toFixed(2)} s)`,
      ratio: r.recompute / r.inc,
      note: `recompute part; whole import ${r.incTotal.toFixed(2)} s; aim < 0.3 s`,
    });
    if (r.lay) {
      out.push({
        name: `indicator SQL (23, one after the other) over ${fmt(r.size)}: partitioned by type → year`,
        seconds: r.lay.year,
        baseline: `current layout, partitioned by type (${r.lay.cur.toFixed(2)} s)`,
        ratio: r.lay.cur / r.lay.year,
      });
      out.push({
        name: `indicator SQL (23, one after the other) over ${fmt(r.size)}: partitioned by type → district (hash, 4)`,
        seconds: r.lay.district,
        baseline: `current layout, partitioned by type (${r.lay.cur.toFixed(2)} s)`,
        ratio: r.lay.cur / r.lay.district,
      });
    }
  }
  const [a, b] = runs;
  if (a && b) {
    const k = b.size / a.size;
    out.push({
      name: `growth ${fmt(a.size)} → ${fmt(b.size)} (×${k}): full recompute`,
      seconds: b.recompute,
      baseline: `${k} × the time at ${fmt(a.size)} (linear growth: ${(k * a.recompute).toFixed(2)} s)`,
      ratio: (k * a.recompute) / b.recompute,
      note: `SQL÷JS-baseline ratio ${(a.js / a.recompute).toFixed(1)}× at ${fmt(a.size)}, ${(b.js / b.recompute).toFixed(1)}× at ${fmt(b.size)}; ratio ≥ 1: linear or better`,
    });
    out.push({
      name: `growth ${fmt(a.size)} → ${fmt(b.size)} (×${k}): incremental recompute of a 1,000-record import`,
      seconds: b.inc,
      baseline: `the same at ${fmt(a.size)} (${a.inc.toFixed(3)} s)`,
      ratio: a.inc / b.inc,
      note: 'ratio ≈ 1: does not grow with the table',
    });
  }
  return out;
}
