import ExcelJS from 'exceljs';
import type { FastifyInstance } from 'fastify';
import { afterEach, beforeAll, expect, it } from 'vitest';
import { createTestApp, multipart } from '../../test/app.js';
import { describeStore } from '../../test/db.js';
import { chinaToday } from '../calendar/index.js';
import { verifyDraw } from './core/index.js';
import { importInspectors, listInspectors, listObjects, updateInspector } from './directory-store.js';
import { commitDraw, drawProof, getDraw, listDraws, runStoredDraw, setCreditClassSource, setSeedInputs } from './draw-store.js';
import { jointDraw, seedInspections, type InspectionFixture } from './testing.js';

const today = chinaToday();
const csv = (text: string) => Buffer.from(text, 'utf8');

describeStore('inspections store', (ctx) => {
  let app: FastifyInstance;
  let f: InspectionFixture;
  beforeAll(async () => {
    app = await createTestApp(ctx);
    f = await seedInspections(app, ctx);
  });
  afterEach(() => setCreditClassSource(null));

  const audits = async (action: string) =>
    Number(
      (
        await ctx.db
          .selectFrom('audit_log')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .where('action', '=', action)
          .executeTakeFirstOrThrow()
      ).n,
    );

  it('lists the registry’s enterprises and the other objects as one directory', async () => {
    const ents = await listObjects(ctx.db, { source: 'enterprise', q: '抽查样本' });
    expect(ents.total).toBe(6);
    expect(ents.items[0]).toMatchObject({ key: `E${f.firms[0]}`, kind: '企业' });
    const others = await listObjects(ctx.db, { source: 'other' });
    expect(others.items.map((o) => [o.kind, o.name])).toContainEqual(['专利代理机构', '渝中样本专利代理事务所']);
    expect(await audits('inspections.object.create')).toBeGreaterThanOrEqual(1);
    const dup = await app.inject({
      method: 'POST',
      url: '/api/inspections/objects',
      headers: f.headers.office,
      payload: { kind: '专利代理机构', name: '重名代理所', code: '91500103MA5UQ999X1' },
    });
    expect(dup.statusCode).toBe(409);
  });

  it('keeps inspectors per unit: relations for 回避, edits audited, unit staff only for their own unit', async () => {
    const mine = await listInspectors(ctx.db, f.users.unit, {});
    expect(mine.items.every((i) => i.unitId === f.market)).toBe(true);
    expect(mine.items.find((i) => i.certNo === '5001030M100')?.relations).toEqual([
      { objectKey: `E${f.firms[0]}`, objectName: '抽查样本1号有限公司', relation: '配偶任该企业监事', declaredOn: today },
    ]);
    expect((await listInspectors(ctx.db, f.users.otherUnit, {})).total).toBe(0);
    const body = { unitId: f.health, name: '越权', certNo: 'X-0001', fields: [], active: true, relations: [] };
    const res = await app.inject({ method: 'POST', url: '/api/inspections/inspectors', headers: f.headers.unit, payload: body });
    expect(res.statusCode).toBe(403);
    const before = await audits('inspections.inspector.update');
    await updateInspector(ctx.db, f.users.unit, f.inspectors.M4!, {
      unitId: f.market,
      name: '检查员M4',
      certNo: '5001030M400',
      fields: ['食品安全', '特种设备'],
      active: true,
      relations: [{ objectKey: `O${f.agency}`, relation: '曾在该所任职' }],
    });
    expect(await audits('inspections.inspector.update')).toBe(before + 1);
    const bad = await app.inject({
      method: 'PUT',
      url: `/api/inspections/inspectors/${f.inspectors.M4}`,
      headers: f.headers.office,
      payload: { ...body, unitId: f.market, certNo: '5001030M100', relations: [{ objectKey: 'E999999', relation: '亲属' }] },
    });
    expect(bad.statusCode).toBe(400);
    expect(
      bad
        .json()
        .error.details.map((d: { field: string }) => d.field)
        .sort(),
    ).toEqual(['回避对象', '执法证号']);
  });

  it('imports inspectors from CSV all or nothing, naming every bad row, then updates by 执法证号', async () => {
    const bad = csv(
      '所属单位,姓名,执法证号,业务专长,是否在岗\n区市场监管局,赵一,IMP-0001,食品安全,是\n区不存在局,钱二,IMP-0002,,是\n区卫生健康委,,IMP-0003,,也许\n区卫生健康委,孙四,IMP-0001,,否\n',
    );
    const err = await importInspectors(ctx.db, 'test', '人员.csv', bad).catch((e) => e);
    expect(err.details.map((d: { row: number; field: string }) => `${d.row}:${d.field}`)).toEqual(['3:所属单位', '4:是否在岗', '4:姓名', '5:执法证号']);
    expect((await listInspectors(ctx.db, f.users.office, { q: 'IMP-0001' })).total).toBe(0);
    const missing = await importInspectors(ctx.db, 'test', '人员.csv', csv('姓名,证号\n赵一,IMP-1\n')).catch((e) => e);
    expect(missing.details).toEqual([{ file: '人员.csv', row: 1, field: '所属单位', message: '缺少此列' }]);
    const good = csv('单位,姓名,执法证号,业务专长,在岗\n区市场监管局,赵一,IMP-0001,食品安全、广告,是\n区卫生健康委,钱二,IMP-0002,,否\n');
    const res = await app.inject({
      method: 'POST',
      url: '/api/inspections/inspectors/import',
      headers: { ...f.headers.office, ...multipart('人员.csv', good).headers },
      payload: multipart('人员.csv', good).payload,
    });
    expect(res.json()).toEqual({ created: 2, updated: 0 });
    expect(await importInspectors(ctx.db, 'test', '人员.csv', good)).toEqual({ created: 0, updated: 2 });
    const zhao = (await listInspectors(ctx.db, f.users.office, { q: 'IMP-0001' })).items[0]!;
    expect(zhao).toMatchObject({ name: '赵一', unitName: '区市场监管局', fields: ['食品安全', '广告'], active: true });
    // Keep the later draws' teams to the fixture's inspectors.
    await ctx.db.updateTable('inspection_inspector').set({ active: false }).where('cert_no', 'in', ['IMP-0001', 'IMP-0002']).execute();
  });

  it('imports inspectors from a real .xlsx: a bad row is named by file, row and column, and nothing is written', async () => {
    const xlsx = async (rows: unknown[][]) => {
      const wb = new ExcelJS.Workbook();
      const ws = wb.addWorksheet('执法检查人员');
      ws.addRow(['所属单位', '姓名', '执法证号', '业务专长', '是否在岗']);
      for (const r of rows) ws.addRow(r);
      return Buffer.from(await wb.xlsx.writeBuffer());
    };
    const post = (file: Buffer) =>
      app.inject({
        method: 'POST',
        url: '/api/inspections/inspectors/import',
        headers: { ...f.headers.office, ...multipart('执法人员名录.xlsx', file).headers },
        payload: multipart('执法人员名录.xlsx', file).payload,
      });
    const count = async () =>
      Number(
        (
          await ctx.db
            .selectFrom('inspection_inspector')
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
    const [inspectorsBefore, auditsBefore] = [await count(), await audits('inspections.inspector.import')];
    // A numeric cell for 执法证号 (Excel keeps it as a number), then a row whose 是否在岗 is neither 是 nor 否.
    const bad = await post(
      await xlsx([
        ['区市场监管局', '冯一', 50010300901, '食品安全', '是'],
        ['区卫生健康委', '陈二', 'XLS-0002', '', '待定'],
      ]),
    );
    expect(bad.statusCode).toBe(400);
    const error = bad.json().error;
    expect(error.message).toBe('执法人员名录.xlsx：1 处问题，未导入任何数据');
    expect(error.details).toEqual([{ file: '执法人员名录.xlsx', row: 3, field: '是否在岗', message: '应填“是”或“否”' }]);
    expect([await count(), await audits('inspections.inspector.import')]).toEqual([inspectorsBefore, auditsBefore]);
    // Corrected, the same file imports whole; the numeric 执法证号 is read as written.
    const good = await post(
      await xlsx([
        ['区市场监管局', '冯一', 50010300901, '食品安全', '是'],
        ['区卫生健康委', '陈二', 'XLS-0002', '', '否'],
      ]),
    );
    expect(good.json()).toEqual({ created: 2, updated: 0 });
    expect((await listInspectors(ctx.db, f.users.office, { q: '50010300901' })).items[0]).toMatchObject({
      name: '冯一',
      unitName: '区市场监管局',
      active: true,
    });
    expect(await count()).toBe(inspectorsBefore + 2);
    await ctx.db.updateTable('inspection_inspector').set({ active: false }).where('cert_no', 'in', ['50010300901', 'XLS-0002']).execute();
  });

  it('commits, takes the seed inputs in order, runs, and anyone can recompute the draw', async () => {
    const c = await commitDraw(ctx.db, f.users.office, jointDraw(f, today));
    expect(c.number).toMatch(/^渝中双随机〔\d{4}〕\d+号$/);
    const proof = await drawProof(ctx.db, c.id);
    expect(proof.objects.every((o) => o.stratum === '第1层')).toBe(true); // 未分级, under its neutral label
    expect(proof.inspectors.find((i) => i.key === `I${f.inspectors.M1}`)?.avoid).toEqual([`E${f.firms[0]}`]);
    expect(verifyDraw(proof).ok).toBe(true);
    // Order of the seed's inputs: the lottery only after every witness's number; nothing changes once entered.
    await expect(setSeedInputs(ctx.db, f.users.office, c.id, { lotteryResult: '01 02 03 04 05 06 + 07' })).rejects.toMatchObject({ statusCode: 400 });
    await expect(setSeedInputs(ctx.db, f.users.office, c.id, { witnessNumbers: ['123'] })).rejects.toMatchObject({ statusCode: 400 });
    await expect(runStoredDraw(ctx.db, f.users.office, c.id)).rejects.toMatchObject({ statusCode: 400 });
    await setSeedInputs(ctx.db, f.users.office, c.id, { witnessNumbers: ['2718', '０３１４'] });
    await expect(setSeedInputs(ctx.db, f.users.office, c.id, { witnessNumbers: ['1', '2'] })).rejects.toMatchObject({ statusCode: 409 });
    const early = await setSeedInputs(ctx.db, f.users.office, c.id, { lotteryResult: '01' }, { today: '2000-01-01' }).catch((e) => e);
    expect(early.details[0].message).toMatch(/尚未开奖/);
    await setSeedInputs(ctx.db, f.users.office, c.id, { lotteryResult: ' 03 07 12 19 25 31 ＋ 09' });
    const ran = await runStoredDraw(ctx.db, f.users.office, c.id);
    expect(ran.picked).toBe(3); // ⌈6 × 50%⌉
    await expect(runStoredDraw(ctx.db, f.users.office, c.id)).rejects.toMatchObject({ statusCode: 409 });
    const published = await drawProof(ctx.db, c.id);
    expect(published.witnessNumbers).toEqual(['2718', '0314']);
    expect(published.lotteryResult).toBe('03 07 12 19 25 31 + 09');
    const v = verifyDraw(published);
    expect(v.checks.filter((x) => !x.ok)).toEqual([]);
    expect(v.checks).toHaveLength(7);
    const detail = await getDraw(ctx.db, null, c.id);
    expect(detail.picks).toHaveLength(3);
    for (const p of detail.picks) {
      expect(p.team.map((t) => t.unitName)).toEqual(['区市场监管局', '区卫生健康委']);
      if (p.objectKey === `E${f.firms[0]}`) expect(p.team.map((t) => t.name)).not.toContain('检查员M1');
    }
    expect(await audits('inspections.draw.run')).toBe(1);
    // A tampered stored result no longer matches its recomputation.
    await ctx.db.updateTable('inspection_draw').set({ lottery_result: '03 07 12 19 25 31 + 10' }).where('id', '=', c.id).execute();
    expect(
      verifyDraw(await drawProof(ctx.db, c.id))
        .checks.filter((x) => !x.ok)
        .map((x) => x.label),
    ).toContain('随机种子（监督人号码与开奖号码）');
    await ctx.db.updateTable('inspection_draw').set({ lottery_result: '03 07 12 19 25 31 + 09' }).where('id', '=', c.id).execute();
  });

  it('sends nobody back to an object they inspected in its last check (rotation), and takes the class in force', async () => {
    const [first] = await listDraws(ctx.db, null);
    const last = await getDraw(ctx.db, null, first!.id);
    setCreditClassSource({
      classOn: async (_db, date, ids) => {
        expect(date).toBe(today);
        return new Map(ids.filter((id) => id === f.firms[1] || id === f.firms[2]).map((id) => [id, '信用风险高']));
      },
    });
    const c = await commitDraw(
      ctx.db,
      f.users.office,
      jointDraw(f, today, { title: '轮换检验', shares: [{ stratum: '信用风险高', bp: 10_000 }], defaultShareBp: 10_000 }),
    );
    const proof = await drawProof(ctx.db, c.id);
    // Neutral labels: no class order from this source, so strata in string order (信用风险高 第1层, 未分级 第2层).
    expect(proof.objects.filter((o) => o.stratum === '第1层').map((o) => o.key)).toEqual([`E${f.firms[1]}`, `E${f.firms[2]}`].sort());
    expect(proof.params.shares).toEqual([{ stratum: '第1层', bp: 10_000 }]);
    const certOf = new Map(proof.inspectors.map((i) => [i.certNo, i.key]));
    for (const p of last.picks) {
      const o = proof.objects.find((x) => x.key === p.objectKey)!;
      expect(o.lastInspectors).toEqual(p.team.map((t) => certOf.get(t.certNo)!).sort());
    }
    await setSeedInputs(ctx.db, f.users.office, c.id, { witnessNumbers: ['1', '2'], lotteryResult: '05 06' });
    await runStoredDraw(ctx.db, f.users.office, c.id);
    const now = await getDraw(ctx.db, null, c.id);
    expect(now.strata.map((s) => [s.stratum, s.population, s.drawn])).toEqual([
      ['第1层', 2, 2],
      ['第2层', 4, 4],
    ]);
    expect((await getDraw(ctx.db, f.users.office, c.id)).stratumNames).toEqual([
      { stratum: '第1层', className: '信用风险高' },
      { stratum: '第2层', className: '未分级' },
    ]);
    for (const p of now.picks) {
      const before = last.picks.find((x) => x.objectKey === p.objectKey);
      for (const t of p.team) expect(before?.team.map((x) => x.certNo) ?? []).not.toContain(t.certNo);
    }
    expect(verifyDraw(await drawProof(ctx.db, c.id)).ok).toBe(true);
  });

  it('refuses a commit that cannot give every object a full team, and bad parameters by field', async () => {
    // 区财政局 has no inspectors: as a joint department nobody could be sent.
    const err = await commitDraw(ctx.db, f.users.office, jointDraw(f, today, { jointUnitIds: [f.health, f.finance] })).catch((e) => e);
    expect(err.statusCode).toBe(400);
    expect(err.details[0].message).toMatch(/区财政局可派 0 人，需要 1 人/);
    const bad = await commitDraw(
      ctx.db,
      f.users.office,
      jointDraw(f, today, { jointUnitIds: [f.market], witnesses: ['甲', '甲'], lotteryDate: '2000-01-01', itemIds: [] }),
    ).catch((e) => e);
    expect(bad.details.map((d: { field: string }) => d.field).sort()).toEqual(['itemIds', 'jointUnitIds', 'lotteryDate', 'witnesses']);
  });

  it('shows unit staff only the draws of their departments', async () => {
    expect((await listDraws(ctx.db, f.users.unit)).length).toBe((await listDraws(ctx.db, null)).length);
    expect(await listDraws(ctx.db, f.users.otherUnit)).toEqual([]);
    const [d] = await listDraws(ctx.db, null);
    await expect(getDraw(ctx.db, f.users.otherUnit, d!.id)).rejects.toMatchObject({ statusCode: 403 });
  });
});
