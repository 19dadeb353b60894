import ExcelJS from 'exceljs';
import type { FastifyInstance } from 'fastify';
import { beforeAll, expect, it } from 'vitest';
import { describeStore } from '../../test/db.js';
import { createTestApp, loginAs, multipart } from '../../test/app.js';
import { completeCreditCode } from './core/index.js';
import { createEnterprise, getEnterprise } from './enterprise-store.js';
import { importEnterpriseFile } from './import.js';
import { enterpriseJobs } from './import-job.js';
import { countsOf, finishedRun, startTestJobs } from '../../test/jobs.js';

const A = completeCreditCode('91500103MA5U0001A');
const B = completeCreditCode('91500103MA5U0002B');
const C = completeCreditCode('91500103MA5U0003C');
const HEADER = '统一社会信用代码,企业名称,企业类型,成立日期,注册资本（万元）,所在街道,行业代码,从业人员,营业收入（万元）,资产总额（万元）,信用等级,资质';
const csv = (...rows: string[]) => Buffer.from([HEADER, ...rows].join('\n'));

describeStore('enterprise registry', (ctx) => {
  let app: FastifyInstance;
  beforeAll(async () => {
    app = await createTestApp(ctx);
  });

  it('stores a profile with qualifications and the computed size class', async () => {
    const e = await createEnterprise(
      ctx.db,
      {
        creditCode: A.toLowerCase(),
        name: '重庆甲科技有限公司',
        industryCode: '6510',
        employees: 120,
        revenue: 3000,
        registeredOn: '2020-01-02',
        qualifications: [{ tag: '高新技术企业', validFrom: '2023-11-01', validTo: '2026-10-31' }],
      },
      'test',
    );
    expect(e).toMatchObject({ creditCode: A, sizeClass: '中型', qualifications: [{ tag: '高新技术企业', validTo: '2026-10-31' }] });
    await expect(createEnterprise(ctx.db, { creditCode: A, name: 'x' }, 'test')).rejects.toThrow('已登记');
    await expect(createEnterprise(ctx.db, { creditCode: '91500103MA5U0001AA', name: 'x' }, 'test')).rejects.toThrow('校验码不符');
  });

  it('imports CSV all-or-nothing with row errors, idempotently by credit code', async () => {
    const bad = csv(`${B},乙公司,有限责任公司,2021-02-30,100,解放碑街道,C36,50,800,,A,`, `${C},丙公司,,2020-01-01,abc,,99,,,,,`);
    const err = await importEnterpriseFile(ctx.db, { fileName: 'firms.csv', buffer: bad, actor: 'test' }).catch((e) => e);
    expect(err.problems).toEqual(
      expect.arrayContaining([
        { file: 'firms.csv', row: 2, field: '成立日期', message: '“2021-02-30”不是 YYYY-MM-DD 日期' },
        { file: 'firms.csv', row: 3, field: '注册资本（万元）', message: '“abc”不是数字' },
        expect.objectContaining({ row: 3, field: '行业代码' }),
      ]),
    );
    expect(await ctx.db.selectFrom('enterprise').select('id').where('credit_code', '=', B).executeTakeFirst()).toBeUndefined();
    const good = csv(
      `${B},乙公司,有限责任公司,2021-02-28,100,解放碑街道,C36,50,800,,A,专精特新(2024-01-01~2026-12-31)；科技型企业`,
      `${C},丙公司,,2020/1/1,,,72,5,,50,,`,
    );
    expect(await importEnterpriseFile(ctx.db, { fileName: 'firms.csv', buffer: good, actor: 'test' })).toEqual({
      rows: 2,
      created: 2,
      updated: 0,
      unchanged: 0,
    });
    expect(await importEnterpriseFile(ctx.db, { fileName: 'firms.csv', buffer: good, actor: 'test' })).toEqual({
      rows: 2,
      created: 0,
      updated: 0,
      unchanged: 2,
    });
    const changed = csv(`${B},乙公司,有限责任公司,2021-02-28,100,解放碑街道,C36,50,900,,A,专精特新(2024-01-01~2026-12-31)；科技型企业`);
    expect(await importEnterpriseFile(ctx.db, { fileName: 'firms.csv', buffer: changed, actor: 'test' })).toEqual({
      rows: 1,
      created: 0,
      updated: 1,
      unchanged: 0,
    });
    const b = await ctx.db.selectFrom('enterprise').selectAll().where('credit_code', '=', B).executeTakeFirstOrThrow();
    expect(b).toMatchObject({ revenue: 900, size_class: '小型', industry_code: '36' });
    expect((await getEnterprise(ctx.db, b.id)).qualifications.map((q) => q.tag)).toEqual(['专精特新', '科技型企业']);
    const c = await ctx.db.selectFrom('enterprise').selectAll().where('credit_code', '=', C).executeTakeFirstOrThrow();
    expect(c).toMatchObject({ registered_on: '2020-01-01', size_class: '微型' });
  });

  it('imports XLSX and rejects duplicate codes within a file', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('企业');
    ws.addRow(HEADER.split(','));
    const D = completeCreditCode('91500103MA5U0004D');
    ws.addRow([D, '丁公司', '有限责任公司', new Date('2018-06-01T00:00:00Z'), 200, '七星岗街道', '5110', 30, 6000, 1000, 'B', '']);
    ws.addRow([D, '丁公司', '', '', '', '', '', '', '', '', '', '']);
    const buf = Buffer.from(await wb.xlsx.writeBuffer());
    const err = await importEnterpriseFile(ctx.db, { fileName: 'firms.xlsx', buffer: buf, actor: 'test' }).catch((e) => e);
    expect(err.problems).toEqual([expect.objectContaining({ row: 3, message: '与第2行重复' })]);
    ws.spliceRows(3, 1);
    const ok = await importEnterpriseFile(ctx.db, { fileName: 'firms.xlsx', buffer: Buffer.from(await wb.xlsx.writeBuffer()), actor: 'test' });
    expect(ok.created).toBe(1);
    expect(await ctx.db.selectFrom('enterprise').select(['registered_on', 'size_class']).where('credit_code', '=', D).executeTakeFirstOrThrow()).toEqual({
      registered_on: '2018-06-01',
      size_class: '中型',
    });
  });

  it('lets an enterprise account see and edit only its own profile', async () => {
    const own = await ctx.db.selectFrom('enterprise').select('id').where('credit_code', '=', B).executeTakeFirstOrThrow();
    const other = await ctx.db.selectFrom('enterprise').select('id').where('credit_code', '=', C).executeTakeFirstOrThrow();
    const firm = await loginAs(app, ctx, { account: 'firm_b', role: 'enterprise', enterpriseId: own.id });
    expect((await app.inject({ url: '/api/enterprises/mine', headers: firm })).json()).toMatchObject({
      creditCode: B,
      sizeExplanation: expect.stringContaining('工业'),
    });
    expect((await app.inject({ url: `/api/enterprises/${own.id}`, headers: firm })).statusCode).toBe(200);
    expect((await app.inject({ url: `/api/enterprises/${other.id}`, headers: firm })).statusCode).toBe(403);
    expect((await app.inject({ url: '/api/enterprises', headers: firm })).statusCode).toBe(403);
    const put = await app.inject({
      method: 'PUT',
      url: `/api/enterprises/${own.id}`,
      headers: firm,
      payload: { creditCode: C, name: '乙公司（改）', industryCode: '36', employees: 60, revenue: 2500, creditGrade: 'A' },
    });
    expect(put.statusCode).toBe(200);
    expect(put.json()).toMatchObject({ creditCode: B, name: '乙公司（改）', sizeClass: '小型' }); // credit code kept; 60 persons < 300 → 小型
    expect((await app.inject({ method: 'PUT', url: `/api/enterprises/${other.id}`, headers: firm, payload: { creditCode: C, name: 'x' } })).statusCode).toBe(
      403,
    );
    const audit = await ctx.db.selectFrom('audit_log').select('actor').where('action', '=', 'enterprise.update').execute();
    expect(audit.map((a) => a.actor)).toContain('firm_b');
  });

  it('gives staff the list and the import, visitors only the public helpers', async () => {
    expect((await app.inject({ url: '/api/enterprises' })).statusCode).toBe(401);
    expect((await app.inject({ url: `/api/enterprises/check-code/${A}` })).json()).toMatchObject({ valid: true });
    expect((await app.inject({ url: '/api/enterprises/size?industry=C&employees=1000&revenue=40000' })).json()).toMatchObject({ size: '大型' });
    const leader = await loginAs(app, ctx, { account: 'leader1', role: 'leader' });
    expect((await app.inject({ url: '/api/enterprises?q=公司', headers: leader })).json().total).toBeGreaterThanOrEqual(3);
    const up = multipart('firms.csv', csv(`${A},重庆甲科技有限公司,,2020-01-02,,,6510,120,3000,,,高新技术企业(2023-11-01~2026-10-31)`));
    expect((await app.inject({ method: 'POST', url: '/api/enterprises/import', ...up, headers: { ...up.headers, ...leader } })).statusCode).toBe(403);
    const office = await loginAs(app, ctx, { account: 'office1', role: 'office' });
    const sys = await startTestJobs(ctx, enterpriseJobs);
    try {
      const res = await app.inject({ method: 'POST', url: '/api/enterprises/import', ...up, headers: { ...up.headers, ...office } });
      const run = await finishedRun(app, sys, office, res);
      expect(run.status).toBe('succeeded');
      expect(countsOf(run)).toMatchObject({ 企业: 1, 未变: 1 });
    } finally {
      await sys.stop();
    }
    // A file with problems is refused at once, naming the row (nothing queued).
    const bad = multipart('bad.csv', csv('91500000XXXXXXXXXX,无效代码企业,,2020-01-02,,,6510,120,3000,,,'));
    const refused = await app.inject({ method: 'POST', url: '/api/enterprises/import', ...bad, headers: { ...bad.headers, ...office } });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().error.details[0]).toMatchObject({ row: 2 });
  });
});
