export * from './core/index.js';
export { recompute, monitoringYear, asOfFor, type RecomputeSummary } from './recompute.js';
export { importRecords, importRecordFile, readTable, upsertRecords, type ImportResult, type Uploader } from './record-store.js';
export { currentDefinitions, getDefinition, adjustDefinition, definitionVersions, ensureBuiltins } from './definition-store.js';
export { indicatorDashboard, indicatorDetail, breachedMeasures } from './results.js';
export { listCases, aggregate, recordsSql } from './compute.js';
export { indicatorRoutes } from './routes.js';
export { createApiToken, listApiTokens, revokeApiToken } from './token-store.js';
