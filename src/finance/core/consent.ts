/**
 * Consent to share an enterprise's data with a bank (授权). Applying for a product asks the enterprise for its
 * explicit, time-limited consent to share named data items with that product's institution, as the 信易贷 platforms
 * do (国办发〔2021〕52号, on sharing enterprises' credit information with lenders through the 信易贷 platforms). A
 * consent names the items, the institution and the last day it is valid; it can be withdrawn at any time;
 * a bank sees an item only while a consent of the enterprise to that institution covers it.
 *
 * Data items and where they come from (only what the platform holds is offered):
 *   profile      企业基本信息: name, credit code, legal form, registration date and capital, street, industry (enterprise registry)
 *   size         企业规模: size class by 国统字〔2017〕213号 with the figures it rests on (从业人员、营业收入、资产总额)
 *   creditGrade  信用等级: the registry's credit grade (A–D) as entered by the authority
 *   creditClass  信用风险分类: the class in force in the 双随机 credit classification (src/inspections)
 * Not held by the platform, so not offered (the README says so): 纳税信用等级 (the registry's 信用等级 is not
 * identified as the tax authority's A/B/M/C/D grade) and 社保参保人数 (the registry has 从业人员, not the insured headcount).
 */

export const DATA_ITEMS = ['profile', 'size', 'creditGrade', 'creditClass'] as const;
export type DataItem = (typeof DATA_ITEMS)[number];

export const DATA_ITEM_INFO: Record<DataItem, { label: string; detail: string }> = {
  profile: { label: '企业基本信息', detail: '名称、统一社会信用代码、组织形式、成立日期、注册资本、街道、行业' },
  size: { label: '企业规模', detail: '规模类型及从业人员、营业收入、资产总额' },
  creditGrade: { label: '信用等级', detail: '企业档案登记的信用等级（A–D）' },
  creditClass: { label: '信用风险分类', detail: '“双随机”监管在用的信用风险分类' },
};

/** Items the issue names that the platform does not hold (shown on the consent form, never shared). */
export const DATA_ITEMS_NOT_HELD = [
  { label: '纳税信用等级', reason: '企业档案中没有纳税信用等级（档案中的“信用等级”并非税务机关评定的纳税信用等级）' },
  { label: '社保参保人数', reason: '企业档案中只有从业人员数，没有社保参保人数' },
] as const;

export const DEFAULT_CONSENT_DAYS = 90;
export const MAX_CONSENT_DAYS = 365;

export interface ConsentState {
  items: readonly DataItem[];
  /** Last day the consent is valid (inclusive). */
  validUntil: string;
  withdrawnAt: Date | string | null;
}

export const CONSENT_STATUSES = ['active', 'expired', 'withdrawn'] as const;
export type ConsentStatus = (typeof CONSENT_STATUSES)[number];
export const CONSENT_STATUS_LABELS: Record<ConsentStatus, string> = { active: '有效', expired: '已过期', withdrawn: '已撤回' };

/** The state of a consent on `today` (China date): withdrawn wins over expired. */
export function consentStatus(c: ConsentState, today: string): ConsentStatus {
  if (c.withdrawnAt !== null) return 'withdrawn';
  return today > c.validUntil ? 'expired' : 'active';
}

/** The items covered on `today` by a set of consents (of one enterprise to one institution): the union of the active ones. */
export function coveredItems(consents: readonly ConsentState[], today: string): Set<DataItem> {
  const out = new Set<DataItem>();
  for (const c of consents) if (consentStatus(c, today) === 'active') for (const i of c.items) out.add(i);
  return out;
}

/**
 * Why a bank may not see the data (Chinese, for the 403), or null when at least one item is covered. `consents` are
 * all the enterprise's consents to that institution.
 */
export function refusalReason(consents: readonly ConsentState[], today: string): string | null {
  if (coveredItems(consents, today).size > 0) return null;
  if (consents.length === 0) return '企业未授权本机构查看其数据';
  const states = consents.map((c) => consentStatus(c, today));
  if (states.every((s) => s === 'withdrawn')) return '企业已撤回数据授权，无法查看企业数据';
  if (states.includes('expired')) return '企业数据授权已过期，无法查看企业数据';
  return '企业已撤回数据授权，无法查看企业数据';
}

/** Problems of a consent request: at least one item, known items only, 1–365 days. */
export function consentProblems(items: readonly string[], days: number): Array<{ field: string; message: string }> {
  const out: Array<{ field: string; message: string }> = [];
  if (items.length === 0) out.push({ field: '授权数据项', message: '请至少选择一项授权银行查看的数据' });
  const unknown = items.filter((i) => !(DATA_ITEMS as readonly string[]).includes(i));
  if (unknown.length) out.push({ field: '授权数据项', message: `未知数据项：${unknown.join('、')}` });
  if (!Number.isInteger(days) || days < 1 || days > MAX_CONSENT_DAYS) out.push({ field: '授权期限', message: `应为 1–${MAX_CONSENT_DAYS} 天` });
  return out;
}

/** The last valid day of a consent granted on `today` for `days` calendar days (today counts as day 1). */
export function consentValidUntil(today: string, days: number): string {
  return new Date(Date.parse(`${today}T00:00:00Z`) + (days - 1) * 86_400_000).toISOString().slice(0, 10);
}
