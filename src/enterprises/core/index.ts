export * from './credit-code.js';
export * from './industry.js';
export * from './size.js';
export * from './profile.js';
export * from './access.js';
export { DISTRICT_STREETS } from './streets.js';
export { ENTERPRISE_SORT_LABELS, ENTERPRISE_SORTS, type EnterpriseSort } from './list.js';
