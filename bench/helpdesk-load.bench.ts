/**
 * Load test of 智能客服 `POST /api/helpdesk/ask` on loopback (issue 17: "200 concurrent askers for 30 s with zero
 * errors"), `npm run bench -- helpdesk-load`.
 *
 * Method: a fresh embedded database gets the demo data (`bizenv demo`: the FAQ of 152 entries, the plan, the demo
 * policies …); the real server is started (`bizenv start`, logging at warn, a free loopback port) with
 * BIZENV_TRUST_PROXY=127.0.0.1, as behind the reverse proxy the README asks for. The ask route is rate-limited per
 * client address (30 questions a minute): the limit stays as it is, and each simulated asker comes with its own
 * address in X-Forwarded-For — on loopback every request would otherwise come from 127.0.0.1 and be one asker.
 * Two figures, CONNECTIONS (200) concurrent askers for BENCH_HELPDESK_SECONDS (30) each after a short warm-up:
 *   - paced: each asker (its own address, a loop over fetch; autocannon cannot pace a connection below 1/s) asks at
 *     a person's pace under the limit (0.4 questions/s, 24 a minute); every answer must be 200 (a 429 counts as an
 *     error: the limit must not hit real askers);
 *   - saturated: the same 200 connections ask as fast as the server answers, every request from a new address
 *     (the server's own ceiling); every answer must be 200.
 * Questions rotate over 12 real-style questions (water connection, opening a firm, a working-day question …).
 * Baseline, measured in the same run against the same server: `/api/health` with the same 200 connections.
 * A non-200 answer, an error or a timeout fails the benchmark.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import autocannon, { type Result } from 'autocannon';
import type { BenchResult } from './types.js';
import { startServer } from './server.js';

const SECONDS = Number(process.env.BENCH_HELPDESK_SECONDS ?? 30);
const CONNECTIONS = Number(process.env.BENCH_HELPDESK_CONNECTIONS ?? 200);
/** Questions per second per asker in the paced run (0.4/s = 24 a minute, under the limit of 30). */
const PACE = 0.4;
const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');

const QUESTIONS = [
  '用水报装要多久',
  '开公司需要几天',
  '9月30日申请，5个工作日后是哪天',
  '社保登记在哪里办',
  '研发投入有什么补助',
  '不动产登记要多少个工作日',
  '企业诉求多久答复',
  '获得电力需要哪些材料',
  '投诉举报怎么提交',
  '首贷续贷有哪些支持',
  '施工许可办理时限',
  '纳税缴费可以网上办吗',
];

interface Measured {
  rps: number;
  p99: number;
  total: number;
  bad: number;
  /** What the failures were (status codes, timeouts, errors). */
  failures: string;
}

const measured = (r: Result): Measured => ({
  rps: r.requests.average,
  p99: r.latency.p99,
  total: r.requests.total,
  bad: r.non2xx + r.errors + r.timeouts,
  failures: `${r.non2xx} non-2xx (${Object.entries(r.statusCodeStats ?? {})
    .map(([k, v]) => `${k}: ${v.count}`)
    .join(', ')}), ${r.timeouts} timeouts, ${r.errors} errors`,
});

let address = 0;
/** A distinct client address (10.x.y.z) per asker or per request. */
const nextAddress = () => {
  address++;
  return `10.${(address >> 16) & 255}.${(address >> 8) & 255}.${address & 255}`;
};

const askBody = (i: number) => JSON.stringify({ question: QUESTIONS[i % QUESTIONS.length] });

async function health(url: string, seconds: number): Promise<Measured> {
  return measured(await autocannon({ url: `${url}/api/health`, connections: CONNECTIONS, duration: seconds }));
}

/**
 * Paced: CONNECTIONS askers, each its own address, one question every 1/PACE s (autocannon cannot pace a connection
 * below one request a second, and its overall rate does not say which connection sends: an address could exceed the
 * limit). Each asker is a loop over fetch (keep-alive connections of Node's pool); starts spread over the first
 * interval; a question's time is from sending to the whole answer read.
 */
