export {
  AUDIT_CSV_COLUMNS,
  auditCsvHeader,
  auditCsvRow,
  formatAuditLine,
  matchesFilter,
  type AuditFilter,
} from './export.js';
export { encodeHead, readHead, type AuditHead, type HeadRead } from './head.js';
export {
  hmacKeyFromEnv,
  openAuditLog,
  type AuditFsync,
  type AuditLog,
  type AuditLogOptions,
  type AuditOpenInfo,
} from './log.js';
export { AUDIT_FILE_NAME, defaultAuditPath, headPath, rotatedPath, rotationSet } from './paths.js';
export {
  followAuditLog,
  lastAuditRecords,
  parseRecord,
  readAuditRecords,
  resolveAuditFiles,
  type AuditFiles,
  type FollowOptions,
  type LocatedRecord,
} from './read.js';
export {
  AUDIT_RECORD_TYPES,
  GENESIS,
  redactArgs,
  summarizeMessage,
  type AuditEvent,
  type AuditRecord,
  type AuditRecordType,
  type AuditSummary,
} from './record.js';
export {
  verifyAuditLog,
  type VerifyFailure,
  type VerifyFailureReason,
  type VerifyOptions,
  type VerifyResult,
  type VerifyWarning,
  type VerifyWarningKind,
} from './verify.js';
