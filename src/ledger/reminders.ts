/**
 * The ledger's reminders that run by themselves (jobs of src/jobs, scheduled daily at 08:30 China time by
 * default; the office changes the time on the 定时任务 page):
 * - `ledger.daily-flags` 每日预警: the day's red lights, missing reports and overdue orders (`pushDailyWarnings`,
 *   the same as `bizenv ledger notify`).
 * - `ledger.reminders` 到期提醒: "进展报告还有 N 个工作日到期" (3 and 1 working days before a cycle's due day) to the
 *   staff of the lead units of each task not yet reported for that cycle, and "督办单明天到期" (reply due on the
 *   next working day) to the staff of the unit the order is addressed to.
 * Both do nothing on a rest day (the calendar in use) and say so. Each notice is delivered once (inbox dedupe key).
 */
import type { Kysely } from 'kysely';
import { recordAudit } from '../audit/index.js';
import { chinaToday, loadCalendar, provisionalWorkingDays } from '../calendar/index.js';
import type { Database } from '../db/index.js';
import { notify } from '../inbox/index.js';
import { defineJob, type JobContext, type JobSummary } from '../jobs/index.js';
import { listPlans, planAsOf } from '../plan/index.js';
import { unitStaffIds } from './access.js';
import { addDays, effectiveDue } from './core/calendar.js';
import { listOrders } from './order-store.js';
import { pushDailyWarnings } from './report-store.js';
import { syncInspectionSignals } from './inspection-signals.js';
import { syncFinanceSignals } from './finance-signals.js';
import { listTasks } from './task-store.js';

/** Working days before a cycle's due day at which the units still owing a report are reminded. */
export const REPORT_REMINDER_DAYS = [3, 1] as const;
/** Stages of a supervision order waiting for the unit's reply. */
const AWAITING_REPLY = new Set(['下发', '签收', '办理']);

export interface ReminderResult extends JobSummary {
  reportDue: number;
  orderDue: number;
}

/**
 * Every plan, oldest first, and whether `today` is a working day. The ledger of each plan runs on: next year's
 * plan does not end the reminders and warnings of this year's (its December cycle is due in January, its orders
 * may still await a reply).
 */
async function dayOf(db: Kysely<Database>, today: string) {
  // The calendar in use, with its day queries; days of a year whose holidays are not loaded yet (next year, until the
  // office loads the State Council's notice) count Monday–Friday, so the reminders of 31 December and January still run.
  const exact = await loadCalendar(db);
  const calendar = provisionalWorkingDays(exact);
  const plans = (await listPlans(db)).reverse();
  // The ledger's own deadlines lie in loaded years (it refuses others): `exact` moves them off rest days.
  return { calendar, exact, plans, workday: calendar.isWorkday(today) };
}

const monthDay = (d: string) => `${Number(d.slice(5, 7))}月${Number(d.slice(8, 10))}日`;

/**
 * Sends the due-date reminders of `today` (see the file's comment) in one transaction (`checkCancelled`
 * between tasks: a cancelled run sends nothing). A reminder missed on its day (server down) is sent on the
 * next run with the actual count ("还有 2 个工作日"), once for the 3-day reminder and once for the 1-day one.
 */
