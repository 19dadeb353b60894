import type { Kysely } from 'kysely';
import { recordAudit } from '../audit/index.js';
import { actorNamer, type SessionUser } from '../auth/index.js';
import type { Database } from '../db/index.js';
import { getPlan, planAsOf } from '../plan/index.js';
import { notify, resolveNotices } from '../inbox/index.js';
import { ForbiddenError, InputRejectedError, NotFoundError, type InputProblem } from '../shared/index.js';
import { chinaToday } from '../calendar/index.js';
import { nextStage, ORDER_ACTIONS, orderOverdue, replyDue, type OrderAction, type OrderStage } from './core/orders.js';
import { isOffice, officeIds, unitStaffIds } from './access.js';
import { ledgerCalendar } from './task-store.js';
import { orderStepNotice } from './core/notices.js';
import { taskRef, unitName } from './notice-refs.js';
import { inTransaction } from './trx.js';
import { requestsOfOrders } from '../requests/index.js';

/**
 * Drafts a supervision order (立项) on a task, addressed to one of its units (`anyUnit`: to any unit, for an order on
 * the unit handling an enterprise request, kept on the requests' task: see request-orders.ts). Runs in the caller's
 * transaction when given one.
 */
export async function createOrder(
  db: Kysely<Database>,
  actor: string,
  p: { taskId: number; unitId: number; reason: string; requirement: string; replyDays: number },
  opts: { anyUnit?: boolean } = {},
) {
  return inTransaction(db, async (trx) => {
    const task = await trx.selectFrom('ledger_task').select(['id', 'plan_id', 'title']).where('id', '=', p.taskId).executeTakeFirst();
    if (!task) throw new NotFoundError('任务（不存在或已删除）');
    const problems: InputProblem[] = [];
    const tu = await trx.selectFrom('ledger_task_unit').select('unit_id').where('task_id', '=', p.taskId).where('unit_id', '=', p.unitId).executeTakeFirst();
    if (opts.anyUnit) {
      if (!(await trx.selectFrom('unit').select('id').where('id', '=', p.unitId).executeTakeFirst()))
        problems.push({ field: 'unitId', message: '督办单位不存在' });
    } else if (!tu) problems.push({ field: 'unitId', message: '督办对象应为该任务的牵头或责任单位' });
    if (!p.reason?.trim()) problems.push({ field: 'reason', message: '请填写督办事由' });
    if (!p.requirement?.trim()) problems.push({ field: 'requirement', message: '请填写办理要求' });
    if (!Number.isInteger(p.replyDays) || p.replyDays < 1 || p.replyDays > 60) problems.push({ field: 'replyDays', message: '反馈时限应为 1–60 个工作日' });
    if (problems.length) throw new InputRejectedError('督办单信息有误', problems);
    const plan = await getPlan(trx, task.plan_id);
    const n = await trx
      .selectFrom('ledger_order')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('plan_id', '=', task.plan_id)
      .executeTakeFirstOrThrow();
    const number = `督办〔${plan.year}〕${Number(n.n) + 1}号${task.plan_id > 1 ? `-${task.plan_id}` : ''}`;
    const o = await trx
      .insertInto('ledger_order')
      .values({
        plan_id: task.plan_id,
        task_id: p.taskId,
        unit_id: p.unitId,
        number,
        reason: p.reason.trim(),
        requirement: p.requirement.trim(),
        stage: '立项',
        reply_days: p.replyDays,
        created_by: actor,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await trx.insertInto('ledger_order_event').values({ order_id: o.id, action: 'create', stage: '立项', note: p.reason.trim(), actor }).execute();
    await recordAudit(trx, { actor, action: 'ledger.order.create', entity: 'ledger_order', entityId: o.id, after: { number, ...p } });
    return { id: o.id, number };
  });
}

/** Moves an order through its stages; the office issues, reviews, closes, returns and escalates; the addressed unit signs, handles and replies. */
export async function actOnOrder(db: Kysely<Database>, user: SessionUser, orderId: number, p: { action: OrderAction; note?: string; today?: string }) {
  const calendar = await ledgerCalendar(db);
  return inTransaction(db, async (trx) => {
    const o = await trx.selectFrom('ledger_order').selectAll().where('id', '=', orderId).executeTakeFirst();
    if (!o) throw new NotFoundError('督办单（不存在或已删除）');
    const spec = ORDER_ACTIONS[p.action];
    if (!spec) throw new InputRejectedError(`未知操作：${p.action}`, [{ field: 'action', message: '未知操作' }]);
    if (spec.by === 'office' && !isOffice(user)) throw new ForbiddenError(`“${spec.label}”由营商办操作`);
    if (spec.by === 'unit' && !(user.role === 'unit_staff' && user.unitIds.includes(o.unit_id))) throw new ForbiddenError(`“${spec.label}”由被督办单位操作`);
    const next = nextStage(o.stage as OrderStage, p.action);
    if ('problem' in next) throw new InputRejectedError(next.problem, [{ field: 'action', message: next.problem }]);
    if ((p.action === 'reply' || p.action === 'return') && !p.note?.trim())
      throw new InputRejectedError('请填写说明', [{ field: 'note', message: p.action === 'reply' ? '请填写办理情况' : '请填写退回意见' }]);
    const today = p.today ?? chinaToday();
    const set: Record<string, unknown> = { stage: next.stage, updated_at: new Date() };
    if (p.action === 'issue') {
      set.issued_on = today;
      try {
        set.reply_due = replyDue(calendar, today, o.reply_days);
      } catch (e) {
        throw new InputRejectedError(`无法计算反馈期限：${(e as Error).message}`, [{ field: 'replyDays', message: '超出工作日历覆盖的年份' }]);
      }
    }
    if (p.action === 'reply') {
      set.replied_on = o.replied_on ?? today;
      set.reply = p.note!.trim();
    }
    if (p.action === 'escalate') set.escalations = o.escalations + 1;
    await trx.updateTable('ledger_order').set(set).where('id', '=', orderId).execute();
    await trx
      .insertInto('ledger_order_event')
      .values({ order_id: orderId, action: p.action, stage: next.stage, note: p.note?.trim() || null, actor: user.account })
      .execute();
    await recordAudit(trx, {
      actor: user.account,
      action: `ledger.order.${p.action}`,
      entity: 'ledger_order',
      entityId: orderId,
      before: { stage: o.stage, reply_due: o.reply_due, replied_on: o.replied_on, escalations: o.escalations },
      after: { ...set, updated_at: undefined, note: p.note ?? null },
    });
    // The acting side's open notices on this order are done (e.g. 待签收 once signed, 待复核 once reviewed);
    // the other side is told what to do next.
    const unitIds = await unitStaffIds(trx, [o.unit_id]);
    const office = await officeIds(trx);
    const toUnit = spec.by === 'office';
    await resolveNotices(trx, {
      kind: toUnit ? 'ledger.order' : ['ledger.order', 'ledger.reminder'],
      link: `/ledger/orders/${orderId}`,
      userIds: toUnit ? office : unitIds,
    });
    await notify(trx, {
      userIds: toUnit ? unitIds : office,
      kind: 'ledger.order',
      ...orderStepNotice(p.action, {
        number: o.number,
        task: await taskRef(trx, o.task_id),
        unit: (await unitName(trx, o.unit_id)) ?? '',
        reason: o.reason,
        requirement: o.requirement,
        replyDue: (set.reply_due as string | undefined) ?? o.reply_due,
        note: p.note,
        escalations: o.escalations,
      }),
      link: `/ledger/orders/${orderId}`,
      dedupeKey: `order:${orderId}:${p.action}:${o.escalations}:${o.stage}`,
    });
    return { stage: next.stage };
  });
}

/**
 * Orders, overdue as of `asOf` (default: each order's plan's as-of date, `planAsOf`). An order issued after that
 * day is live work with a real deadline: it is judged as of today (a 2021 plan seen in 2026 is shown as of
 * 2021-12-31, but an order the office issues in 2026 is overdue when its 2026 deadline has passed).
 */
export async function listOrders(db: Kysely<Database>, f: { planId?: number; unitId?: number; taskId?: number; asOf?: string }) {
  let q = db
    .selectFrom('ledger_order as o')
    .innerJoin('unit', 'unit.id', 'o.unit_id')
    .innerJoin('ledger_task as t', 't.id', 'o.task_id')
    .selectAll('o')
    .select(['unit.name as unit_name', 't.title as task_title'])
    .orderBy('o.id', 'desc');
  if (f.planId !== undefined) q = q.where('o.plan_id', '=', f.planId);
  if (f.unitId !== undefined) q = q.where('o.unit_id', '=', f.unitId);
  if (f.taskId !== undefined) q = q.where('o.task_id', '=', f.taskId);
  const rows = await q.execute();
  const asOfs = new Map<number, string>();
  for (const planId of new Set(rows.map((o) => o.plan_id))) asOfs.set(planId, f.asOf ?? (await planAsOf(db, planId)).asOf);
  const name = await actorNamer(
    db,
    rows.map((o) => o.created_by),
  );
  return rows.map((o) => ({
    id: o.id,
    planId: o.plan_id,
    number: o.number,
    taskId: o.task_id,
    taskTitle: o.task_title,
    unitId: o.unit_id,
    unitName: o.unit_name,
    reason: o.reason,
    requirement: o.requirement,
    stage: o.stage as OrderStage,
    replyDays: o.reply_days,
    issuedOn: o.issued_on,
    replyDue: o.reply_due,
    repliedOn: o.replied_on,
    reply: o.reply,
    escalations: o.escalations,
    createdBy: name(o.created_by),
    overdue: orderOverdue({ stage: o.stage as OrderStage, replyDue: o.reply_due, repliedOn: o.replied_on }, orderAsOf(o.issued_on, asOfs.get(o.plan_id)!)),
  }));
}

/** The day an order is judged as of: the figures' day, or today for an order issued after it. */
function orderAsOf(issuedOn: string | null, asOf: string): string {
  const today = chinaToday();
  return issuedOn && issuedOn > asOf && today > asOf ? today : asOf;
}

export async function getOrder(db: Kysely<Database>, id: number, asOf?: string) {
  const o = await db.selectFrom('ledger_order').select('plan_id').where('id', '=', id).executeTakeFirst();
  if (!o) throw new NotFoundError('督办单（不存在或已删除）');
  const all = await listOrders(db, { planId: o.plan_id, asOf });
  const events = await db.selectFrom('ledger_order_event').selectAll().where('order_id', '=', id).orderBy('id').execute();
  const name = await actorNamer(
    db,
    events.map((e) => e.actor),
  );
  // An order raised on an enterprise request links back to it (request-orders.ts).
  const request = (await requestsOfOrders(db, [id])).get(id) ?? null;
  return {
    ...all.find((x) => x.id === id)!,
    request,
    events: events.map((e) => ({ action: e.action, stage: e.stage, note: e.note, actor: name(e.actor), at: e.at })),
  };
}
