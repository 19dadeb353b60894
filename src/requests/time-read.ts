/**
 * Reading the handling-time side of requests: a request's suspensions and extensions, its supervision orders and
 * call back (shown on its page), the buttons of each side, and the read functions the ledger uses (a request to
 * raise an order on, the open 问题工单 for the leader view, the requests linked to orders).
 */
import type { Kysely } from 'kysely';
import { actorNamer, type SessionUser } from '../auth/index.js';
import type { Database } from '../db/index.js';
import { NotFoundError } from '../shared/index.js';
import { actorSide, mayCallBack, overdue, type HoldKind, type HoldState, type RequestStage } from './core/index.js';

type Db = Kysely<Database>;

/** The handling-time buttons: unit 申请挂起/延期 and 恢复; office 审批, 恢复, 催办, 督办单, 回访评价. */
export type TimeAction = 'hold' | 'decide' | 'resume' | 'urge' | 'order' | 'callback';

export interface TimeRow {
  id: number;
  stage: string;
  channel: string;
  unit_id: number | null;
  enterprise_id: number | null;
  suspended_on: string | null;
  suspended_days: number;
  extended_days: number;
  urges: number;
  callback_by: string | null;
  callback_at: Date | null;
}

/** The handling-time part of a request's page (spread into `getRequest`'s answer). */
export async function timeDetail(db: Db, user: SessionUser, r: TimeRow) {
  const holds = await db.selectFrom('request_hold').selectAll().where('request_id', '=', r.id).orderBy('id').execute();
  const orders = await db.selectFrom('request_order').selectAll().where('request_id', '=', r.id).orderBy('order_id').execute();
  const name = await actorNamer(db, [...holds.flatMap((h) => [h.asked_by, h.decided_by]), r.callback_by]);
  const side = actorSide(user, { unitId: r.unit_id, enterpriseId: r.enterprise_id });
  const pending = holds.some((h) => h.state === '待审批');
  const stage = r.stage as RequestStage;
  const timeActions: TimeAction[] = [];
  if (side === 'unit' && stage === '办理' && !pending) timeActions.push('hold');
  if (side === 'office' && pending) timeActions.push('decide');
  if ((side === 'unit' || side === 'office') && stage === '办理' && r.suspended_on) timeActions.push('resume');
  if (side === 'office' && (stage === '派单' || stage === '办理')) timeActions.push('urge', 'order');
  if (side === 'office' && stage === '答复' && mayCallBack({ channel: r.channel, enterpriseId: r.enterprise_id })) timeActions.push('callback');
  const staff = user.role !== 'enterprise';
  return {
    suspendedDays: r.suspended_days,
    extendedDays: r.extended_days,
    timeActions,
    holds: holds.map((h) => ({
      id: h.id,
      kind: h.kind as HoldKind,
      reason: h.reason,
      days: h.days,
      state: h.state as HoldState,
      askedBy: staff ? name(h.asked_by) : '承办单位',
      askedOn: h.asked_on,
      decidedBy: h.decided_by === null ? null : staff ? name(h.decided_by) : '营商办',
      decidedOn: h.decided_on,
      decisionNote: h.decision_note,
      endedOn: h.ended_on,
    })),
    // Orders are the office's supervision of the unit: staff see them, the enterprise does not.
    orders: staff ? orders.map((o) => ({ orderId: o.order_id, number: o.number, raisedOn: o.raised_on, link: `/ledger/orders/${o.order_id}` })) : [],
    callback: r.callback_at && r.callback_by ? { by: staff ? name(r.callback_by) : '营商办', at: r.callback_at } : null,
  };
}

/** What the ledger needs to raise a supervision order on a request's unit (`orderForRequest` of src/ledger). */
export interface RequestForOrder {
  id: number;
  number: string;
  subject: string;
  category: string;
  stage: RequestStage;
  unitId: number | null;
  signDue: string | null;
  answerDue: string | null;
  overdue: boolean;
  reopens: number;
  transfers: number;
  urges: number;
  escalated: boolean;
  link: string;
}

export async function requestForOrder(db: Db, id: number, today: string): Promise<RequestForOrder> {
  const r = await db.selectFrom('request_item').selectAll().where('id', '=', id).executeTakeFirst();
  if (!r) throw new NotFoundError('诉求（不存在或已删除）');
  const stage = r.stage as RequestStage;
  const late = overdue({ stage, signDue: r.sign_due, signedOn: r.signed_on, answerDue: r.answer_due, suspendedOn: r.suspended_on }, today);
  return {
    id: r.id,
    number: r.number,
    subject: r.subject,
    category: r.category,
    stage,
    unitId: r.unit_id,
    signDue: r.sign_due,
    answerDue: r.answer_due,
    overdue: late.sign || late.answer,
    reopens: r.reopens,
    transfers: r.transfers,
    urges: r.urges,
    escalated: r.escalated_on !== null,
    link: `/requests/${r.id}`,
  };
}

/** The requests linked to some ledger orders (the order page shows the link back). */
export async function requestsOfOrders(
  db: Db,
  orderIds: readonly number[],
): Promise<Map<number, { id: number; number: string; subject: string; link: string }>> {
  if (!orderIds.length) return new Map();
  const rows = await db
    .selectFrom('request_order as o')
    .innerJoin('request_item as r', 'r.id', 'o.request_id')
    .select(['o.order_id', 'r.id', 'r.number', 'r.subject'])
    .where('o.order_id', 'in', [...orderIds])
    .execute();
  return new Map(rows.map((r) => [r.order_id, { id: r.id, number: r.number, subject: r.subject, link: `/requests/${r.id}` }]));
}

/** Open 问题工单 (escalated, not closed), the earliest escalation first: the leader view lists them. */
export async function openEscalatedRequests(db: Db, today: string, limit = 50) {
  const rows = await db
    .selectFrom('request_item as r')
    .leftJoin('unit as u', 'u.id', 'r.unit_id')
    .select([
      'r.id',
      'r.number',
      'r.subject',
      'r.category',
      'r.stage',
      'r.reopens',
      'r.transfers',
      'r.urges',
      'r.escalated_on',
      'r.sign_due',
      'r.signed_on',
      'r.answer_due',
      'r.suspended_on',
      'u.name as unit_name',
    ])
    .where('r.escalated_on', 'is not', null)
    .where('r.stage', '!=', '办结')
    .orderBy('r.escalated_on')
    .orderBy('r.id')
    .limit(limit)
    .execute();
  return rows.map((r) => {
    const stage = r.stage as RequestStage;
    const late = overdue({ stage, signDue: r.sign_due, signedOn: r.signed_on, answerDue: r.answer_due, suspendedOn: r.suspended_on }, today);
    return {
      id: r.id,
      number: r.number,
      subject: r.subject,
      stage,
      unitName: r.unit_name,
      reopens: r.reopens,
      transfers: r.transfers,
      urges: r.urges,
      escalatedOn: r.escalated_on!,
      overdue: late.sign || late.answer,
      link: `/requests/${r.id}`,
    };
  });
}
export type EscalatedRequest = Awaited<ReturnType<typeof openEscalatedRequests>>[number];
