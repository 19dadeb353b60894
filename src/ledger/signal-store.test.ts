import { beforeAll, expect, it } from 'vitest';
import { describeStore } from '../../test/db.js';
import { verifyAuditLog } from '../audit/index.js';
import { NotFoundError } from '../shared/index.js';
import { createTask, getTask, initLedger, setOffTrackSignals } from './index.js';
import { seedLedgerPlan } from './testing.js';

describeStore('ledger off-track signals (偏离目标)', (ctx) => {
  let planId: number;
  let measures: Record<number, number>;
  let units: Record<string, number>;
  const audits = async () =>
    await ctx.db.selectFrom('audit_log').select(['action', 'after']).where('action', '=', 'ledger.signals.set').orderBy('id').execute();
  const taskOf = async (measure: number, seq = 1) =>
    (await ctx.db.selectFrom('ledger_task').select('id').where('measure_id', '=', measures[measure]!).where('seq', '=', seq).executeTakeFirstOrThrow()).id;
  const water = {
    measureNumber: 6,
    targetSeq: 1,
    key: 'water-connection',
    message: '指标“获得用水全流程用时”未达标：当前 按时办结率 50%，目标 每件 ≤ 9 个工作日',
    link: '/indicators/water-connection',
    on: '2021-10-15',
  };

  beforeAll(async () => {
    ({ planId, measures, units } = await seedLedgerPlan(ctx.db));
  });

  it('keeps signals of a measure without tasks and shows them on the tasks created later; ignores unknown measures', async () => {
    const r = await setOffTrackSignals(ctx.db, { planId, source: 'indicators', signals: [water, { ...water, measureNumber: 99, key: 'x' }] });
    expect(r).toEqual({ added: 1, updated: 0, removed: 0, ignored: 1 });
    await initLedger(ctx.db, { planId, actor: 'test' });
    const t = await getTask(ctx.db, await taskOf(6), '2021-06-05');
    expect(t.light).toBe('red');
    expect(t.flags).toEqual([
      {
        kind: 'off_track',
        label: '偏离目标',
        message: water.message,
        date: '2021-10-15',
        source: 'indicators',
        key: 'water-connection',
        link: '/indicators/water-connection',
      },
    ]);
    expect((await getTask(ctx.db, await taskOf(22), '2021-06-05')).flags).toEqual([]);
  });

  it("replaces the source's signals: unchanged is a no-op (no audit), a new message keeps the day raised, a cleared one goes", async () => {
    const before = (await audits()).length;
    expect(await setOffTrackSignals(ctx.db, { planId, source: 'indicators', signals: [water] })).toEqual({ added: 0, updated: 0, removed: 0, ignored: 0 });
    expect((await audits()).length).toBe(before);

    const msg = water.message.replace('50%', '40%');
    const credit = { measureNumber: 32, key: 'credit-code', message: '指标“企业信用码推广”未达标：当前 1500，目标 12月31日前 ≥ 2000', on: '2021-12-31' };
    expect(await setOffTrackSignals(ctx.db, { planId, source: 'indicators', signals: [{ ...water, message: msg, on: '2021-11-30' }, credit] })).toMatchObject({
      added: 1,
      updated: 1,
    });
    expect((await getTask(ctx.db, await taskOf(6), '2021-06-05')).flags).toEqual([expect.objectContaining({ message: msg, date: '2021-10-15' })]);
    expect((await getTask(ctx.db, await taskOf(32), '2021-06-05')).flags.map((f) => f.kind)).toContain('off_track');
    // another source's signals are its own
    await setOffTrackSignals(ctx.db, { planId, source: 'other', signals: [{ measureNumber: 6, key: 'k', message: '其他来源', on: '2021-10-01' }] });

    expect(await setOffTrackSignals(ctx.db, { planId, source: 'indicators', signals: [credit] })).toEqual({ added: 0, updated: 0, removed: 1, ignored: 0 });
    expect((await getTask(ctx.db, await taskOf(6), '2021-06-05')).flags.map((f) => f.message)).toEqual(['其他来源']);
    await setOffTrackSignals(ctx.db, { planId, source: 'other', signals: [] });
    const t6 = await getTask(ctx.db, await taskOf(6), '2021-06-05');
    expect(t6.flags).toEqual([]);
    expect(t6.light).toBe('green');

    const a = await audits();
    expect(a.length).toBe(before + 4);
    expect(a.at(-2)!.after).toMatchObject({ source: 'indicators', added: [], updated: [], removed: [{ measure: 6, key: 'water-connection', message: msg }] });
    expect((await verifyAuditLog(ctx.db)).ok).toBe(true);
  });

  it('a signal about a plan target goes to the task carrying it when the office split the measure', async () => {
    const targets = await ctx.db.selectFrom('measure_target').select(['id', 'seq']).where('measure_id', '=', measures[6]!).orderBy('seq').execute();
    const power = await createTask(ctx.db, 'test', measures[6]!, { title: '获得用电', leadUnitIds: [units.区经济信息委!], targetIds: [targets[1]!.id] });
    await ctx.db
      .deleteFrom('ledger_task_target')
      .where('task_id', '=', await taskOf(6))
      .where('target_id', '=', targets[1]!.id)
      .execute();
    await setOffTrackSignals(ctx.db, {
      planId,
      source: 'indicators',
      signals: [water, { ...water, targetSeq: 2, key: 'power-low-voltage', message: '用电未达标' }],
    });
    expect((await getTask(ctx.db, await taskOf(6), '2021-06-05')).flags.map((f) => f.key)).toEqual(['water-connection']);
    expect((await getTask(ctx.db, power, '2021-06-05')).flags.map((f) => f.key)).toEqual(['power-low-voltage']);
    // no task carries the target any more: every task of the measure shows it
    await ctx.db.deleteFrom('ledger_task_target').where('task_id', '=', power).execute();
    expect((await getTask(ctx.db, power, '2021-06-05')).flags.map((f) => f.key)).toEqual(['power-low-voltage']);
    expect((await getTask(ctx.db, await taskOf(6), '2021-06-05')).flags.map((f) => f.key)).toEqual(['power-low-voltage', 'water-connection']);
  });

  it('refuses an unknown plan', async () => {
    await expect(setOffTrackSignals(ctx.db, { planId: 999999, source: 'indicators', signals: [] })).rejects.toBeInstanceOf(NotFoundError);
  });
});
