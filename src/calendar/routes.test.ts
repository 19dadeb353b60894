import type { FastifyInstance } from 'fastify';
import { beforeAll, expect, it } from 'vitest';
import { describeStore } from '../../test/db.js';
import { createTestApp, loginAs } from '../../test/app.js';

const year2027 = {
  year: 2027,
  notice: { title: '国务院办公厅关于2027年部分节假日安排的通知（测试数据）', number: '测试〔2026〕1号' },
  holidays: [{ name: '元旦', days: ['2027-01-01', '2027-01-02', '2027-01-03'] }],
  adjustedWorkdays: [],
};

describeStore('calendar routes', (ctx) => {
  let app: FastifyInstance;
  beforeAll(async () => {
    app = await createTestApp(ctx);
  });

  it('computes a deadline with the explanation of each skipped day', async () => {
    const res = await app.inject({ url: '/api/calendar/add?from=2021-09-30&n=5&unit=workday' });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.due).toBe('2021-10-13');
    expect(body.skipped.map((s: { date: string }) => s.date)).toEqual([
      '2021-10-01',
      '2021-10-02',
      '2021-10-03',
      '2021-10-04',
      '2021-10-05',
      '2021-10-06',
      '2021-10-07',
      '2021-10-10',
    ]);
    expect(body.steps.find((s: { date: string }) => s.date === '2021-10-09').reason).toContain('调休上班日');
    expect((await app.inject({ url: '/api/calendar/between?from=2021-09-30&to=2021-10-13' })).json().workingDays).toBe(5);
  });

  it('answers a year without data with a clear error, never a guess', async () => {
    const res = await app.inject({ url: '/api/calendar/add?from=2027-03-01&n=5&unit=workday' });
    expect(res.statusCode).toBe(422);
    expect(res.json().error.message).toContain('缺少2027年的节假日安排数据');
    expect((await app.inject({ url: '/api/calendar/add?from=2021-02-30&n=5&unit=workday' })).statusCode).toBe(400);
  });

  it('lets the office load a new year, checked, then uses it', async () => {
    const body = JSON.stringify(year2027);
    const headers = { 'content-type': 'application/json' };
    expect((await app.inject({ method: 'POST', url: '/api/calendar/years', payload: body, headers })).statusCode).toBe(401);
    const unit = await loginAs(app, ctx, { account: 'staff1', role: 'leader' });
    expect((await app.inject({ method: 'POST', url: '/api/calendar/years', payload: body, headers: { ...headers, ...unit } })).statusCode).toBe(403);
    const office = await loginAs(app, ctx, { account: 'office1', role: 'office' });
    const bad = { ...year2027, adjustedWorkdays: ['2027-01-02'] };
    const rejected = await app.inject({ method: 'POST', url: '/api/calendar/years', payload: JSON.stringify(bad), headers: { ...headers, ...office } });
    expect(rejected.statusCode).toBe(400);
    expect(JSON.stringify(rejected.json().error.details)).toContain('2027-01-02');
    const ok = await app.inject({ method: 'POST', url: '/api/calendar/years', payload: body, headers: { ...headers, ...office } });
    expect(ok.json()).toEqual({ year: 2027, replaced: false });
    // 2027-01-01..03 off (Fri–Sun): 5 working days from 2026-12-31 end on Fri 2027-01-08.
    expect((await app.inject({ url: '/api/calendar/add?from=2026-12-31&n=5&unit=workday' })).json().due).toBe('2027-01-08');
    const row = await ctx.db.selectFrom('audit_log').select(['action', 'actor']).where('action', '=', 'calendar.year.load').executeTakeFirstOrThrow();
    expect(row.actor).toBe('office1');
  });
});
