/**
 * 渝中融 (issue 16): bank–enterprise financing matching. The only door other folders use. See README.md.
 */
export * from './core/index.js';
export { FINANCE_DESK_UNIT, FINANCE_DESK_ROLES, FINANCE_READER_ROLES, isFinanceDesk, assertFinanceDesk, assertFinanceReader } from './access.js';
export { financeRoutes } from './routes.js';
export { bankScope, institutionNames, type BankScope } from './bank-access.js';
