/**
 * 诉求到期提醒, a job of src/jobs (`requests.reminders`, daily at 08:30 China time by default, like the ledger's
 * reminders; the office changes the time on the 定时任务 page). On a working day it tells the staff of the unit a
 * request is routed to, the working day before its sign or answer deadline ("明天到期" / "下一个工作日到期") and on
 * the day ("今天到期"). Each reminder is delivered once (inbox dedupe key: request, step, deadline, eve/day), so a run
 * started again by hand sends nothing twice. Suspended requests get none (their clock is stopped). Nothing is sent on a
 * rest day. The notices are marked done when the unit signs or answers (the lifecycle resolves `request.reminder`).
 */
import type { Kysely } from 'kysely';
import { recordAudit } from '../audit/index.js';
import { accountIdsOfUnits } from '../auth/index.js';
import { chinaToday, loadCalendar, provisionalWorkingDays } from '../calendar/index.js';
import type { Database } from '../db/index.js';
import { notify, shortText } from '../inbox/index.js';
import { defineJob, type JobSummary } from '../jobs/index.js';
import { requestImportJob } from './import-job.js';
import { pendingDeadline, reminderDue, type RequestStage } from './core/index.js';

export interface RequestReminderResult extends JobSummary {
  sign: number;
  answer: number;
}

const monthDay = (d: string) => `${Number(d.slice(5, 7))}月${Number(d.slice(8, 10))}日`;
const nextDay = (d: string) => new Date(Date.parse(`${d}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);

/** Sends the day's reminders in one transaction (`checkCancelled` between requests: a cancelled run sends nothing). */
export async function sendRequestReminders(db: Kysely<Database>, today: string, checkCancelled: () => void = () => {}): Promise<RequestReminderResult> {
  const calendar = provisionalWorkingDays(await loadCalendar(db));
  if (!calendar.isWorkday(today)) return { text: `${today} 不是工作日，未发送提醒`, notified: 0, recipients: [], sign: 0, answer: 0 };
  const next = calendar.addWorkingDays(today, 1);
  const rows = await db
    .selectFrom('request_item as r')
    .innerJoin('unit as u', 'u.id', 'r.unit_id')
    .select(['r.id', 'r.number', 'r.subject', 'r.stage', 'r.unit_id', 'u.name as unit_name', 'r.sign_due', 'r.answer_due', 'r.suspended_on'])
    .where((eb) =>
      eb.or([
        eb.and([eb('r.stage', '=', '派单'), eb('r.sign_due', 'in', [today, next])]),
        eb.and([eb('r.stage', '=', '办理'), eb('r.answer_due', 'in', [today, next]), eb('r.suspended_on', 'is', null)]),
      ]),
    )
    .orderBy('r.id')
    .execute();
  const recipients = new Map<string, number>();
  let notified = 0;
  let sign = 0;
  let answer = 0;
  await db.transaction().execute(async (trx) => {
    for (const r of rows) {
      checkCancelled();
      const d = pendingDeadline({ stage: r.stage as RequestStage, signDue: r.sign_due, answerDue: r.answer_due, suspendedOn: r.suspended_on });
      const when = d && reminderDue(calendar, today, d.due);
      if (!d || !when) continue;
      const dueText = when === 'day' ? '今天到期' : d.due === nextDay(today) ? '明天到期' : `将于下一个工作日（${monthDay(d.due)}）到期`;
      const n = await notify(trx, {
        userIds: await accountIdsOfUnits(trx, [r.unit_id!]),
        kind: 'request.reminder',
        title: `诉求${d.step}${dueText}：${r.number} ${shortText(r.subject, 20)}`,
        body: `${r.unit_name}：该诉求的${d.step}期限为 ${d.due}，请按时${d.step}。`,
        link: `/requests/${r.id}`,
        dedupeKey: `request:${r.id}:remind:${d.step}:${d.due}:${when}`,
      });
      if (n) {
        if (d.step === '签收') sign++;
        else answer++;
        notified += n;
        recipients.set(r.unit_name, (recipients.get(r.unit_name) ?? 0) + n);
      }
    }
    if (notified)
      await recordAudit(trx, { actor: 'system', action: 'requests.reminders.send', entity: 'request_item', after: { today, sign, answer, notified } });
  });
  const parts = [sign ? `签收到期提醒 ${sign} 件` : '', answer ? `答复到期提醒 ${answer} 件` : ''].filter(Boolean);
  return {
    text: parts.length ? `${today}：${parts.join('，')}，共送达 ${notified} 人次` : `${today}：没有需要提醒的诉求`,
    notified,
    recipients: [...recipients].map(([name, count]) => ({ name, count })),
    sign,
    answer,
  };
}

/** 诉求到期提醒 (daily 08:30 China time by default). */
export const requestRemindersJob = defineJob({
  name: 'requests.reminders',
  label: '诉求到期提醒（签收、答复）',
  defaultCron: '30 8 * * *',
  run: async (ctx) => {
    const { text, notified, recipients } = await sendRequestReminders(ctx.db, chinaToday(ctx.now), ctx.checkCancelled);
    return { text, notified, recipients };
  },
});

/** The requests' jobs (reminders, the 12345 import), for the server's `startJobs`. */
export const requestJobs = [requestRemindersJob, requestImportJob];
