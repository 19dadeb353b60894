/**
 * Request figures benchmark (`npm run bench -- request-figures`, issue 14): every rate of the figures page
 * (`countRequests` of src/requests/figures-store.ts: 受理量, 按时签收率, 办结率, 按时办结率, 满意率, 重办率, 退单率, 平均答复用时
 * for the district and each unit, category, channel and month at once) over BENCH_REQUESTS (default 1,000,000) requests
 * of one year on PostgreSQL (BENCH_DATABASE_URL or TEST_DATABASE_URL; a fresh database is created there and dropped
 * afterwards; skipped, with a note, without one) and over BENCH_REQUESTS_PGLITE (default 100,000: a smaller size, the
 * embedded database being single-threaded WASM) on PGlite. Baseline in the same run: the same counts computed one by
 * one in JavaScript from the same rows (read from the same database, working days from the calendar table's ordinals);
 * both results must be equal. Aim: under 2 s on PostgreSQL for 1,000,000 requests.
 *
 * The rows are generated set-based in SQL (generate_series and a seeded random()): filed on the working days of 2021,
 * four categories, six channels, eleven units; ≈ 5 % returned once and re-routed, ≈ 2 % never routed, ≈ 90 % signed on
 * time, ≈ 93 % answered (≈ 9 % of them late), ≈ 10 % of the rated reopened (some not answered again yet), ≈ 4 % never
 * rated. The figures read no events: the steps they count are stored on the request (first answer, 重办 and 退单 counts,
 * the units that returned it).
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { sql, type Kysely } from 'kysely';
import { migrateToLatest, openDatabase, openEmbedded, type Database, type DatabaseHandle } from '../src/db/index.js';
import { refreshCalendarTable } from '../src/calendar/index.js';
import { ZERO_COUNTS, type FigureCounts } from '../src/requests/core/index.js';
import { countRequests, type GroupedCounts } from '../src/requests/figures-store.js';
import type { BenchResult } from './types.js';

const PG_REQUESTS = Number(process.env.BENCH_REQUESTS ?? 1_000_000);
const PGLITE_REQUESTS = Number(process.env.BENCH_REQUESTS_PGLITE ?? 100_000);
const FROM = '2021-01-01';
const TO = '2021-12-31';
const AS_OF = '2022-03-31';
const DIMS = ['unit', 'category', 'channel', 'month'] as const;

type Handle = DatabaseHandle & { cleanup: () => Promise<void> };

async function openFresh(kind: 'pglite' | 'postgres'): Promise<Handle | null> {
  if (kind === 'pglite') {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bizenv-bench-requests-'));
    const h = await openEmbedded(path.join(dir, 'pgdata'));
    return {
      ...h,
      cleanup: async () => {
        await h.close();
        fs.rmSync(dir, { recursive: true, force: true });
      },
    };
  }
  const url = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL;
  if (!url) return null;
  const name = process.env.BENCH_KEEP ?? `bizenv_bench_req_${crypto.randomBytes(4).toString('hex')}`;
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

/** Generates `n` requests of 2021 set-based (see the file comment). */
async function generate(db: Kysely<Database>, n: number): Promise<void> {
  await db
    .insertInto('unit')
    .values(Array.from({ length: 11 }, (_, i) => ({ name: `基准承办单位${i + 1}`, kind: 'department', aliases: [] })))
    .execute();
  await sql`select setseed(0.42)`.execute(db);
  await sql`
    insert into request_item (number, year, seq, category, channel, subject, description, contact_name, contact_phone, filed_by,
                              filed_on, stage, unit_id, routed_on, sign_due, signed_on, answer_due, answered_on, first_answered_on,
                              answer, rating, rated_on, closed_on, reopens, transfers)
    with d as (select array_agg(date order by date) as day from calendar where workday and date >= ${FROM}::date),
         u as (select array_agg(id order by id) as id from unit),
         nf as (select count(*)::int as n from calendar where workday and date between ${FROM}::date and ${TO}::date),
         g as (
           select i, random() as a1, random() as a2, random() as a3, random() as a4, random() as a5, random() as a6, random() as a7,
                  random() as a8, random() as a9, random() as a10, random() as a11, random() as a12, random() as a13, random() as a14
           from generate_series(1, ${n}::int) i
         ),
         s as (
           select g.*, 1 + floor(a1 * nf.n)::int as fi,
                  case when a2 < 0.3 then '咨询' when a2 < 0.75 then '求决' when a2 < 0.9 then '投诉举报' else '建议' end as category,
                  case when a2 < 0.3 then 1 when a2 < 0.75 then 5 when a2 < 0.9 then 10 else 5 end as days,
                  (array['网上', '网上', '网上', '电话', '电话', '来访', '座谈会', '监督员', '信函', '12345'])[1 + floor(a3 * 10)::int] as channel,
                  u.id[1 + floor(a4 * 11)::int] as unit, (a5 < 0.05)::int as transfers, a6 < 0.98 as routed
           from g, nf, u
         ),
         t as (
           select s.*, fi + transfers as ri,
                  case when not routed then null when a7 < 0.9 then fi + transfers + 1 when a7 < 0.97 then fi + transfers + 2 end as si,
                  fi + transfers + greatest(1, floor(a9 * (days + 1))::int) + case when a10 < 0.09 then 1 + floor(a10 * 50)::int else 0 end as ai,
                  routed and a7 < 0.97 and a8 < 0.93 as answered, a11 < 0.1 as reopen, a12 > 0.04 as rated, a14 < 0.2 as pending
           from s
         )
    select 'BENCH-' || i, 2021, i, category, channel, '基准诉求', '', '联系人', '13800000000', 'bench',
           d.day[fi],
           case when not routed then '受理' when si is null then '派单' when not answered then '办理' when not rated then '答复'
                when reopen and pending then '办理' else '办结' end,
           case when routed then unit end,
           case when routed then d.day[ri] end,
           case when routed then d.day[ri + 1] end,
           d.day[si],
           case when not routed then null when answered and rated and reopen then d.day[ai + days] else d.day[ri + days] end,
           case when answered and not (rated and reopen and pending) then d.day[case when rated and reopen then ai + 2 else ai end] end,
           case when answered then d.day[ai] end,
           case when answered then '已答复' end,
           case when answered and rated then case when reopen and pending then '不满意' when a13 < 0.8 then '满意' else '基本满意' end end,
           case when answered and rated then d.day[ai + case when reopen and not pending then 3 else 0 end] end,
           case when answered and rated and not (reopen and pending) then d.day[ai + case when reopen then 3 else 0 end] end,
           case when answered and rated and reopen then 1 else 0 end,
           case when routed then transfers else 0 end
    from t, d`.execute(db);
  // A returned request was routed first to another unit, which returned it.
  await sql`
    update request_item r set returned_by = array[case when r.unit_id = u.first then u.first + 1 else u.first end]
    from (select min(id) as first from unit) u
    where r.transfers > 0`.execute(db);
  await sql`vacuum analyze request_item`.execute(db);
}

