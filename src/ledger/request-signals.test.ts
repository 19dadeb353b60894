import { beforeAll, expect, it } from 'vitest';
import { describeStore } from '../../test/db.js';
import type { SessionUser } from '../auth/index.js';
import { importPlan, parsePlanFile } from '../plan/index.js';
import { actOnRequest, intakeRequest } from '../requests/index.js';
import { assess, saveSettings } from './assessment-store.js';
import { initLedger, listTasks, syncRequestSignals } from './index.js';

/**
 * Measure 48 ("企业诉求在线提交、按时办结、及时反馈") and the annual assessment read the requests' figures:
 * two requests routed to 区政务服务办 in September 2021, one answered in time, one late.
 */
describeStore('requests in the ledger: measure 48 off track, the assessment item', (ctx) => {
  let planId: number;
  let unitId: number;
  const office: SessionUser = { id: 0, account: 'office-t', name: '营商办', role: 'office', unitIds: [], enterpriseId: null, mustChangePassword: false };
  const staff = (): SessionUser => ({ ...office, account: 'staff-t', role: 'unit_staff', unitIds: [unitId] });
  const file = async (today: string) =>
    (
      await intakeRequest(ctx.db, office, {
        category: '求决',
        subject: '开办企业咨询',
        description: '……',
        contactName: '王五',
        contactPhone: '13900001111',
        channel: '电话',
        today,
      })
    ).id;

  beforeAll(async () => {
    const plan = await parsePlanFile('test/fixtures/plans/yuzhong-2021.txt');
    await importPlan(ctx.db, { plan, sourceName: 'yuzhong-2021.txt', sourceKind: 'txt', actor: 'test' });
    planId = (await ctx.db.selectFrom('plan').select('id').executeTakeFirstOrThrow()).id;
    await initLedger(ctx.db, { planId, actor: 'test' });
    unitId = (await ctx.db.selectFrom('unit').select('id').where('name', '=', '区政务服务办').executeTakeFirstOrThrow()).id;
    // On time: routed 09-13 (answer by 09-18), answered 09-17. Late: routed 09-13, answered 09-24.
    for (const answeredOn of ['2021-09-17', '2021-09-24']) {
      const id = await file('2021-09-13');
      await actOnRequest(ctx.db, office, id, { action: 'route', unitId, today: '2021-09-13' });
      await actOnRequest(ctx.db, staff(), id, { action: 'sign', today: '2021-09-13' });
      await actOnRequest(ctx.db, staff(), id, { action: 'answer', note: '已答复', today: answeredOn });
    }
  });

  const task48 = async () => (await listTasks(ctx.db, planId, '2021-10-29')).find((t) => t.measureNumber === 48)!;

  it("marks measure 48's task off track while 按时办结率 is under 100 %, and clears it when it recovers", async () => {
    const r = await syncRequestSignals(ctx.db, planId, '2021-10-29');
    expect(r).toMatchObject({ added: 1, value: 50 });
    const flag = (await task48()).flags.find((f) => f.kind === 'off_track');
    expect(flag?.message).toBe('指标“企业诉求按时办结率”未达标：当前 50.00%，目标 100%（应办结 2 件，1 件未按时答复）');
    // Unchanged figures: nothing rewritten.
    expect(await syncRequestSignals(ctx.db, planId, '2021-10-29')).toMatchObject({ added: 0, removed: 0 });
    await ctx.db.updateTable('request_item').set({ answered_on: '2021-09-18' }).where('answered_on', '=', '2021-09-24').execute();
    expect(await syncRequestSignals(ctx.db, planId, '2021-10-29')).toMatchObject({ removed: 1, value: 100 });
    expect((await task48()).flags.some((f) => f.kind === 'off_track')).toBe(false);
    await ctx.db.updateTable('request_item').set({ answered_on: '2021-09-24' }).where('answered_on', '=', '2021-09-18').execute();
  });

  it('scores 企业诉求按时办结 in the assessment once the office weights it (0 by default)', async () => {
    const unweighted = await assess(ctx.db, planId, '2021-10-29');
    expect(unweighted.weights.requests_on_time).toBe(0);
    const u0 = [...unweighted.units, ...unweighted.collective].find((u) => u.unitId === unitId)!;
    expect(u0.items.find((i) => i.item === 'requests_on_time')).toMatchObject({ numerator: 1, denominator: 2, points: 0 });
    // Old settings without the new item stay valid (its weight is 0).
    await saveSettings(ctx.db, 'test', planId, { weights: { tasks_on_time: 30, reports_on_time: 20, quality: 15, orders_on_time: 15, targets_met: 20 } });
    await saveSettings(ctx.db, 'test', planId, {
      weights: { tasks_on_time: 30, reports_on_time: 20, quality: 10, orders_on_time: 10, targets_met: 10, requests_on_time: 20 },
    });
    const a = await assess(ctx.db, planId, '2021-10-29');
    const item = [...a.units, ...a.collective].find((u) => u.unitId === unitId)!.items.find((i) => i.item === 'requests_on_time')!;
    expect(item).toMatchObject({ label: '企业诉求按时办结', numerator: 1, denominator: 2, weight: 20, applicable: true });
    expect(item.details[0]).toContain('应办结 2 件，按时办结 1 件');
  });
});
