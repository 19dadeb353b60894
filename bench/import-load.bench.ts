/**
 * Heavy work never blocks the rest (`npm run bench -- import-load`, issue 18): the real server
 * (`bizenv start`, jobs on) on a fresh database; public reads — the plan outline (`GET /api/plan/plans/:id`,
 * the public front page's data) and `GET /api/health` — are loaded with autocannon (loopback, from this
 * process, BENCH_LOAD_CONNECTIONS connections, default 10) for BENCH_LOAD_SECONDS (default 10) without any
 * import: the baseline. Then a case record file of BENCH_IMPORT_ROWS (default 999,999 + the header) new utility
 * connections is uploaded (`POST /api/indicators/records/utility/upload` → 202, the import runs as a
 * background job: every row checked, one COPY transaction, then the indicators recomputed) and the same
 * reads are loaded from the moment the upload is answered until the run has ended. Each figure is the p99
 * latency during the import, as a ratio baseline p99 ÷ import p99 (below 1: slower during the import).
 * PostgreSQL with BENCH_DATABASE_URL (a fresh database on that server, dropped afterwards); the embedded
 * database always (BENCH_IMPORT_ROWS_PGLITE, default the same count).
 */
import { spawn } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { adminSession, load, type Load } from './load-during.js';
import type { BenchResult } from './types.js';

// A million rows in the file: the header and 999,999 records (the table reader's limit counts the header).
const ROWS = Number(process.env.BENCH_IMPORT_ROWS ?? 999_999);
const ROWS_PGLITE = Number(process.env.BENCH_IMPORT_ROWS_PGLITE ?? ROWS);
const CONNECTIONS = Number(process.env.BENCH_LOAD_CONNECTIONS ?? 10);
const SECONDS = Number(process.env.BENCH_LOAD_SECONDS ?? 10);
const PASSWORD = 'Chaotianmen-2026';

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.listen(0, '127.0.0.1', () => {
      const p = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(p));
    });
    s.on('error', reject);
  });
}

