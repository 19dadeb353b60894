/**
 * Supervision orders (督办单). Plan section 五（三）"强化督查督办……加强日常跟踪督查……开展督查督办". The stages
 * follow the usual 督办 workflow: 立项 → 下发 → 签收 → 办理 → 反馈 → 复核 → 办结. The reply deadline is counted
 * in working days from the day the order is issued (the day of issue not counted: 民法典 第二百零一条; working
 * days exclude 法定节假日 and count 调休 working Saturdays, as 行政许可法 第八十二条 counts 工作日).
 */
import type { WorkingCalendar } from './calendar.js';

export const ORDER_STAGES = ['立项', '下发', '签收', '办理', '反馈', '复核', '办结'] as const;
export type OrderStage = (typeof ORDER_STAGES)[number];

export type OrderAction = 'issue' | 'sign' | 'handle' | 'reply' | 'review' | 'close' | 'return' | 'escalate';
export type OrderActor = 'office' | 'unit';

export const ORDER_ACTIONS: Record<OrderAction, { label: string; by: OrderActor; from: OrderStage[]; to: OrderStage | null }> = {
  issue: { label: '下发', by: 'office', from: ['立项'], to: '下发' },
  sign: { label: '签收', by: 'unit', from: ['下发'], to: '签收' },
  handle: { label: '开始办理', by: 'unit', from: ['签收'], to: '办理' },
  reply: { label: '反馈办理情况', by: 'unit', from: ['签收', '办理'], to: '反馈' },
  review: { label: '复核', by: 'office', from: ['反馈'], to: '复核' },
  close: { label: '办结', by: 'office', from: ['复核'], to: '办结' },
  return: { label: '退回重办', by: 'office', from: ['反馈', '复核'], to: '办理' },
  /** Escalation (提级督办) keeps the stage and raises the level; the unit is told again. */
  escalate: { label: '提级督办', by: 'office', from: ['下发', '签收', '办理'], to: null },
};

/** The stage after `action`, or a Chinese problem message. */
export function nextStage(stage: OrderStage, action: OrderAction): { stage: OrderStage } | { problem: string } {
  const a = ORDER_ACTIONS[action];
  if (!a) return { problem: `未知操作：${action}` };
  if (!a.from.includes(stage)) return { problem: `督办单处于“${stage}”阶段，不能${a.label}` };
  return { stage: a.to ?? stage };
}

export function replyDue(cal: WorkingCalendar, issuedOn: string, replyDays: number): string {
  return cal.addWorkingDays(issuedOn, replyDays);
}

/** Overdue: issued and not yet answered when its reply deadline has passed. */
export function orderOverdue(o: { stage: OrderStage; replyDue: string | null; repliedOn: string | null }, asOf: string): boolean {
  if (!o.replyDue) return false;
  if (o.repliedOn) return false;
  if (['下发', '签收', '办理'].includes(o.stage)) return asOf > o.replyDue;
  return false;
}
