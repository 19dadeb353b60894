import type { FastifyInstance } from 'fastify';
import { beforeAll, expect, it } from 'vitest';
import { createTestApp, loginAs, type SessionHeaders } from '../../test/app.js';
import { describeStore } from '../../test/db.js';
import { listAudit } from '../audit/index.js';
import { ledgerJobs } from '../ledger/index.js';
import { ensureUnits } from '../units/index.js';
import { syncSchedules } from './runner.js';

type Who = 'visitor' | 'office' | 'admin' | 'leader' | 'unit' | 'enterprise';
const ALL: Who[] = ['visitor', 'office', 'admin', 'leader', 'unit', 'enterprise'];
const OFFICE: Who[] = ['office', 'admin'];

/** Every /api/jobs route × every role: only the office and the admin see or touch the jobs (a run started by the scheduler); whoever started a background run may also follow it (below). */
const MATRIX: Record<string, Who[]> = {
  'GET /api/jobs/overview': OFFICE,
  'GET /api/jobs/runs': OFFICE,
  'GET /api/jobs/runs/{runId}': OFFICE,
  'PUT /api/jobs/schedules/{name}': OFFICE,
  'POST /api/jobs/schedules/{name}/run': OFFICE,
  'POST /api/jobs/runs/{runId}/cancel': OFFICE,
};

