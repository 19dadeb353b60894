import ExcelJS from 'exceljs';
import type { FastifyInstance } from 'fastify';
import { beforeAll, expect, it } from 'vitest';
import { createTestApp, loginAs } from '../../test/app.js';
import { describeStore } from '../../test/db.js';
import { naturalCompare } from './core/lists.js';
import { createOrder } from './order-store.js';
import { createMonthlyCycles } from './report-store.js';
import { createTask, initLedger } from './task-store.js';
import { seedLedgerPlan } from './testing.js';

type Who = 'office' | 'leader' | 'zwfw' | 'cgj';
type Cell = ExcelJS.CellValue;

/** The rows of an exported list (from row 4), its title and filter rows, as exceljs reads them back. */
async function readXlsx(body: Buffer) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(body as unknown as ArrayBuffer);
  const ws = wb.worksheets[0]!;
  const rows: Cell[][] = [];
  ws.eachRow((row, n) => {
    if (n >= 4) rows.push((row.values as Cell[]).slice(1));
  });
  return {
    title: String(ws.getCell(1, 1).value),
    filters: String(ws.getCell(2, 1).value),
    header: (ws.getRow(3).values as Cell[]).slice(1),
    rows,
    widths: ws.columns.map((c) => c.width),
  };
}
const day = (v: Cell) => (v instanceof Date ? v.toISOString().slice(0, 10) : v);

