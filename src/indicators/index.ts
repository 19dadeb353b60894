export * from './core/index.js';
export { recompute, recomputeStale, monitoringYear, indicatorAsOf, type RecomputeSummary } from './recompute.js';
export { recordImportJob, startRecordImport, indicatorJobs, RECORD_IMPORT_JOB } from './import-job.js';
export { recomputeJob, startRecompute, RECOMPUTE_JOB } from './recompute-job.js';
export {
  importRecords,
  importRecordFile,
  estimateRows,
  type ImportHooks,
  readTable,
  readTableRows,
  upsertRecords,
  type ImportResult,
  type Uploader,
} from './record-store.js';
export { pruneRecords } from './record-prune.js';
export {
  listRecords,
  getRecord,
  updateRecord,
  deleteRecord,
  type CaseRecordView,
  type RecordPage,
  type RecordChange,
  type ListRecordsOptions,
  type UpdateRecordInput,
} from './record-browse.js';
export { currentDefinitions, getDefinition, adjustDefinition, definitionVersions, ensureBuiltins } from './definition-store.js';
export { indicatorDashboard, indicatorDetail, breachedMeasures } from './results.js';
export { listCases, aggregate, recordsSql } from './compute.js';
export { indicatorRoutes } from './routes.js';
export { createApiToken, listApiTokens, revokeApiToken } from '../auth/index.js';
export { moveIndicatorUnitReferences } from './unit-merge.js';
export { registerIndicatorCommands } from './cli.js';
export { generateDemoRecords, seedCaseDemo, DEMO_UNITS, DEMO_SERVICE_ITEMS } from './demo.js';
