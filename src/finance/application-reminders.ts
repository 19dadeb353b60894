/**
 * 融资申请到期提醒, a job of src/jobs (`finance.reminders`, daily at 08:40 China time by default; the office changes
 * the time on the 定时任务 page), like the requests' reminders: on a working day it tells the bank accounts of the
 * institution an application is addressed to (and of its head office) the working day before the 受理 or decision
 * deadline and on the day. Each reminder is delivered once (inbox dedupe key: application, step, deadline,
 * eve/day), so a run started again sends nothing twice; nothing is sent on a rest day. The notices are marked done
 * when the bank does the step (`actOnApplication` resolves `finance.reminder`).
 */
import type { Kysely } from 'kysely';
import { recordAudit } from '../audit/index.js';
import { chinaToday, loadCalendar, provisionalWorkingDays } from '../calendar/index.js';
import type { Database } from '../db/index.js';
import { enterpriseNames } from '../enterprises/index.js';
import { notify } from '../inbox/index.js';
import { defineJob, type JobSummary } from '../jobs/index.js';
import { bankAccounts } from './application-store.js';
import { pendingStep, reminderDue } from './core/index.js';

export interface FinanceReminderResult extends JobSummary {
  accept: number;
  decide: number;
}

/** Sends the day's reminders in one transaction (`checkCancelled` between applications: a cancelled run sends nothing). */
export async function sendFinanceReminders(db: Kysely<Database>, today: string, checkCancelled: () => void = () => {}): Promise<FinanceReminderResult> {
  const calendar = provisionalWorkingDays(await loadCalendar(db));
  if (!calendar.isWorkday(today)) return { text: `${today} 不是工作日，未发送提醒`, notified: 0, recipients: [], accept: 0, decide: 0 };
  const next = calendar.addWorkingDays(today, 1);
  const rows = await db
    .selectFrom('finance_application as a')
    .innerJoin('finance_institution as i', 'i.id', 'a.institution_id')
    .select(['a.id', 'a.enterprise_id', 'a.status', 'a.accept_due', 'a.accepted_on', 'a.decide_due', 'a.decided_on', 'a.institution_id', 'i.name', 'i.branch'])
    .where((eb) =>
      eb.or([
        eb.and([eb('a.status', '=', 'submitted'), eb('a.accept_due', '>=', today), eb('a.accept_due', '<=', next)]),
        eb.and([eb('a.status', '=', 'accepted'), eb('a.decide_due', '>=', today), eb('a.decide_due', '<=', next)]),
      ]),
    )
    .orderBy('a.id')
    .execute();
  const firms = await enterpriseNames(db, [...new Set(rows.map((r) => r.enterprise_id))]);
  const recipients = new Map<string, number>();
  let notified = 0;
  let accept = 0;
  let decide = 0;
  await db.transaction().execute(async (trx) => {
    for (const r of rows) {
      checkCancelled();
      const p = pendingStep({ status: r.status, acceptDue: r.accept_due, acceptedOn: r.accepted_on, decideDue: r.decide_due, decidedOn: r.decided_on });
      const when = p && reminderDue(calendar, today, p.due);
      if (!p || !when) continue;
      const bank = r.branch ? `${r.name}${r.branch}` : r.name;
      const n = await notify(trx, {
        userIds: await bankAccounts(trx, r.institution_id),
        kind: 'finance.reminder',
        title: `融资申请${p.step}${when === 'day' ? '今天到期' : '下一个工作日到期'}：${firms.get(r.enterprise_id)?.name ?? ''}`,
        body: `${bank}：该申请的${p.step}期限为 ${p.due}，请按时${p.step === '受理' ? '受理' : '作出审批决定'}。`,
        link: `/finance/applications/${r.id}`,
        dedupeKey: `finance:${r.id}:remind:${p.step}:${p.due}:${when}`,
      });
      if (n) {
        if (p.step === '受理') accept++;
        else decide++;
        notified += n;
        recipients.set(bank, (recipients.get(bank) ?? 0) + n);
      }
    }
    if (notified)
      await recordAudit(trx, { actor: 'system', action: 'finance.reminders.send', entity: 'finance_application', after: { today, accept, decide, notified } });
  });
  const parts = [accept ? `受理到期提醒 ${accept} 件` : '', decide ? `审批到期提醒 ${decide} 件` : ''].filter(Boolean);
  return {
    text: parts.length ? `${today}：${parts.join('，')}，共送达 ${notified} 人次` : `${today}：没有需要提醒的融资申请`,
    notified,
    recipients: [...recipients].map(([name, count]) => ({ name, count })),
    accept,
    decide,
  };
}

export const financeRemindersJob = defineJob({
  name: 'finance.reminders',
  label: '融资申请到期提醒（受理、审批）',
  defaultCron: '40 8 * * *',
  run: async (ctx) => {
    const { text, notified, recipients } = await sendFinanceReminders(ctx.db, chinaToday(ctx.now), ctx.checkCancelled);
    return { text, notified, recipients };
  },
});

/** 渝中融's jobs, for the server's `startJobs`. */
export const financeJobs = [financeRemindersJob];
