import type { Diagnostic } from '../core/engine.js';
import type { Finding, FindingLocation } from '../core/finding.js';
import type {
  LiveStatus,
  Reporter,
  ScannedFile,
  ScannedServer,
  ScanReport,
} from '../core/report.js';
import type { Severity } from '../core/severity.js';
import { countBySeverity, SEVERITIES_DESC, sortedReport } from './shared.js';

/**
 * Copies the listed keys of `value` in the listed order, leaving out undefined ones, so the output
 * never depends on how the caller built its objects.
 */
function pick<T extends object>(value: T, keys: readonly (keyof T)[]): Partial<T> {
  const out: Partial<T> = {};
  for (const key of keys) {
    if (value[key] !== undefined) out[key] = value[key];
  }
  return out;
}

const LOCATION_KEYS = [
  'file',
  'line',
  'column',
  'pointer',
  'client',
  'server',
  'itemKind',
  'item',
  'field',
] as const satisfies readonly (keyof FindingLocation)[];

function file(value: ScannedFile): Partial<ScannedFile> {
  const out = pick(value, ['path', 'client', 'scope', 'format', 'servers']);
  if (value.parseError) {
    const { line, column, message, kind } = value.parseError;
    out.parseError = { line, column, message, ...(kind === undefined ? {} : { kind }) };
  }
  return out;
}

function live(value: LiveStatus): LiveStatus {
  const out = pick(value, ['status', 'reason', 'transport', 'sandbox']) as LiveStatus;
  if (value.protocol) out.protocol = { era: value.protocol.era, version: value.protocol.version };
  if (value.serverInfo) {
    out.serverInfo = { name: value.serverInfo.name, version: value.serverInfo.version };
  }
  if (value.counts) {
    const { tools, prompts, resources, resourceTemplates } = value.counts;
    out.counts = { tools, prompts, resources, resourceTemplates };
  }
  return out;
}

function server(value: ScannedServer): Partial<ScannedServer> {
  const out = pick(value, [
    'name',
    'client',
    'file',
    'line',
    'pointer',
    'transport',
    'target',
    'disabled',
  ]);
  if (value.live) out.live = live(value.live);
  return out;
}

function finding(value: Finding): Record<string, unknown> {
  return {
    ...pick(value, ['detectorId', 'messageId', 'class', 'severity', 'title', 'message']),
    checklist: [...value.checklist],
    location: pick(value.location, LOCATION_KEYS),
    ...pick(value, ['evidence', 'fix', 'fingerprint']),
  };
}

function diagnostic(value: Diagnostic): Partial<Diagnostic> {
  return pick(value, ['code', 'detectorId', 'server', 'file', 'message', 'stderrTail']);
}

/** The report as a plain object with a fixed key order and sorted arrays. */
export function canonicalReport(input: ScanReport): Record<string, unknown> {
  const report = sortedReport(input);
  const counts = countBySeverity(report.findings);
  const bySeverity = Object.fromEntries(SEVERITIES_DESC.map((s) => [s, counts[s]])) as Record<
    Severity,
    number
  >;
  return {
    schemaVersion: report.schemaVersion,
    tool: { name: report.tool.name, version: report.tool.version },
    files: report.files.map(file),
    servers: report.servers.map(server),
    findings: report.findings.map(finding),
    suppressed: report.suppressed,
    diagnostics: report.diagnostics.map(diagnostic),
    summary: { total: report.findings.length, bySeverity },
  };
}

/**
 * The scan report as versioned JSON (`schemas/scan-report.schema.json`, `docs/report-format.md`):
 * stable key order, sorted arrays, two-space indent, a final newline.
 *
 * @example
 * const data = JSON.parse(jsonReporter.format(report, context)) as { findings: unknown[] };
 */
export const jsonReporter: Reporter = {
  id: 'json',
  format(report) {
    return `${JSON.stringify(canonicalReport(report), null, 2)}\n`;
  },
};
