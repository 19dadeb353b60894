import path from 'node:path';
import ExcelJS from 'exceljs';
import { beforeAll, expect, it } from 'vitest';
import { describeStore } from '../../test/db.js';
import { InputRejectedError } from '../shared/index.js';
import { findPlan, listPlans, parsePlanFile, parsePlanText, planAsOf, type ParsedPlan } from './index.js';
import { importPlan } from './plan-store.js';
import { getPlanOutline, listMeasures, listRevisions, listUnitDirectory } from './plan-read.js';
import { exportLedgerXlsx, importLedgerXlsx } from './ledger-xlsx.js';

const SAMPLE = path.resolve('samples/plans/yuzhong-2021-business-environment-plan.txt');
let sample: ParsedPlan;
beforeAll(async () => {
  sample = await parsePlanFile(SAMPLE);
});

const auditCount = async (db: Parameters<typeof importPlan>[0]) =>
  Number(
    (
      await db
        .selectFrom('audit_log')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );

async function sheetOf(buffer: Buffer) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buffer as unknown as ArrayBuffer);
  return { wb, ws: wb.worksheets[0] };
}
const rowOf = (ws: ExcelJS.Worksheet, measure: number) => ws.getRow(2 + measure);

describeStore('plan store', (ctx) => {
  let planId: number;

  it('imports the sample plan whole: 5 sections, 52 measures, units and targets', async () => {
    const r = await importPlan(ctx.db, { plan: sample, sourceName: 'sample.txt', sourceKind: 'txt', actor: 'test' });
    expect(r).toMatchObject({ revision: 1, changed: true });
    planId = r.planId;
    const outline = await getPlanOutline(ctx.db, planId);
    expect(outline.sections).toHaveLength(5);
    const measures = await listMeasures(ctx.db, planId);
    expect(measures.map((m) => m.number)).toEqual(Array.from({ length: 52 }, (_, i) => i + 1));
    const m47 = measures.find((m) => m.number === 47)!;
    expect(m47.leadUnits.map((u) => u.name)).toEqual(['区发展改革委']);
    const m6 = measures.find((m) => m.number === 6)!;
    expect(m6.leadUnits.map((u) => u.name)).toEqual(['区城管局', '区经济信息委']);
    expect(m6.targets.map((t) => `${t.op}${t.value}${t.unit}`)).toEqual(['<=9工作日', '<=8工作日', '<=2日', '<=30工作日', '<=13工作日']);
  });

  it('is idempotent: the same plan again writes nothing', async () => {
    const before = await auditCount(ctx.db);
    const ids = (await listMeasures(ctx.db, planId)).map((m) => m.id);
    const r = await importPlan(ctx.db, { plan: sample, sourceName: 'sample.txt', sourceKind: 'txt', actor: 'test' });
    expect(r).toEqual({ planId, revision: 1, changed: false });
    expect(await auditCount(ctx.db)).toBe(before);
    expect((await listMeasures(ctx.db, planId)).map((m) => m.id)).toEqual(ids);
  });

  it('a revised plan becomes revision 2, updating measures in place and keeping the history', async () => {
    const revised: ParsedPlan = structuredClone(sample);
    const m6 = revised.sections[0].subsections[1].measures.find((m) => m.number === 6)!;
    m6.targets = m6.targets.slice(0, 4);
    m6.text = `${m6.text}（修订）`;
    const before = await listMeasures(ctx.db, planId, { number: 6 });
    const r = await importPlan(ctx.db, { plan: revised, sourceName: 'revised.txt', sourceKind: 'txt', actor: 'test' });
    expect(r).toEqual({ planId, revision: 2, changed: true });
    const [after] = await listMeasures(ctx.db, planId, { number: 6 });
    expect(after.id).toBe(before[0].id);
    expect(after.targets).toHaveLength(4);
    expect(after.targets[0].id).toBe(before[0].targets[0].id);
    expect(after.text.endsWith('（修订）')).toBe(true);
    expect((await listRevisions(ctx.db, planId)).map((x) => x.revision)).toEqual([2, 1]);
    // Back to the original content: a third revision (history is never rewritten).
    expect((await importPlan(ctx.db, { plan: sample, sourceName: 'sample.txt', sourceKind: 'txt', actor: 'test' })).revision).toBe(3);
  });

  it('rolls back a failing import whole', async () => {
    const broken: ParsedPlan = structuredClone(sample);
    broken.docNumber = '测试〔2099〕1号';
    broken.sections[4].subsections[0].measures = [];
    const m = broken.sections[0].subsections[1].measures[0];
    (m.targets[0] as { op: string }).op = '≈'; // violates the op check constraint, after many rows were written
    await expect(importPlan(ctx.db, { plan: broken, sourceName: 'broken.txt', sourceKind: 'txt', actor: 'test' })).rejects.toThrow();
    expect(await ctx.db.selectFrom('plan').select('id').where('doc_number', '=', '测试〔2099〕1号').execute()).toHaveLength(0);
    expect(
      Number(
        (
          await ctx.db
            .selectFrom('measure')
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      ),
    ).toBe(52);
  });

  it('searches measure text and filters by unit (本单位任务)', async () => {
    const hits = await listMeasures(ctx.db, planId, { q: '电子营业执照' });
    expect(hits.map((m) => m.number)).toEqual([3]);
    expect((await listMeasures(ctx.db, planId, { q: '工作日' })).map((m) => m.number)).toEqual([6, 14, 15, 40]);
    expect(await listMeasures(ctx.db, planId, { q: '100%_' })).toEqual([]);
    const units = await listUnitDirectory(ctx.db, planId);
    const court = units.find((u) => u.name === '区法院')!;
    expect(court.leads.map((x) => x.number)).toEqual([41, 42, 43, 44, 45, 46]);
    const courtMeasures = await listMeasures(ctx.db, planId, { unitId: court.id });
    expect(courtMeasures.map((m) => m.number)).toEqual([36, 37, 38, 41, 42, 43, 44, 45, 46]);
  });

  it('exports the standard ledger and reads it back unchanged', async () => {
    const { buffer, fileName } = await exportLedgerXlsx(ctx.db, planId);
    expect(fileName).toContain('渝中府办〔2021〕16号');
    const { ws } = await sheetOf(buffer);
    expect((ws.getRow(2).values as unknown[]).slice(1)).toEqual(['序号', '任务', '具体措施', '牵头单位', '责任单位', '完成时限', '量化目标']);
    expect(rowOf(ws, 6).getCell(7).value).toContain('获得用水一般项目用户全流程总用时 ≤ 9 工作日');
    const r = await importLedgerXlsx(ctx.db, { planId, buffer, fileName, actor: 'test' });
    expect(r).toMatchObject({ changed: false, rows: 52 });
  });

  it('applies an edited ledger as a new revision', async () => {
    const { buffer } = await exportLedgerXlsx(ctx.db, planId);
    const { wb, ws } = await sheetOf(buffer);
    const cell = rowOf(ws, 6).getCell(7);
    cell.value = String(cell.value).replace('≤ 9 工作日', '≤ 7 工作日');
    rowOf(ws, 47).getCell(4).value = '区发改委、区财政局';
    const edited = Buffer.from(await wb.xlsx.writeBuffer());
    const r = await importLedgerXlsx(ctx.db, { planId, buffer: edited, fileName: 'edited.xlsx', actor: 'test' });
    expect(r).toMatchObject({ changed: true, revision: 4 });
    const [m6] = await listMeasures(ctx.db, planId, { number: 6 });
    expect(m6.targets[0]).toMatchObject({ value: 7, unit: '工作日', op: '<=' });
    const [m47] = await listMeasures(ctx.db, planId, { number: 47 });
    expect(m47.leadUnits.map((u) => u.name)).toEqual(['区发展改革委', '区财政局']);
  });

  it('rejects a ledger with broken rows whole, naming file, row and field', async () => {
    const { buffer } = await exportLedgerXlsx(ctx.db, planId);
    const { wb, ws } = await sheetOf(buffer);
    rowOf(ws, 2).getCell(2).value = '改过的标题'; // a good edit in the same file
    rowOf(ws, 3).getCell(4).value = '区不存在局'; // unknown unit
    rowOf(ws, 5).getCell(6).value = '2021-02-30（年内）'; // no such date
    rowOf(ws, 7).getCell(7).value = '总用时不超过九天'; // not a target line
    const edited = Buffer.from(await wb.xlsx.writeBuffer());
    const err = await importLedgerXlsx(ctx.db, { planId, buffer: edited, fileName: 'bad.xlsx', actor: 'test' }).catch((e) => e);
    expect(err).toBeInstanceOf(InputRejectedError);
    expect((err as InputRejectedError).problems).toEqual([
      { file: 'bad.xlsx', row: 5, field: '牵头单位', message: '未知单位“区不存在局”（请使用单位名录中的名称）' },
      { file: 'bad.xlsx', row: 7, field: '完成时限', message: '日期不存在：2021-02-30' },
      { file: 'bad.xlsx', row: 9, field: '量化目标', message: '“总用时不超过九天”不是“指标 ≤ 数值 单位”的格式' },
    ]);
    const [m2] = await listMeasures(ctx.db, planId, { number: 2 });
    expect(m2.title).not.toBe('改过的标题');
    await expect(importLedgerXlsx(ctx.db, { planId, buffer: Buffer.from('not a workbook'), fileName: 'x.xlsx', actor: 'test' })).rejects.toThrow(
      'x.xlsx：不是有效的 Excel 文件（.xlsx）',
    );
  });

  it('imports a plan whose year nothing gives (year null, a warning), and keeps it behind the plans with a year', async () => {
    const p = parsePlanText(
      ['某某区优化营商环境工作要点', '一、提升服务效能', '1.压缩审批时间。年底前审批时间不超过3个工作日。（牵头单位：区发改委）'].join('\n'),
    );
    expect(p.year).toBeNull();
    expect(p.warnings.map((w) => w.code)).toEqual(['no-year']);
    const r = await importPlan(ctx.db, { plan: p, sourceName: 'no-year.txt', sourceKind: 'txt', actor: 'test' });
    expect(r.changed).toBe(true);
    const row = (await listPlans(ctx.db)).find((x) => x.id === r.planId)!;
    expect(row.year).toBeNull();
    expect((await listPlans(ctx.db)).at(-1)!.id).toBe(r.planId);
    expect((await findPlan(ctx.db))!.year).toBe(2021);
    const a = await planAsOf(ctx.db, r.planId, '2026-11-30');
    expect([a.year, a.asOf, a.reason]).toEqual([null, '2026-11-30', 'plan-year-unknown']);
  });

  it('imports a plan without sections whose numbering restarts: measures by their running number', async () => {
    const p = parsePlanText(
      [
        '某某县2022年优化营商环境工作要点',
        '（一）政务服务（牵头单位：县行政审批局）',
        '1.压缩审批时间。',
        '2.推行告知承诺。',
        '（二）市场环境（牵头单位：县市场监管局）',
        '1.压缩开办时间。',
      ].join('\n'),
    );
    expect(p.sections.map((s) => s.number)).toEqual([0]);
    const r = await importPlan(ctx.db, { plan: p, sourceName: 'restart.txt', sourceKind: 'txt', actor: 'test' });
    const ms = await listMeasures(ctx.db, r.planId);
    expect(ms.map((m) => [m.number, m.title, m.leadUnits.map((u) => u.name)])).toEqual([
      [1, '压缩审批时间', ['县行政审批局']],
      [2, '推行告知承诺', ['县行政审批局']],
      [3, '压缩开办时间', ['县市场监管局']],
    ]);
  });
});
