import ExcelJS from 'exceljs';
import type { FastifyInstance } from 'fastify';
import { beforeAll, expect, it } from 'vitest';
import { createTestApp, multipart } from '../../test/app.js';
import { describeStore } from '../../test/db.js';
import { chinaToday } from '../calendar/index.js';
import { DEFAULT_CREDIT_CLASSES } from './core/credit.js';
import { creditCsv, seedCredit, type CreditFixture } from './credit-testing.js';
import { creditClassesOn, creditDrawShares, importCreditFile, repairCredit } from './credit-store.js';
import { createExemption, listExemptions, seedExemptionDemo } from './exemption-store.js';
import { seedCreditDemo } from './credit-demo.js';
import { demoEnterprises, upsertEnterprises } from '../enterprises/index.js';

describeStore('inspections: credit classes, 信用修复, 免罚清单', (ctx) => {
  let app: FastifyInstance;
  let f: CreditFixture;
  beforeAll(async () => {
    app = await createTestApp(ctx);
    f = await seedCredit(app, ctx);
  });
  const call = async (method: 'GET' | 'POST' | 'PUT', url: string, headers: Record<string, string>, payload?: object, status = 200) => {
    const r = await app.inject({ method, url, headers, payload });
    expect(r.statusCode, `${method} ${url}: ${r.body}`).toBe(status);
    return r.json();
  };
  const upload = async (fileName: string, buffer: Buffer, status = 200) => {
    const up = multipart(fileName, buffer);
    const r = await app.inject({ method: 'POST', url: '/api/inspections/credit/import', ...up, headers: { ...up.headers, ...f.headers.office } });
    expect(r.statusCode, r.body).toBe(status);
    return r.json();
  };
  const audit = async (action: string) =>
    (await ctx.db.selectFrom('audit_log').select('after').where('action', '=', action).orderBy('id').execute()).map((r) => r.after);

  it('starts with the four national classes and their shares, and lets the office change them (audited)', async () => {
    const got = await call('GET', '/api/inspections/credit/classes', f.headers.unit);
    expect(got.classes).toEqual(DEFAULT_CREDIT_CLASSES);
    expect(got.basis).toContain('国市监信发〔2022〕6号');
    const changed = got.classes.map((c: { code: string; drawShare: number }) => (c.code === 'D' ? { ...c, drawShare: 80 } : c));
    await call('PUT', '/api/inspections/credit/classes', f.headers.office, { classes: changed });
    expect((await creditDrawShares(ctx.db)).get('D')).toBe(80);
    // A 0% share ("免抽") is refused with the row named.
    const zero = await call('PUT', '/api/inspections/credit/classes', f.headers.office, { classes: changed.map((c: object) => ({ ...c, drawShare: 0 })) }, 400);
    expect(zero.error.details[0]).toMatchObject({ row: 1, field: '抽查比例' });
    expect(await audit('inspections.credit-classes')).toHaveLength(1);
  });

  it('imports classes all or nothing with Chinese row errors, keeps history, and is idempotent', async () => {
    const bad = await upload(
      'classes.csv',
      creditCsv([
        [f.codes.a, '甲', 'A', '2025-03-31', ''],
        [f.codes.b, '乙', 'E', '2025-03-31', ''],
        ['91500103MA5UC00999', '丁', 'B', '2025-03-31', ''],
        [f.codes.c, '丙', '信用风险高', '2025/13/01', ''],
        [f.codes.a, '甲', 'B', '2025-03-31', ''],
        ['91500103MA5UC099X0', '戊', 'B', '2025-03-31', ''],
      ]),
      400,
    );
    expect(bad.error.message).toContain('未导入任何数据');
    const rows = bad.error.details.map((p: { row: number; field: string; message: string }) => `${p.row} ${p.field} ${p.message}`);
    expect(rows).toContain('3 信用风险分类 “E”不是已设置的类别（信用风险低(A)、信用风险一般(B)、信用风险较高(C)、信用风险高(D)）');
    expect(rows.some((r: string) => r.startsWith('4 统一社会信用代码'))).toBe(true);
    expect(rows).toContain('5 分类日期 “2025/13/01”不是有效日期（如 2026-03-31）');
    expect(rows).toContain('6 统一社会信用代码 与第2行是同一企业同一日期');
    expect((await creditClassesOn(ctx.db, chinaToday())).size).toBe(0);

    const missing = await upload('c.csv', creditCsv([[f.codes.a, 'A']], ['统一社会信用代码', '信用风险分类']), 400);
    expect(missing.error.details).toEqual([{ file: 'c.csv', row: 1, field: '分类日期', message: '缺少此列' }]);

    const good = creditCsv([
      [f.codes.a, '甲', 'A', '2025-03-31', '2025年第一季度公共信用综合评价'],
      [f.codes.b, '乙', '信用风险高(D)', '2025-03-31', ''],
      [f.codes.b, '乙', 'C', '2024-12-31', ''],
    ]);
    expect(await upload('classes.csv', good)).toEqual({ rows: 3, created: 3, unchanged: 0 });
    expect(await upload('classes.csv', good)).toEqual({ rows: 3, created: 0, unchanged: 3 });
    expect(await creditClassesOn(ctx.db, '2025-01-15')).toEqual(new Map([[f.ids.b, 'C']]));
    expect(await creditClassesOn(ctx.db, '2025-03-31')).toEqual(
      new Map([
        [f.ids.a, 'A'],
        [f.ids.b, 'D'],
      ]),
    );
    // XLSX through the same reader; a date cell becomes its date.
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('分类');
    ws.addRow(['统一社会信用代码', '分类结果', '评价日期']);
    ws.addRow([f.codes.c, 'B', new Date(Date.UTC(2025, 5, 30))]);
    expect(await upload('classes.xlsx', Buffer.from(await wb.xlsx.writeBuffer()))).toEqual({ rows: 1, created: 1, unchanged: 0 });
    expect((await creditClassesOn(ctx.db, '2025-06-30')).get(f.ids.c)).toBe('B');
    const history = await call('GET', `/api/inspections/credit/enterprises/${f.ids.b}`, f.headers.leader);
    expect(history.records.map((r: { classCode: string; effectiveOn: string }) => `${r.effectiveOn} ${r.classCode}`)).toEqual(['2025-03-31 D', '2024-12-31 C']);
    expect(history.records[0]).toMatchObject({ source: '公共信用综合评价结果', kindLabel: '分类结果', recordedBy: 'cr-office' });
    expect(await audit('inspections.credit-import')).toHaveLength(3);
  });

  it('a repaired enterprise leaves the restrictive class from the repair date; the draw date decides', async () => {
    const notRestrictive = await call(
      'POST',
      '/api/inspections/credit/repairs',
      f.headers.office,
      { enterpriseId: f.ids.a, repairedOn: '2025-05-01', source: '渝中信修〔2025〕1号' },
      409,
    );
    expect(notRestrictive.error.message).toContain('不属于需信用修复的类别');
    await call('POST', '/api/inspections/credit/repairs', f.headers.unit, { enterpriseId: f.ids.b, repairedOn: '2025-05-01', source: 'x' }, 403);
    expect(
      await call('POST', '/api/inspections/credit/repairs', f.headers.office, {
        enterpriseId: f.ids.b,
        repairedOn: '2025-05-01',
        source: '渝中信修〔2025〕1号',
      }),
    ).toMatchObject({ classCode: 'B' });
    expect((await creditClassesOn(ctx.db, '2025-04-30')).get(f.ids.b)).toBe('D');
    expect((await creditClassesOn(ctx.db, '2025-05-01')).get(f.ids.b)).toBe('B');
    // A later import of an assessment dated before the repair does not undo it.
    await importCreditFile(ctx.db, { fileName: 'late.csv', buffer: creditCsv([[f.codes.b, '乙', 'D', '2025-04-15', '']]), actor: 'test' });
    expect((await creditClassesOn(ctx.db, '2025-05-02')).get(f.ids.b)).toBe('B');
    expect((await creditClassesOn(ctx.db, '2025-04-20')).get(f.ids.b)).toBe('D');
    await expect(repairCredit(ctx.db, 'test', { enterpriseId: f.ids.b, repairedOn: '2999-01-01', source: 'x' })).rejects.toThrow('不能晚于今天');
    const history = await call('GET', `/api/inspections/credit/enterprises/${f.ids.b}`, f.headers.office);
    expect(history.records[0]).toMatchObject({ kind: 'repair', kindLabel: '信用修复', classCode: 'B', source: '渝中信修〔2025〕1号' });
    expect(history.currentClass).toBe('B');
    const standing = await call('GET', '/api/inspections/credit/standing?date=2025-04-20&classCode=D', f.headers.leader);
    expect(standing).toMatchObject({ total: 1, items: [{ enterpriseId: f.ids.b, enterpriseName: '乙信用餐饮有限公司', classCode: 'D' }] });
    expect(await audit('inspections.credit-repair')).toHaveLength(1);
  });

  it('refuses to remove a class still used by a record', async () => {
    const { classes } = await call('GET', '/api/inspections/credit/classes', f.headers.office);
    const r = await call('PUT', '/api/inspections/credit/classes', f.headers.office, { classes: classes.filter((c: { code: string }) => c.code !== 'D') }, 409);
    expect(r.error.message).toContain('D');
  });

  it('keeps a 免罚清单 the public reads and the office edits (audited); demo entries once', async () => {
    expect(await seedExemptionDemo(ctx.db, 'demo')).toBeGreaterThan(3);
    expect(await seedExemptionDemo(ctx.db, 'demo')).toBe(0);
    const pub = await call('GET', '/api/inspections/exemptions', {});
    expect(pub.items.every((e: { isDemo: boolean }) => e.isDemo)).toBe(true);
    expect(pub.kinds.find((k: { kind: string }) => k.kind === '首违不罚').basis).toContain('第三十三条');
    const body = {
      unitId: null,
      item: '未按规定张贴食品经营许可证',
      kind: '首违不罚',
      conditions: '初次违法，当场改正',
      violatedBasis: '演示',
      exemptionBasis: '《行政处罚法》第三十三条第一款',
    };
    await call('POST', '/api/inspections/exemptions', f.headers.unit, body, 403);
    const bad = await call('POST', '/api/inspections/exemptions', f.headers.office, { ...body, item: '  ' }, 400);
    expect(bad.error.details).toEqual([{ field: '违法行为', message: '违法行为不能为空' }]);
    const { id } = await call('POST', '/api/inspections/exemptions', f.headers.office, body);
    await call('PUT', `/api/inspections/exemptions/${id}`, f.headers.office, { ...body, active: false });
    expect((await call('GET', '/api/inspections/exemptions', {})).items.some((e: { id: number }) => e.id === id)).toBe(false);
    // ?all only widens the list for the office.
    expect((await call('GET', '/api/inspections/exemptions?all=true', {})).items.some((e: { id: number }) => e.id === id)).toBe(false);
    expect((await call('GET', '/api/inspections/exemptions?all=true', f.headers.office)).items.find((e: { id: number }) => e.id === id)).toMatchObject({
      active: false,
      isDemo: false,
    });
    await expect(createExemption(ctx.db, 'x', { ...body, kind: '首违不罚', unitId: 999_999 })).rejects.toThrow('未保存');
    expect((await listExemptions(ctx.db, { includeInactive: true })).length).toBe(pub.items.length + 1);
    expect(await audit('inspections.exemption-update')).toEqual([expect.objectContaining({ active: false })]);
  });

  it('serves the result categories and the publication deadline in working days', async () => {
    const meta = await call('GET', '/api/inspections/results/meta', {});
    expect(meta.publicationWorkingDays).toBe(20);
    expect(meta.categories.map((c: { label: string }) => c.label)).toContain('查无下落');
    expect(await call('GET', '/api/inspections/results/publication-due?producedOn=2025-09-26&publishedOn=2025-10-31', {})).toEqual({
      due: '2025-10-30',
      published: true,
      overdue: true,
      workingDaysLeft: null,
    });
  });

  it('demo: two quarterly classifications of the demo firms and one 信用修复, reproducible and once', async () => {
    await upsertEnterprises(ctx.db, demoEnterprises(60, 7), 'test', { isDemo: true });
    const r = await seedCreditDemo(ctx.db, { seed: 7, actor: 'demo', today: '2026-11-30' });
    expect(r.records).toBe(60 * 2 + r.repairs);
    expect(await seedCreditDemo(ctx.db, { seed: 7, actor: 'demo', today: '2026-11-30' })).toMatchObject({ records: 0 });
    const dates = await ctx.db
      .selectFrom('insp_credit_record')
      .select('effective_on')
      .distinct()
      .where('source', 'like', '%演示%')
      .where('kind', '=', 'assessment')
      .orderBy('effective_on')
      .execute();
    expect(dates.map((d) => d.effective_on)).toEqual(['2026-06-30', '2026-09-30']);
    const classes = [...(await creditClassesOn(ctx.db, '2026-11-30')).values()];
    expect(new Set(classes).size).toBeGreaterThanOrEqual(3);
  });
});
