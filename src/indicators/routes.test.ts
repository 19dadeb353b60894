import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeStore } from '../../test/db.js';
import { multipart, samplePlanApp } from '../../test/app.js';
import { countsOf, finishedRun, startTestJobs } from '../../test/jobs.js';
import type { JobSystem } from '../jobs/index.js';
import { indicatorJobs } from './import-job.js';
import { initLedger } from '../ledger/index.js';

const csv = (rows: string[][]) => Buffer.from(rows.map((r) => r.join(',')).join('\n'), 'utf8');

describeStore('indicator routes and access', (ctx) => {
  let app: FastifyInstance;
  let office: { cookie: string }, leader: { cookie: string }, water: { cookie: string }, finance: { cookie: string };
  let waterUnit: number, financeUnit: number;
  let sys: JobSystem;
  beforeAll(async () => {
    ({ app, office, leader, water, finance, waterUnit, financeUnit } = await samplePlanApp(ctx));
    sys = await startTestJobs(ctx, indicatorJobs);
  });
  afterAll(async () => sys?.stop());

  it('the office uploads a CSV; the indicator and its breaching case appear', async () => {
    const m = multipart(
      'u.csv',
      csv([
        ['申请编号', '责任单位', '报装类型', '申请日期', '接通日期'],
        ['R1', '区城管局', '用水', '2021-09-24', '2021-10-12'],
        ['R2', '区城管局', '用水', '2021-09-23', '2021-10-12'],
        ['R3', '区经济信息委', '用水', '2021-10-08', '2021-10-11'],
      ]),
    );
    const res = await app.inject({ method: 'POST', url: '/api/indicators/records/utility/upload', headers: { ...office, ...m.headers }, payload: m.payload });
    const run = await finishedRun(app, sys, office, res);
    expect(run).toMatchObject({ status: 'succeeded', progressDone: 3, progressTotal: 3 });
    expect(countsOf(run)).toMatchObject({ 行数: 3, 新增: 3, 更新: 0 });
    const dash = (await app.inject({ url: '/api/indicators?year=2021', headers: leader })).json();
    const w = dash.indicators.find((i: { code: string }) => i.code === 'water-connection');
    expect(w).toMatchObject({ measure: 6, target: '每件 ≤ 9 个工作日', current: { counted: 3, compliant: 2, status: 'breached' } });
    const d = (await app.inject({ url: '/api/indicators/water-connection?year=2021', headers: leader })).json();
    expect(d.breaching.items.map((c: { externalId: string; duration: number }) => [c.externalId, c.duration])).toEqual([['R2', 10]]);
    expect(d.units.map((u: { unitName: string }) => u.unitName).sort()).toEqual(['区城管局', '区经济信息委']);
  });

  it('unit staff see only their units and file only for them; leaders cannot upload; visitors get 401', async () => {
    const mine = (await app.inject({ url: '/api/indicators/water-connection?year=2021', headers: water })).json();
    expect(mine.units.map((u: { unitId: number }) => u.unitId)).toEqual([waterUnit]);
    expect(mine.breaching.items.map((c: { externalId: string }) => c.externalId)).toEqual(['R2']);
    expect((await app.inject({ url: `/api/indicators/water-connection?year=2021&unitId=${financeUnit}`, headers: water })).statusCode).toBe(403);
    const dash = (await app.inject({ url: '/api/indicators?year=2021', headers: water })).json();
    expect(dash.unitId).toBe(waterUnit);
    expect(dash.indicators.find((i: { code: string }) => i.code === 'water-connection').current).toMatchObject({ counted: 2, unitId: waterUnit });

    const other = multipart(
      'f.csv',
      csv([
        ['申请编号', '责任单位', '报装类型', '申请日期'],
        ['R9', '区财政局', '用气', '2021-10-08'],
      ]),
    );
    const r = await app.inject({
      method: 'POST',
      url: '/api/indicators/records/utility/upload',
      headers: { ...water, ...other.headers },
      payload: other.payload,
    });
    // refused in the background: the run failed, its result lists the row problems (the uploader may read it, a leader not)
    const rejected = await finishedRun(app, sys, water, r);
    expect(rejected).toMatchObject({ status: 'failed', result: { problemCount: 1 } });
    expect(rejected.result?.problems).toEqual([expect.objectContaining({ row: 2, field: '责任单位' })]);
    expect((await app.inject({ url: `/api/jobs/runs/${rejected.id}`, headers: leader })).statusCode).toBe(403);
    expect((await app.inject({ url: `/api/jobs/runs/${rejected.id}`, headers: finance })).statusCode).toBe(403);
    // another unit's record cannot be overwritten by its external id
    const over = multipart(
      'g.csv',
      csv([
        ['申请编号', '报装类型', '申请日期'],
        ['R3', '用水', '2021-10-08'],
      ]),
    );
    const r2 = await app.inject({
      method: 'POST',
      url: '/api/indicators/records/utility/upload',
      headers: { ...water, ...over.headers },
      payload: over.payload,
    });
    expect(await finishedRun(app, sys, water, r2)).toMatchObject({ status: 'failed', result: { problems: [expect.objectContaining({ row: 2 })] } });
    // a blank unit is the uploader's unit
    const own = multipart(
      'h.csv',
      csv([
        ['申请编号', '报装类型', '申请日期', '接通日期'],
        ['R4', '用气', '2021-10-08', '2021-10-11'],
      ]),
    );
    const r3 = await app.inject({ method: 'POST', url: '/api/indicators/records/utility/upload', headers: { ...water, ...own.headers }, payload: own.payload });
    expect((await finishedRun(app, sys, water, r3)).status).toBe('succeeded');
    expect((await ctx.db.selectFrom('case_record').select('unit_id').where('external_id', '=', 'R4').executeTakeFirstOrThrow()).unit_id).toBe(waterUnit);

    const lr = await app.inject({
      method: 'POST',
      url: '/api/indicators/records/utility/upload',
      headers: { ...leader, ...own.headers },
      payload: own.payload,
    });
    expect(lr.statusCode).toBe(403);
    expect((await app.inject({ url: '/api/indicators' })).statusCode).toBe(401);
    expect((await app.inject({ method: 'POST', url: '/api/indicators/records/utility', payload: { records: [{ externalId: 'x' }] } })).statusCode).toBe(401);
  });

  it('JSON API with a per-unit token: the unit files its own records only; a revoked token is refused', async () => {
    const t = (
      await app.inject({ method: 'POST', url: '/api/indicators/tokens', headers: office, payload: { unitId: financeUnit, label: '采购系统' } })
    ).json();
    expect(t.token).toMatch(/^bzt_/);
    expect((await app.inject({ method: 'POST', url: '/api/indicators/tokens', headers: water, payload: { unitId: waterUnit, label: 'x' } })).statusCode).toBe(
      403,
    );
    const auth = { authorization: `Bearer ${t.token}` };
    const ok = await app.inject({
      method: 'POST',
      url: '/api/indicators/records/procurement',
      headers: auth,
      payload: {
        records: [
          { externalId: 'ZC-1', budget: 100, invoice_on: '2021-09-24', paid_on: '2021-10-08' },
          { externalId: 'ZC-2', '预算金额（万元）': 80, 收到发票日期: '2021-10-08', 支付日期: '2021-10-13' },
        ],
      },
    });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({ inserted: 2 });
    const d = (await app.inject({ url: '/api/indicators/procurement-payment?year=2021', headers: finance })).json();
    expect(d.current).toMatchObject({ counted: 2, compliant: 1, status: 'breached' });
    const bad = await app.inject({
      method: 'POST',
      url: '/api/indicators/records/procurement',
      headers: auth,
      payload: { records: [{ externalId: 'ZC-3', budget: 1, unit: '区城管局' }] },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details).toEqual([{ row: 1, field: '责任单位', message: '无权填报“区城管局”的记录（只能填报本单位的）' }]);
    expect(
      (
        await app.inject({
          method: 'POST',
          url: '/api/indicators/records/procurement',
          headers: { authorization: 'Bearer nope' },
          payload: { records: [{ externalId: 'x' }] },
        })
      ).statusCode,
    ).toBe(401);
    await app.inject({ method: 'DELETE', url: `/api/indicators/tokens/${t.id}`, headers: office });
    expect(
      (
        await app.inject({
          method: 'POST',
          url: '/api/indicators/records/procurement',
          headers: auth,
          payload: { records: [{ externalId: 'ZC-4', budget: 1 }] },
        })
      ).statusCode,
    ).toBe(401);
  });

  it('the office adjusts a definition (new version, recomputed); others may not; cases and ledger flags', async () => {
    expect(
      (
        await app.inject({
          method: 'PUT',
          url: '/api/indicators/water-connection/definition',
          headers: leader,
          payload: { reason: 'x', changes: { limit: 10 } },
        })
      ).statusCode,
    ).toBe(403);
    const r = await app.inject({
      method: 'PUT',
      url: '/api/indicators/water-connection/definition',
      headers: office,
      payload: { reason: '按市级口径调整', changes: { limit: 10 } },
    });
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json()).toMatchObject({ version: 2, target: '每件 ≤ 10 个工作日' });
    const d = (await app.inject({ url: '/api/indicators/water-connection?year=2021', headers: office })).json();
    expect(d.current).toMatchObject({ version: 2, compliant: 3, status: 'met' });
    const cases = (await app.inject({ url: '/api/indicators/water-connection/cases?year=2021&which=counted', headers: office })).json();
    expect(cases.total).toBe(3);
    const flags = (await app.inject({ url: '/api/indicators/ledger-flags?year=2021', headers: leader })).json();
    expect(flags.map((f: { measure: number }) => f.measure)).toContain(15);
    const order = await app.inject({ method: 'POST', url: '/api/indicators/procurement-payment/orders', headers: office, payload: { year: 2021 } });
    expect(order.statusCode).toBe(409); // no ledger task yet
    const planId = (await ctx.db.selectFrom('plan').select('id').executeTakeFirstOrThrow()).id;
    await initLedger(ctx.db, { planId, actor: 'test' });
    const flags2 = (await app.inject({ url: '/api/indicators/ledger-flags?year=2021', headers: leader })).json();
    expect(flags2.find((f: { measure: number }) => f.measure === 15).tasks).toHaveLength(1);
    expect((await app.inject({ method: 'POST', url: '/api/indicators/procurement-payment/orders', headers: leader, payload: { year: 2021 } })).statusCode).toBe(
      403,
    );
    const ok = await app.inject({ method: 'POST', url: '/api/indicators/procurement-payment/orders', headers: office, payload: { year: 2021 } });
    expect(ok.statusCode, ok.body).toBe(200);
    const o = await ctx.db.selectFrom('ledger_order').select(['reason', 'unit_id']).where('number', '=', ok.json().number).executeTakeFirstOrThrow();
    expect(o.unit_id).toBe(financeUnit);
    expect(o.reason).toContain('收到发票至办理支付用时');
    expect(o.reason).toContain('未达标案件 1 件');
    expect((await app.inject({ method: 'POST', url: '/api/indicators/water-connection/orders', headers: office, payload: { year: 2021 } })).statusCode).toBe(
      409,
    ); // met
  });
});
