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
export { registerRequestCommands } from './cli.js';
export { REQUEST_CATEGORIES, REQUEST_CHANNELS, REQUEST_STAGES, STAGE_INFO, RATINGS, DEFAULT_LIMITS } from './core/index.js';
export { open311Routes } from './open311-routes.js';
export { import12345File, type ImportSummary } from './import-store.js';
export { fileAnonymousRequest, followRequest } from './public-store.js';
export { sweepOrphanAttachments } from './attachment-store.js';
