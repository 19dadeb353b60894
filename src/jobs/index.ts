export {
  defineJob,
  jobDefinition,
  jobDefinitions,
  JobCancelledError,
  MAX_PROBLEMS,
  type JobDefinition,
  type JobContext,
  type JobSummary,
  type JobLogger,
} from './define.js';
export type { KeptParts } from './core/interrupted.js';
export { tookText } from './core/progress.js';
export { startJobs, liveProgress, recoverInterrupted, syncSchedules, INTERRUPTED, type JobSystem, type StartJobsOptions } from './runner.js';
export { enqueueJob, cancelRun, checkRunAccess, updateSchedule, listRuns, getRun, listSchedules, type JobActor, type RunView } from './store.js';
export { jobRoutes } from './routes.js';
export { latestSlot, nextSlot } from './cron.js';
export { cliProgress, type CliProgress } from './cli-progress.js';