interface JsRow {
  unit_id: number | null;
  category: string;
  channel: string;
  month: number;
  stage: string;
  routed_on: string | null;
  sign_due: string | null;
  signed_on: string | null;
  answer_due: string | null;
  answered_on: string | null;
  first_answered_on: string | null;
  rating: string | null;
  reopens: number;
  transfers: number;
  returned_by: number[];
}

/** The baseline: the same counts, request by request in JavaScript, from the rows read from the same database. */
async function jsCounts(db: Kysely<Database>): Promise<GroupedCounts> {
  const ordinal = new Map(
    (await sql<{ date: string; o: number }>`select date::text as date, workday_ordinal as o from calendar`.execute(db)).rows.map((c) => [c.date, c.o]),
  );
  const rows = (
    await sql<JsRow>`
      select unit_id, category, channel, extract(month from filed_on)::int as month, stage, routed_on::text, sign_due::text,
             signed_on::text, answer_due::text, answered_on::text, first_answered_on::text, rating, reopens, transfers, returned_by
      from request_item where filed_on between ${FROM}::date and ${TO}::date`.execute(db)
  ).rows;
  const out: GroupedCounts = { district: { ...ZERO_COUNTS }, unit: new Map(), category: new Map(), channel: new Map(), month: new Map() };
  const get = <K>(m: Map<K, FigureCounts>, k: K) => {
    let c = m.get(k);
    if (!c) m.set(k, (c = { ...ZERO_COUNTS }));
    return c;
  };
  for (const r of rows) {
    const closed = r.stage === '办结';
    const answerDays = r.first_answered_on !== null && r.routed_on !== null ? ordinal.get(r.first_answered_on)! - ordinal.get(r.routed_on)! : null;
    const steps = {
      routes: (r.unit_id !== null ? 1 : 0) + r.transfers,
      returns: r.transfers,
      ratings: r.reopens + (closed ? 1 : 0),
      satisfiedRatings: closed ? 1 : 0,
    };
    const unit = get(out.unit, r.unit_id);
    for (const c of [out.district, unit, get(out.category, r.category), get(out.channel, r.channel), get(out.month, r.month)]) {
      c.received++;
      if (r.sign_due !== null && (r.signed_on !== null || r.sign_due < AS_OF)) c.signDue++;
      if (r.signed_on !== null && r.sign_due !== null && r.signed_on <= r.sign_due) c.signedOnTime++;
      if (closed) c.closed++;
      if (r.answer_due !== null && (r.answered_on !== null || r.answer_due < AS_OF)) c.answerDue++;
      if (r.answered_on !== null && r.answer_due !== null && r.answered_on <= r.answer_due) c.answeredOnTime++;
      if (r.rating !== null) {
        c.rated++;
        if (r.reopens > 0) c.reopened++;
      }
      if (answerDays !== null) {
        c.answered++;
        c.answerDays += answerDays;
      }
      c.ratings += steps.ratings;
      c.satisfiedRatings += steps.satisfiedRatings;
      if (c !== unit) {
        c.routes += steps.routes;
        c.returns += steps.returns;
      } else if (r.unit_id !== null) c.routes++;
    }
    for (const u of r.returned_by) {
      const c = get(out.unit, u);
      c.routes++;
      c.returns++;
    }
  }
  return out;
}

