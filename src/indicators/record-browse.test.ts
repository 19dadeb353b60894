import type { FastifyInstance } from 'fastify';
import { beforeAll, expect, it } from 'vitest';
import { describeStore } from '../../test/db.js';
import { samplePlanApp } from '../../test/app.js';

type H = { cookie: string };
const json = (headers: H) => ({ ...headers, 'content-type': 'application/json' });
const rec = (id: string) => `/api/indicators/records/utility/${encodeURIComponent(id)}`;

// Browsing, editing and deleting single case records through the API, with the same checks as the
// import and the indicators recomputed after every change.
describeStore('case records: browse, edit, delete', (ctx) => {
  let app: FastifyInstance;
  let office: H, leader: H, water: H, finance: H;
  let waterUnit: number, financeUnit: number;
  const detail = async () => (await app.inject({ url: '/api/indicators/water-connection?year=2021', headers: leader })).json();
  const audit = (action: string, id: string) =>
    ctx.db.selectFrom('audit_log').select(['actor', 'before', 'after']).where('action', '=', action).where('entity_id', '=', `utility/${id}`).execute();

  beforeAll(async () => {
    ({ app, office, leader, water, finance, waterUnit, financeUnit } = await samplePlanApp(ctx));
    const res = await app.inject({
      method: 'POST',
      url: '/api/indicators/records/utility',
      headers: json(office),
      payload: {
        records: [
          { externalId: 'R1', unit: '区城管局', name: '解放碑商场', category: '用水', applied_on: '2021-09-24', completed_on: '2021-10-12' }, // 9 working days
          { externalId: 'R2', unit: '区城管局', name: '朝天门酒店', category: '用水', applied_on: '2021-09-23', completed_on: '2021-10-12' }, // 10: late
          { externalId: 'R3', unit: '区经济信息委', name: '解放碑大厦', category: '用水', applied_on: '2021-10-08', completed_on: '2021-10-11' },
          { externalId: 'R4', unit: '区财政局', name: '财政大楼', category: '用气', applied_on: '2021-10-08', completed_on: '2021-10-11' },
          { externalId: '（2021）W/5', unit: '区城管局', category: '用气', applied_on: '2021-10-08' },
        ],
      },
    });
    expect(res.statusCode, res.body).toBe(200);
  });

  it('lists a page of records with every field, searches by id or name, and sorts', async () => {
    const p1 = (await app.inject({ url: '/api/indicators/records/utility?pageSize=2', headers: leader })).json();
    expect(p1).toMatchObject({ total: 5, page: 1, pageSize: 2 });
    expect(p1.items.map((r: { externalId: string }) => r.externalId)).toEqual(['R1', 'R2']);
    expect(p1.items[0]).toMatchObject({
      type: 'utility',
      externalId: 'R1',
      unitId: waterUnit,
      unitName: '区城管局',
      isDemo: false,
      source: 'api',
      updatedBy: 'office1',
      values: {
        name: '解放碑商场',
        category: '用水',
        applied_on: '2021-09-24',
        accepted_on: null,
        completed_on: '2021-10-12',
        filing_started_on: null,
        filing_done_on: null,
      },
    });
    const p3 = (await app.inject({ url: '/api/indicators/records/utility?pageSize=2&page=3', headers: leader })).json();
    expect(p3.items.map((r: { externalId: string }) => r.externalId)).toEqual(['（2021）W/5']);
    const byName = (await app.inject({ url: `/api/indicators/records/utility?q=${encodeURIComponent('解放碑')}`, headers: office })).json();
    expect(byName.items.map((r: { externalId: string }) => r.externalId)).toEqual(['R1', 'R3']);
    const byId = (await app.inject({ url: '/api/indicators/records/utility?q=r2', headers: office })).json();
    expect(byId.items.map((r: { externalId: string }) => r.externalId)).toEqual(['R2']);
    expect((await app.inject({ url: '/api/indicators/records/utility?q=%25', headers: office })).json().total).toBe(0); // % is a character, not a wildcard
    const sorted = (await app.inject({ url: '/api/indicators/records/utility?sort=-applied_on', headers: office })).json();
    expect(sorted.items.map((r: { externalId: string }) => r.externalId)).toEqual(['R3', 'R4', '（2021）W/5', 'R1', 'R2']);
    expect((await app.inject({ url: '/api/indicators/records/utility?sort=budget', headers: office })).statusCode).toBe(400); // not a utility field
    expect((await app.inject({ url: '/api/indicators/records/nope', headers: office })).statusCode).toBe(400);
    // unit staff: their units only
    const mine = (await app.inject({ url: '/api/indicators/records/utility', headers: water })).json();
    expect(mine.items.map((r: { externalId: string }) => r.externalId)).toEqual(['R1', 'R2', '（2021）W/5']);
    expect((await app.inject({ url: `/api/indicators/records/utility?unitId=${financeUnit}`, headers: water })).statusCode).toBe(403);
    const one = await app.inject({ url: rec('（2021）W/5'), headers: water });
    expect(one.statusCode, one.body).toBe(200);
    expect(one.json()).toMatchObject({ externalId: '（2021）W/5', values: { category: '用气', completed_on: null } });
    expect((await app.inject({ url: rec('R404'), headers: office })).statusCode).toBe(404);
  });

  it('an edit that fixes a late completion date takes the case out of the breaching list', async () => {
    const before = await detail();
    expect(before.current).toMatchObject({ counted: 3, compliant: 2, status: 'breached' });
    expect(before.breaching.items.map((c: { externalId: string }) => c.externalId)).toEqual(['R2']);
    const r = await app.inject({ method: 'PUT', url: rec('R2'), headers: json(water), payload: { values: { completed_on: '2021/10/11' } } });
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json()).toMatchObject({
      changed: true,
      record: { externalId: 'R2', updatedBy: 'cg1', source: 'edit', values: { completed_on: '2021-10-11', category: '用水', applied_on: '2021-09-23' } },
    });
    expect(r.json().recomputed.definitions).toContain('water-connection');
    const after = await detail();
    expect(after.current).toMatchObject({ counted: 3, compliant: 3, status: 'met' });
    expect(after.breaching.total).toBe(0);
    const a = await audit('indicator.records.update', 'R2');
    expect(a).toHaveLength(1);
    expect(a[0]).toMatchObject({
      actor: 'cg1',
      before: { completed_on: '2021-10-12', changed: ['completed_on'] },
      after: { completed_on: '2021-10-11', category: 'water', unit_id: waterUnit },
    });
    // The same values again: nothing written, nothing recomputed.
    const same = await app.inject({
      method: 'PUT',
      url: rec('R2'),
      headers: json(water),
      payload: { values: { completed_on: '2021-10-11', category: 'water' } },
    });
    expect(same.json()).toMatchObject({ changed: false, recomputed: null });
    expect(await audit('indicator.records.update', 'R2')).toHaveLength(1);
  });

  it('an edit is checked like an imported row: field-level problems, nothing changed', async () => {
    const bad = await app.inject({
      method: 'PUT',
      url: rec('R1'),
      headers: json(office),
      payload: { values: { completed_on: '2021-09-01', category: '用电', foo: 1 } },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details).toEqual([{ field: 'foo', message: expect.stringContaining('不是“水电气报装”的字段') }]);
    const end = await app.inject({
      method: 'PUT',
      url: rec('R1'),
      headers: json(office),
      payload: { values: { completed_on: '2021-09-01', category: '用电' } },
    });
    expect(end.statusCode).toBe(400);
    expect(end.json().error.details).toEqual([
      { field: '报装类型', message: '“用电”应为 用水/低压用电/低压/10千伏用电/10千伏/用气' },
      { field: '接通日期', message: '2021-09-01 早于申请日期 2021-09-24' },
    ]);
    // Changing the start date alone is checked against the stored end date.
    const start = await app.inject({ method: 'PUT', url: rec('R1'), headers: json(office), payload: { values: { applied_on: '2021-10-20' } } });
    expect(start.json().error.details).toEqual([{ field: '接通日期', message: '2021-10-12 早于申请日期 2021-10-20' }]);
    const req = await app.inject({
      method: 'PUT',
      url: rec('R1'),
      headers: json(office),
      payload: { values: { applied_on: null, accepted_on: '2021-02-30' } },
    });
    expect(req.json().error.details).toEqual([
      { field: '受理日期', message: '“2021-02-30”不是有效日期（YYYY-MM-DD）' },
      { field: '申请日期', message: '不能为空' },
    ]);
    expect(
      (await app.inject({ method: 'PUT', url: rec('R1'), headers: json(office), payload: { values: {}, unit: '区不存在局' } })).json().error.details,
    ).toEqual([{ field: '责任单位', message: '单位名录中没有“区不存在局”' }]);
    const still = (await app.inject({ url: rec('R1'), headers: office })).json();
    expect(still).toMatchObject({
      unitName: '区城管局',
      updatedBy: 'office1',
      values: { applied_on: '2021-09-24', completed_on: '2021-10-12', category: '用水', accepted_on: null },
    });
    expect(await audit('indicator.records.update', 'R1')).toHaveLength(0);
  });

  it('an edit based on a stale read is a conflict (409), not a silent overwrite', async () => {
    const read = (await app.inject({ url: rec('R1'), headers: office })).json();
    const first = await app.inject({ method: 'PUT', url: rec('R1'), headers: json(office), payload: { values: { name: '甲' }, updatedAt: read.updatedAt } });
    expect(first.statusCode, first.body).toBe(200);
    const second = await app.inject({ method: 'PUT', url: rec('R1'), headers: json(water), payload: { values: { name: '乙' }, updatedAt: read.updatedAt } });
    expect(second.statusCode).toBe(409);
    expect(second.json().error.message).toContain('请刷新后重新修改');
    expect((await app.inject({ url: rec('R1'), headers: office })).json().values.name).toBe('甲');
    const fresh = (await app.inject({ url: rec('R1'), headers: office })).json();
    expect(
      (await app.inject({ method: 'PUT', url: rec('R1'), headers: json(water), payload: { values: { name: '乙' }, updatedAt: fresh.updatedAt } })).statusCode,
    ).toBe(200);
  });

  it('a deleted record is gone, audited with its content, and the indicator recomputed', async () => {
    const r = await app.inject({ method: 'DELETE', url: rec('R3'), headers: office });
    expect(r.statusCode, r.body).toBe(200);
    expect((await app.inject({ url: rec('R3'), headers: office })).statusCode).toBe(404);
    expect((await app.inject({ method: 'DELETE', url: rec('R3'), headers: office })).statusCode).toBe(404);
    const a = await audit('indicator.records.delete', 'R3');
    expect(a).toHaveLength(1);
    expect(a[0]).toMatchObject({
      actor: 'office1',
      before: { applied_on: '2021-10-08', completed_on: '2021-10-11', category: 'water', name: '解放碑大厦' },
      after: null,
    });
    expect((await detail()).current).toMatchObject({ counted: 2, compliant: 2 });
  });

  it('unit staff read and change only their units’ records; leaders only read', async () => {
    for (const [method, payload] of [
      ['GET', undefined],
      ['PUT', { values: { completed_on: '2021-10-12' } }],
      ['DELETE', undefined],
    ] as const) {
      const res = await app.inject({ method, url: rec('R4'), headers: payload ? json(water) : water, payload });
      expect(res.statusCode, `${method} ${res.body}`).toBe(403);
    }
    expect((await app.inject({ url: rec('R4'), headers: finance })).statusCode).toBe(200);
    // A unit staff member cannot move their record to another unit.
    const move = await app.inject({ method: 'PUT', url: rec('R1'), headers: json(water), payload: { values: {}, unit: '区财政局' } });
    expect(move.statusCode).toBe(400);
    expect(move.json().error.details).toEqual([{ field: '责任单位', message: '无权填报“区财政局”的记录（只能填报本单位的）' }]);
    // The office may.
    const moved = await app.inject({ method: 'PUT', url: rec('R1'), headers: json(office), payload: { values: {}, unit: '区财政局' } });
    expect(moved.json()).toMatchObject({ changed: true, record: { unitId: financeUnit } });
    expect((await app.inject({ url: rec('R1'), headers: water })).statusCode).toBe(403);
    expect((await app.inject({ method: 'PUT', url: rec('R4'), headers: json(leader), payload: { values: {} } })).statusCode).toBe(403);
    expect((await app.inject({ method: 'DELETE', url: rec('R4'), headers: leader })).statusCode).toBe(403);
    expect((await app.inject({ url: rec('R4') })).statusCode).toBe(401);
    expect(await ctx.db.selectFrom('case_record').select('external_id').where('external_id', '=', 'R4').executeTakeFirst()).toBeDefined();
  });

  it('sorts 申请编号 in natural order: numbers inside ids by value (R9 before R10), both ways', async () => {
    const res = await app.inject({
      method: 'POST',
      url: '/api/indicators/records/utility',
      headers: json(office),
      payload: {
        records: ['R10', 'R9', 'R100', 'R2-10', 'R2-9', 'R007'].map((externalId) => ({
          externalId,
          unit: '区城管局',
          category: '用水',
          applied_on: '2021-10-08',
        })),
      },
    });
    expect(res.statusCode, res.body).toBe(200);
    const ids = async (sort: string) =>
      (await app.inject({ url: `/api/indicators/records/utility?q=R&pageSize=50&sort=${sort}`, headers: office }))
        .json()
        .items.map((r: { externalId: string }) => r.externalId)
        .filter((id: string) => ['R10', 'R9', 'R100', 'R2-10', 'R2-9', 'R007'].includes(id));
    expect(await ids('external_id')).toEqual(['R2-9', 'R2-10', 'R007', 'R9', 'R10', 'R100']);
    expect(await ids('-external_id')).toEqual(['R100', 'R10', 'R9', 'R007', 'R2-10', 'R2-9']);
  });
});
