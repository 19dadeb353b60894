import { beforeAll, expect, it } from 'vitest';
import { describeStore } from '../../test/db.js';
import type { SessionUser } from '../auth/index.js';
import { importPlan, parsePlanFile } from '../plan/index.js';
import { actOnRequest, intakeRequest } from '../requests/index.js';
import { assess, saveSettings } from './assessment-store.js';
import { initLedger } from './index.js';

/**
 * The annual assessment reads the requests' figures (item 企业诉求按时办结): two requests routed to 区政务服务办 in
 * September 2021, one answered in time, one late. (Measure 48's 按时办结 is the indicator 企业诉求按时办结率 of
 * 指标监测, which marks the task off track itself: src/server/request-indicator-feed.test.ts.)
 */
describeStore('requests in the ledger: the assessment item', (ctx) => {
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
