/**
 * The fixed lists of 渝中融 (issue 16). Values are stored as they are shown (Chinese); the web imports them from here.
 * Product types follow the plan's measures 9–11 and 37 (信用贷款, 银税互动, 知识产权质押融资, 转贷应急周转资金 …) and the
 * terms of 国务院办公厅关于加强信用信息共享应用促进中小微企业融资的实施方案（国办发〔2021〕52号）.
 */
export const FINANCE_INSTITUTION_KINDS = ['银行', '担保', '小贷', '融资租赁', '保理', '其他'] as const;
export type FinanceInstitutionKind = (typeof FINANCE_INSTITUTION_KINDS)[number];

export const FINANCE_PRODUCT_TYPES = [
  '信用贷',
  '抵押贷',
  '担保贷',
  '知识产权质押',
  '银税互动',
  '供应链',
  '首贷',
  '续贷',
  '无还本续贷',
  '转贷应急周转',
  '其他',
] as const;
export type FinanceProductType = (typeof FINANCE_PRODUCT_TYPES)[number];

export const FINANCE_REPAYMENTS = ['按月付息到期还本', '等额本息', '等额本金', '分期还本', '随借随还', '到期一次还本付息'] as const;
export type FinanceRepayment = (typeof FINANCE_REPAYMENTS)[number];

/** Collateral a product accepts or a need offers (empty list: none, 信用). */
export const FINANCE_COLLATERALS = ['房产', '土地', '设备', '存货', '应收账款', '知识产权', '股权', '保证担保', '担保公司担保'] as const;
export type FinanceCollateral = (typeof FINANCE_COLLATERALS)[number];

/** What a need asks for: the firm's first bank loan (首贷), renewing a loan (续贷), or another loan. */
export const FINANCE_LOAN_KINDS = ['首贷', '续贷', '其他'] as const;
export type FinanceLoanKind = (typeof FINANCE_LOAN_KINDS)[number];

export const FINANCE_URGENCIES = ['一般', '较急', '紧急'] as const;
export type FinanceUrgency = (typeof FINANCE_URGENCIES)[number];

export const FINANCE_PRODUCT_STATUSES = ['draft', 'published', 'withdrawn'] as const;
export type FinanceProductStatus = (typeof FINANCE_PRODUCT_STATUSES)[number];
export const FINANCE_PRODUCT_STATUS_LABELS: Record<FinanceProductStatus, string> = { draft: '草稿', published: '在售', withdrawn: '已下架' };

export const FINANCE_NEED_STATUSES = ['open', 'closed'] as const;
export type FinanceNeedStatus = (typeof FINANCE_NEED_STATUSES)[number];
export const FINANCE_NEED_STATUS_LABELS: Record<FinanceNeedStatus, string> = { open: '对接中', closed: '已关闭' };

/** The unit directory's unit that acts as 区金融办 (its staff, the office and the admin run 渝中融). */
export const FINANCE_DESK_UNIT = '区金融办';
