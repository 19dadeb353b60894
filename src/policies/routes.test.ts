import ExcelJS from 'exceljs';
import type { FastifyInstance } from 'fastify';
import { beforeAll, expect, it } from 'vitest';
import { describeStore } from '../../test/db.js';
import { createTestApp, loginAs, multipart } from '../../test/app.js';
import { completeCreditCode, createEnterprise } from '../enterprises/index.js';

/**
 * Every policies, enterprises and auth route over HTTP: in tests each JSON answer is checked against
 * the route's declared schema (a drift is a 500), so this walk checks the contracts.
 */
describeStore('policies, enterprises and auth over HTTP', (ctx) => {
  let app: FastifyInstance;
  let office: { cookie: string };
  let firm: number;
  beforeAll(async () => {
    app = await createTestApp(ctx);
    office = await loginAs(app, ctx, { account: 'office1', role: 'office' });
    firm = (
      await createEnterprise(
        ctx.db,
        {
          creditCode: completeCreditCode('91500103MA5UR001A'),
          name: '丙科技',
          industryCode: '6510',
          employees: 50,
          revenue: 3000,
          registeredOn: '2019-05-20',
          qualifications: [{ tag: '高新技术企业', validFrom: '2024-01-01', validTo: '2026-12-31' }],
        },
        'test',
      )
    ).id;
  });
  const ok = async (method: 'GET' | 'POST' | 'PUT', url: string, payload?: object, headers: Record<string, string> = office) => {
    const r = await app.inject({ method, url, payload, headers });
    expect(r.statusCode, `${method} ${url}: ${r.body}`).toBe(200);
    return r.json();
  };

  it('walks the policy life cycle', async () => {
    const p = await ok('POST', '/api/policies', {
      title: '渝中区促进软件产业发展办法',
      docNumber: '渝中府发〔2025〕12号',
      issuer: '重庆市渝中区人民政府',
      publishedOn: '2025-03-01',
      validFrom: '',
      topics: ['软件'],
      body: '对软件企业给予奖励。',
      items: [{ name: '软件企业奖励', kind: 'award', amountText: '按营收分档' }],
    });
    expect(p).toMatchObject({ status: 'draft', validFrom: null });
    const itemId = p.items[0].id;
    await ok('PUT', `/api/policies/${p.id}`, {
      ...p,
      items: p.items.map((i: { id: number; name: string; kind: string }) => ({ id: i.id, name: i.name, kind: i.kind })),
    });
    const condition = {
      all: [
        { field: 'industry', op: 'in', values: ['65'] },
        { not: { field: 'revenue', op: '<', value: 1000 } },
        { field: 'registered_on', op: 'before', value: '2024-01-01' },
      ],
    };
    const amount = {
      kind: 'tiered',
      field: 'revenue',
      tiers: [
        { min: 1000, amount: 10 },
        { min: 5000, amount: 30 },
      ],
    };
    const v = await ok('POST', `/api/policies/items/${itemId}/rules`, { condition, amount, effectiveFrom: '2025-01-01', effectiveTo: '' });
    expect(v).toMatchObject({ status: 'draft', condition, amount, testResults: null });
    await ok('PUT', `/api/policies/items/${itemId}/test-cases`, [
      {
        name: '符合',
        asOf: '2025-06-01',
        profile: { industryCode: '6510', revenue: 3000, registeredOn: '2020-01-01' },
        expected: 'eligible',
        expectedAmount: 10,
      },
      { name: '不符合', asOf: '2025-06-01', profile: { industryCode: '5191', revenue: 3000, registeredOn: '2020-01-01' }, expected: 'not_eligible' },
    ]);
    const published = await ok('POST', `/api/policies/rules/${v.id}/publish`);
    expect(published.tests.every((t: { passed: boolean }) => t.passed)).toBe(true);
    expect((await ok('POST', `/api/policies/${p.id}/publish`)).match.eligible).toBe(1);
    const full = await ok('GET', `/api/policies/${p.id}`);
    expect(full.items[0].versions).toHaveLength(1);
    expect(full.items[0].rule.testResults).toHaveLength(2);
    expect((await ok('GET', `/api/policies/${p.id}`, undefined, {})).items[0].versions).toBeUndefined();
    expect((await ok('GET', '/api/policies?q=软件&valid=true&all=true')).items[0].id).toBe(p.id);
    expect(await ok('GET', '/api/policies/facets')).toMatchObject({ issuers: ['重庆市渝中区人民政府'], itemKinds: { award: '奖励' } });
    expect((await ok('GET', '/api/policies/active-rules?asOf=2025-06-01')).map((r: { itemId: number }) => r.itemId)).toEqual([itemId]);
    // 全量匹配 runs in the background (match-job.test.ts follows a run to its result): the route answers with its run id.
    const queued = await app.inject({ method: 'POST', url: '/api/policies/match', headers: office });
    expect(queued.statusCode, queued.body).toBe(202);
    expect(queued.json().runId).toBeGreaterThan(0);
    // 应享尽享: the eligible firm has not applied yet; the export lists exactly the page's firms.
    const notApplied = (await ok('GET', `/api/policies/items/${itemId}/funnel`)).notApplied as Array<{ name: string; creditCode: string; amount: number }>;
    expect(notApplied.map((r) => r.name)).toEqual(['丙科技']);
    const xlsx = await app.inject({ url: `/api/policies/items/${itemId}/not-applied.xlsx`, headers: office });
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.headers['content-disposition']).toContain(encodeURIComponent('未申报企业'));
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    expect(String(ws.getCell(2, 1).value)).toContain('事项：软件企业奖励');
    expect([ws.getRow(4).getCell(1).value, ws.getRow(4).getCell(2).value, ws.getRow(4).getCell(3).value]).toEqual(
      notApplied.map((r) => [r.name, r.creditCode, r.amount])[0],
    );
    expect(ws.rowCount).toBe(3 + notApplied.length);
    // Staff only: an enterprise is refused, a visitor asked to log in.
    const firmUser = await loginAs(app, ctx, { account: 'firm-export', role: 'enterprise', enterpriseId: firm });
    expect((await app.inject({ url: `/api/policies/items/${itemId}/not-applied.xlsx`, headers: firmUser })).statusCode).toBe(403);
    expect((await app.inject({ url: `/api/policies/items/${itemId}/not-applied.xlsx` })).statusCode).toBe(401);
    const calc = await ok('GET', `/api/policies/calculator?enterpriseId=${firm}`);
    expect(calc.results[0]).toMatchObject({ itemId, outcome: 'eligible', amount: 10 });
    expect(calc.results[0].explanation.children).toHaveLength(3);
    const preview = await ok('POST', '/api/policies/rules/preview', { condition, amount, enterpriseIds: [firm], profiles: [{ revenue: 10 }] });
    expect(preview.results.map((r: { outcome: string }) => r.outcome)).toEqual(['eligible', 'not_eligible']);

    await ok('POST', `/api/policies/items/${itemId}/applications`, { enterpriseId: firm, status: 'applied', appliedOn: '2025-06-02', grantedOn: '' });
    const code = completeCreditCode('91500103MA5UR001A');
    const up = multipart('apps.csv', Buffer.from(`统一社会信用代码,事项编号,状态,兑现日期,兑现金额\n${code},${itemId},已兑现,2025-07-01,10\n`));
    const imported = await app.inject({ method: 'POST', url: '/api/policies/applications/import', ...up, headers: { ...up.headers, ...office } });
    expect(imported.json()).toEqual({ rows: 1, changed: 1 });
    expect((await ok('GET', '/api/policies/funnel')).find((r: { item_id: number }) => r.item_id === itemId)).toMatchObject({ eligible: 1, granted: 1 });
    expect((await ok('GET', `/api/policies/items/${itemId}/funnel`)).stages.map((s: { count: number }) => s.count)).toEqual([1, 0, 0, 1, 1]);
    expect((await ok('POST', `/api/policies/${p.id}/withdraw`)).status).toBe('withdrawn');
  });

  it('answers the enterprise and auth routes as declared', async () => {
    expect((await ok('GET', '/api/enterprises/reference', undefined, {})).sections).toHaveLength(20);
    expect((await ok('GET', '/api/enterprises/size?industry=6510&employees=50&revenue=3000', undefined, {})).size).toBe('小型');
    expect((await ok('GET', `/api/enterprises/${firm}`)).sizeExplanation).toBeTruthy();
    const tpl = await app.inject({ url: '/api/enterprises/import-template.xlsx', headers: office });
    expect(tpl.statusCode).toBe(200);
    expect(tpl.rawPayload.subarray(0, 2).toString()).toBe('PK');
    expect((await ok('GET', '/api/auth/me')).user).toMatchObject({ account: 'office1', role: 'office', enterpriseId: null });
    expect(await ok('GET', '/api/auth/me', undefined, {})).toEqual({ user: null });
    expect(await ok('POST', '/api/auth/logout')).toEqual({ ok: true });
    expect((await app.inject({ url: '/api/auth/me', headers: office })).json()).toEqual({ user: null });
  });
});
