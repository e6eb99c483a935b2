import { isAbsolute, relative, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import type {
  Location,
  Log,
  LogicalLocation,
  Notification,
  PhysicalLocation,
  ReportingConfiguration,
  ReportingDescriptor,
  Result,
} from 'sarif';
import type { ChecklistItem } from '../core/checklist-types.js';
import type { Detector } from '../core/detector.js';
import type { Finding } from '../core/finding.js';
import type { Reporter, ReporterContext, ScanReport } from '../core/report.js';
import type { Severity } from '../core/severity.js';
import {
  checklistIndex,
  compareText,
  detectorHelpUri,
  INFORMATION_URI,
  sortedReport,
} from './shared.js';

export const SARIF_SCHEMA_URI = 'https://json.schemastore.org/sarif-2.1.0.json';
/** Key of our fingerprint in `result.partialFingerprints`; bump the suffix if its recipe changes. */
export const SARIF_FINGERPRINT_KEY = 'mcpWarden/v1';
const SRCROOT = '%SRCROOT%';

const LEVELS: Record<Severity, NonNullable<ReportingConfiguration['level']>> = {
  critical: 'error',
  high: 'error',
  medium: 'warning',
  low: 'note',
  info: 'note',
};

/**
 * The level of one result: evidence of malice is an error whatever its severity, a hygiene
 * finding is never more than a warning, a risk follows its severity.
 */
function levelOf(finding: Finding): NonNullable<ReportingConfiguration['level']> {
  const bySeverity = LEVELS[finding.severity];
  if (finding.class === 'threat') return 'error';
  if (finding.class === 'hygiene' && bySeverity === 'error') return 'warning';
  return bySeverity;
}

/** GitHub code scanning's `security-severity` (a CVSS-like score, as a string). */
const SECURITY_SEVERITY: Record<Severity, string> = {
  critical: '9.5',
  high: '8.0',
  medium: '5.5',
  low: '3.0',
  info: '1.0',
};

/** What a rule needs: a registered detector, or one synthesised from its findings. */
interface RuleSource {
  id: string;
  title: string;
  description: string;
  severity: Severity;
  checklist: readonly string[];
  tags: readonly string[];
  fix: string;
}

function ruleSourceOfDetector(detector: Detector): RuleSource {
  return {
    id: detector.id,
    title: detector.meta.title,
    description: detector.meta.description,
    severity: detector.meta.severity,
    checklist: detector.meta.checklist,
    tags: detector.meta.tags ?? [],
    fix: detector.meta.fix,
  };
}

function ruleSourceOfFinding(finding: Finding): RuleSource {
  return {
    id: finding.detectorId,
    title: finding.title,
    description: finding.title,
    severity: finding.severity,
    checklist: finding.checklist,
    tags: [],
    fix: finding.fix,
  };
}

/** `tool-description-injection` → `ToolDescriptionInjection`, SARIF's "friendly name". */
function pascalCase(id: string): string {
  return id
    .split(/[^A-Za-z0-9]+/)
    .filter((part) => part !== '')
    .map((part) => part.charAt(0).toUpperCase() + part.slice(1))
    .join('');
}

function checklistLines(
  ids: readonly string[],
  items: ReadonlyMap<string, ChecklistItem>,
  markdown: boolean,
): string[] {
  return ids.map((id) => {
    const item = items.get(id);
    const code = markdown ? `\`${id}\`` : id;
    return item ? `- ${code}: ${item.title} (${item.priority} priority)` : `- ${code}`;
  });
}

function rule(source: RuleSource, items: ReadonlyMap<string, ChecklistItem>): ReportingDescriptor {
  const helpUri = detectorHelpUri(source.id);
  const text = [
    source.fix,
    '',
    'SlowMist MCP Security Checklist:',
    ...checklistLines(source.checklist, items, false),
    '',
    `Documentation: ${helpUri}`,
  ].join('\n');
  const markdown = [
    `**Fix.** ${source.fix}`,
    '',
    '**SlowMist MCP Security Checklist**',
    '',
    ...checklistLines(source.checklist, items, true),
    '',
    `[Documentation](${helpUri})`,
  ].join('\n');
  return {
    id: source.id,
    name: pascalCase(source.id),
    shortDescription: { text: source.title },
    fullDescription: { text: source.description },
    help: { text, markdown },
    helpUri,
    defaultConfiguration: { level: LEVELS[source.severity] },
    properties: {
      tags: ['security', 'mcp', ...source.tags.filter((t) => t !== 'security' && t !== 'mcp')],
      precision: 'high',
      'security-severity': SECURITY_SEVERITY[source.severity],
      checklist: [...source.checklist],
    },
  };
}

/** An artifact location: relative to `%SRCROOT%` inside the scan root, else an absolute file URI. */
function artifactLocation(path: string, cwd: string): PhysicalLocation['artifactLocation'] {
  const rel = relative(cwd, path);
  const outside = rel === '' || rel === '..' || rel.startsWith(`..${sep}`) || isAbsolute(rel);
  if (outside) return { uri: pathToFileURL(path).href };
  return { uri: rel.split(sep).map(encodeURIComponent).join('/'), uriBaseId: SRCROOT };
}

function physicalLocation(
  file: string,
  line: number | undefined,
  column: number | undefined,
  cwd: string,
): PhysicalLocation {
  const physical: PhysicalLocation = { artifactLocation: artifactLocation(file, cwd) };
  if (line !== undefined && Number.isInteger(line) && line >= 1) {
    physical.region = { startLine: line };
    if (column !== undefined && Number.isInteger(column) && column >= 1) {
      physical.region.startColumn = column;
    }
  }
  return physical;
}

/** RFC 6901: the last segment of a JSON pointer, unescaped. */
function lastSegment(pointer: string): string {
  const segment = pointer.slice(pointer.lastIndexOf('/') + 1);
  return segment.replaceAll('~1', '/').replaceAll('~0', '~');
}

function logicalLocations(finding: Finding): LogicalLocation[] {
  const { server, item, pointer } = finding.location;
  const out: LogicalLocation[] = [];
  if (server !== undefined) {
    out.push({ name: server, fullyQualifiedName: server, kind: 'module' });
  }
  if (item !== undefined) {
    out.push({
      name: item,
      fullyQualifiedName: server === undefined ? item : `${server}/${item}`,
      kind: 'function',
    });
  }
  if (pointer !== undefined && pointer !== '') {
    out.push({ name: lastSegment(pointer), fullyQualifiedName: pointer, kind: 'value' });
  }
  return out;
}

function resultLocation(finding: Finding, report: ScanReport, cwd: string): Location | undefined {
  const { location } = finding;
  const location_: Location = {};
  if (location.file !== undefined) {
    location_.physicalLocation = physicalLocation(
      location.file,
      location.line,
      location.column,
      cwd,
    );
  } else if (location.server !== undefined) {
    // A finding about a server but no file: point at the server's entry when that is unambiguous.
    const matches = report.servers.filter(
      (s) =>
        s.name === location.server &&
        (location.client === undefined || s.client === location.client),
    );
    const only = matches.length === 1 ? matches[0] : undefined;
    if (only) location_.physicalLocation = physicalLocation(only.file, only.line, undefined, cwd);
  }
  const logical = logicalLocations(finding);
  if (logical.length > 0) location_.logicalLocations = logical;
  return location_.physicalLocation || location_.logicalLocations ? location_ : undefined;
}

function result(
  finding: Finding,
  ruleIndex: number,
  report: ScanReport,
  context: ReporterContext,
): Result {
  const location = resultLocation(finding, report, context.cwd);
  const properties: Record<string, unknown> = {
    class: finding.class,
    severity: finding.severity,
    checklist: [...finding.checklist],
  };
  if (finding.evidence !== undefined) properties.evidence = finding.evidence;
  return {
    ruleId: finding.detectorId,
    ruleIndex,
    level: levelOf(finding),
    message: { text: finding.message },
    ...(location ? { locations: [location] } : {}),
    partialFingerprints: { [SARIF_FINGERPRINT_KEY]: finding.fingerprint },
    properties,
  };
}

function notifications(
  report: ScanReport,
  ruleIndexOf: ReadonlyMap<string, number>,
  cwd: string,
): { execution: Notification[]; configuration: Notification[] } {
  const execution: Notification[] = [];
  const configuration: Notification[] = [];
  for (const file of report.files) {
    if (!file.parseError) continue;
    const { line, column, message } = file.parseError;
    execution.push({
      level: 'warning',
      descriptor: { id: 'parse-error' },
      message: { text: `Could not parse this ${file.client} configuration file: ${message}` },
      locations: [{ physicalLocation: physicalLocation(file.path, line, column, cwd) }],
    });
  }
  for (const diagnostic of report.diagnostics) {
    const index =
      diagnostic.detectorId === undefined ? undefined : ruleIndexOf.get(diagnostic.detectorId);
    const notification: Notification = {
      level: diagnostic.code === 'discovery-error' ? 'warning' : 'error',
      descriptor: { id: diagnostic.code },
      message: { text: diagnostic.message },
    };
    if (diagnostic.detectorId !== undefined) {
      notification.associatedRule = {
        id: diagnostic.detectorId,
        ...(index !== undefined ? { index } : {}),
      };
    }
    if (diagnostic.file !== undefined) {
      notification.locations = [
        { physicalLocation: physicalLocation(diagnostic.file, undefined, undefined, cwd) },
      ];
    }
    (diagnostic.code === 'options-invalid' ? configuration : execution).push(notification);
  }
  return { execution, configuration };
}

/** `file:///abs/root/`: SARIF base URIs end with a slash. */
function directoryUri(path: string): string {
  const href = pathToFileURL(path).href;
  return href.endsWith('/') ? href : `${href}/`;
}

/**
 * SARIF 2.1.0 for GitHub code scanning and other SARIF viewers. One rule per detector (registry
 * order, then any detector the registry lacks), `ruleId` = detector id, the finding's fingerprint
 * in `partialFingerprints`. Deterministic: no timestamps, no machine facts beyond the scan root.
 *
 * @example
 * await writeFile('mcp-warden.sarif', sarifReporter.format(report, context));
 */
export const sarifReporter: Reporter = {
  id: 'sarif',
  format(input, context) {
    const report = sortedReport(input);
    const items = checklistIndex(context.checklist);

    const sources: RuleSource[] = context.detectors.map(ruleSourceOfDetector);
    const known = new Set(sources.map((source) => source.id));
    const extra = new Map<string, RuleSource>();
    for (const finding of report.findings) {
      if (!known.has(finding.detectorId) && !extra.has(finding.detectorId)) {
        extra.set(finding.detectorId, ruleSourceOfFinding(finding));
      }
    }
    sources.push(...[...extra.values()].sort((a, b) => compareText(a.id, b.id)));
    const ruleIndexOf = new Map(sources.map((source, index) => [source.id, index]));

    const results = report.findings.map((finding) =>
      result(finding, ruleIndexOf.get(finding.detectorId) ?? 0, report, context),
    );
    const { execution, configuration } = notifications(report, ruleIndexOf, context.cwd);
    const failed = report.diagnostics.some(
      (d) => d.code === 'detector-error' || d.code === 'options-invalid',
    );

    const log: Log = {
      $schema: SARIF_SCHEMA_URI,
      version: '2.1.0',
      runs: [
        {
          tool: {
            driver: {
              name: 'mcp-warden',
              version: context.toolVersion,
              semanticVersion: context.toolVersion,
              informationUri: INFORMATION_URI,
              rules: sources.map((source) => rule(source, items)),
            },
          },
          invocations: [
            {
              executionSuccessful: !failed,
              toolExecutionNotifications: execution,
              ...(configuration.length > 0
                ? { toolConfigurationNotifications: configuration }
                : {}),
            },
          ],
          originalUriBaseIds: { [SRCROOT]: { uri: directoryUri(context.cwd) } },
          columnKind: 'utf16CodeUnits',
          results,
          properties: {
            filesScanned: report.files.length,
            serversScanned: report.servers.length,
            suppressedByBaseline: report.suppressed,
          },
        },
      ],
    };
    return `${JSON.stringify(log, null, 2)}\n`;
  },
};
