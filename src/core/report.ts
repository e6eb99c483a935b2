import type { ChecklistItem } from './checklist-types.js';
import type { Detector } from './detector.js';
import type { Diagnostic } from './engine.js';
import type { Finding } from './finding.js';
import type { ProtocolEra } from './snapshot.js';
import type {
  ClientId,
  ConfigFormat,
  ConfigScope,
  ParseFailure,
  TransportKind,
} from './server-spec.js';
import { SEVERITIES, type Severity } from './severity.js';

export const SCAN_REPORT_SCHEMA_VERSION = 1;

export interface ScannedFile {
  path: string;
  client: ClientId;
  scope: ConfigScope;
  format: ConfigFormat;
  servers: number;
  parseError?: ParseFailure;
}

/** What happened when the scan started or connected to a server. */
export interface LiveStatus {
  status: 'scanned' | 'failed' | 'skipped';
  /** Why it failed or was skipped. */
  reason?: string;
  protocol?: { era: ProtocolEra; version: string };
  serverInfo?: { name: string; version: string };
  /** How the scan reached it: stdio under bubblewrap or unsandboxed, Streamable HTTP, or SSE. */
  transport?: 'stdio' | 'streamableHttp' | 'sse';
  sandbox?: 'bubblewrap' | 'none';
  counts?: { tools: number; prompts: number; resources: number; resourceTemplates: number };
}

export interface ScannedServer {
  name: string;
  client: ClientId;
  file: string;
  pointer: string;
  line: number;
  transport: TransportKind;
  /** Command line or URL with secrets redacted. */
  target: string;
  disabled: boolean;
  /** Present when a live scan ran (not with --offline). */
  live?: LiveStatus;
}

/** Everything one scan found: the input to every reporter. */
export interface ScanReport {
  schemaVersion: typeof SCAN_REPORT_SCHEMA_VERSION;
  tool: { name: 'mcp-warden'; version: string };
  files: ScannedFile[];
  servers: ScannedServer[];
  /** Sorted by severity (most severe first), then file, line, detector. */
  findings: Finding[];
  /** Findings accepted by a baseline file and left out of `findings`. */
  suppressed: number;
  diagnostics: Diagnostic[];
  summary: { total: number; bySeverity: Record<Severity, number> };
}

export interface ReporterContext {
  /** Every detector that ran, in registry order: reporters list rules from here. */
  detectors: readonly Detector[];
  checklist: readonly ChecklistItem[];
  toolVersion: string;
  cwd: string;
  color: boolean;
  /** Text report: every finding's checklist items and full fix (default false). */
  verbose?: boolean;
}

export interface Reporter {
  readonly id: 'text' | 'json' | 'sarif' | 'markdown';
  /** Pure: returns the whole document; the CLI writes it. */
  format(report: ScanReport, context: ReporterContext): string;
}

/** Counts findings per severity. */
export function summarize(findings: readonly Finding[]): ScanReport['summary'] {
  const bySeverity = Object.fromEntries(SEVERITIES.map((s) => [s, 0])) as Record<Severity, number>;
  for (const finding of findings) bySeverity[finding.severity] += 1;
  return { total: findings.length, bySeverity };
}
