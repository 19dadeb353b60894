import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestApp } from '../../test/app.js';
import { describeStore } from '../../test/db.js';
import { startJobs, type JobSystem } from '../jobs/index.js';
import { actOnRequest, intakeRequest } from './request-store.js';
import { requestRemindersJob, sendRequestReminders } from './reminders.js';
import { askHold, decideHold } from './time-store.js';
import { SAMPLE, seedRequests, type RequestFixture } from './testing.js';

const quiet = { info() {}, warn() {}, error() {} };
/** A time in China (UTC+8) on a day. */
const china = (day: string, time: string) => new Date(`${day}T${time}:00+08:00`);

/**
 * 诉求到期提醒 on the scheduler (08:30 on working days): requests routed on Thursday 2021-09-30 must be signed by
 * Friday 10-08 (after the National Day holiday 10-01..10-07). The working day before is 09-30 itself ("将于下一个工作日
 * （10月8日）到期"), the day is 10-08 ("今天到期"). A 求决 request signed on 09-30 is to be answered by Wednesday 10-13:
 * reminded Tuesday 10-12 ("明天到期") and on 10-13. Each reminder once; none on a rest day; none while suspended.
 */
describeStore('request reminders on the scheduler', (ctx) => {
  let app: FastifyInstance;
  let f: RequestFixture;
  let sys: JobSystem;
  let toSign: number;
  let toAnswer: number;
  let suspended: number;
  const start = () => startJobs(ctx, { logger: quiet, jobs: [requestRemindersJob], tickSeconds: 0, flushMs: 50, pollingSeconds: 0.5 });
  const titles = async () =>
    (
      await ctx.db
        .selectFrom('notification')
        .select(['title', 'link'])
        .where('user_id', '=', f.users.unit.id)
        .where('kind', '=', 'request.reminder')
        .orderBy('id')
        .execute()
    ).map((n) => `${n.link} ${n.title.replace(/：.*$/, '')}`);
  const runs = () => ctx.db.selectFrom('job_run').selectAll().where('name', '=', 'requests.reminders').orderBy('id').execute();

  beforeAll(async () => {
    app = await createTestApp(ctx);
    f = await seedRequests(app, ctx);
    const routed = async (signed: boolean) => {
      const { id } = await intakeRequest(ctx.db, f.users.office, { ...SAMPLE, channel: '电话', today: '2021-09-30' });
      await actOnRequest(ctx.db, f.users.office, id, { action: 'route', unitId: f.water, today: '2021-09-30' });
      if (signed) await actOnRequest(ctx.db, f.users.unit, id, { action: 'sign', today: '2021-09-30' });
      return id;
    };
    toSign = await routed(false);
    toAnswer = await routed(true);
    suspended = await routed(true);
    await askHold(ctx.db, f.users.unit, suspended, { kind: '挂起', reason: '等待材料', today: '2021-09-30' });
    await decideHold(ctx.db, f.users.office, suspended, { approve: true, today: '2021-09-30' });
    sys = await start();
    await ctx.db
      .updateTable('job_schedule')
      .set({ updated_at: china('2021-09-30', '00:00') })
      .where('name', '=', 'requests.reminders')
      .execute();
  });
  afterAll(async () => {
    await sys?.stop();
  });

  it('reminds the working day before the sign deadline, at the configured time, once', async () => {
    expect(await sys.tick(china('2021-09-30', '08:29'))).toEqual([]);
    const ids = await sys.tick(china('2021-09-30', '08:30'));
    expect(ids).toHaveLength(1);
    await sys.settle(ids);
    expect(await titles()).toEqual([`/requests/${toSign} 诉求签收将于下一个工作日（10月8日）到期`]);
    const [run] = await runs();
    expect(run).toMatchObject({ status: 'succeeded', kind: 'scheduled', result: { notified: 1, recipients: [{ name: '区城管局', count: 1 }] } });
    expect(await sys.tick(china('2021-09-30', '09:00'))).toEqual([]);
    // Started again by hand the same day: nothing twice.
    expect(await sendRequestReminders(ctx.db, '2021-09-30')).toMatchObject({ notified: 0, text: '2021-09-30：没有需要提醒的诉求' });
  });

  it('sends nothing on a rest day', async () => {
    const ids = await sys.tick(china('2021-10-01', '08:30'));
    await sys.settle(ids);
    expect((await runs()).at(-1)).toMatchObject({ status: 'succeeded', result: { text: '2021-10-01 不是工作日，未发送提醒', notified: 0 } });
  });

  it('reminds on the day, then the answer deadline the day before and on the day; never the suspended one', async () => {
    expect(await sendRequestReminders(ctx.db, '2021-10-08')).toMatchObject({ sign: 1, answer: 0, text: '2021-10-08：签收到期提醒 1 件，共送达 1 人次' });
    await actOnRequest(ctx.db, f.users.unit, toSign, { action: 'sign', today: '2021-10-08' });
    // Signing marks the sign reminders done.
    const open = await ctx.db
      .selectFrom('notification')
      .select('id')
      .where('kind', '=', 'request.reminder')
      .where('link', '=', `/requests/${toSign}`)
      .where('done_at', 'is', null)
      .execute();
    expect(open).toEqual([]);
    expect(await sendRequestReminders(ctx.db, '2021-10-11')).toMatchObject({ notified: 0 });
    // Both signed requests are due to answer on 10-13 (counted from 派单 on 09-30).
    expect(await sendRequestReminders(ctx.db, '2021-10-12')).toMatchObject({ answer: 2 });
    expect(await sendRequestReminders(ctx.db, '2021-10-13')).toMatchObject({ answer: 2 });
    expect(await sendRequestReminders(ctx.db, '2021-10-13')).toMatchObject({ notified: 0 });
    expect(await titles()).toEqual([
      `/requests/${toSign} 诉求签收将于下一个工作日（10月8日）到期`,
      `/requests/${toSign} 诉求签收今天到期`,
      `/requests/${toSign} 诉求答复明天到期`,
      `/requests/${toAnswer} 诉求答复明天到期`,
      `/requests/${toSign} 诉求答复今天到期`,
      `/requests/${toAnswer} 诉求答复今天到期`,
    ]);
    expect((await titles()).some((t) => t.startsWith(`/requests/${suspended} `))).toBe(false);
  });
});
