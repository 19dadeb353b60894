export * from './core/index.js';
export * from './enterprise-store.js';
export { importEnterpriseFile, readEnterpriseFile, IMPORT_COLUMNS } from './import.js';
export { enterpriseImportJob, enterpriseJobs, startEnterpriseImport, ENTERPRISE_IMPORT_JOB } from './import-job.js';
export { enterpriseRoutes } from './routes.js';
export { demoEnterprises, demoCreditCode, DEMO_STREETS } from './demo.js';
export { registerEnterpriseCommands } from './cli.js';
export { matchProfilePage, type MatchProfileRow } from './match-profiles.js';
