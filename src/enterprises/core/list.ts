/** The staff's enterprise list: its sort keys with the names the page and the Excel export show. */
export const ENTERPRISE_SORTS = ['name', 'creditCode', 'street', 'industry', 'size', 'registeredOn'] as const;
export type EnterpriseSort = (typeof ENTERPRISE_SORTS)[number];
export const ENTERPRISE_SORT_LABELS: Record<EnterpriseSort, string> = {
  name: '企业名称',
  creditCode: '统一社会信用代码',
  street: '街道',
  industry: '行业',
  size: '规模',
  registeredOn: '成立日期',
};
