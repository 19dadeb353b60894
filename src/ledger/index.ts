export { ledgerRoutes } from './routes.js';
export { initLedger, listTasks, getTask, measureProgress, updateTask, createTask } from './task-store.js';
export { createMonthlyCycles, submitReport, reviewReport, listCycles, listReports, getReport, sweepOrphanEvidence } from './report-store.js';
export { createOrder, actOnOrder, listOrders } from './order-store.js';
export { setOffTrackSignals, type OffTrackSignalInput, type SetSignalsResult } from './signal-store.js';
export { STATUS_INFO, TASK_STATUSES } from './core/status.js';
export { runLedgerDemo, DEMO_PASSWORD as LEDGER_DEMO_PASSWORD } from './demo.js';
export { registerLedgerCommands } from './cli.js';
export { tasksOfMeasures, issuedBulletins, type MeasureTask, type IssuedBulletinRef } from './read-api.js';
