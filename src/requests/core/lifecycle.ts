/**
 * The lifecycle of an enterprise request (企业诉求), as the 12345 / 接诉即办 practice runs it: 受理 → 派单 → 签收 →
 * 办理 → 答复 → 回访/评价 → 办结. Sources: 《国务院办公厅关于进一步优化地方政务服务便民热线的指导意见》
 * （国办发〔2020〕53号） (四)"……按照'接诉即办'要求……建立派单、办理、答复、回访、评价……闭环工作机制", and
 * 《北京市接诉即办工作条例》(2021) 第十八条–第二十六条 (派单; 承办单位 may return a misrouted order 退单 with a reason;
 * 签收, 办理, 答复; 回访 and 评价 满意/基本满意/不满意; 不满意 → 重办). The district plan, measure 48:
 * "企业诉求在线提交、按时办结、及时反馈".
 *
 * A request's `stage` is the step last done:
 *   受理  filed (or returned by a unit): the office routes it (派单);
 *   派单  routed to a unit: the unit signs it (签收) or returns it (退单);
 *   办理  signed (or reopened, 重办): the unit adds notes and answers (答复);
 *   答复  answered: the enterprise rates it (回访/评价);
 *   办结  rated 满意 or 基本满意: closed.
 * 不满意 reopens the request (重办) to the same unit, which handles it again (stage 办理, a new answer deadline).
 */

export const REQUEST_STAGES = ['受理', '派单', '办理', '答复', '办结'] as const;
export type RequestStage = (typeof REQUEST_STAGES)[number];

/** What each stage means to the people waiting on it (shown beside the stage). */
export const STAGE_INFO: Record<RequestStage, { label: string; waitingFor: string }> = {
  受理: { label: '已受理', waitingFor: '待营商办派单' },
  派单: { label: '已派单', waitingFor: '待承办单位签收' },
  办理: { label: '办理中', waitingFor: '待承办单位答复' },
  答复: { label: '已答复', waitingFor: '待企业评价' },
  办结: { label: '已办结', waitingFor: '' },
};

export type RequestAction = 'route' | 'sign' | 'return' | 'note' | 'answer' | 'rate';
/** Who does a step: the office (营商办), the unit the request is routed to, or the enterprise that filed it. */
export type RequestActor = 'office' | 'unit' | 'enterprise';

export const REQUEST_ACTIONS: Record<RequestAction, { label: string; by: RequestActor; from: readonly RequestStage[]; to: RequestStage | null }> = {
  route: { label: '派单', by: 'office', from: ['受理'], to: '派单' },
  sign: { label: '签收', by: 'unit', from: ['派单'], to: '办理' },
  /** 退单: back to the office for re-routing (within one working day of 派单, with a reason). */
  return: { label: '退单', by: 'unit', from: ['派单', '办理'], to: '受理' },
  /** A progress note keeps the stage. */
  note: { label: '办理记录', by: 'unit', from: ['办理'], to: null },
  answer: { label: '答复', by: 'unit', from: ['办理'], to: '答复' },
  /** 评价: 满意/基本满意 → 办结; 不满意 → 办理 (重办); see `afterRating`. */
  rate: { label: '评价', by: 'enterprise', from: ['答复'], to: null },
};

export const RATINGS = ['满意', '基本满意', '不满意'] as const;
export type Rating = (typeof RATINGS)[number];

/** The stage after `action`, or a Chinese problem message naming the stage. */
export function nextStage(stage: RequestStage, action: RequestAction): { stage: RequestStage } | { problem: string } {
  if (!Object.hasOwn(REQUEST_ACTIONS, action)) return { problem: `未知操作：${action}` };
  const a = REQUEST_ACTIONS[action];
  if (!a.from.includes(stage)) return { problem: `诉求处于“${STAGE_INFO[stage].label}”状态，不能${a.label}` };
  return { stage: a.to ?? stage };
}

/** 满意 and 基本满意 close the request; 不满意 reopens it to the same unit (重办, 《北京市接诉即办工作条例》第二十六条). */
export function afterRating(rating: Rating): { stage: RequestStage; reopen: boolean } {
  return rating === '不满意' ? { stage: '办理', reopen: true } : { stage: '办结', reopen: false };
}

/** The side a user acts for on one request: office/admin, staff of the request's unit, the filing enterprise, or none. */
export function actorSide(
  user: { role: string; unitIds: readonly number[]; enterpriseId: number | null },
  req: { unitId: number | null; enterpriseId: number | null },
): RequestActor | null {
  if (user.role === 'office' || user.role === 'admin') return 'office';
  if (user.role === 'unit_staff' && req.unitId !== null && user.unitIds.includes(req.unitId)) return 'unit';
  if (user.role === 'enterprise' && user.enterpriseId !== null && user.enterpriseId === req.enterpriseId) return 'enterprise';
  return null;
}

/**
 * Who rates the answer (回访/评价). The issue: "The enterprise (or, for phone requests, staff after a call back) rates".
 * A 营商环境监督员's or expert's own report (filed through their account, channels 监督员 / 专家) is theirs: they raised
 * it and read the answer, so they rate it — not a firm named in it, which did not ask. Every other request is rated by
 * the firm it belongs to (`enterpriseId`); staff record a call back's rating where `mayCallBack` (core/time.ts).
 */
export function ratesAnswer(
  user: { role: string; account: string; enterpriseId: number | null },
  req: { filedBy: string; filedByReporter: boolean; enterpriseId: number | null },
): boolean {
  if (req.filedByReporter) return user.role === 'supervisor' && user.account === req.filedBy;
  return user.role === 'enterprise' && user.enterpriseId !== null && user.enterpriseId === req.enterpriseId;
}

/** The actions a side may take on a request in `stage` (the buttons a page shows). */
export function allowedActions(stage: RequestStage, side: RequestActor | null): RequestAction[] {
  if (!side) return [];
  return (Object.keys(REQUEST_ACTIONS) as RequestAction[]).filter((a) => REQUEST_ACTIONS[a].by === side && REQUEST_ACTIONS[a].from.includes(stage));
}

/**
 * 问题工单 (提级督办): a request reopened 3 times or transferred (退单 and re-routed) 3 times is escalated to the office
 * and leaders. Threshold from the issue (the 12345 practice of 多次重办/多次退单 工单 being 提级督办).
 */
export const ESCALATE_AFTER = 3;
export function shouldEscalate(r: { reopens: number; transfers: number }): boolean {
  return r.reopens >= ESCALATE_AFTER || r.transfers >= ESCALATE_AFTER;
}
