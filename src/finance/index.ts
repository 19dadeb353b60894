/**
 * 渝中融 (issue 16): bank–enterprise financing matching. The only door other folders use. See README.md.
 */
export * from './core/index.js';
export { FINANCE_DESK_UNIT, FINANCE_DESK_ROLES, FINANCE_READER_ROLES, isFinanceDesk, assertFinanceDesk, assertFinanceReader } from './access.js';
export { bankScope, institutionNames, type BankScope } from './bank-access.js';
export {
  listInstitutions,
  createInstitution,
  updateInstitution,
  createBankAccount,
  listBankAccounts,
  bankMe,
  type InstitutionInput,
} from './institution-store.js';
export {
  createProduct,
  saveProductDraft,
  publishProduct,
  withdrawProduct,
  listManagedProducts,
  getManagedProduct,
  catalogue,
  testRun,
  type ProductInput,
  type CatalogueFilter,
} from './product-store.js';
export { createNeed, updateNeed, closeNeed, listOwnNeeds, needMatches, unmatchedNeeds, addFollowup, type NeedInput } from './need-store.js';
export { rematch, productsInForce, profilesOf, type ProductInForce } from './matching-store.js';
export { financeRoutes } from './routes.js';
// Applications with consent, the bank's deadlines, events and figures (second part).
export {
  actOnApplication,
  applyForProducts,
  financeLimits,
  getApplication,
  listApplications,
  setFinanceLimits,
  type ApplicationItem,
} from './application-store.js';
export { enterpriseDataFor, listConsents, withdrawConsent } from './consent-store.js';
export { createEvent, getEvent, listEvents, updateEvent } from './event-store.js';
export { countFinance, financeFigures } from './application-figures-store.js';
export { financeJobs, sendFinanceReminders } from './application-reminders.js';
export { seedFinanceApplicationDemo } from './application-demo.js';
export { seedFinanceBankDemo, DEMO_INSTITUTIONS, DEMO_PRODUCTS } from './bank-demo.js';
export { financeSignalsOf } from './application-signals.js';
