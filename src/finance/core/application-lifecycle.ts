/**
 * The lifecycle of a financing application (融资申请) on 渝中融, after the national 信易贷 platform's practice:
 * the bank answers each application within a fixed number of working days (受理), then decides (授信 or 不予授信,
 * with a reason when it declines), then disburses (放款). Sources: 《加强信用信息共享应用促进中小微企业融资实施方案》
 * （国办发〔2021〕52号: the 信易贷 platforms and the banks' response to enterprises' needs on them); the district plan,
 * measure 11 ("加快推动“渝中融”特色平台建设，汇集银企融资信息，实现企业融资需求与金融机构融资产品精准智能对接"). The time limits
 * themselves are the office's (区金融办) setting, default 3 working days to 受理 and 10 to decide (see
 * `application-deadlines.ts`).
 *
 * `status` is the step last done:
 *   submitted  待受理  the enterprise applied: the bank accepts (受理) or declines (不予受理, with a reason);
 *   accepted   审批中  the bank accepted: it approves (授信) or declines (未通过, with a reason);
 *   approved   已授信  approved with an amount, rate and guarantee: the bank records the disbursement (放款);
 *   disbursed  已放款  closed with the loan paid out;
 *   declined   未通过  closed with the reason;
 *   withdrawn  已撤回  the enterprise withdrew before a decision.
 */

export const APPLICATION_STATUSES = ['submitted', 'accepted', 'approved', 'disbursed', 'declined', 'withdrawn'] as const;
export type ApplicationStatus = (typeof APPLICATION_STATUSES)[number];

export const APPLICATION_STATUS_LABELS: Record<ApplicationStatus, string> = {
  submitted: '待受理',
  accepted: '审批中',
  approved: '已授信',
  disbursed: '已放款',
  declined: '未通过',
  withdrawn: '已撤回',
};

export const APPLICATION_ACTIONS = ['accept', 'approve', 'disburse', 'decline', 'withdraw'] as const;
export type ApplicationAction = (typeof APPLICATION_ACTIONS)[number];

/** Who does a step: the bank the application is addressed to, or the applying enterprise. */
export type ApplicationActor = 'bank' | 'enterprise';

export const ACTION_INFO: Record<ApplicationAction, { label: string; by: ApplicationActor; from: readonly ApplicationStatus[]; to: ApplicationStatus }> = {
  accept: { label: '受理', by: 'bank', from: ['submitted'], to: 'accepted' },
  approve: { label: '授信', by: 'bank', from: ['accepted'], to: 'approved' },
  disburse: { label: '放款', by: 'bank', from: ['approved'], to: 'disbursed' },
  /** From 待受理 it is 不予受理, from 审批中 未通过: both need a reason from the list. */
  decline: { label: '不予授信', by: 'bank', from: ['submitted', 'accepted'], to: 'declined' },
  withdraw: { label: '撤回申请', by: 'enterprise', from: ['submitted', 'accepted'], to: 'withdrawn' },
};

/**
 * Decline reasons (the list the bank picks from; free text is required besides): the areas a bank's credit review
 * covers after 《商业银行授信工作尽职指引》（银监发〔2004〕51号, 客户调查: operations, finances, credit record, guarantee),
 * plus the procedural outcomes (materials not supplied, the enterprise gave up).
 */
export const DECLINE_REASONS = [
  'credit_record',
  'finance_weak',
  'collateral_short',
  'outside_policy',
  'materials_missing',
  'need_mismatch',
  'enterprise_gave_up',
  'other',
] as const;
export type DeclineReason = (typeof DECLINE_REASONS)[number];
export const DECLINE_REASON_LABELS: Record<DeclineReason, string> = {
  credit_record: '信用记录不良（逾期、失信、涉诉等）',
  finance_weak: '经营或财务状况不满足要求',
  collateral_short: '担保或抵质押不足',
  outside_policy: '行业或企业类型不在授信政策范围内',
  materials_missing: '申请材料不全，企业未补正',
  need_mismatch: '融资需求与产品不匹配（金额、期限、用途）',
  enterprise_gave_up: '企业主动放弃',
  other: '其他原因',
};

/** 担保方式 of an approved loan. */
export const GUARANTEE_KINDS = ['信用', '保证', '抵押', '质押', '担保公司担保', '组合担保'] as const;
export type GuaranteeKind = (typeof GUARANTEE_KINDS)[number];

/** Renewal kinds (续贷): an ordinary renewal, or 无还本续贷 (renewed without first repaying the principal). */
export const RENEWAL_KINDS = ['none', 'renewal', 'no_repayment_renewal'] as const;
export type RenewalKind = (typeof RENEWAL_KINDS)[number];
export const RENEWAL_KIND_LABELS: Record<RenewalKind, string> = { none: '新增贷款', renewal: '续贷（还本续贷）', no_repayment_renewal: '无还本续贷' };

/** The status after `action`, or a Chinese message naming the status. */
export function nextStatus(status: ApplicationStatus, action: ApplicationAction): { status: ApplicationStatus } | { problem: string } {
  if (!Object.hasOwn(ACTION_INFO, action)) return { problem: `未知操作：${action}` };
  const a = ACTION_INFO[action];
  if (!a.from.includes(status)) return { problem: `申请处于“${APPLICATION_STATUS_LABELS[status]}”状态，不能${a.label}` };
  return { status: a.to };
}

export interface ApprovalInput {
  /** 授信金额（万元） */
  creditAmount: number;
  /** 年利率（%） */
  rate: number;
  guarantee: GuaranteeKind;
  /** 期限（月） */
  termMonths: number;
  /** Whether the bank confirms this is the enterprise's first bank loan (首贷). */
  firstLoan: boolean;
  renewal: RenewalKind;
}

export interface DisbursementInput {
  /** 放款金额（万元） */
  amount: number;
  disbursedOn: string;
}

interface FieldProblem {
  field: string;
  message: string;
}

/** Problems of an approval (amount positive, rate 0–24 % (the 司法保护上限 of 民间借贷 is far above bank rates; a typo guard)). */
export function approvalProblems(a: ApprovalInput): FieldProblem[] {
  const out: FieldProblem[] = [];
  if (!(a.creditAmount > 0) || a.creditAmount > 1_000_000) out.push({ field: '授信金额', message: '应大于 0 且不超过 1,000,000 万元' });
  if (!(a.rate > 0) || a.rate > 24) out.push({ field: '年利率', message: '应大于 0 且不超过 24（%）' });
  if (!Number.isInteger(a.termMonths) || a.termMonths < 1 || a.termMonths > 360) out.push({ field: '期限', message: '应为 1–360 个月' });
  return out;
}

/** Problems of a disbursement: amount positive and not above the approved amount, date not before approval nor after today. */
export function disbursementProblems(d: DisbursementInput, approvedAmount: number, approvedOn: string, today: string): FieldProblem[] {
  const out: FieldProblem[] = [];
  if (!(d.amount > 0)) out.push({ field: '放款金额', message: '应大于 0' });
  else if (d.amount > approvedAmount) out.push({ field: '放款金额', message: `不能超过授信金额 ${approvedAmount} 万元` });
  if (d.disbursedOn < approvedOn) out.push({ field: '放款日期', message: `不能早于授信日期 ${approvedOn}` });
  if (d.disbursedOn > today) out.push({ field: '放款日期', message: '不能晚于今天' });
  return out;
}
