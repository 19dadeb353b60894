import type { FastifyInstance } from 'fastify';
import { beforeAll, expect, it } from 'vitest';
import { describeStore } from '../../test/db.js';
import { createTestApp, loginAs, multipart } from '../../test/app.js';

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

  it('loads a year from the form, and reads the notice table to fill it; problems name the row and field', async () => {
    const office = await loginAs(app, ctx, { account: 'office1', role: 'office' });
    const csv = '节日,放假时间,调休上班日期\n元旦,1月1日（周五）至3日（周日）,无\n国庆节,10月1日至7日,9月26日（周日）、10月9日（周六）\n';
    const upload = multipart('2027年节假日安排.csv', Buffer.from(csv));
    const read = await app.inject({
      method: 'POST',
      url: '/api/calendar/years/table?year=2027',
      payload: upload.payload,
      headers: { ...upload.headers, ...office },
    });
    expect(read.statusCode).toBe(200);
    expect(read.json().holidays).toEqual([
      { name: '元旦', firstDay: '2027-01-01', lastDay: '2027-01-03', workdays: [] },
      { name: '国庆节', firstDay: '2027-10-01', lastDay: '2027-10-07', workdays: ['2027-09-26', '2027-10-09'] },
    ]);
    const bad = multipart('附表.csv', Buffer.from('节日,放假时间\n元旦,1月1日至3日\n重阳节,10月1日\n'));
    const refused = await app.inject({
      method: 'POST',
      url: '/api/calendar/years/table?year=2027',
      payload: bad.payload,
      headers: { ...bad.headers, ...office },
    });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().error.details).toEqual([{ file: '附表.csv', row: 3, field: '节日', message: expect.stringContaining('“重阳节”不是法定节日') }]);

    const notice = { title: '国务院办公厅关于2027年部分节假日安排的通知（测试数据）', number: '测试〔2026〕2号' };
    const form = { year: 2027, notice, holidays: read.json().holidays };
    const wrong = { ...form, holidays: [{ ...form.holidays[1], workdays: ['2027-09-27'] }] };
    const rejected = await app.inject({ method: 'POST', url: '/api/calendar/years/form', payload: wrong, headers: office });
    expect(rejected.statusCode).toBe(400);
    expect(rejected.json().error.details).toEqual([{ row: 1, field: '调休上班日', message: '2027-09-27 不是星期六或星期日，不能作为调休上班日' }]);
    const leader = await loginAs(app, ctx, { account: 'leader9', role: 'leader' });
    expect((await app.inject({ method: 'POST', url: '/api/calendar/years/form', payload: form, headers: leader })).statusCode).toBe(403);
    const ok = await app.inject({ method: 'POST', url: '/api/calendar/years/form', payload: form, headers: office });
    expect(ok.json()).toEqual({ year: 2027, replaced: true });
    expect((await app.inject({ url: '/api/calendar/year/2027' })).json().days.find((d: { date: string }) => d.date === '2027-10-09').kind).toBe(
      'adjusted_workday',
    );
    const years = (await app.inject({ url: '/api/calendar/years' })).json() as Array<{ year: number; loadedBy: string | null }>;
    expect(years.find((y) => y.year === 2027)?.loadedBy).toBe('office1'); // the person's name (loginAs names accounts after themselves)
  });
});
