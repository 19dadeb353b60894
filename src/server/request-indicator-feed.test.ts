import { beforeAll, expect, it } from 'vitest';
import { describeStore } from '../../test/db.js';
import type { SessionUser } from '../auth/index.js';
import { indicatorDetail } from '../indicators/index.js';
import { initLedger, listTasks } from '../ledger/index.js';
import { importPlan, parsePlanFile } from '../plan/index.js';
import { actOnRequest, intakeRequest, requestOnTimeIndicator } from '../requests/index.js';
import { feedRequestIndicators } from './request-indicator-feed.js';

/**
 * Measure 48's 企业诉求按时办结率 fed from the requests: answered by the answer deadline → on time, answered late or
 * unanswered past the deadline → not, unanswered on or before the deadline → not counted yet. Four requests routed to
 * 区政务服务办 in 2021 (求决: 5 working days; 咨询: 1):
 *   A 求决 routed 09-13, due 09-18 (a 调休 Saturday), answered 09-17: on time
 *   B 求决 routed 09-13, due 09-18, answered 09-24: late
 *   C 求决 routed 10-26, due 11-02, answered 11-04: not counted on 10-29 and 11-02, late from 11-03
 *   D 咨询 routed 10-27, due 10-28, answered 10-28: on time (then reopened: out again)
 */