/** `bizenv start` on a fresh data dir (and database), jobs on; resolves once /api/health answers. */
async function startServer(databaseUrl: string) {
  const port = await freePort();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bizenv-bench-import-'));
  let out = '';
  const child = spawn(process.execPath, ['bin/bizenv.js', 'start'], {
    env: { ...process.env, PORT: String(port), BIZENV_DATA_DIR: dataDir, DATABASE_URL: databaseUrl, BIZENV_ADMIN_PASSWORD: PASSWORD, LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout.on('data', (d) => (out += d));
  child.stderr.on('data', (d) => (out += d));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 180_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited (${child.exitCode}):\n${out}`);
    const up = await fetch(`${url}/api/health`).then(
      (r) => r.ok,
      () => false,
    );
    if (up) break;
    if (Date.now() > deadline) {
      child.kill();
      throw new Error(`server did not start:\n${out.slice(-2000)}`);
    }
    await new Promise((r) => setTimeout(r, 300));
  }
  return {
    url,
    output: () => out,
    stop: async () => {
      if (child.exitCode === null) {
        child.kill('SIGTERM');
        await new Promise((r) => child.once('exit', r));
      }
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

async function freshPostgres(url: string) {
  const name = `bizenv_bench_load_${crypto.randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const u = new URL(url);
  u.pathname = `/${name}`;
  return {
    url: u.toString(),
    drop: async () => {
      const a = new pg.Client({ connectionString: url });
      await a.connect();
      await a.query(`drop database if exists ${name} with (force)`);
      await a.end();
    },
  };
}

/** A CSV of `n` new water connections (valid dates, no unit column: the measure's lead unit). */
function caseFile(n: number): Buffer {
  const parts: string[] = ['申请编号,报装类型,申请日期,接通日期\n'];
  let chunk = '';
  for (let i = 0; i < n; i++) {
    chunk += `L${i},用水,2021-0${1 + (i % 9)}-1${i % 10},2021-0${1 + (i % 9)}-2${i % 8}\n`;
    if (chunk.length > 1 << 20) {
      parts.push(chunk);
      chunk = '';
    }
  }
  parts.push(chunk);
  return Buffer.from(parts.join(''), 'utf8');
}

async function measure(backend: 'PostgreSQL' | 'embedded (PGlite)', databaseUrl: string, rows: number): Promise<BenchResult[]> {
  const server = await startServer(databaseUrl);
  try {
    const headers = await adminSession(server.url, PASSWORD);
    const plans = (await (await fetch(`${server.url}/api/plan/plans`)).json()) as Array<{ id: number }>;
    const outline = `${server.url}/api/plan/plans/${plans[0]!.id}`;
    const health = `${server.url}/api/health`;
    // Warm up, then the baseline: the same reads, no import.
    await load(outline, CONNECTIONS, 2);
    const [baseOutline, baseHealth] = await Promise.all([load(outline, CONNECTIONS, SECONDS), load(health, 2, SECONDS)]);

    const file = caseFile(rows);
    const form = new FormData();
    form.append('file', new Blob([new Uint8Array(file)]), 'bench.csv');
    const t0 = performance.now();
    const up = await fetch(`${server.url}/api/indicators/records/utility/upload`, { method: 'POST', headers, body: form });
    if (up.status !== 202) throw new Error(`upload: ${up.status} ${await up.text()}`);
    const answered = (performance.now() - t0) / 1000;
    const { runId } = (await up.json()) as { runId: number };
    let finished: { status: string; startedAt: string; finishedAt: string; error: string | null } | undefined;
    const ended = (async () => {
      for (;;) {
        await new Promise((r) => setTimeout(r, 500));
        // Under load a poll may fail (a reset connection): try again.
        const run = await fetch(`${server.url}/api/jobs/runs/${runId}`, { headers }).then(
          (r) => r.json() as Promise<NonNullable<typeof finished>>,
          () => null,
        );
        if (!run) continue;
        if (!['queued', 'running'].includes(run.status)) {
          finished = run;
          return;
        }
      }
    })();
    // The reads from the upload's answer until the import (and its recompute) has ended.
    const [during, duringHealth] = await Promise.all([load(outline, CONNECTIONS, 3600, ended), load(health, 2, 3600, ended)]);
    await ended;
    if (finished?.status !== 'succeeded') throw new Error(`import ${finished?.status}: ${finished?.error}\n${server.output().slice(-3000)}`);
    const importSeconds = (new Date(finished.finishedAt).getTime() - new Date(finished.startedAt).getTime()) / 1000;
    const rowsText = rows.toLocaleString('en-US');
    const ms = (x: number) => `${Math.round(x)} ms`;
    const note = (d: Load, b: Load) =>
      `p99 ${ms(d.p99)} during (p50 ${ms(d.p50)}, ${Math.round(d.rps)} req/s, ${d.errors} errors) vs p99 ${ms(b.p99)} without (${Math.round(b.rps)} req/s); import ${importSeconds.toFixed(0)} s (${Math.round(rows / importSeconds).toLocaleString('en-US')} rows/s incl. recompute), upload answered in ${answered.toFixed(1)} s`;
    return [
      {
        name: `plan outline p99 during a ${rowsText}-row import, ${backend}`,
        seconds: during.p99 / 1000,
        baseline: 'same reads without an import',
        ratio: baseOutline.p99 / Math.max(1, during.p99),
        note: note(during, baseOutline),
      },
      {
        name: `/api/health p99 during a ${rowsText}-row import, ${backend}`,
        seconds: duringHealth.p99 / 1000,
        baseline: 'same reads without an import',
        ratio: baseHealth.p99 / Math.max(1, duringHealth.p99),
        note: `p99 ${ms(duringHealth.p99)} during vs ${ms(baseHealth.p99)} without`,
      },
    ];
  } finally {
    await server.stop();
  }
}

export async function importLoadBench(): Promise<BenchResult[]> {
  const out: BenchResult[] = [];
  const pgUrl = process.env.BENCH_DATABASE_URL;
  if (pgUrl) {
    const db = await freshPostgres(pgUrl);
    try {
      out.push(...(await measure('PostgreSQL', db.url, ROWS)));
    } finally {
      await db.drop();
    }
  } else out.push({ name: 'reads during an import on PostgreSQL', baseline: '—', ratio: 0, note: 'skipped: set BENCH_DATABASE_URL' });
  if (process.env.BENCH_IMPORT_PGLITE !== '0') out.push(...(await measure('embedded (PGlite)', '', ROWS_PGLITE)));
  return out;
}
