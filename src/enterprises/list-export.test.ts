import ExcelJS from 'exceljs';
import type { FastifyInstance } from 'fastify';
import { beforeAll, expect, it } from 'vitest';
import { createTestApp, loginAs } from '../../test/app.js';
import { describeStore } from '../../test/db.js';
import { completeCreditCode } from './core/index.js';
import { createEnterprise } from './enterprise-store.js';

async function rowsOf(body: Buffer) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(body as unknown as ArrayBuffer);
  const ws = wb.worksheets[0]!;
  const rows: ExcelJS.CellValue[][] = [];
  ws.eachRow((row, n) => {
    if (n >= 4) rows.push((row.values as ExcelJS.CellValue[]).slice(1));
  });
  return { filters: String(ws.getCell(2, 1).value), header: (ws.getRow(3).values as ExcelJS.CellValue[]).slice(1), rows };
}

// The staff's enterprise list: filtered, sorted and paged in SQL; the export holds every page in the same order.
describeStore('enterprise list: sort, street filter, paging, export', (ctx) => {
  let app: FastifyInstance;
  let leader: Record<string, string>;
  beforeAll(async () => {
    app = await createTestApp(ctx);
    leader = await loginAs(app, ctx, { account: 'el-leader', role: 'leader' });
    const firms = [
      ['A', '乙物流有限公司', '解放碑街道', '2019-03-01', 20],
      ['B', '甲科技有限公司', '朝天门街道', '2021-07-15', 600],
      ['C', '丙商贸有限公司', '解放碑街道', null, 5],
      ['D', '丁酒店管理有限公司', '七星岗街道', '2015-01-20', 120],
      ['E', '戊软件有限公司', '解放碑街道', '2020-12-31', 80],
    ] as const;
    for (const [i, [tag, name, street, registeredOn, employees]] of firms.entries())
      await createEnterprise(
        ctx.db,
        {
          creditCode: completeCreditCode(`91500103MA5UL00${i}${tag}`),
          name,
          street,
          registeredOn,
          industryCode: '6510',
          employees,
          revenue: employees * 10,
        },
        'test',
      );
  });
  const list = async (q: string) => {
    const res = await app.inject({ url: `/api/enterprises?${q}`, headers: leader });
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as { total: number; items: Array<{ name: string; registeredOn: string | null; street: string | null }> };
  };

  it('sorts on the server both ways with empty values last and pages without overlap', async () => {
    const byDate = await list('sort=registeredOn');
    expect(byDate.items.map((e) => e.registeredOn)).toEqual(['2015-01-20', '2019-03-01', '2020-12-31', '2021-07-15', null]);
    expect((await list('sort=-registeredOn')).items.map((e) => e.registeredOn)).toEqual(['2021-07-15', '2020-12-31', '2019-03-01', '2015-01-20', null]);
    const names = (await list('sort=name')).items.map((e) => e.name);
    expect(names).toEqual([...names].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))); // code point order, as `collate "C"`
    const pages = [
      ...(await list('sort=street&limit=2')).items,
      ...(await list('sort=street&limit=2&offset=2')).items,
      ...(await list('sort=street&limit=2&offset=4')).items,
    ];
    expect(pages.map((e) => e.name).sort()).toEqual([...names].sort());
    const street = await list(`street=${encodeURIComponent('解放碑街道')}&sort=-name`);
    expect(street.total).toBe(3);
    expect(street.items.every((e) => e.street === '解放碑街道')).toBe(true);
    expect((await app.inject({ url: '/api/enterprises?sort=revenue', headers: leader })).statusCode).toBe(400);
    expect((await list(`q=${encodeURIComponent('%')}`)).total).toBe(0); // % is a character, not a wildcard
  });

  it('exports every page of the list with the same filters and sort; staff only', async () => {
    for (const q of [
      'sort=-registeredOn',
      `street=${encodeURIComponent('解放碑街道')}&sort=name`,
      `q=${encodeURIComponent('有限')}&size=${encodeURIComponent('小型')}`,
    ]) {
      const shown = await list(`${q}&limit=500`);
      const res = await app.inject({ url: `/api/enterprises/export.xlsx?${q}`, headers: leader });
      expect(res.statusCode).toBe(200);
      const file = await rowsOf(res.rawPayload);
      expect(file.header).toEqual(['企业名称', '统一社会信用代码', '街道', '行业', '规模', '成立日期', '数据']);
      expect(file.rows.map((r) => r[0])).toEqual(shown.items.map((e) => e.name));
      expect(file.rows.map((r) => (r[5] instanceof Date ? r[5].toISOString().slice(0, 10) : (r[5] ?? null)))).toEqual(shown.items.map((e) => e.registeredOn));
    }
    const file = await rowsOf(
      (await app.inject({ url: `/api/enterprises/export.xlsx?street=${encodeURIComponent('解放碑街道')}&sort=-name`, headers: leader })).rawPayload,
    );
    expect(file.filters).toContain('街道：解放碑街道');
    expect(file.filters).toContain('排序：企业名称（降序）');
    const firm = await loginAs(app, ctx, { account: 'el-firm', role: 'enterprise', enterpriseId: 1 });
    expect((await app.inject({ url: '/api/enterprises/export.xlsx', headers: firm })).statusCode).toBe(403);
    expect((await app.inject({ url: '/api/enterprises/export.xlsx' })).statusCode).toBe(401);
  });
});