const canon = (g: GroupedCounts) =>
  JSON.stringify([
    g.district,
    ...(['unit', 'category', 'channel', 'month'] as const).map((k) => [...g[k]].sort((a, b) => String(a[0]).localeCompare(String(b[0])))),
  ]);

async function timed<T>(fn: () => Promise<T>): Promise<{ value: T; seconds: number }> {
  const t = performance.now();
  const value = await fn();
  return { value, seconds: (performance.now() - t) / 1000 };
}

async function runOn(kind: 'pglite' | 'postgres'): Promise<BenchResult[]> {
  const n = kind === 'postgres' ? PG_REQUESTS : PGLITE_REQUESTS;
  const label = kind === 'postgres' ? 'PostgreSQL' : 'PGlite';
  const name = `all request rates (district, units, categories, channels, months) over ${n.toLocaleString('en-US')} requests (${label})`;
  const h = await openFresh(kind);
  if (!h) return [{ name, baseline: '—', ratio: 0, note: 'skipped: set BENCH_DATABASE_URL or TEST_DATABASE_URL' }];
  try {
    await migrateToLatest(h.db);
    await refreshCalendarTable(h.db);
    const gen = await timed(() => generate(h.db, n));
    if (process.env.BENCH_KEEP) return [];
    const run = () => countRequests(h.db, { from: FROM, to: TO, asOf: AS_OF, dims: DIMS });
    await run(); // warm-up
    const times: number[] = [];
    let result: GroupedCounts | undefined;
    for (let i = 0; i < 3; i++) {
      const t = await timed(run);
      times.push(t.seconds);
      result = t.value;
    }
    const sqlS = times.sort((a, b) => a - b)[1]!;
    const js = await timed(() => jsCounts(h.db));
    if (canon(js.value) !== canon(result!)) throw new Error(`request figures: SQL and JavaScript counts differ on ${label}`);
    return [
      {
        name,
        seconds: sqlS,
        baseline: `the same counts one by one in JS from the same rows (read and counted: ${js.seconds.toFixed(2)} s)`,
        ratio: js.seconds / sqlS,
        note: `median of 3 runs (${times.map((t) => t.toFixed(2)).join(', ')} s); SQL and JS results equal; rows generated in ${gen.seconds.toFixed(1)} s${kind === 'postgres' ? `; aim < 2 s for 1,000,000: ${n >= 1_000_000 && sqlS < 2 ? 'met' : n >= 1_000_000 ? 'not met' : 'not measured at that size'}` : '; smaller size on PGlite (single-threaded WASM)'}`,
      },
    ];
  } finally {
    if (!process.env.BENCH_KEEP) await h.cleanup();
    else console.log('kept');
  }
}

export async function benchRequestFigures(): Promise<BenchResult[]> {
  return [...(await runOn('postgres')), ...(await runOn('pglite'))];
}