export async function sendReminders(db: Kysely<Database>, today: string, checkCancelled: () => void = () => {}): Promise<ReminderResult> {
  const { calendar, exact, plans, workday } = await dayOf(db, today);
  if (!workday) return { text: `${today} 不是工作日，未发送提醒`, notified: 0, recipients: [], reportDue: 0, orderDue: 0 };
  if (!plans.length) return { text: '还没有实施方案，无需提醒', notified: 0, recipients: [], reportDue: 0, orderDue: 0 };
  // What each plan's ledger owes today (read first: the sending is one transaction over every plan).
  const work = await Promise.all(
    plans.map(async (plan) => ({
      plan,
      tasks: (await listTasks(db, plan.id, today)).filter((t) => t.status !== 'paused'),
      cycles: await db.selectFrom('ledger_cycle').selectAll().where('plan_id', '=', plan.id).where('due_on', '>=', addDays(today, -10)).execute(),
      orders: (await listOrders(db, { planId: plan.id, asOf: today })).filter((o) => AWAITING_REPLY.has(o.stage) && !o.repliedOn && o.replyDue),
    })),
  );
  const nextWorkday = calendar.addWorkingDays(today, 1);
  const recipients = new Map<string, number>();
  let notified = 0;
  let reportDue = 0;
  let orderDue = 0;
  await db.transaction().execute(async (trx) => {
    const count = (name: string, n: number) => {
      notified += n;
      if (n) recipients.set(name, (recipients.get(name) ?? 0) + n);
    };
    for (const { plan, tasks, cycles, orders } of work) {
      const sent = { notified, reportDue, orderDue };
      for (const c of cycles) {
        const due = effectiveDue(exact, c.due_on);
        if (due < today) continue;
        const left = calendar.workingDaysBetween(today, due);
        const bucket = REPORT_REMINDER_DAYS.find((n, i) => left <= n && left > (REPORT_REMINDER_DAYS[i + 1] ?? -1));
        if (bucket === undefined) continue;
        // Reported = a report not returned (a returned one must be filed again before the due day).
        const reported = new Set(
          (await trx.selectFrom('ledger_report').select('task_id').where('cycle_id', '=', c.id).where('state', '!=', 'returned').execute()).map(
            (r) => r.task_id,
          ),
        );
        for (const t of tasks) {
          checkCancelled();
          if (reported.has(t.id) || c.period_end < t.startOn || (t.completedOn && t.completedOn < c.period_start)) continue;
          for (const u of t.leadUnits) {
            const n = await notify(trx, {
              userIds: await unitStaffIds(trx, [u.id]),
              kind: 'ledger.reminder',
              title: `${left === 0 ? '进展报告今天到期' : `进展报告还有 ${left} 个工作日到期`}：任务${t.code}“${t.title}”（${u.name}）`,
              body: `${c.label}进展报告应于 ${due} 前报送，${u.name}尚未报送。`,
              link: `/ledger/tasks/${t.id}`,
              dedupeKey: `remind:report-due:${c.id}:${t.id}:${bucket}`,
            });
            if (n) reportDue++;
            count(u.name, n);
          }
        }
      }
      for (const o of orders) {
        checkCancelled();
        const due = effectiveDue(exact, o.replyDue!);
        if (due !== nextWorkday) continue;
        const when = due === addDays(today, 1) ? '明天到期' : `将于下一个工作日（${monthDay(due)}）到期`;
        const n = await notify(trx, {
          userIds: await unitStaffIds(trx, [o.unitId]),
          kind: 'ledger.reminder',
          title: `督办单${o.number}${when}：任务“${o.taskTitle}”（${o.unitName}）`,
          body: `反馈期限为 ${due}，请在期限内反馈办理情况。`,
          link: `/ledger/orders/${o.id}`,
          dedupeKey: `remind:order-due:${o.id}:${due}`,
        });
        if (n) orderDue++;
        count(o.unitName, n);
      }
      // One audit entry per plan that sent something, with that plan's counts.
      if (notified > sent.notified)
        await recordAudit(trx, {
          actor: 'system',
          action: 'ledger.reminders.send',
          entity: 'plan',
          entityId: plan.id,
          after: { today, reportDue: reportDue - sent.reportDue, orderDue: orderDue - sent.orderDue, notified: notified - sent.notified },
        });
    }
  });
  const parts = [reportDue ? `进展报告到期提醒 ${reportDue} 条` : '', orderDue ? `督办单到期提醒 ${orderDue} 条` : ''].filter(Boolean);
  return {
    text: parts.length ? `${today}：${parts.join('，')}，共送达 ${notified} 人次` : `${today}：没有需要提醒的事项`,
    notified,
    recipients: [...recipients].map(([name, count]) => ({ name, count })),
    reportDue,
    orderDue,
  };
}

async function dailyFlags(ctx: JobContext): Promise<JobSummary> {
  const today = chinaToday(ctx.now);
  const { plans, workday } = await dayOf(ctx.db, today);
  if (!workday) return { text: `${today} 不是工作日，未发送预警`, notified: 0, recipients: [] };
  if (!plans.length) return { text: '还没有实施方案，无需预警', notified: 0, recipients: [] };
  // Each plan's flags as of its one as-of date (today while its year runs, its last day after): once the year is
  // over the warnings of 12-31 are sent once (the dedupe key carries the date), not again every day.
  const texts: string[] = [];
  const recipients = new Map<string, number>();
  let notified = 0;
  for (const plan of plans) {
    const asOf = (await planAsOf(ctx.db, plan.id)).asOf;
    await syncInspectionSignals(ctx.db, plan.id, asOf); // measures 33 and 34 (src/inspections)
    await syncFinanceSignals(ctx.db, plan.id, asOf); // measures 9 and 11: 融资申请按时受理/审批率 against 区金融办's targets
    const r = await pushDailyWarnings(ctx.db, plan.id, asOf);
    const name = plans.length > 1 ? `${plan.doc_number} ` : '';
    texts.push(
      r.tasks || r.orders ? `${name}${asOf}：${r.tasks} 项任务、${r.orders} 份督办单需关注，新送达 ${r.notified} 人次` : `${name}${asOf}：没有需要预警的任务`,
    );
    notified += r.notified;
    for (const x of r.recipients) recipients.set(x.name, (recipients.get(x.name) ?? 0) + x.count);
  }
  return { text: texts.join('；'), notified, recipients: [...recipients].map(([name, count]) => ({ name, count })) };
}

/** 每日预警 (daily 08:30 China time by default). */
export const dailyFlagsJob = defineJob({ name: 'ledger.daily-flags', label: '每日预警（红灯、未报送、督办逾期）', defaultCron: '30 8 * * *', run: dailyFlags });

/** 到期提醒 (daily 08:30 China time by default). */
export const remindersJob = defineJob({
  name: 'ledger.reminders',
  label: '到期提醒（进展报告、督办单）',
  defaultCron: '30 8 * * *',
  run: async (ctx) => {
    const { text, notified, recipients } = await sendReminders(ctx.db, chinaToday(ctx.now), ctx.checkCancelled);
    return { text, notified, recipients };
  },
});

/** The ledger's jobs, for the server's `startJobs`. */
export const ledgerJobs = [dailyFlagsJob, remindersJob];
