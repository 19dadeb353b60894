/**
 * Supervision orders on enterprise requests (issue 14): one click for the office raises a 督办单 on the unit handling
 * a request (overdue, urged, or a 问题工单) with the request linked both ways. The ledger owns orders and already
 * reads requests (我的待办), so the requests capability cannot call the ledger (an import cycle): the ledger reads the
 * request through `requestForOrder` of src/requests/index.ts and records the link with `linkOrderToRequest` in the
 * same transaction.
 *
 * An order lives on a ledger task. Requests belong to the plan's measure on 企业诉求 (Yuzhong 2021 measure 48:
 * "企业诉求在线提交、按时办结、及时反馈"), so the order is kept on that measure's first task of the plan of the
 * year, addressed to the request's unit whether or not the unit is one of the task's units. It is issued (下发) at
 * once, with the reply deadline counted from today.
 */
import type { Kysely } from 'kysely';
import type { SessionUser } from '../auth/index.js';
import { chinaToday } from '../calendar/index.js';
import type { Database } from '../db/index.js';
import { findPlan, listMeasures } from '../plan/index.js';
import { linkOrderToRequest, requestForOrder } from '../requests/index.js';
import { ConflictError, ForbiddenError } from '../shared/index.js';
import { isOffice } from './access.js';
import { actOnOrder, createOrder } from './order-store.js';
import { inTransaction } from './trx.js';

/** The words that mark the plan's measure on enterprise requests. */
export const REQUEST_MEASURE_WORDS = '企业诉求';
export const REQUEST_ORDER_REPLY_DAYS = 3;

/** The ledger task orders on requests are kept on: the first task of the 企业诉求 measure of the plan of the year. */
async function requestsTask(db: Kysely<Database>, today: string): Promise<number> {
  const plan = await findPlan(db, { year: Number(today.slice(0, 4)), orLatest: true });
  if (!plan) throw new ConflictError('还没有实施方案，无法发督办单');
  const measures = (await listMeasures(db, plan.id)).filter((m) => m.text.includes(REQUEST_MEASURE_WORDS));
  const task = measures.length
    ? await db
        .selectFrom('ledger_task')
        .select('id')
        .where('plan_id', '=', plan.id)
        .where(
          'measure_id',
          'in',
          measures.map((m) => m.id),
        )
        .orderBy('seq')
        .orderBy('id')
        .executeTakeFirst()
    : undefined;
  if (!task) throw new ConflictError(`${plan.year}年实施方案中“${REQUEST_MEASURE_WORDS}”措施尚未建立台账任务，请先初始化改革台账`);
  return task.id;
}

/** The office raises and issues a supervision order on the unit handling a request, with the request linked. */
export async function orderForRequest(
  db: Kysely<Database>,
  user: SessionUser,
  requestId: number,
  p: { requirement?: string; replyDays?: number; today?: string } = {},
): Promise<{ id: number; number: string }> {
  if (!isOffice(user)) throw new ForbiddenError('督办单由营商办发出');
  const today = p.today ?? chinaToday();
  return inTransaction(db, async (trx) => {
    const r = await requestForOrder(trx, requestId, today);
    if (r.unitId === null || (r.stage !== '派单' && r.stage !== '办理')) throw new ConflictError('只能对待签收或办理中的诉求发督办单');
    const taskId = await requestsTask(trx, today);
    const facts = [
      r.overdue
        ? `已超过${r.stage === '派单' ? `签收期限（${r.signDue}）` : `答复期限（${r.answerDue}）`}`
        : `${r.stage === '派单' ? '签收' : '答复'}期限 ${r.stage === '派单' ? r.signDue : r.answerDue}`,
      r.reopens ? `重办 ${r.reopens} 次` : '',
      r.transfers ? `退单 ${r.transfers} 次` : '',
      r.urges ? `催办 ${r.urges} 次` : '',
      r.escalated ? '已转为问题工单' : '',
    ].filter(Boolean);
    const order = await createOrder(
      trx,
      user.account,
      {
        taskId,
        unitId: r.unitId,
        reason: `企业诉求${r.number}“${r.subject}”（${r.category}）${facts.join('，')}。`,
        requirement: p.requirement?.trim() || `请立即办理诉求${r.number}并答复企业，在反馈期限内报告办理结果。`,
        replyDays: p.replyDays ?? REQUEST_ORDER_REPLY_DAYS,
      },
      { anyUnit: true },
    );
    await actOnOrder(trx, user, order.id, { action: 'issue', today });
    await linkOrderToRequest(trx, { requestId, orderId: order.id, number: order.number, actor: user.account, today });
    return order;
  });
}
