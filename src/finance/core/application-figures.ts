/**
 * Figures of 渝中融 (融资对接情况): what 区金融办 and the leaders follow for measures 9–11 — needs posted and matched,
 * applications, 受理 and decisions on time, approvals and disbursements (count and 万元), working days to decision,
 * decline reasons, the 首贷 share and the share of small and micro enterprises. The SQL that counts them is in
 * `../application-figures-store.ts` (set-based, working days from the `calendar` table's ordinals); this file holds
 * the definitions shown on the page and in the README and the arithmetic from counts to rates.
 *
 * A need belongs to the period of the day it was posted, an application to the period of the day it was submitted
 * (the cohort); its state is the state on the data date. Industry (GB/T 4754 门类) and size class are the
 * enterprise's as recorded on the application when it was submitted (a later profile change does not move old
 * applications between groups).
 */

export interface FinanceCounts {
  needsPosted: number;
  /** Needs with at least one product found eligible when matched. */
  needsMatched: number;
  applied: number;
  /** Applications whose 受理 deadline has passed by the data date, or which were answered at 受理 (accepted or declined). */
  acceptDue: number;
  acceptedOnTime: number;
  /** Applications decided (approved or declined) or whose decision deadline has passed. */
  decideDue: number;
  decidedOnTime: number;
  decided: number;
  /** Sum of working days from submission to decision over `decided`. */
  decisionDays: number;
  approved: number;
  /** 授信金额（万元） */
  approvedAmount: number;
  disbursed: number;
  /** 放款金额（万元） */
  disbursedAmount: number;
  declined: number;
  /** Disbursed loans the bank confirmed as the enterprise's first bank loan (首贷). */
  firstLoans: number;
  firstLoanAmount: number;
  /** Disbursed renewals without repayment (无还本续贷). */
  noRepaymentRenewals: number;
  noRepaymentRenewalAmount: number;
  /** Disbursed loans to small and micro enterprises (小型、微型). */
  smallMicroDisbursed: number;
  smallMicroDisbursedAmount: number;
}

export const ZERO_FINANCE_COUNTS: FinanceCounts = {
  needsPosted: 0,
  needsMatched: 0,
  applied: 0,
  acceptDue: 0,
  acceptedOnTime: 0,
  decideDue: 0,
  decidedOnTime: 0,
  decided: 0,
  decisionDays: 0,
  approved: 0,
  approvedAmount: 0,
  disbursed: 0,
  disbursedAmount: 0,
  declined: 0,
  firstLoans: 0,
  firstLoanAmount: 0,
  noRepaymentRenewals: 0,
  noRepaymentRenewalAmount: 0,
  smallMicroDisbursed: 0,
  smallMicroDisbursedAmount: 0,
};

export interface FinanceRates {
  /** 匹配率 % = needsMatched ÷ needsPosted */
  matchRate: number | null;
  /** 按时受理率 % = acceptedOnTime ÷ acceptDue */
  acceptOnTime: number | null;
  /** 按时审批率 % = decidedOnTime ÷ decideDue */
  decideOnTime: number | null;
  /** 获批率 % = approved ÷ decided */
  approvalRate: number | null;
  /** 平均审批用时（工作日） = decisionDays ÷ decided */
  avgDecisionDays: number | null;
  /** 首贷占比 % = firstLoans ÷ disbursed (count) */
  firstLoanShare: number | null;
  /** 小微企业占比 % = smallMicroDisbursed ÷ disbursed (count) */
  smallMicroShare: number | null;
}

const pct = (n: number, d: number) => (d > 0 ? Math.round((n / d) * 10000) / 100 : null);

export function financeRates(c: FinanceCounts): FinanceRates {
  return {
    matchRate: pct(c.needsMatched, c.needsPosted),
    acceptOnTime: pct(c.acceptedOnTime, c.acceptDue),
    decideOnTime: pct(c.decidedOnTime, c.decideDue),
    approvalRate: pct(c.approved, c.decided),
    avgDecisionDays: c.decided > 0 ? Math.round((c.decisionDays / c.decided) * 100) / 100 : null,
    firstLoanShare: pct(c.firstLoans, c.disbursed),
    smallMicroShare: pct(c.smallMicroDisbursed, c.disbursed),
  };
}

export const FINANCE_FIGURE_DEFINITIONS: Array<{ key: string; label: string; definition: string }> = [
  { key: 'needsPosted', label: '发布需求', definition: '统计期内企业发布的融资需求数' },
  { key: 'matchRate', label: '匹配率', definition: '发布需求中至少匹配到一款“符合条件”产品的需求数 ÷ 发布需求数' },
  { key: 'applied', label: '申请', definition: '统计期内企业提交的融资申请数（每个产品一件）' },
  { key: 'acceptOnTime', label: '按时受理率', definition: '在受理时限（工作日）内受理或答复的申请数 ÷ 已到受理期限或已答复的申请数' },
  { key: 'decideOnTime', label: '按时审批率', definition: '在审批时限内作出授信或不予授信决定的申请数 ÷ 已到审批期限或已决定的申请数' },
  { key: 'approved', label: '获批', definition: '已授信（含已放款）的申请数及授信金额（万元）' },
  { key: 'disbursed', label: '放款', definition: '已放款的申请数及放款金额（万元）' },
  { key: 'avgDecisionDays', label: '平均审批用时', definition: '从提交申请到作出决定的工作日数的平均值（提交当日不计入）' },
  { key: 'firstLoanShare', label: '首贷占比', definition: '经银行确认为企业首笔银行贷款的放款笔数 ÷ 放款笔数' },
  { key: 'smallMicroShare', label: '小微企业占比', definition: '小型、微型企业的放款笔数 ÷ 放款笔数（规模按申请时企业档案）' },
];

// The periods of the figures are the requests' (月度、季度、年度, with the period before), one definition for both.
export { PERIOD_KINDS, PERIOD_KIND_LABELS, periodOf, previousPeriod, type Period, type PeriodKind } from '../../requests/core/index.js';
