/**
 * 双随机、一公开 inspections (issue 15): the only door other folders use. See README.md.
 *
 *   import { useCreditClassesForDraws } from '../inspections/index.js';
 *   useCreditClassesForDraws(); // at start: draws stratify by the credit class in force
 */
export { inspectionRoutes } from './routes.js';
export { useCreditClassesForDraws } from './credit-draw.js';
export {
  createObject,
  updateObject,
  listObjects,
  objectNames,
  createInspector,
  updateInspector,
  listInspectors,
  importInspectors,
  createItem,
  updateItem,
  listItems,
  enterpriseKey,
  otherKey,
  INSPECTOR_COLUMNS,
  type ObjectInput,
  type InspectorBody,
  type ItemBody,
} from './directory-store.js';
export {
  commitDraw,
  setSeedInputs,
  runStoredDraw,
  listDraws,
  getDraw,
  drawProof,
  drawProofByNumber,
  setCreditClassSource,
  type CreditClassSource,
  type CommitBody,
  type DrawScope,
} from './draw-store.js';
export { registerInspectionCommands } from './cli.js';
export {
  listPlans,
  getPlan,
  getPlanVersion,
  createPlan,
  addTask,
  updateTask,
  approvePlan,
  publishPlan,
  submitProposal,
  decideProposal,
  createTaskDraw,
  publicPlan,
} from './plan-store.js';
export { seedInspectionDemo, type InspectionDemoResult } from './inspection-demo.js';
export { PLAN_BASIS, type PlanTaskInput, type TaskScope } from './core/plan.js';
export { verifyDraw, ALGORITHM, UNCLASSIFIED, OBJECT_KINDS, INSPECTION_METHODS, type PublishedDraw } from './core/index.js';
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
export {
  linkInspectorAccount,
  myChecks,
  recordResult,
  correctResult,
  publishResults,
  addEvidence,
  listResults,
  publicResults,
  firstOffenceCounts,
  sweepOrphanEvidenceFiles,
  EVIDENCE_FOLDER,
} from './result-store.js';
export { listRiskRules, createRiskRule, updateRiskRule, evaluateRiskFlags, listRiskFlags, respondRiskFlag, riskWarningJob } from './risk-store.js';
export { inspectionFigures, inspectionSignals, type InspectionSignal } from './figures-store.js';
export { seedResultDemo } from './result-demo.js';
export { seedInspectorLoginDemo, DEMO_INSPECTOR_ACCOUNT, type InspectorLoginDemo } from './inspector-login-demo.js';
/** The inspections' jobs, for the server's `startJobs`. */
export { inspectionJobs } from './jobs.js';
export { collaborationRecords, type CollaborationRecord } from './collaboration-records.js';
