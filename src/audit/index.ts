export { recordAudit, verifyAuditLog, listAudit, type AuditEntry, type AuditVerification } from './audit-log.js';
