/**
 * Calendar benchmark (`npm run bench -- calendar`): working-day differences per second with the
 * precomputed ordinals, against two baselines measured in the same run — a day-by-day loop over the
 * same data, and the `chinese-days` package (getWorkdaysInRange) — and one SQL statement computing
 * 1,000,000 durations through the `calendar` table against a day-by-day SQL count.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import chineseDays from 'chinese-days';
import { sql } from 'kysely';
import { officialCalendar } from '../src/calendar/index.js';
import type { BenchResult } from './types.js';

const DAY = 86_400_000;
const FIRST = Date.UTC(2020, 0, 1);
const LAST = Date.UTC(2026, 11, 31);

/** Deterministic pseudo-random (mulberry32) so every run measures the same pairs. */
function rng(seed: number): () => number {
  return () => {
    seed |= 0;
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Pairs (start, end) of ISO dates in 2020–2026, end 0–90 days after start (typical case durations). */
function pairs(n: number, seed: number): [string[], string[]] {
  const r = rng(seed);
  const a: string[] = [];
  const b: string[] = [];
  const span = (LAST - FIRST) / DAY - 90;
  for (let i = 0; i < n; i++) {
    const s = FIRST + Math.floor(r() * span) * DAY;
    a.push(new Date(s).toISOString().slice(0, 10));
    b.push(new Date(s + Math.floor(r() * 91) * DAY).toISOString().slice(0, 10));
  }
  return [a, b];
}

/** Runs fn over the pairs repeatedly for at least minMs; returns operations per second. */
function measure(a: string[], b: string[], fn: (x: string, y: string) => number, minMs: number): { opsPerSec: number; checksum: number } {
  let ops = 0;
  let checksum = 0;
  const t0 = performance.now();
  let t = t0;
  do {
    for (let i = 0; i < a.length; i++) checksum += fn(a[i], b[i]);
    ops += a.length;
    t = performance.now();
  } while (t - t0 < minMs);
  return { opsPerSec: (ops / (t - t0)) * 1000, checksum };
}

// Baseline 1: the day-by-day loop a first implementation would write (same data, a Map lookup per day).
const workdayByDate = new Map<string, boolean>();
for (let y = 2020; y <= 2026; y++) for (const d of officialCalendar.yearDays(y)) workdayByDate.set(d.date, d.workday);
function loopBetween(a: string, b: string): number {
  let n = 0;
  const end = Date.parse(`${b}T00:00:00Z`);
  for (let t = Date.parse(`${a}T00:00:00Z`) + DAY; t <= end; t += DAY) if (workdayByDate.get(new Date(t).toISOString().slice(0, 10))) n++;
  return n;
}

// Baseline 2: chinese-days (dayjs based): working days in [a, b], minus a itself.
function chineseDaysBetween(a: string, b: string): number {
  return chineseDays.getWorkdaysInRange(a, b, true).length - (chineseDays.isWorkday(a) ? 1 : 0);
}

async function benchSql(): Promise<BenchResult[]> {
  const { openEmbedded, migrateToLatest } = await import('../src/db/index.js');
  const { refreshCalendarTable } = await import('../src/calendar/index.js');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bizenv-bench-calendar-'));
  const h = await openEmbedded(path.join(dir, 'pgdata'));
  try {
    await migrateToLatest(h.db);
    await refreshCalendarTable(h.db);
    const db = h.db;
    // 1,000,000 cases: start in 2020–2026, finished 0–90 days later.
    await sql`create temporary table bench_case as
      select i as id, s as started_on, least(s + ((i * 7919) % 91)::int, date '2026-12-31') as finished_on
      from (select i, date '2020-01-01' + ((i * 104729) % 2466)::int as s from generate_series(1::bigint, 1000000) i) g`.execute(db);
    await sql`analyze bench_case`.execute(db);
    const t0 = performance.now();
    const r = await sql<{ n: number; total: number }>`select count(*)::int as n, sum(e.workday_ordinal - s.workday_ordinal)::bigint as total
      from bench_case c join calendar s on s.date = c.started_on join calendar e on e.date = c.finished_on`.execute(db);
    const seconds = (performance.now() - t0) / 1000;
    // Baseline: the day-by-day count per case (a correlated count over the days of each case), on a
    // 20,000-case sample, scaled to 1,000,000.
    const sample = 20_000;
    const t1 = performance.now();
    const rb = await sql<{
      total: number;
    }>`select sum((select count(*) from calendar d where d.date > c.started_on and d.date <= c.finished_on and d.workday))::bigint as total
      from bench_case c where c.id <= ${sample}`.execute(db);
    const baselineSeconds = ((performance.now() - t1) / 1000) * (1_000_000 / sample);
    const check = await sql<{ total: number }>`select sum(e.workday_ordinal - s.workday_ordinal)::bigint as total
      from bench_case c join calendar s on s.date = c.started_on join calendar e on e.date = c.finished_on where c.id <= ${sample}`.execute(db);
    const same = Number(check.rows[0].total) === Number(rb.rows[0].total);
    return [
      {
        name: `SQL: ${r.rows[0].n.toLocaleString('en-US')} durations in one statement (calendar.workday_ordinal join, PGlite)`,
        seconds,
        baseline: `day-by-day count per case in SQL (${sample.toLocaleString('en-US')} cases, scaled to 1,000,000: ${baselineSeconds.toFixed(1)} s)`,
        ratio: baselineSeconds / seconds,
        note: same ? 'sample totals agree' : 'SAMPLE TOTALS DIFFER',
      },
    ];
  } finally {
    await h.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

export async function benchCalendar(): Promise<BenchResult[]> {
  const [a, b] = pairs(1_000_000, 42);
  // Same answers on a sample before measuring.
  for (let i = 0; i < 2000; i++) {
    const x = officialCalendar.workingDaysBetween(a[i], b[i]);
    if (x !== loopBetween(a[i], b[i]) || x !== chineseDaysBetween(a[i], b[i])) throw new Error(`disagreement on ${a[i]} → ${b[i]}`);
  }
  measure(a.slice(0, 100_000), b.slice(0, 100_000), (x, y) => officialCalendar.workingDaysBetween(x, y), 200); // warm-up
  const ours = measure(a, b, (x, y) => officialCalendar.workingDaysBetween(x, y), 1500);
  const loop = measure(a.slice(0, 50_000), b.slice(0, 50_000), loopBetween, 1500);
  const cd = measure(a.slice(0, 2_000), b.slice(0, 2_000), chineseDaysBetween, 1500);
  const results: BenchResult[] = [
    {
      name: 'workingDaysBetween (JS, precomputed ordinals, ISO date strings)',
      opsPerSec: ours.opsPerSec,
      baseline: 'day-by-day loop over the same data',
      ratio: ours.opsPerSec / loop.opsPerSec,
      note: `loop: ${Math.round(loop.opsPerSec).toLocaleString('en-US')} /s; spans 0–90 days; aim ≥ 10,000,000 /s`,
    },
    {
      name: 'workingDaysBetween (JS) vs chinese-days',
      opsPerSec: ours.opsPerSec,
      baseline: 'chinese-days getWorkdaysInRange',
      ratio: ours.opsPerSec / cd.opsPerSec,
      note: `chinese-days: ${Math.round(cd.opsPerSec).toLocaleString('en-US')} /s`,
    },
  ];
  if (process.env.BENCH_SKIP_SQL !== '1') results.push(...(await benchSql()));
  return results;
}
