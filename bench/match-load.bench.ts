/**
 * Policy matching off the main thread (`npm run bench -- match-load`, issue 18): what a full matching run costs
 * the thread that answers requests.
 *
 * Per backend — PostgreSQL (BENCH_DATABASE_URL: a fresh database on that server, dropped afterwards) and the
 * embedded database (a fresh data directory; BENCH_MATCH_PGLITE=0 skips it) — BENCH_MATCH_FIRMS firms (default
 * 100,000; BENCH_MATCH_FIRMS_PGLITE for the embedded one, default 50,000) and 500 policy items are seeded as in
 * policies.bench.ts. Then:
 * 1. In this process: `matchAllFirms` over every firm and rule (results not written), once evaluating on the main
 *    thread (as before: `onMainThread`, the baseline) and once in its worker thread; each with the main thread's
 *    event-loop delay (`perf_hooks.monitorEventLoopDelay`, 10 ms resolution: p99 and max) and event-loop
 *    utilisation (`performance.eventLoopUtilization`: the share of the run the main thread was busy). Ratio =
 *    main-thread p99 ÷ worker p99.
 * 2. The real server on that database (`bizenv start`, jobs on, production, warnings only); public reads — the plan
 *    outline (`GET /api/plan/plans/:id`, the front page's data; BENCH_LOAD_CONNECTIONS connections, default 10) and
 *    `GET /api/health` (2 connections) — loaded with autocannon for BENCH_LOAD_SECONDS (default 10) without any
 *    job: the baseline. Then the office's full matching run (`POST /api/policies/match` → 202, the
 *    `policies.match` background job: every firm, results kept, then the push) twice: the first writes every
 *    eligible result, the second (as the nightly run) reads each firm's kept results and writes only changes;
 *    the same reads are loaded from the 202 until the run has ended. Figures: p99 during ÷ p99 without (below
 *    1: slower during the run) and the req/s in the note.
 * The load average is noted with each figure: on a shared machine the figures move with it.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import pg from 'pg';
import { migrateToLatest, openDatabase, openEmbedded, type DatabaseHandle } from '../src/db/index.js';
import { matchAllFirms } from '../src/policies/batch-match.js';
import { activeRules } from '../src/policies/matching.js';
import { seedFirms, seedRules } from './policies.bench.js';
import { startServer } from './server.js';
import { adminSession, load, type Load } from './load-during.js';
import type { BenchResult } from './types.js';

const FIRMS = Number(process.env.BENCH_MATCH_FIRMS ?? 100_000);
const FIRMS_PGLITE = Number(process.env.BENCH_MATCH_FIRMS_PGLITE ?? 50_000);
const CONNECTIONS = Number(process.env.BENCH_LOAD_CONNECTIONS ?? 10);
const SECONDS = Number(process.env.BENCH_LOAD_SECONDS ?? 10);
const PASSWORD = 'Chaotianmen-2026';
const AS_OF = '2026-01-15';

const loadAvg = () =>
  `load average ${os
    .loadavg()
    .map((x) => x.toFixed(1))
    .join(', ')}`;
const ms = (x: number) => `${Math.round(x)} ms`;
const n = (x: number) => x.toLocaleString('en-US');

interface MainThread {
  seconds: number;
  p99: number;
  max: number;
  /** Event-loop utilisation: the share of the run the main thread was busy. */
  busy: number;
}

/** One in-process run over every firm (results not written) with the main thread's delay and utilisation. */
async function mainThreadRun(h: DatabaseHandle, onMainThread: boolean): Promise<MainThread> {
  const rules = (await activeRules(h.db, AS_OF)).map((x) => ({
    versionId: x.version.id,
    itemId: x.itemId,
    condition: x.version.condition,
    amount: x.version.amount,
  }));
  const delay = monitorEventLoopDelay({ resolution: 10 });
  const elu0 = performance.eventLoopUtilization();
  delay.enable();
  const t0 = performance.now();
  const r = await matchAllFirms(h.db, rules, { asOf: AS_OF, record: false, collect: false, batch: 10_000, full: true, onMainThread });
  const seconds = (performance.now() - t0) / 1000;
  delay.disable();
  const elu = performance.eventLoopUtilization(elu0);
  if (r.evaluations !== r.enterprises * rules.length || !r.enterprises) throw new Error(`matched ${r.enterprises} firms`);
  return { seconds, p99: delay.percentile(99) / 1e6, max: delay.max / 1e6, busy: elu.utilization };
}

interface Run {
  outline: Load;
  health: Load;
  seconds: number;
  load: string;
}

/** The server's full matching run (the background job) with the reads loaded until it has ended. */
async function matchRun(url: string, outline: string, headers: Record<string, string>): Promise<Run> {
  const before = loadAvg();
  const up = await fetch(`${url}/api/policies/match`, { method: 'POST', headers });
  if (up.status !== 202) throw new Error(`match: ${up.status} ${await up.text()}`);
  const { runId } = (await up.json()) as { runId: number };
  let finished: { status: string; startedAt: string; finishedAt: string; error: string | null } | undefined;
  const ended = (async () => {
    for (;;) {
      await new Promise((r) => setTimeout(r, 500));
      const run = await fetch(`${url}/api/jobs/runs/${runId}`, { headers }).then(
        (r) => r.json() as Promise<NonNullable<typeof finished>>,
        () => null,
      );
      if (run && !['queued', 'running'].includes(run.status)) {
        finished = run;
        return;
      }
    }
  })();
  const [o, hl] = await Promise.all([load(outline, CONNECTIONS, 3600, ended), load(`${url}/api/health`, 2, 3600, ended)]);
  await ended;
  if (finished?.status !== 'succeeded') throw new Error(`match run ${finished?.status}: ${finished?.error}`);
  const seconds = (new Date(finished.finishedAt).getTime() - new Date(finished.startedAt).getTime()) / 1000;
  return { outline: o, health: hl, seconds, load: `${before} at the start` };
}

