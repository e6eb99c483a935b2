// The public API of mcp-warden: everything the CLI does, as functions with typed inputs.

export { CHECKLIST, CHECKLIST_IDS, checklistItem, isChecklistId } from './core/checklist.js';
export type {
  ChecklistConcern,
  ChecklistItem,
  ChecklistPart,
  ChecklistPriority,
  CoverageMode,
} from './core/checklist-types.js';
export {
  computeCoverage,
  detectorProviders,
  type CoverageProvider,
  type CoverageResult,
} from './core/coverage.js';
export { applyBaseline, createBaseline, parseBaseline, type Baseline } from './core/baseline.js';
export {
  defineDetector,
  type Detector,
  type DetectorContext,
  type DetectorMeta,
  type DetectorRegistry,
  type DetectorVisitors,
} from './core/detector.js';
export {
  runConfigDetectors,
  runDetectors,
  type Diagnostic,
  type EngineOptions,
  type EngineResult,
} from './core/engine.js';
export { ToolkitError, type ToolkitErrorCode } from './core/errors.js';
export type { Finding, FindingLocation } from './core/finding.js';
export { redactionOf, redactSpans } from './core/redact.js';
export type { Reporter, ReporterContext, ScanReport } from './core/report.js';
export {
  CLIENT_IDS,
  type AutoApproval,
  type ClientId,
  type ConfigFile,
  type ServerSpec,
  type SourceLocation,
} from './core/server-spec.js';
export { SEVERITIES, type Severity } from './core/severity.js';
export { detectorRegistry } from './detectors/registry.js';
export {
  configLocations,
  discoverConfigFiles,
  loadConfigFile,
  parseConfigText,
} from './discovery/index.js';
export { getReporter, reporters } from './reporters/index.js';
export { scan, type ScanOptions, type ScanResult } from './scanner/scan.js';
export {
  collectSnapshots,
  type CollectSnapshotsOptions,
  type CollectSnapshotsResult,
} from './scanner/live-scan.js';
export { connectServer, type ConnectResult } from './scanner/connect/index.js';
export { parseSnapshots, readSnapshotFile, writeSnapshotFile } from './scanner/snapshot-io.js';
export { spawnServer } from './process/index.js';
export { canonicalHash } from './pin/canonical.js';
export { createLockfile, diffPins, parseLockfile, type Lockfile } from './pin/lockfile.js';
export type { PinChange } from './core/pin-change.js';
export type { Snapshot, ToolDefinition } from './core/snapshot.js';
export { DEFAULT_POLICY, type Policy } from './core/config/schema.js';
export { loadPolicy } from './policy/load.js';
export { parsePolicy, PolicyError } from './core/config/parse.js';
export { analyzeText } from './analyze/text.js';
export { toolResultVerdict } from './analyze/verdict.js';
export {
  findSecrets,
  isKeyMaterial,
  KEY_MATERIAL_KINDS,
  redactSecretsInValue,
  type SecretMatch,
} from './analyze/secrets.js';
export {
  defaultAuditPath,
  openAuditLog,
  verifyAuditLog,
  type AuditLog,
  type AuditRecord,
} from './gateway/audit/index.js';
export {
  applyInstall,
  applyUninstall,
  installStateDir,
  planInstall,
  planUninstall,
  type InstallOptions,
  type InstallPlan,
  type RestorePlan,
} from './install/index.js';
