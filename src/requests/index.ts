/**
 * Enterprise requests (企业诉求, 接诉即办): the only door other folders use. See README.md.
 *
 *   import { openRequestsOfUnits } from '../requests/index.js';
 *   await openRequestsOfUnits(db, user.unitIds, chinaToday()); // requests to sign or answer, earliest deadline first
 */
export { requestRoutes } from './routes.js';
export {
  fileRequest,
  intakeRequest,
  actOnRequest,
  rateRequest,
  listRequests,
  getRequest,
  requestLimits,
  setRequestLimits,
  type NewRequest,
  type RequestFilter,
} from './request-store.js';
export { openRequestsOfUnits, type OpenRequest } from './read-api.js';
export { registerReporter, listReporters, fileReport } from './reporter-store.js';
export { createMeeting, updateMeeting, listMeetings, getMeeting, addMeetingIssue } from './meeting-store.js';
export {
  setKeyFirm,
  removeKeyFirm,
  listKeyFirms,
  planPeriod,
  updatePlan,
  listPlans,
  recordVisit,
  listVisits,
  needToRequest,
  visitCoverage,
} from './visit-store.js';
export { registerRequestCommands } from './cli.js';
export { listCatalogue, createTopic, updateTopic, seedCatalogue, type TopicInput } from './catalogue-store.js';
export { dispatchRequest, requestRouting, suggestionTaken } from './dispatch-store.js';
export { suggestForText } from './routing-store.js';
export { askHold, decideHold, resumeRequest, urgeRequest, recordCallback, linkOrderToRequest } from './time-store.js';
export { requestForOrder, requestsOfOrders, openEscalatedRequests, type RequestForOrder, type EscalatedRequest } from './time-read.js';
export { requestJobs, sendRequestReminders } from './reminders.js';
export { REQUEST_CATEGORIES, REQUEST_CHANNELS, REQUEST_STAGES, STAGE_INFO, RATINGS, DEFAULT_LIMITS } from './core/index.js';
export { requestAssessmentCounts, requestOnTimeIndicator, requestFigures, countRequests } from './figures-store.js';
export { onTimeRecords, type OnTimeRecord } from './on-time-records.js';
export { seedRequestDemo } from './demo.js';
export { seedCommunicationDemo, communicationDemoUnitsKnown } from './demo-communication.js';
export { open311Routes } from './open311-routes.js';
export { import12345File, type ImportSummary } from './import-store.js';
export { fileAnonymousRequest, followRequest } from './public-store.js';
export { sweepOrphanAttachments } from './attachment-store.js';
export { requestsAboutEnterprises, type EnterpriseRequest } from './enterprise-requests.js';
