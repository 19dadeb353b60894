export { JOB_TIME_ZONE, dailyCron, dailyTime, describeCron, cronShapeProblem } from './schedule.js';
