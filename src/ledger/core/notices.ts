/**
 * The texts of the ledger's inbox notices. A title names the task (its code and short title), the unit and
 * the cycle or order, so that a person can act from the list without opening each notice (issue 12); the body
 * says what to do and by when. Plan section 五（三）"加强日常跟踪督查": the notices carry the 督办 and 报送 work.
 */
import { shortText } from '../../inbox/core/index.js';

export interface TaskRef {
  /** e.g. `2-3` (measure number and task sequence). */
  code: string;
  title: string;
}

/** `2-3 优化用水报装（区水务集团）`: the task's code, its title cut to 24 characters, and the unit(s). */
export function taskRefText(t: TaskRef, units?: string | string[] | null): string {
  const u = Array.isArray(units) ? units.filter(Boolean).join('、') : units;
  return `${t.code} ${shortText(t.title, 24)}${u ? `（${u}）` : ''}`;
}

/** To the office: 「进展报告待审核：2-3 优化用水报装（区水务集团）2021年6月」. */
export function reportToReviewNotice(p: { task: TaskRef; unit: string | null; cycle: string; version: number; progress: number; statusLabel: string }) {
  return {
    title: `进展报告待审核：${taskRefText(p.task, p.unit)}${p.cycle}`,
    body: `${p.unit ?? '责任单位'}报送了${p.cycle}进展报告${p.version > 1 ? `（第 ${p.version} 版，修改后重报）` : ''}：${p.statusLabel}，进度 ${p.progress}%。请审核：通过，或写明意见退回。`,
  };
}

/** To the units: the outcome of the review, and for a return what to do by when. */
export function reviewOutcomeNotice(p: {
  task: TaskRef;
  units: string[];
  cycle: string;
  version: number;
  accepted: boolean;
  comment?: string | null;
  dueOn: string;
}) {
  const ref = `${taskRefText(p.task, p.units)}${p.cycle}`;
  const comment = p.comment?.trim();
  return p.accepted
    ? {
        title: `进展报告已通过：${ref}`,
        body: `营商办已审核通过第 ${p.version} 版报告，任务的状态和进度已按报告更新，无需再办。${comment ? `审核意见：${comment}` : ''}`,
      }
    : {
        title: `进展报告被退回：${ref}`,
        body: `退回意见：${comment ?? '（无）'}。请按意见修改后重新报送（本期截止 ${p.dueOn}）。`,
      };
}

export interface OrderRef {
  number: string;
  task: TaskRef;
  unit: string;
}

/** The notice of a supervision order's step, to the side that acts next (the unit after an office step, the office after a unit step). */
export function orderStepNotice(
  action: 'issue' | 'sign' | 'handle' | 'reply' | 'review' | 'close' | 'return' | 'escalate',
  o: OrderRef & { reason: string; requirement: string; replyDue: string | null; note?: string | null; escalations: number },
) {
  const ref = `${o.number} ${taskRefText(o.task, o.unit)}`;
  const note = o.note?.trim();
  const due = o.replyDue ? `于 ${o.replyDue} 前` : '按期';
  switch (action) {
    case 'issue':
      return { title: `督办单待签收：${ref}`, body: `督办事由：${o.reason}。办理要求：${o.requirement}。请签收，并${due}反馈办理情况。` };
    case 'escalate':
      return {
        title: `督办单提级督办：${ref}`,
        body: `营商办已提级督办（第 ${o.escalations + 1} 次）${note ? `：${note}` : ''}。请抓紧办理，并${due}反馈办理情况。`,
      };
    case 'return':
      return { title: `督办单退回重办：${ref}`, body: `退回意见：${note ?? '（无）'}。请重新办理后再次反馈。` };
    case 'review':
      return { title: `督办单已复核：${ref}`, body: `营商办已复核办理情况${note ? `：${note}` : ''}，等待办结，无需再办。` };
    case 'close':
      return { title: `督办单已办结：${ref}`, body: `营商办已办结该督办单${note ? `：${note}` : ''}，无需再办。` };
    case 'sign':
      return { title: `督办单已签收：${ref}`, body: `${o.unit}已签收，反馈期限 ${o.replyDue ?? '—'}。${note ?? ''}` };
    case 'handle':
      return { title: `督办单开始办理：${ref}`, body: `${o.unit}已开始办理，反馈期限 ${o.replyDue ?? '—'}。${note ?? ''}` };
    case 'reply':
      return { title: `督办单待复核：${ref}`, body: `${o.unit}反馈办理情况：${note ?? ''}。请复核，或写明意见退回重办。` };
  }
}

/** To a task's units: the day's warnings on the task. */
export function taskFlagNotice(p: { task: TaskRef; units: string[]; flags: Array<{ label: string; message: string }> }) {
  return {
    title: `任务需关注：${taskRefText(p.task, p.units)}：${p.flags.map((f) => f.label).join('、')}`,
    body: `${p.flags.map((f) => f.message).join('；')}。请核实进展，按期报送进展报告或说明情况。`,
  };
}

/** To the order's unit: the reply deadline has passed. */
export function orderOverdueNotice(o: OrderRef & { replyDue: string | null }) {
  return {
    title: `督办单已逾期：${o.number} ${taskRefText(o.task, o.unit)}`,
    body: `反馈期限为 ${o.replyDue ?? '—'}，已逾期。请尽快反馈办理情况。`,
  };
}
