export { JOB_TIME_ZONE, RUN_STATUS_INFO, dailyCron, dailyTime, describeCron, cronShapeProblem } from './schedule.js';
export { secondsLeft, durationText, rowsText, tookText } from './progress.js';
export { INTERRUPTED, interruptedText, type KeptParts } from './interrupted.js';
