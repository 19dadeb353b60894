export { ROLES, ROLE_LABELS, STAFF_ROLES, type Role, type SessionUser } from './roles.js';
export { hashPassword, verifyPassword, passwordProblem } from './password.js';
export {
  login,
  logout,
  createUser,
  userForToken,
  loadSessionUser,
  AccountLockedError,
  MAX_FAILED_LOGINS,
  LOCK_MINUTES,
  SESSION_HOURS,
  type CreateUserParams,
} from './auth-service.js';
export { installAuth, requireRole, requireLogin, sessionUser, SESSION_COOKIE, ROLE_CHECK } from './auth-plugin.js';
export { changePassword, unlockLogin, LoginFailedError } from './auth-service.js';
export { MIN_PASSWORD_LENGTH } from './password.js';
export {
  accountIdsOfUnits,
  activeAccountIdsByRole,
  findAccountId,
  hasAnyAccount,
  enterpriseAccountIds,
  enterpriseIdsOfAccounts,
  accountNames,
  actorNames,
  actorNamer,
  moveUnitAccounts,
} from './read-api.js';
export { internalActorLabel } from './actors.js';
export { authRoutes } from './routes.js';
export { accountRoutes } from './accounts-routes.js';
export { createAccount, setAccountActive, updateAccount } from './account-store.js';
export { createApiToken, listApiTokens, revokeApiToken, unitForToken, moveUnitApiTokens } from './api-token-store.js';
