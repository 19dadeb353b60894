/**
 * Inspections (双随机、一公开, issue 15): the only door other folders use. Credit part: see README-credit.md.
 *
 *   import { creditClassesOn, creditDrawShares } from '../inspections/index.js';
 *   const classOf = await creditClassesOn(db, '2026-05-01'); // enterprise id → class code in force that day
 *   const shares = await creditDrawShares(db);              // class code → percent to draw
 */
export { inspectionRoutes } from './routes.js';
export {
  creditClassesOn,
  creditDrawShares,
  listCreditClasses,
  setCreditClasses,
  creditHistory,
  creditStanding,
  importCreditFile,
  readCreditFile,
  repairCredit,
  CREDIT_IMPORT_COLUMNS,
} from './credit-store.js';
export { seedCreditDemo, DEMO_CREDIT_SOURCE } from './credit-demo.js';
export { listExemptions, createExemption, updateExemption, seedExemptionDemo, type Exemption } from './exemption-store.js';
export { DEFAULT_CREDIT_CLASSES, CREDIT_CLASS_BASIS, classInForce, type CreditClass, type CreditRecord } from './core/credit.js';
export { EXEMPTION_KINDS, EXEMPTION_KIND_BASIS } from './core/exemption.js';
export {
  RESULT_CATEGORIES,
  PUBLICATION_WORKING_DAYS,
  PUBLICATION_BASIS,
  publicationDue,
  publicationState,
  resultCategory,
  type ResultCategory,
  type PublicationState,
} from './core/results.js';