async function paced(url: string, seconds: number): Promise<Measured> {
  const interval = 1000 / PACE;
  const t0 = performance.now();
  const end = t0 + seconds * 1000;
  const latencies: number[] = [];
  const failed = new Map<string, number>();
  const fail = (why: string) => failed.set(why, (failed.get(why) ?? 0) + 1);
  let n = 0;
  const asker = async (i: number) => {
    const ip = nextAddress();
    for (let k = 0; ; k++) {
      const due = t0 + (i / CONNECTIONS) * interval + k * interval;
      if (due >= end) return;
      const wait = due - performance.now();
      if (wait > 0) await new Promise((r) => setTimeout(r, wait));
      const sent = performance.now();
      try {
        const r = await fetch(`${url}/api/helpdesk/ask`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-forwarded-for': ip },
          body: askBody(n++),
          signal: AbortSignal.timeout(10_000),
        });
        await r.arrayBuffer();
        if (r.status !== 200) fail(String(r.status));
      } catch (e) {
        fail(e instanceof Error && e.name === 'TimeoutError' ? 'timeout (10 s)' : `error ${e instanceof Error ? e.message : e}`);
      }
      latencies.push(performance.now() - sent);
    }
  };
  await Promise.all(Array.from({ length: CONNECTIONS }, (_, i) => asker(i)));
  latencies.sort((a, b) => a - b);
  return {
    rps: latencies.length / seconds,
    p99: Math.round(latencies[Math.min(latencies.length - 1, Math.floor(latencies.length * 0.99))] ?? 0),
    total: latencies.length,
    bad: [...failed.values()].reduce((a, b) => a + b, 0),
    failures: [...failed].map(([k, v]) => `${k}: ${v}`).join(', ') || 'none',
  };
}

/** Saturated: every request from a new address, as fast as answered. */
async function saturated(url: string, seconds: number): Promise<Measured> {
  let n = 0;
  return measured(
    await autocannon({
      url: `${url}/api/helpdesk/ask`,
      connections: CONNECTIONS,
      duration: seconds,
      method: 'POST',
      requests: [
        {
          setupRequest: (req) => ({
            ...req,
            headers: { ...req.headers, 'content-type': 'application/json', 'x-forwarded-for': nextAddress() },
            body: askBody(n++),
          }),
        },
      ],
    }),
  );
}

export async function helpdeskLoadBench(): Promise<BenchResult[]> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bizenv-helpdesk-load-'));
  try {
    const env = {
      BIZENV_DATA_DIR: dir,
      DATABASE_URL: '',
      BIZENV_ADMIN_PASSWORD: 'Chaotianmen-2026',
      BIZENV_PASSWORD: 'Jiefangbei-2026',
      BIZENV_JOBS: 'off',
      BIZENV_TRUST_PROXY: '127.0.0.1',
    };
    const demo = spawnSync(process.execPath, ['bin/bizenv.js', 'demo'], { cwd: root, env: { ...process.env, ...env }, encoding: 'utf8' });
    if (demo.status !== 0) throw new Error(`bizenv demo failed:\n${demo.stdout}\n${demo.stderr}`);
    console.log('  seeding demo data and starting the server …');
    const server = await startServer(env);
    try {
      // First answers build the index; then a short warm-up of each.
      for (const q of QUESTIONS) {
        const r = await fetch(`${server.url}/api/helpdesk/ask`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-forwarded-for': nextAddress() },
          body: JSON.stringify({ question: q }),
        });
        if (!r.ok) throw new Error(`ask “${q}”: ${r.status} ${await r.text()}`);
      }
      const stage = (what: string) => console.log(`  ${new Date().toISOString().slice(11, 19)} ${what}`);
      stage('warm-up');
      await health(server.url, 1);
      const w = await saturated(server.url, 2);
      if (w.bad) stage(`warm-up: ${w.bad} of ${w.total} answers failed`);
      stage('baseline /api/health');
      const h = await health(server.url, SECONDS);
      stage('paced');
      const baseline = `/api/health, ${CONNECTIONS} connections (${Math.round(h.rps).toLocaleString('en-US')} req/s, p99 ${h.p99} ms)`;
      const p = await paced(server.url, SECONDS);
      stage('saturated');
      const s = await saturated(server.url, SECONDS);
      stage('done');
      for (const [name, m] of [
        ['paced', p],
        ['saturated', s],
      ] as const) {
        console.log(`  ${name}: ${m.total} answers, ${Math.round(m.rps)}/s, p99 ${m.p99} ms; failures: ${m.failures}`);
      }
      for (const [name, m] of [
        ['paced', p],
        ['saturated', s],
      ] as const) {
        if (m.bad) throw new Error(`ask ${name}: ${m.bad} of ${m.total} answers failed (${m.failures})`);
      }
      return [
        {
          name: `ask, ${CONNECTIONS} askers at ${PACE}/s each for ${SECONDS} s (own address each)`,
          opsPerSec: p.rps,
          baseline,
          ratio: p.rps / h.rps,
          note: `${p.total} answers, 0 errors, 0 × 429; p99 ${p.p99} ms (health ${h.p99} ms)`,
        },
        {
          name: `ask, ${CONNECTIONS} askers unpaced for ${SECONDS} s (new address per question)`,
          opsPerSec: s.rps,
          baseline,
          ratio: s.rps / h.rps,
          note: `${s.total} answers, 0 errors; p99 ${s.p99} ms (health ${h.p99} ms)`,
        },
      ];
    } finally {
      await server.stop();
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
