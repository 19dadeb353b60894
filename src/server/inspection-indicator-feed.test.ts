import { beforeAll, expect, it } from 'vitest';
import { createTestApp } from '../../test/app.js';
import { describeStore } from '../../test/db.js';
import { indicatorDetail } from '../indicators/index.js';
import { seedInspections, type InspectionFixture } from '../inspections/testing.js';
import { feedInspectionIndicators } from './inspection-indicator-feed.js';

/**
 * Measure 33's 协同监管响应率 fed from the inspections' 风险预警线索: answered in time → done, late or unanswered past
 * the 5 working days → not done, still within the period → not counted yet.
 */
describeStore('风险预警线索 in the indicator 协同监管响应率', (ctx) => {
  let f: InspectionFixture;
  beforeAll(async () => {
    f = await seedInspections(await createTestApp(ctx), ctx);
    // One open flag per object and department: each clue on another firm.
    const flag = (flagged_on: string, responded_on: string | null, i: number) => ({
      object_key: `E${f.firms[i]}`,
      object_name: '测试企业',
      unit_id: f.market,
      reasons: JSON.stringify(['测试']),
      flagged_on,
      responded_on,
      response: responded_on ? '已核查' : null,
    });
    await ctx.db
      .insertInto('insp_risk_flag')
      .values([flag('2021-09-01', '2021-09-03', 0), flag('2021-09-02', null, 1), flag('2021-09-06', '2021-09-30', 2), flag('2021-10-28', null, 3)])
      .execute();
  });

  it('writes one supervision record per clue past its period, updates them on a re-run, and recomputes the rate', async () => {
    expect(await feedInspectionIndicators(ctx.db, { actor: 'test', today: '2021-10-29' })).toEqual({ records: 3, inserted: 3, updated: 0 });
    const rows = await ctx.db
      .selectFrom('case_record')
      .select(['external_id', 'category', 'applied_on', 'done', 'completed_on', 'unit_id', 'source'])
      .where('type', '=', 'supervision')
      .orderBy('external_id')
      .execute();
    expect(rows.map((r) => [r.category, String(r.applied_on).slice(0, 10), r.done, r.completed_on && String(r.completed_on).slice(0, 10), r.unit_id])).toEqual([
      ['collaboration', '2021-09-01', true, '2021-09-03', f.market],
      ['collaboration', '2021-09-02', false, null, f.market],
      ['collaboration', '2021-09-06', false, '2021-09-30', f.market],
    ]);
    expect(rows.every((r) => r.external_id.startsWith('INSP-RISK-') && r.source === 'inspections')).toBe(true);
    const detail = await indicatorDetail(ctx.db, 'supervision-collaboration', { year: 2021 });
    expect(detail.current).toMatchObject({ counted: 3, compliant: 1, value: 33.33, statusLabel: '未达标' });
    // The unanswered clue is answered (late): the same record is updated, nothing added.
    await ctx.db.updateTable('insp_risk_flag').set({ responded_on: '2021-10-29', response: '已核查' }).where('flagged_on', '=', '2021-09-02').execute();
    expect(await feedInspectionIndicators(ctx.db, { actor: 'test', today: '2021-10-29' })).toMatchObject({ records: 3, inserted: 0, updated: 1 });
  });
});