describeStore('ledger lists: filters, sort, paging, export', (ctx) => {
  let app: FastifyInstance;
  let planId: number;
  let units: Record<string, number>;
  const h = {} as Record<Who, Record<string, string>>;
  const get = async (who: Who, url: string) => {
    const res = await app.inject({ url, headers: h[who] });
    expect(res.statusCode, `${url}: ${res.body.slice(0, 200)}`).toBe(200);
    return res;
  };
  const json = async (who: Who, url: string) => (await get(who, url)).json();
  const xlsx = async (who: Who, url: string) => {
    const res = await get(who, url);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    expect(res.headers['content-disposition']).toMatch(/^attachment; filename\*=UTF-8''/);
    return readXlsx(res.rawPayload);
  };

  beforeAll(async () => {
    app = await createTestApp(ctx);
    let measures: Record<number, number>;
    ({ planId, units, measures } = await seedLedgerPlan(ctx.db));
    await initLedger(ctx.db, { planId, actor: 'test' });
    // Measure 6 split into 11 tasks (6-1 … 6-11) led by 区城管局: 6-10 and 6-11 must come after 6-9.
    for (let i = 2; i <= 11; i++) await createTask(ctx.db, 'test', measures[6]!, { title: `用水报装分项${i}`, leadUnitIds: [units.区城管局!] });
    await createMonthlyCycles(ctx.db, 'test', planId, { from: '2021-08', to: '2021-09' });
    h.office = await loginAs(app, ctx, { account: 'l-office', role: 'office' });
    h.leader = await loginAs(app, ctx, { account: 'l-leader', role: 'leader' });
    h.zwfw = await loginAs(app, ctx, { account: 'l-zwfw', role: 'unit_staff', units: ['区政务服务办'] });
    h.cgj = await loginAs(app, ctx, { account: 'l-cgj', role: 'unit_staff', units: ['区城管局'] });
    const tasks = (await json('office', `/api/ledger/plans/${planId}/tasks`)) as Array<{ id: number; code: string }>;
    const cycles = (await json('office', `/api/ledger/plans/${planId}/cycles`)) as Array<{ id: number }>;
    const file = async (who: Who, code: string, cycleId: number) => {
      const taskId = tasks.find((t) => t.code === code)!.id;
      const res = await app.inject({
        method: 'PUT',
        url: `/api/ledger/tasks/${taskId}/reports/${cycleId}`,
        headers: { ...h[who], 'content-type': 'application/json' },
        payload: { status: 'in_progress', progress: 30, done: `推进${code}` },
      });
      expect(res.statusCode, res.body).toBe(200);
    };
    for (const cycle of cycles) {
      await file('zwfw', '22-1', cycle.id);
      for (const code of ['6-1', '6-2', '6-9', '6-10', '6-11']) await file('cgj', code, cycle.id);
    }
    const id = (code: string) => tasks.find((t) => t.code === code)!.id;
    for (const [code, unit] of [
      ['22-1', '区政务服务办'],
      ['6-1', '区城管局'],
      ['6-10', '区城管局'],
    ] as const)
      await createOrder(ctx.db, 'test', { taskId: id(code), unitId: units[unit]!, reason: `督办${code}`, requirement: '反馈', replyDays: 5 });
  });

  it('task list: natural order of 编号, sort both ways, filters and search on the server', async () => {
    const codes = async (q: string, who: Who = 'office') =>
      ((await json(who, `/api/ledger/plans/${planId}/tasks?asOf=2021-09-15${q}`)) as Array<{ code: string }>).map((t) => t.code);
    const all = await codes('');
    expect(all.slice(0, 12)).toEqual(['6-1', '6-2', '6-3', '6-4', '6-5', '6-6', '6-7', '6-8', '6-9', '6-10', '6-11', '22-1']);
    expect(all).toEqual([...all].sort(naturalCompare));
    expect(await codes('&sort=-code')).toEqual([...all].reverse());
    expect(await codes(`&q=${encodeURIComponent('分项1')}`)).toEqual(['6-10', '6-11']);
    expect(await codes(`&unitId=${units.区政务服务办}`)).toEqual(['22-1']);
    expect(await codes('&status=in_progress')).toEqual([]); // reports are not accepted yet
    // Unit staff read the whole ledger; `scope=mine` narrows it to their units.
    expect(await codes('', 'zwfw')).toEqual(all);
    expect(await codes('&scope=mine', 'zwfw')).toEqual(['22-1']);
    expect(await codes('&scope=mine', 'office')).toEqual(all);
    // Sorting by a key keeps ties in 编号 order.
    const byUnit = (await json('office', `/api/ledger/plans/${planId}/tasks?sort=unit`)) as Array<{ code: string; leadUnits: Array<{ name: string }> }>;
    const leadNames = byUnit.map((t) => t.leadUnits[0]?.name ?? '');
    expect(leadNames).toEqual([...leadNames].sort(naturalCompare));
    expect(byUnit.filter((t) => t.code.startsWith('6-')).map((t) => t.code)).toEqual(all.filter((c) => c.startsWith('6-')));
    expect((await app.inject({ url: `/api/ledger/plans/${planId}/tasks?sort=title`, headers: h.office })).statusCode).toBe(400);
  });

  it('task export: the rows of the JSON list with the same query, all of them, with title, filters, dates as dates', async () => {
    for (const [who, q] of [
      ['office', 'sort=-code'],
      ['office', `q=${encodeURIComponent('分项')}&sort=nextDue`],
      ['zwfw', 'scope=mine'],
      ['leader', `unitId=${units.区城管局}`],
    ] as const) {
      const list = (await json(who, `/api/ledger/plans/${planId}/tasks?asOf=2021-09-15&${q}`)) as Array<{ code: string; progress: number }>;
      const file = await xlsx(who, `/api/ledger/plans/${planId}/task-list.xlsx?asOf=2021-09-15&${q}`);
      expect(file.rows.map((r) => r[0])).toEqual(list.map((t) => t.code));
      expect(file.rows.map((r) => r[5])).toEqual(list.map((t) => t.progress));
      expect(file.title).toContain('任务台账');
      expect(file.filters).toContain('参照日期：2021-09-15');
      expect(file.filters).toMatch(/导出时间：\d{4}-\d{2}-\d{2} \d{2}:\d{2}（北京时间）/);
    }
    const file = await xlsx('zwfw', `/api/ledger/plans/${planId}/task-list.xlsx?scope=mine&sort=-code`);
    expect(file.header).toEqual(['编号', '任务', '牵头单位', '责任单位', '状态', '进度（%）', '下一节点', '节点内容', '灯号', '标记']);
    expect(file.filters).toContain('范围：本单位');
    expect(file.filters).toContain('排序：编号（降序）');
    expect(file.rows.map((r) => r[0])).toEqual(['22-1']);
    expect(file.rows[0]![6]).toBeInstanceOf(Date); // 下一节点: an Excel date
    expect(day(file.rows[0]![6]!)).toBe('2021-10-31');
    expect(file.widths.every((w) => typeof w === 'number' && w > 0)).toBe(true);
  });

  it('report list: paged on the server; unit staff see and export only their units’ reports', async () => {
    const office = await json('office', `/api/ledger/report-list?planId=${planId}&pageSize=5`);
    expect(office.total).toBe(12);
    expect(office.items.map((r: { code: string }) => r.code)).toEqual(['6-1', '6-1', '6-2', '6-2', '6-9']);
    const page3 = await json('office', `/api/ledger/report-list?planId=${planId}&pageSize=5&page=3`);
    expect(page3.items.map((r: { code: string }) => r.code)).toEqual(['22-1', '22-1']);
    const mine = await json('zwfw', `/api/ledger/report-list?planId=${planId}`);
    expect(mine.items.map((r: { code: string; leadUnits: string[] }) => [r.code, r.leadUnits])).toEqual([
      ['22-1', ['区政务服务办']],
      ['22-1', ['区政务服务办']],
    ]);
    // A unit filter does not widen what unit staff see.
    expect((await json('zwfw', `/api/ledger/report-list?unitId=${units.区城管局}`)).total).toBe(0);
    const bySearch = await json('cgj', `/api/ledger/report-list?q=${encodeURIComponent('分项1')}&sort=-code`);
    expect(bySearch.items.map((r: { code: string }) => r.code)).toEqual(['6-11', '6-11', '6-10', '6-10']);
    const byCycle = await json('office', `/api/ledger/report-list?sort=-cycle&pageSize=2`);
    expect(byCycle.items.map((r: { cycleLabel: string }) => r.cycleLabel)).toEqual(['2021年9月', '2021年9月']);

    for (const [who, q] of [
      ['office', `planId=${planId}&sort=-cycle`],
      ['cgj', 'state=submitted&sort=code'],
      ['zwfw', ''],
    ] as const) {
      const list = await json(who, `/api/ledger/report-list?${q}&pageSize=3`);
      const every = await json(who, `/api/ledger/report-list?${q}&pageSize=500`);
      const file = await xlsx(who, `/api/ledger/report-list.xlsx?${q}`);
      expect(file.rows).toHaveLength(list.total); // every page, not only the first three
      expect(file.rows.map((r) => [r[0], r[3], day(r[8]!)])).toEqual(
        every.items.map((r: { code: string; cycleLabel: string; firstSubmittedOn: string }) => [r.code, r.cycleLabel, r.firstSubmittedOn]),
      );
    }
    const zwfwFile = await xlsx('zwfw', '/api/ledger/report-list.xlsx');
    expect(new Set(zwfwFile.rows.map((r) => r[2]))).toEqual(new Set(['区政务服务办']));
    expect(zwfwFile.filters).toContain('范围：本单位');
  });

  it('order list: unit staff see and export the orders addressed to their units; natural order of 督办单号', async () => {
    const numbers = async (who: Who, q = '') =>
      ((await json(who, `/api/ledger/orders?planId=${planId}${q}`)) as Array<{ number: string }>).map((o) => o.number);
    expect(await numbers('office')).toEqual(['督办〔2021〕3号', '督办〔2021〕2号', '督办〔2021〕1号']);
    expect(await numbers('office', '&sort=number')).toEqual(['督办〔2021〕1号', '督办〔2021〕2号', '督办〔2021〕3号']);
    expect(await numbers('zwfw')).toEqual(['督办〔2021〕1号']);
    expect(await numbers('cgj', '&sort=number')).toEqual(['督办〔2021〕2号', '督办〔2021〕3号']);
    expect(await numbers('office', `&q=${encodeURIComponent('分项10')}`)).toEqual(['督办〔2021〕3号']);
    expect(await numbers('office', `&stage=${encodeURIComponent('下发')}`)).toEqual([]);
    for (const who of ['office', 'cgj', 'zwfw', 'leader'] as const) {
      const list = (await json(who, `/api/ledger/orders?planId=${planId}&sort=unit`)) as Array<{ number: string; unitName: string }>;
      const file = await xlsx(who, `/api/ledger/orders.xlsx?planId=${planId}&sort=unit`);
      expect(file.rows.map((r) => [r[0], r[2]])).toEqual(list.map((o) => [o.number, o.unitName]));
    }
    expect((await xlsx('zwfw', `/api/ledger/orders.xlsx?planId=${planId}`)).rows.map((r) => r[2])).toEqual(['区政务服务办']);
  });
});