describeStore('enterprise requests in the indicator 企业诉求按时办结率', (ctx) => {
  let planId: number;
  let unitId: number;
  const ids: Record<string, number> = {};
  const office: SessionUser = { id: 0, account: 'office-t', name: '营商办', role: 'office', unitIds: [], enterpriseId: null, mustChangePassword: false };
  const staff = (): SessionUser => ({ ...office, account: 'staff-t', role: 'unit_staff', unitIds: [unitId] });
  const routed = async (name: string, category: '求决' | '咨询', on: string) => {
    const { id } = await intakeRequest(ctx.db, office, {
      category,
      subject: '开办企业咨询',
      description: '……',
      contactName: '王五',
      contactPhone: '13900001111',
      channel: '电话',
      today: on,
    });
    await actOnRequest(ctx.db, office, id, { action: 'route', unitId, today: on });
    await actOnRequest(ctx.db, staff(), id, { action: 'sign', today: on });
    ids[name] = id;
    return id;
  };
  const answer = (name: string, on: string) => actOnRequest(ctx.db, staff(), ids[name]!, { action: 'answer', note: '已答复', today: on });
  const feed = (today: string) => feedRequestIndicators(ctx.db, { actor: 'test', today });
  const current = async () => (await indicatorDetail(ctx.db, 'request-on-time', { year: 2021 })).current;
  const task48 = async () => (await listTasks(ctx.db, planId, '2021-12-31')).find((t) => t.measureNumber === 48)!;

  beforeAll(async () => {
    const plan = await parsePlanFile('test/fixtures/plans/yuzhong-2021.txt');
    await importPlan(ctx.db, { plan, sourceName: 'yuzhong-2021.txt', sourceKind: 'txt', actor: 'test' });
    planId = (await ctx.db.selectFrom('plan').select('id').executeTakeFirstOrThrow()).id;
    await initLedger(ctx.db, { planId, actor: 'test' });
    unitId = (await ctx.db.selectFrom('unit').select('id').where('name', '=', '区政务服务办').executeTakeFirstOrThrow()).id;
    await routed('A', '求决', '2021-09-13');
    await routed('B', '求决', '2021-09-13');
    await answer('A', '2021-09-17');
    await answer('B', '2021-09-24');
    await routed('C', '求决', '2021-10-26');
    await routed('D', '咨询', '2021-10-27');
    await answer('D', '2021-10-28');
  });

  it('writes one record per request answered or past its deadline, with the handling unit and the dates', async () => {
    expect(await feed('2021-10-29')).toEqual({ records: 3, inserted: 3, updated: 0, removed: 0 });
    const audit = await ctx.db.selectFrom('audit_log').select(['action', 'entity_id']).where('action', '=', 'indicator.records.upsert').execute();
    expect(audit).toEqual([{ action: 'indicator.records.upsert', entity_id: 'enterprise_request' }]);
    const rows = await ctx.db
      .selectFrom('case_record')
      .select(['external_id', 'unit_id', 'category', 'applied_on', 'completed_on', 'done', 'source', 'is_demo'])
      .where('type', '=', 'enterprise_request')
      .orderBy('applied_on')
      .orderBy('completed_on')
      .execute();
    const numbers = await ctx.db.selectFrom('request_item').select(['id', 'number']).execute();
    const numberOf = (name: string) => numbers.find((n) => n.id === ids[name])!.number;
    expect(
      rows.map((r) => [r.external_id, r.unit_id, r.category, String(r.applied_on).slice(0, 10), r.completed_on && String(r.completed_on).slice(0, 10), r.done]),
    ).toEqual([
      [numberOf('A'), unitId, 'resolve', '2021-09-13', '2021-09-17', true],
      [numberOf('B'), unitId, 'resolve', '2021-09-13', '2021-09-24', false],
      [numberOf('D'), unitId, 'consult', '2021-10-27', '2021-10-28', true],
    ]);
    expect(rows.every((r) => r.source === 'requests' && r.is_demo === false)).toBe(true);
    // 2 of 3 on time: 66.67 %, against 100 %; the figures' 按时办结率 on the same day says the same.
    expect(await current()).toMatchObject({ counted: 3, compliant: 2, value: 66.67, statusLabel: '未达标' });
    expect(await requestOnTimeIndicator(ctx.db, 2021, '2021-10-29')).toMatchObject({ value: 66.67, due: 3, late: 1 });
  });

  it("marks measure 48's ledger task off track through the indicators' own signal", async () => {
    const flags = (await task48()).flags.filter((f) => f.kind === 'off_track');
    expect(flags).toHaveLength(1);
    expect(flags[0]!.message).toMatch(/^指标“企业诉求按时办结率”未达标：当前 66\.67%，目标/);
    const signals = await ctx.db.selectFrom('ledger_signal').select(['source', 'key', 'link']).execute();
    expect(signals).toEqual([{ source: 'indicators', key: 'request-on-time', link: '/indicators/request-on-time' }]);
  });

  it('counts an unanswered request from the day after its deadline, and a re-run updates the same records', async () => {
    expect(await feed('2021-10-29')).toEqual({ records: 3, inserted: 0, updated: 0, removed: 0 });
    expect(await feed('2021-11-02')).toMatchObject({ records: 3, inserted: 0 }); // C's deadline day: not overdue yet
    expect(await feed('2021-11-03')).toEqual({ records: 4, inserted: 1, updated: 0, removed: 0 }); // C overdue
    expect(await current()).toMatchObject({ counted: 4, compliant: 2, value: 50 });
    await answer('C', '2021-11-04');
    expect(await feed('2021-11-04')).toEqual({ records: 4, inserted: 0, updated: 1, removed: 0 }); // answered late: still not on time
    expect(await current()).toMatchObject({ counted: 4, compliant: 2, value: 50 });
    expect(
      await ctx.db.selectFrom('case_record').select('completed_on').where('type', '=', 'enterprise_request').where('done', '=', false).execute(),
    ).toHaveLength(2);
  });

  it('takes out a request reopened after its answer (inside its new period) and clears the flag when all are on time', async () => {
    // D reopened (重办): answer cleared, a new deadline ahead — not counted until answered or overdue.
    await ctx.db.updateTable('request_item').set({ stage: '办理', answered_on: null, answer_due: '2021-11-12', reopens: 1 }).where('id', '=', ids.D!).execute();
    expect(await feed('2021-11-05')).toEqual({ records: 3, inserted: 0, updated: 0, removed: 1 });
    expect(await current()).toMatchObject({ counted: 3, compliant: 1, value: 33.33 });
    // B and C answered in time after all (e.g. an approved extension): 100 %, the task loses its flag.
    await ctx.db.updateTable('request_item').set({ answer_due: '2021-11-30' }).where('id', 'in', [ids.B!, ids.C!]).execute();
    expect(await feed('2021-11-05')).toMatchObject({ updated: 2 });
    expect(await current()).toMatchObject({ counted: 3, compliant: 3, value: 100, statusLabel: '达标' });
    expect((await task48()).flags.some((f) => f.kind === 'off_track')).toBe(false);
  });
});
