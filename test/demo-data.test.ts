import { beforeAll, expect, it } from 'vitest';
import { DEMO_SERVICE_ITEMS, DEMO_UNITS, seedCaseDemo } from '../src/indicators/index.js';
import { runLedgerDemo } from '../src/ledger/index.js';
import { assess } from '../src/ledger/assessment-store.js';
import { findPlan, importPlan, parsePlanFile } from '../src/plan/index.js';
import { listUnitRows } from '../src/units/index.js';
import { describeStore } from './db.js';

// Issue 12, "demo data that makes sense": on the sample plan (as `bizenv demo` runs it), case records belong to
// the units that do the work, demo dates stay in the plan year, and the assessment ranks real units only.
describeStore('demo data that makes sense', (ctx) => {
  let planId: number;
  const unitName = new Map<number, { name: string; kind: string }>();
  beforeAll(async () => {
    const plan = await parsePlanFile('samples/plans/yuzhong-2021-business-environment-plan.txt');
    await importPlan(ctx.db, { plan, sourceName: 'sample.txt', sourceKind: 'txt', actor: 'test' });
    planId = (await findPlan(ctx.db, { year: 2021 }))!.id;
    await runLedgerDemo(ctx.db, { planId, seed: 2021 });
    await seedCaseDemo(ctx.db, { count: 600, seed: 2021 });
    for (const u of await listUnitRows(ctx.db)) unitName.set(u.id, { name: u.name, kind: u.kind });
  }, 240_000);

  it("every unit the demo names is one of the sample plan's units", async () => {
    const names = new Set([...unitName.values()].map((u) => u.name));
    const wanted = [
      ...Object.values(DEMO_UNITS.utility),
      DEMO_UNITS.benefit_claim,
      DEMO_UNITS.civil_case,
      DEMO_UNITS.credit_code,
      DEMO_UNITS.cross_province,
      ...Object.values(DEMO_UNITS.supervision).flat(),
      ...DEMO_SERVICE_ITEMS.licensing.map(([, u]) => u),
      ...DEMO_SERVICE_ITEMS.services.map(([, u]) => u),
    ];
    expect(wanted.filter((n) => !names.has(n))).toEqual([]);
  });

  it('case records belong to the units that do the work', async () => {
    const rows = await ctx.db.selectFrom('case_record').select(['type', 'category', 'name', 'unit_id', 'applied_on', 'completed_on']).execute();
    const of = (r: (typeof rows)[number]) => unitName.get(r.unit_id ?? -1)?.name;
    const byCategory = (type: string, category: string) => new Set(rows.filter((r) => r.type === type && r.category === category).map(of));
    expect(byCategory('utility', 'water')).toEqual(new Set(['渝中区自来水厂']));
    expect(byCategory('utility', 'power_low')).toEqual(new Set(['市区供电分公司']));
    expect(byCategory('utility', 'power_10kv')).toEqual(new Set(['市区供电分公司']));
    expect(byCategory('utility', 'gas')).toEqual(new Set(['燃气集团渝中分公司']));
    const ofType = (type: string) => new Set(rows.filter((r) => r.type === type).map(of));
    expect(ofType('benefit_claim')).toEqual(new Set(['区人力社保局']));
    expect(ofType('civil_case')).toEqual(new Set(['区法院']));
    expect(ofType('credit_code')).toEqual(new Set(['区市场监管局']));
    expect(ofType('cross_province')).toEqual(new Set(['区政务服务办']));
    expect(byCategory('supervision', 'complaint')).toEqual(new Set(['区市场监管局']));
    // Service items: registrations and food licences 市场监管, construction permits 住建, planning permits 规划, invoices 税务.
    const item = (prefix: string) => new Set(rows.filter((r) => r.type === 'service_item' && r.name?.startsWith(prefix)).map(of));
    expect(item('企业登记')).toEqual(new Set(['区市场监管局']));
    expect(item('食品经营许可')).toEqual(new Set(['区市场监管局']));
    expect(item('建筑工程施工许可')).toEqual(new Set(['区住房城市建设委']));
    expect(item('建设工程规划许可')).toEqual(new Set(['区规划自然资源局']));
    expect(item('发票领用')).toEqual(new Set(['区税务局']));
    // No record is kept by a collective entry, and every record has a unit.
    expect(rows.filter((r) => r.unit_id === null)).toHaveLength(0);
    expect(rows.filter((r) => unitName.get(r.unit_id!)?.kind === 'collective')).toHaveLength(0);
    // Dates stay in the plan year.
    const dates = rows.flatMap((r) => [r.applied_on, r.completed_on]).filter((d): d is string => !!d);
    expect(dates.filter((d) => !d.startsWith('2021'))).toEqual([]);
  });

  it('demo reports and orders are dated in the plan year', async () => {
    const reports = await ctx.db.selectFrom('ledger_report').select('first_submitted_on').execute();
    expect(reports.length).toBeGreaterThan(100);
    expect(reports.filter((r) => !r.first_submitted_on.startsWith('2021'))).toEqual([]);
    const orders = await ctx.db.selectFrom('ledger_order').select(['issued_on', 'reply_due', 'replied_on']).execute();
    expect(orders.flatMap((o) => [o.issued_on, o.reply_due, o.replied_on]).filter((d) => d && !d.startsWith('2021'))).toEqual([]);
  });

  it('the assessment ranks real units only; 各街道, 各产业部门, 各管委会 are scored apart', async () => {
    const a = await assess(ctx.db, planId);
    expect(a.asOf).toBe('2021-12-31');
    expect(a.units.length).toBeGreaterThan(10);
    expect(a.units.filter((u) => u.unitName.startsWith('各'))).toEqual([]);
    expect(a.units.every((u) => unitName.get(u.unitId)?.kind !== 'collective')).toBe(true);
    const collective = [...a.collective.map((u) => u.unitName), ...a.unassessed.filter((n) => n.startsWith('各'))];
    expect(collective).toEqual(expect.arrayContaining(['各街道', '各产业部门', '各管委会']));
    expect(a.collective.every((u) => !('rank' in u))).toBe(true);
    // Ranks run 1.. over the real units.
    expect(a.units[0]!.rank).toBe(1);
  });
});