async function measure(backend: string, open: () => Promise<DatabaseHandle>, env: Record<string, string>, firms: number): Promise<BenchResult[]> {
  const out: BenchResult[] = [];
  // Seed, then the in-process figure (the server not running yet: PGlite has one owner).
  const h = await open();
  try {
    await migrateToLatest(h.db);
    console.log(`  ${backend}: seeding ${n(firms)} firms and 500 items …`);
    await seedFirms(h.db, firms);
    await seedRules(h.db);
    await mainThreadRun(h, false); // warm-up (caches, the worker's first start)
    const l0 = loadAvg();
    const main = await mainThreadRun(h, true);
    const l1 = loadAvg();
    const worker = await mainThreadRun(h, false);
    const fig = (x: MainThread) =>
      `event-loop delay p99 ${ms(x.p99)}, max ${ms(x.max)}, main thread busy ${Math.round(x.busy * 100)} % of ${x.seconds.toFixed(1)} s`;
    out.push({
      name: `main thread during matching ${n(firms)} firms × 500 items (DB → results, not written), ${backend}: evaluation in a worker`,
      seconds: worker.seconds,
      baseline: `evaluation on the main thread (${fig(main)}; ${l0})`,
      ratio: main.p99 / Math.max(0.01, worker.p99),
      note: `${fig(worker)}; ${l1}; ratio = main-thread p99 ÷ worker p99`,
    });
  } finally {
    await h.close();
  }

  const server = await startServer({ ...env, BIZENV_ADMIN_PASSWORD: PASSWORD });
  try {
    const headers = await adminSession(server.url, PASSWORD);
    const plans = (await (await fetch(`${server.url}/api/plan/plans`)).json()) as Array<{ id: number }>;
    const outline = `${server.url}/api/plan/plans/${plans[0]!.id}`;
    await load(outline, CONNECTIONS, 2); // warm-up
    const l0 = loadAvg();
    const [baseOutline, baseHealth] = await Promise.all([load(outline, CONNECTIONS, SECONDS), load(`${server.url}/api/health`, 2, SECONDS)]);
    const base = `p99 ${ms(baseOutline.p99)}, ${Math.round(baseOutline.rps)} req/s without a run (${l0})`;
    for (const [label, what] of [
      ['first full run, every result written', 'first'],
      ['second full run, only changes written (as the nightly run)', 'nightly'],
    ] as const) {
      const r = await matchRun(server.url, outline, headers);
      out.push({
        name: `plan outline p99 during the ${label}, ${n(firms)} firms × 500 items, ${backend}`,
        seconds: r.outline.p99 / 1000,
        baseline: `same reads without a run: ${base}`,
        ratio: baseOutline.p99 / Math.max(1, r.outline.p99),
        note: `p99 ${ms(r.outline.p99)} (p50 ${ms(r.outline.p50)}), ${Math.round(r.outline.rps)} req/s, ${r.outline.errors} errors during the run (${r.seconds.toFixed(0)} s, ${r.load}); /api/health p99 ${ms(r.health.p99)} during vs ${ms(baseHealth.p99)} without`,
      });
      console.log(`  ${backend}: ${what} run ${r.seconds.toFixed(0)} s`);
    }
  } finally {
    await server.stop();
  }
  return out;
}

export async function matchLoadBench(): Promise<BenchResult[]> {
  const out: BenchResult[] = [];
  const pgUrl = process.env.BENCH_DATABASE_URL;
  if (pgUrl) {
    const name = `bizenv_bench_match_${crypto.randomBytes(4).toString('hex')}`;
    const admin = new pg.Client({ connectionString: pgUrl });
    await admin.connect();
    await admin.query(`create database ${name}`);
    await admin.end();
    const u = new URL(pgUrl);
    u.pathname = `/${name}`;
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bizenv-bench-match-'));
    try {
      out.push(
        ...(await measure(
          'PostgreSQL',
          () => openDatabase({ databaseUrl: u.toString(), dataDir }),
          { DATABASE_URL: u.toString(), BIZENV_DATA_DIR: dataDir },
          FIRMS,
        )),
      );
    } finally {
      const a = new pg.Client({ connectionString: pgUrl });
      await a.connect();
      await a.query(`drop database if exists ${name} with (force)`);
      await a.end();
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  } else out.push({ name: 'matching on PostgreSQL', baseline: '—', ratio: 0, note: 'skipped: set BENCH_DATABASE_URL' });
  if (process.env.BENCH_MATCH_PGLITE !== '0') {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bizenv-bench-match-'));
    try {
      out.push(
        ...(await measure('embedded (PGlite)', () => openEmbedded(path.join(dataDir, 'pgdata')), { DATABASE_URL: '', BIZENV_DATA_DIR: dataDir }, FIRMS_PGLITE)),
      );
    } finally {
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  }
  return out;
}
