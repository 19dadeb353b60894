export { JOB_TIME_ZONE, RUN_STATUS_INFO, dailyCron, dailyTime, describeCron, cronShapeProblem } from './schedule.js';