describeStore('jobs API', (ctx) => {
  let app: FastifyInstance;
  const cookies: Partial<Record<Who, SessionHeaders>> = {};
  let runId = 0;

  beforeAll(async () => {
    app = await createTestApp(ctx);
    await syncSchedules(ctx.db, ledgerJobs);
    await ensureUnits(ctx.db, ['区财政局']);
    for (const [who, role, units] of [
      ['office', 'office', []],
      ['admin', 'admin', []],
      ['leader', 'leader', []],
      ['unit', 'unit_staff', ['区财政局']],
      ['enterprise', 'enterprise', []],
    ] as const) {
      cookies[who] = await loginAs(app, ctx, { account: `j-${who}`, role, units: [...units] });
    }
    // A finished run to read (and fail to cancel).
    runId = (
      await ctx.db
        .insertInto('job_run')
        .values({ name: 'ledger.reminders', kind: 'scheduled', status: 'succeeded', data: '{}', result: JSON.stringify({ text: '没有需要提醒的事项' }) })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;
  });

  it('answers every jobs route for every role as declared', async () => {
    const doc = (await app.inject({ url: '/api/openapi.json' })).json() as { paths: Record<string, Record<string, unknown>> };
    const routes = Object.entries(doc.paths)
      .filter(([p]) => p.startsWith('/api/jobs/'))
      .flatMap(([p, ms]) => Object.keys(ms).map((m) => `${m.toUpperCase()} ${p}`));
    expect(routes.filter((r) => !MATRIX[r])).toEqual([]);
    expect(Object.keys(MATRIX).filter((r) => !routes.includes(r))).toEqual([]);
    const wrong: string[] = [];
    for (const route of routes) {
      const [method, pattern] = route.split(' ') as [string, string];
      for (const who of ALL) {
        const url = pattern.replace('{runId}', String(runId)).replace('{name}', 'ledger.daily-flags');
        const res = await app.inject({
          method: method as 'GET',
          url,
          headers: who === 'visitor' ? {} : cookies[who]!,
          payload: method === 'PUT' ? { enabled: true } : method === 'POST' ? {} : undefined,
        });
        const allowed = MATRIX[route]!.includes(who);
        const expected = who === 'visitor' ? 401 : 403;
        if (allowed ? [401, 403].includes(res.statusCode) || res.statusCode >= 500 : res.statusCode !== expected)
          wrong.push(`${route} as ${who}: ${res.statusCode} ${res.body.slice(0, 100)}`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it('a person who started a background run (an import) sees and cancels it; others of their role do not', async () => {
    const unitId = (await ctx.db.selectFrom('app_user').select('id').where('account', '=', 'j-unit').executeTakeFirstOrThrow()).id;
    const own = (
      await ctx.db
        .insertInto('job_run')
        .values({ name: 'ledger.reminders', kind: 'background', status: 'queued', data: '{}', created_by: unitId })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;
    expect((await app.inject({ url: `/api/jobs/runs/${own}`, headers: cookies.unit! })).json()).toMatchObject({
      id: own,
      status: 'queued',
      startedBy: 'j-unit',
    });
    expect((await app.inject({ url: `/api/jobs/runs/${own}`, headers: cookies.leader! })).statusCode).toBe(403);
    expect((await app.inject({ url: `/api/jobs/runs/${own}`, headers: cookies.enterprise! })).statusCode).toBe(403);
    expect((await app.inject({ method: 'POST', url: `/api/jobs/runs/${own}/cancel`, headers: cookies.leader!, payload: {} })).statusCode).toBe(403);
    expect((await app.inject({ method: 'POST', url: `/api/jobs/runs/${own}/cancel`, headers: cookies.unit!, payload: {} })).statusCode).toBe(200);
    expect((await app.inject({ url: `/api/jobs/runs/${own}`, headers: cookies.office! })).json()).toMatchObject({ status: 'cancelled' });
    expect((await app.inject({ url: '/api/jobs/runs/999999', headers: cookies.unit! })).statusCode).toBe(404);
  });

  it('lists the schedules in words, edits them (audited) and refuses a wrong time naming the field', async () => {
    const office = cookies.office!;
    const overview = (await app.inject({ url: '/api/jobs/overview', headers: office })).json() as {
      schedules: Array<{ name: string; label: string; timeText: string; enabled: boolean; nextRunAt: string | null }>;
      runs: Array<{ id: number; label: string; result: { text: string } | null }>;
    };
    expect(overview.schedules.map((s) => [s.name, s.label, s.timeText])).toEqual([
      ['ledger.daily-flags', '每日预警（红灯、未报送、督办逾期）', '每天 08:30'],
      ['ledger.reminders', '到期提醒（进展报告、督办单）', '每天 08:30'],
    ]);
    expect(overview.runs.find((r) => r.id === runId)).toMatchObject({ label: '到期提醒（进展报告、督办单）', result: { text: '没有需要提醒的事项' } });
    const put = await app.inject({
      method: 'PUT',
      url: '/api/jobs/schedules/ledger.reminders',
      headers: office,
      payload: { cron: '0 9 * * *', enabled: false },
    });
    expect(put.statusCode).toBe(200);
    expect(put.json()).toMatchObject({ timeText: '每天 09:00', time: '09:00', enabled: false, nextRunAt: null, updatedBy: 'j-office' });
    const [entry] = await listAudit(ctx.db, { entity: 'job_schedule', entityId: 'ledger.reminders', limit: 1 });
    expect(entry).toMatchObject({
      actor: 'j-office',
      action: 'jobs.schedule.update',
      before: { cron: '30 8 * * *', enabled: true },
      after: { cron: '0 9 * * *', enabled: false },
    });
    const bad = await app.inject({ method: 'PUT', url: '/api/jobs/schedules/ledger.reminders', headers: office, payload: { cron: '0 25 * * *' } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details).toMatchObject([{ field: 'cron' }]);
    const missing = await app.inject({ method: 'PUT', url: '/api/jobs/schedules/no.such', headers: office, payload: { enabled: true } });
    expect(missing.statusCode).toBe(404);
  });

  it('立即运行 queues a run by the person (a second one is refused while it is open); cancelling it before it starts', async () => {
    const office = cookies.office!;
    const res = await app.inject({ method: 'POST', url: '/api/jobs/schedules/ledger.reminders/run', headers: office, payload: {} });
    expect(res.statusCode).toBe(200);
    const id = res.json().runId as number;
    expect((await app.inject({ method: 'POST', url: '/api/jobs/schedules/ledger.reminders/run', headers: office, payload: {} })).statusCode).toBe(409);
    const run = (await app.inject({ url: `/api/jobs/runs/${id}`, headers: office })).json();
    expect(run).toMatchObject({ status: 'queued', kind: 'background', startedBy: 'j-office', label: '到期提醒（进展报告、督办单）' });
    expect((await app.inject({ method: 'POST', url: `/api/jobs/runs/${id}/cancel`, headers: office, payload: {} })).statusCode).toBe(200);
    expect((await app.inject({ url: `/api/jobs/runs/${id}`, headers: office })).json()).toMatchObject({ status: 'cancelled' });
    expect((await app.inject({ method: 'POST', url: `/api/jobs/runs/${runId}/cancel`, headers: office, payload: {} })).statusCode).toBe(409);
  });
});
