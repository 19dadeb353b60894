import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeStore } from '../../test/db.js';
import { createUser, loadSessionUser } from '../auth/index.js';
import { officialCalendar } from '../calendar/index.js';
import { openDatabase, type DatabaseHandle } from '../db/index.js';
import { startJobs, type JobSystem } from '../jobs/index.js';
import { actOnOrder, createOrder } from './order-store.js';
import { remindersJob, sendReminders } from './reminders.js';
import { createMonthlyCycles, listCycles, submitReport } from './report-store.js';
import { initLedger, listTasks } from './task-store.js';
import { seedLedgerPlan } from './testing.js';

const quiet = { info() {}, warn() {}, error() {} };
/** 08:30 … in China (UTC+8) on a day. */
const china = (day: string, time: string) => new Date(`${day}T${time}:00+08:00`);

/**
 * The reminders run by the scheduler (src/jobs) at the configured time, once: the September 2021 cycle is due
 * 2021-10-13; three working days before is Saturday 2021-10-09 (a 调休 working day after the National Day
 * holiday). An order to 区市场监管局 issued 10-08 with 2 working days is due Monday 10-11, the next working day.
 */
describeStore('ledger reminders on the scheduler', (ctx) => {
  let sys: JobSystem;
  let other: JobSystem | undefined;
  let second: DatabaseHandle | undefined;
  let staff: { zw: number; sj: number };
  let planId: number;
  let units: Record<string, number>;
  const start = (h: Parameters<typeof startJobs>[0] = ctx) =>
    startJobs(h, { logger: quiet, jobs: [remindersJob], tickSeconds: 0, flushMs: 50, pollingSeconds: 0.5 });
  const inbox = async (userId: number) =>
    (
      await ctx.db
        .selectFrom('notification')
        .select(['title', 'dedupe_key'])
        .where('user_id', '=', userId)
        .where('kind', '=', 'ledger.reminder')
        .orderBy('id')
        .execute()
    ).map((n) => n.title);
  const runs = () => ctx.db.selectFrom('job_run').selectAll().where('name', '=', 'ledger.reminders').orderBy('id').execute();

  beforeAll(async () => {
    const seeded = await seedLedgerPlan(ctx.db);
    planId = seeded.planId;
    units = seeded.units;
    await initLedger(ctx.db, { planId, actor: 'test' });
    await createMonthlyCycles(ctx.db, 'test', planId, { from: '2021-09', to: '2021-09' });
    const make = async (account: string, role: 'unit_staff' | 'office', unitNames: string[]) =>
      createUser(ctx.db, {
        account,
        name: account === 'zw1' ? '张伟' : account === 'sj1' ? '沈佳' : '欧阳',
        role,
        password: 'Passw0rd-test',
        unitNames,
        actor: 'test',
      });
    await make('zw1', 'unit_staff', ['区政务服务办']);
    await make('sj1', 'unit_staff', ['区市场监管局']);
    await make('of1', 'office', []);
    const id = async (account: string) => (await ctx.db.selectFrom('app_user').select('id').where('account', '=', account).executeTakeFirstOrThrow()).id;
    staff = { zw: await id('zw1'), sj: await id('sj1') };
    const t32 = (await listTasks(ctx.db, planId, '2021-10-08')).find((t) => t.measureNumber === 32)!;
    const o = await createOrder(ctx.db, 'office', { taskId: t32.id, unitId: units.区市场监管局!, reason: '推进缓慢', requirement: '说明进展', replyDays: 2 });
    await actOnOrder(ctx.db, await loadSessionUser(ctx.db, await id('of1')), o.id, { action: 'issue', today: '2021-10-08' });
    // The schedule exists once the job system has started: 08:30 daily, configured at midnight on 10-09.
    sys = await start();
    await ctx.db
      .updateTable('job_schedule')
      .set({ updated_at: china('2021-10-09', '00:00') })
      .where('name', '=', 'ledger.reminders')
      .execute();
  });
  afterAll(async () => {
    await sys?.stop();
    await other?.stop();
    await second?.close();
  });

  it('sends nothing before the configured time, everything at it, and nothing again', async () => {
    expect(officialCalendar.workingDaysBetween('2021-10-09', '2021-10-13')).toBe(3);
    expect(await sys.tick(china('2021-10-09', '08:29'))).toEqual([]);
    expect(await inbox(staff.zw)).toEqual([]);
    const ids = await sys.tick(china('2021-10-09', '08:30'));
    expect(ids).toHaveLength(1);
    await sys.settle(ids);
    expect(await inbox(staff.zw)).toEqual([expect.stringMatching(/^进展报告还有 3 个工作日到期：任务22-1“.+”（区政务服务办）$/)]);
    const sj = await inbox(staff.sj);
    expect(sj).toHaveLength(2);
    expect(sj).toContainEqual(expect.stringMatching(/^进展报告还有 3 个工作日到期：任务32-1“.+”（区市场监管局）$/));
    expect(sj).toContainEqual(expect.stringMatching(/^督办单.+将于下一个工作日（10月11日）到期：任务“.+”（区市场监管局）$/));
    const [run] = await runs();
    expect(run).toMatchObject({ status: 'succeeded', kind: 'scheduled' });
    expect(run!.result).toMatchObject({
      notified: 3,
      recipients: expect.arrayContaining([
        { name: '区政务服务办', count: 1 },
        { name: '区市场监管局', count: 2 },
      ]),
    });
    expect(await sys.tick(china('2021-10-09', '08:31'))).toEqual([]);
    expect(await sys.tick(china('2021-10-09', '23:59'))).toEqual([]);
    expect(await runs()).toHaveLength(1);
  });

  it('does not send twice with two schedulers (PostgreSQL: two processes’ pools; PGlite: one handle)', async () => {
    second = ctx.backend === 'postgres' ? await openDatabase({ databaseUrl: ctx.connectionString, dataDir: ctx.dataDir }) : undefined;
    other = await start(second ?? ctx);
    const at = china('2021-10-09', '09:00');
    const [a, b] = await Promise.all([sys.tick(at), other.tick(at)]);
    expect([...a, ...b]).toEqual([]);
    // A slot both see for the first time (the next day's, a rest day): created once.
    const sunday = china('2021-10-10', '08:30');
    const [c, d] = await Promise.all([sys.tick(sunday), other.tick(sunday)]);
    expect([...c, ...d]).toHaveLength(1);
    await sys.settle([...c, ...d]);
    await other.settle([...c, ...d]);
    const all = await runs();
    expect(all).toHaveLength(2);
    expect(all[1]).toMatchObject({ status: 'succeeded', result: { text: '2021-10-10 不是工作日，未发送提醒', notified: 0 } });
    expect(await inbox(staff.sj)).toHaveLength(2);
    await other.stop();
    other = undefined;
  });

  it('after a restart sends nothing again, and a slot missed while down runs once', async () => {
    await sys.stop();
    sys = await start();
    expect(await sys.tick(china('2021-10-10', '10:00'))).toEqual([]);
    await sys.stop();
    // Down over Monday 10-11 08:30; started again on Tuesday 10-12 at 07:00: the missed slot runs once, now.
    sys = await start();
    const missed = await sys.tick(china('2021-10-12', '07:00'));
    expect(missed).toHaveLength(1);
    await sys.settle(missed);
    expect(await sys.tick(china('2021-10-12', '07:01'))).toEqual([]);
    const all = await runs();
    expect(all).toHaveLength(3);
    expect(all[2]!.slot?.toISOString()).toBe(china('2021-10-11', '08:30').toISOString());
    // 10-12 is one working day before the due day: the 1-day reminder, once per task.
    expect(await inbox(staff.zw)).toEqual([
      expect.stringMatching(/^进展报告还有 3 个工作日到期：任务22-1/),
      expect.stringMatching(/^进展报告还有 1 个工作日到期：任务22-1“.+”（区政务服务办）$/),
    ]);
  });

  it('an order due the next calendar day is "明天到期"; a reminder is delivered once', async () => {
    const t22 = (await listTasks(ctx.db, planId, '2021-10-12')).find((t) => t.measureNumber === 22)!;
    const of1 = (await ctx.db.selectFrom('app_user').select('id').where('account', '=', 'of1').executeTakeFirstOrThrow()).id;
    const o = await createOrder(ctx.db, 'office', { taskId: t22.id, unitId: units.区政务服务办!, reason: '材料不全', requirement: '补充', replyDays: 2 });
    await actOnOrder(ctx.db, await loadSessionUser(ctx.db, of1), o.id, { action: 'issue', today: '2021-10-11' });
    const r = await sendReminders(ctx.db, '2021-10-12');
    expect(r).toMatchObject({ orderDue: 1, reportDue: 0 });
    expect((await inbox(staff.zw)).at(-1)).toMatch(/^督办单.+明天到期：任务“.+”（区政务服务办）$/);
    expect(await sendReminders(ctx.db, '2021-10-12')).toMatchObject({ notified: 0, text: '2021-10-12：没有需要提醒的事项' });
  });

  it('a report-due reminder is done (已处理) once the unit files the report', async () => {
    const t22 = (await listTasks(ctx.db, planId, '2021-10-12')).find((t) => t.measureNumber === 22)!;
    const open = () =>
      ctx.db
        .selectFrom('notification')
        .select('id')
        .where('user_id', '=', staff.zw)
        .where('kind', '=', 'ledger.reminder')
        .where('link', '=', `/ledger/tasks/${t22.id}`)
        .where('done_at', 'is', null)
        .execute();
    expect((await open()).length).toBeGreaterThan(0);
    const [cycle] = await listCycles(ctx.db, planId);
    await submitReport(ctx.db, await loadSessionUser(ctx.db, staff.zw), {
      taskId: t22.id,
      cycleId: cycle!.id,
      content: { status: 'in_progress', progress: 40, done: '已梳理事项清单', problems: '无', nextSteps: '继续推进', actuals: [] },
    });
    expect(await open()).toHaveLength(0);
  });
  it("runs on 31 December and in January before next year's holidays are loaded (those days count Monday–Friday)", async () => {
    // The calendar here ends with 2026: 2026-12-31's next working day and every day of 2027 are in an unloaded year.
    await expect(sendReminders(ctx.db, '2026-12-31')).resolves.toMatchObject({ text: expect.stringContaining('2026-12-31') });
    await expect(sendReminders(ctx.db, '2027-01-04')).resolves.toMatchObject({ text: expect.stringContaining('2027-01-04') });
  });
});
