import { riskWarningJob } from './risk-store.js';

/** The inspections' jobs, for the server's `startJobs`: 风险预警与线索推送 (daily 08:00 China time by default). */
export const inspectionJobs = [riskWarningJob];
