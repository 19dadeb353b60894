import { beforeAll, expect, it } from 'vitest';
import { createTestApp } from '../../test/app.js';
import { describeStore } from '../../test/db.js';
import { chinaToday } from '../calendar/index.js';
import { commitDraw, runStoredDraw, setSeedInputs } from '../inspections/index.js';
import { jointDraw, seedInspections } from '../inspections/testing.js';
import { importPlan, parsePlanFile } from '../plan/index.js';
import { initLedger, listTasks, syncInspectionSignals } from './index.js';

/**
 * Measures 33 (协同监管响应率) and 34 (行政执法公示) read the inspections' figures: a result of 2021-09-01 not published
 * within 20 working days, a risk flag of the same day not answered within 5.
 */
describeStore('inspections in the ledger: measures 33 and 34 off track', (ctx) => {
  let planId: number;
  let resultId: number;
  let flagId: number;
  beforeAll(async () => {
    const plan = await parsePlanFile('test/fixtures/plans/yuzhong-2021.txt');
    await importPlan(ctx.db, { plan, sourceName: 'yuzhong-2021.txt', sourceKind: 'txt', actor: 'test' });
    planId = (await ctx.db.selectFrom('plan').select('id').executeTakeFirstOrThrow()).id;
    await initLedger(ctx.db, { planId, actor: 'test' });
    const f = await seedInspections(await createTestApp(ctx), ctx);
    const drawId = (await commitDraw(ctx.db, f.users.office, jointDraw(f, chinaToday()))).id;
    await setSeedInputs(ctx.db, f.users.office, drawId, { witnessNumbers: ['1', '2'], lotteryResult: '01 02' });
    await runStoredDraw(ctx.db, f.users.office, drawId);
    const a = await ctx.db
      .selectFrom('inspection_assignment')
      .selectAll()
      .where('draw_id', '=', drawId)
      .where('unit_id', '=', f.market)
      .executeTakeFirstOrThrow();
    resultId = (
      await ctx.db
        .insertInto('insp_result')
        .values({
          draw_id: drawId,
          object_key: a.object_key,
          object_name: a.object_name,
          item_id: f.marketItem,
          unit_id: f.market,
          category: 'no_problem',
          outcome: 'normal',
          rectify_days: null,
          rectify_due: null,
          transfer_unit_id: null,
          transfer_note: null,
          exemption_id: null,
          produced_on: '2021-09-01',
          recorded_by: 'test',
          inspector_id: a.inspector_id,
          published_on: null,
          published_by: null,
        })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;
    flagId = (
      await ctx.db
        .insertInto('insp_risk_flag')
        .values({ object_key: a.object_key, object_name: a.object_name, unit_id: f.market, reasons: JSON.stringify(['测试']), flagged_on: '2021-09-01' })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;
  });

  const flags = async (n: number) =>
    (await listTasks(ctx.db, planId, '2021-10-29')).filter((t) => t.measureNumber === n).flatMap((t) => t.flags.filter((x) => x.kind === 'off_track'));

  it('marks measures 34 and 33 off track while results are unpublished late and flags unanswered, and clears them', async () => {
    const r = await syncInspectionSignals(ctx.db, planId, '2021-10-29');
    expect(r).toMatchObject({ added: 2, responseRate: 0 });
    expect((await flags(34))[0]?.message).toBe('有 1 条双随机抽查结果超过 20 个工作日未公示（《企业信息公示暂行条例》第六条第二款）');
    expect((await flags(33))[0]?.message).toBe('协同监管响应率 0.00%，目标 100%：风险预警线索 1 条未在 5 个工作日内反馈');
    expect(await syncInspectionSignals(ctx.db, planId, '2021-10-29')).toMatchObject({ added: 0, removed: 0 });
    await ctx.db.updateTable('insp_result').set({ published_on: '2021-09-20' }).where('id', '=', resultId).execute();
    await ctx.db.updateTable('insp_risk_flag').set({ responded_on: '2021-09-03', response: '已核查' }).where('id', '=', flagId).execute();
    expect(await syncInspectionSignals(ctx.db, planId, '2021-10-29')).toMatchObject({ removed: 2, responseRate: 100 });
    expect(await flags(33)).toEqual([]);
    expect(await flags(34)).toEqual([]);
  });
});
