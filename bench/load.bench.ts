/**
 * Load benchmark of public and staff reads (`npm run bench -- load`), issue 18.
 *
 * Method: for each backend — the embedded database (PGlite, always) and PostgreSQL (when
 * BENCH_DATABASE_URL or TEST_DATABASE_URL is set: a fresh database `bizenv_load_<pid>` is created on
 * that server and dropped afterwards) — a fresh data directory gets the demo data (`bizenv demo`),
 * then the real server is started (`bizenv start`, logging at warn, on a free loopback port) and
 * autocannon loads one route at a time with CONNECTIONS (default 50) concurrent clients for
 * BENCH_LOAD_SECONDS (default 5) seconds after a 1 s warm-up, sending `Accept-Encoding: br, gzip`
 * as a browser does. Public routes are loaded anonymously; staff pages with the session cookie of
 * the demo office account (`demo-office`). A browser revalidating a page it has (If-None-Match with
 * the ETag of its copy) is loaded as its own figure.
 *
 * Baseline, measured in the same run against the same server: `/api/health` (an 11-byte JSON answer
 * through every hook of the app). Rate ratio = route req/s ÷ health req/s; the note gives the route's
 * p99 latency and health's. A non-2xx/304 answer during a run fails the benchmark.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import pg from 'pg';
import type { BenchResult } from './types.js';
import { startServer } from './server.js';

const SECONDS = Number(process.env.BENCH_LOAD_SECONDS ?? 5);
const CONNECTIONS = Number(process.env.BENCH_LOAD_CONNECTIONS ?? 50);
const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const ADMIN_PASSWORD = 'Chaotianmen-2026';
const DEMO_PASSWORD = 'Jiefangbei-2026';

interface Backend {
  name: string;
  env: Record<string, string>;
  cleanup: () => Promise<void>;
}

async function backends(): Promise<Backend[]> {
  const out: Backend[] = [];
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bizenv-load-'));
  out.push({ name: 'embedded', env: { BIZENV_DATA_DIR: dir, DATABASE_URL: '' }, cleanup: async () => fs.rmSync(dir, { recursive: true, force: true }) });
  const server = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL;
  if (server) {
    const name = `bizenv_load_${process.pid}`;
    const admin = new pg.Client({ connectionString: server });
    await admin.connect();
    await admin.query(`drop database if exists ${name}`);
    await admin.query(`create database ${name}`);
    await admin.end();
    const url = new URL(server);
    url.pathname = `/${name}`;
    const pgDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bizenv-load-pg-'));
    out.push({
      name: 'PostgreSQL',
      env: { BIZENV_DATA_DIR: pgDir, DATABASE_URL: url.href },
      cleanup: async () => {
        fs.rmSync(pgDir, { recursive: true, force: true });
        const c = new pg.Client({ connectionString: server });
        await c.connect();
        await c.query(`drop database if exists ${name} with (force)`);
        await c.end();
      },
    });
  }
  return out;
}

/** CPU time (user + system) the server process has used, in ms (Linux /proc; clock ticks of 10 ms). */
function cpuMs(pid: number | undefined): number {
  if (!pid) return Number.NaN;
  try {
    const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return Number.NaN;
  }
}

async function json<T>(url: string, headers: Record<string, string> = {}): Promise<T> {
  const r = await fetch(url, { headers });
  if (!r.ok) throw new Error(`${url}: ${r.status} ${await r.text()}`);
  return (await r.json()) as T;
}

