export { recordAudit, verifyAuditLog, listAudit, type AuditEntry, type AuditVerification } from './audit-log.js';
export {
  auditHead,
  checkpointStore,
  readAuditCheckpoints,
  writeAuditCheckpoint,
  type AuditCheckpoint,
  type AuditHead,
  type CheckpointStore,
} from './checkpoints.js';