async function login(url: string, account: string, password: string): Promise<string> {
  const r = await fetch(`${url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ account, password }),
  });
  if (!r.ok) throw new Error(`login ${account}: ${r.status} ${await r.text()}`);
  const cookie = r.headers
    .getSetCookie()
    .map((c) => c.split(';')[0]!)
    .find((c) => c.startsWith('bizenv_session='));
  if (!cookie) throw new Error(`login ${account}: no session cookie`);
  return cookie;
}

interface Route {
  name: string;
  path: string;
  headers?: Record<string, string>;
}

/** The routes to load, with ids taken from the demo data. */
async function routes(url: string): Promise<Route[]> {
  const plans = await json<Array<{ id: number; current: boolean }>>(`${url}/api/plan/plans`);
  const planId = plans.find((p) => p.current)!.id;
  const policies = await json<{ items: Array<{ id: number }> }>(`${url}/api/policies/?limit=5`);
  const policyId = policies.items[0]!.id;
  const cookie = await login(url, 'demo-office', DEMO_PASSWORD);
  const staff = { cookie };
  const firm = { cookie: await login(url, 'demo-qiye1', DEMO_PASSWORD) };
  const year = new Date().getUTCFullYear();
  const outline = `/api/plan/plans/${planId}`;
  const etag = (await fetch(`${url}${outline}`, { headers: { 'accept-encoding': 'br, gzip' } })).headers.get('etag');
  return [
    { name: 'plan list', path: '/api/plan/plans' },
    { name: 'plan outline', path: outline },
    ...(etag ? [{ name: 'plan outline, revalidated (If-None-Match → 304)', path: outline, headers: { 'if-none-match': etag } }] : []),
    { name: 'a measure', path: `/api/plan/plans/${planId}/measures/6` },
    { name: 'plan as-of date', path: `/api/plan/plans/${planId}/as-of` },
    { name: 'unit directory', path: `/api/plan/units?planId=${planId}` },
    { name: 'policy list', path: '/api/policies/' },
    { name: 'policy search', path: `/api/policies/?q=${encodeURIComponent('研发费用')}` },
    { name: 'policy facets', path: '/api/policies/facets' },
    { name: 'policy detail', path: `/api/policies/${policyId}` },
    { name: 'calendar year', path: `/api/calendar/year/${year}` },
    { name: 'deadline calculator', path: `/api/calendar/add?from=${year}-09-28&n=20&unit=workday` },
    { name: 'public request figures', path: '/api/requests/public/figures' },
    { name: 'public draws (双随机 公示)', path: '/api/inspections/public/draws' },
    { name: 'policy calculator (enterprise, logged in)', path: '/api/policies/calculator', headers: firm },
    { name: 'staff: workbench dashboard', path: `/api/ledger/plans/${planId}/dashboard`, headers: staff },
    { name: 'staff: ledger list', path: `/api/ledger/plans/${planId}/tasks`, headers: staff },
    { name: 'staff: report queue (work queue)', path: `/api/ledger/plans/${planId}/work-queue`, headers: staff },
    { name: 'staff: report list', path: '/api/ledger/report-list', headers: staff },
    { name: 'staff: indicator dashboard', path: '/api/indicators/', headers: staff },
  ];
}

interface Load {
  rps: number;
  p99: number;
  bad: number;
  /** Server CPU per answer (ms): a figure the other processes on a shared machine distort less than req/s. */
  cpu: number;
}

async function load(url: string, r: Route, seconds: number, pid?: number): Promise<Load> {
  const cpu0 = cpuMs(pid);
  const res = await autocannon({
    url: `${url}${r.path}`,
    connections: CONNECTIONS,
    duration: seconds,
    headers: { 'accept-encoding': 'br, gzip', ...r.headers },
  });
  const cpu = (cpuMs(pid) - cpu0) / Math.max(1, res.requests.total);
  const bad = res.non2xx - (r.headers?.['if-none-match'] ? (res['3xx'] ?? 0) : 0) + res.errors + res.timeouts;
  return { rps: res.requests.average, p99: res.latency.p99, bad, cpu };
}

export async function loadBench(): Promise<BenchResult[]> {
  const results: BenchResult[] = [];
  for (const b of await backends()) {
    try {
      const env = { ...b.env, BIZENV_ADMIN_PASSWORD: ADMIN_PASSWORD, BIZENV_PASSWORD: DEMO_PASSWORD, BIZENV_JOBS: 'off' };
      // The demo data (sample plan, enterprises, policies, ledger, requests, case records) before the server starts.
      const demo = spawnSync(process.execPath, ['bin/bizenv.js', 'demo'], { cwd: root, env: { ...process.env, ...env }, encoding: 'utf8' });
      if (demo.status !== 0) throw new Error(`bizenv demo failed:\n${demo.stdout}\n${demo.stderr}`);
      const server = await startServer(env);
      try {
        const list = await routes(server.url);
        // Each route once before it is loaded (first answers, caches, JIT), then the baseline.
        for (const r of list) {
          const res = await fetch(`${server.url}${r.path}`, { headers: { 'accept-encoding': 'br, gzip', ...r.headers } });
          if (!res.ok && res.status !== 304) throw new Error(`${r.name} (${r.path}): ${res.status} ${await res.text()}`);
        }
        await load(server.url, { name: 'health', path: '/api/health' }, 1);
        const health = await load(server.url, { name: 'health', path: '/api/health' }, SECONDS, server.pid);
        const baseline = `/api/health, ${b.name} (${Math.round(health.rps).toLocaleString('en-US')} req/s, p99 ${health.p99} ms, ${health.cpu.toFixed(2)} ms CPU/answer)`;
        for (const r of list) {
          await load(server.url, r, 1);
          const m = await load(server.url, r, SECONDS, server.pid);
          if (m.bad) throw new Error(`${r.name}: ${m.bad} failed answers under load`);
          const note =
            m.rps === 0
              ? `no answer within ${SECONDS} s`
              : `p99 ${m.p99} ms (health ${health.p99} ms); server CPU ${m.cpu.toFixed(2)} ms/answer (health ${health.cpu.toFixed(2)})`;
          results.push({ name: `${b.name}: ${r.name}`, opsPerSec: m.rps, baseline, ratio: m.rps / health.rps, note });
          console.log(`  ${b.name} ${r.name}: ${Math.round(m.rps)} req/s, ${note}`);
        }
      } finally {
        await server.stop();
      }
    } finally {
      await b.cleanup();
    }
  }
  return results;
}
