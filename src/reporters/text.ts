import { createColors } from 'picocolors';
import type { ChecklistItem } from '../core/checklist-types.js';
import type { Finding } from '../core/finding.js';
import type { Reporter, ReporterContext, ScanReport } from '../core/report.js';
import type { Severity } from '../core/severity.js';
import {
  checklistIndex,
  countBySeverity,
  displayPath,
  fileLocation,
  neutralize,
  plural,
  SEVERITIES_DESC,
  sortedReport,
} from './shared.js';

type Colors = ReturnType<typeof createColors>;

const INDENT = '    ';
const LABEL_WIDTH = 10;

function severityPaint(colors: Colors, severity: Severity): (text: string) => string {
  switch (severity) {
    case 'critical':
      return (text) => colors.bold(colors.red(text));
    case 'high':
      return colors.red;
    case 'medium':
      return colors.yellow;
    case 'low':
      return colors.cyan;
    case 'info':
      return colors.gray;
  }
}

/** One labelled field; continuation lines line up under the first. */
function field(colors: Colors, label: string, value: string): string {
  const pad = ' '.repeat(INDENT.length + LABEL_WIDTH);
  const [first = '', ...rest] = neutralize(value).split('\n');
  return [
    `${INDENT}${colors.dim(label.padEnd(LABEL_WIDTH))}${first}`,
    ...rest.map((line) => `${pad}${line}`),
  ].join('\n');
}

function whereOf(finding: Finding, context: ReporterContext, colors: Colors): string | undefined {
  const { location } = finding;
  const parts: string[] = [];
  const file = fileLocation(location, context.cwd);
  if (file !== undefined) parts.push(colors.underline(neutralize(file, true)));
  if (location.pointer !== undefined && location.pointer !== '') {
    parts.push(neutralize(location.pointer, true));
  }
  if (location.server !== undefined) {
    const client = location.client === undefined ? '' : ` (${location.client})`;
    parts.push(`server "${neutralize(location.server, true)}"${client}`);
  }
  if (location.item !== undefined) {
    const kind = location.itemKind ?? 'item';
    const field = location.field === undefined ? '' : ` ${neutralize(location.field, true)}`;
    parts.push(`${kind} "${neutralize(location.item, true)}"${field}`);
  }
  return parts.length === 0 ? undefined : parts.join(colors.dim('  ·  '));
}

function checklistLine(id: string, items: ReadonlyMap<string, ChecklistItem>): string {
  const item = items.get(id);
  if (!item) return `${id}  (not in the checklist catalogue)`;
  return `${id}  ${item.title}  [${item.priority}]`;
}

function formatFinding(
  finding: Finding,
  context: ReporterContext,
  colors: Colors,
  items: ReadonlyMap<string, ChecklistItem>,
): string {
  const paint = severityPaint(colors, finding.severity);
  const lines = [
    `  ${paint('●')} ${colors.bold(neutralize(finding.title, true))}  ${colors.dim(`${finding.class} · ${finding.detectorId}`)}`,
    `${INDENT}${neutralize(finding.message).split('\n').join(`\n${INDENT}`)}`,
  ];
  const where = whereOf(finding, context, colors);
  if (where !== undefined) lines.push(`${INDENT}${colors.dim('at'.padEnd(LABEL_WIDTH))}${where}`);
  if (finding.evidence !== undefined && finding.evidence !== '') {
    lines.push(field(colors, 'evidence', finding.evidence));
  }
  finding.checklist.forEach((id, index) => {
    lines.push(field(colors, index === 0 ? 'checklist' : '', checklistLine(id, items)));
  });
  lines.push(field(colors, 'fix', finding.fix));
  return lines.join('\n');
}

function formatSummary(report: ScanReport, colors: Colors): string[] {
  const counts = countBySeverity(report.findings);
  const total = report.findings.length;
  const lines = [colors.bold('Summary')];
  const bySeverity = SEVERITIES_DESC.filter((s) => counts[s] > 0)
    .map((s) => severityPaint(colors, s)(`${counts[s]} ${s}`))
    .join(', ');
  lines.push(`  ${plural(total, 'finding')}${total > 0 ? `: ${bySeverity}` : ''}`);
  if (report.suppressed > 0) {
    lines.push(`  ${report.suppressed} suppressed by the baseline`);
  }
  const unparsed = report.files.filter((file) => file.parseError !== undefined).length;
  if (unparsed > 0) {
    lines.push(colors.yellow(`  ${plural(unparsed, 'file')} could not be parsed`));
  }
  if (report.diagnostics.length > 0) {
    lines.push(colors.yellow(`  ${plural(report.diagnostics.length, 'scan diagnostic')}`));
  }
  return lines;
}

function formatProblems(report: ScanReport, context: ReporterContext, colors: Colors): string[] {
  const lines: string[] = [];
  const unparsed = report.files.filter((file) => file.parseError !== undefined);
  if (unparsed.length > 0) {
    lines.push(colors.bold(colors.yellow('Files that could not be parsed')));
    for (const file of unparsed) {
      const error = file.parseError;
      if (!error) continue;
      const where = `${displayPath(file.path, context.cwd)}:${error.line}:${error.column}`;
      lines.push(
        `  ${colors.underline(neutralize(where, true))}  ${neutralize(error.message, true)}`,
      );
    }
    lines.push('');
  }
  if (report.diagnostics.length > 0) {
    lines.push(colors.bold(colors.yellow('Diagnostics')));
    for (const diagnostic of report.diagnostics) {
      const about = [
        diagnostic.detectorId,
        diagnostic.file === undefined ? undefined : displayPath(diagnostic.file, context.cwd),
      ].filter((part): part is string => part !== undefined);
      const suffix = about.length > 0 ? `  ${colors.dim(neutralize(about.join('  '), true))}` : '';
      lines.push(`  ${colors.yellow(diagnostic.code)}${suffix}`);
      lines.push(`${INDENT}${neutralize(diagnostic.message, true)}`);
    }
    lines.push('');
  }
  return lines;
}

/** One line per server a live scan tried: how it was reached, or why not. */
function formatLiveServers(report: ScanReport, colors: Colors): string[] {
  const tried = report.servers.filter((server) => server.live !== undefined);
  if (tried.length === 0) return [];
  const lines = [colors.bold('Servers')];
  for (const server of tried) {
    const live = server.live;
    if (!live) continue;
    const name = neutralize(server.name, true);
    if (live.status === 'scanned') {
      const how = [
        live.protocol ? `protocol ${live.protocol.version}` : undefined,
        live.transport,
        live.sandbox === 'bubblewrap'
          ? 'sandboxed (bubblewrap)'
          : live.sandbox === 'none'
            ? colors.yellow('NOT sandboxed')
            : undefined,
      ].filter((part) => part !== undefined);
      const counts = live.counts
        ? `${plural(live.counts.tools, 'tool')}, ${plural(live.counts.prompts, 'prompt')}, ${plural(live.counts.resources + live.counts.resourceTemplates, 'resource')}`
        : '';
      lines.push(
        `  ${colors.green('✓')} ${name}  ${counts}${how.length > 0 ? colors.dim(`  (${how.join(', ')})`) : ''}`,
      );
    } else {
      const mark = live.status === 'failed' ? colors.red('✗') : colors.dim('–');
      lines.push(
        `  ${mark} ${name}  ${colors.dim(`${live.status}: ${neutralize(live.reason ?? '', true)}`)}`,
      );
    }
  }
  lines.push('');
  return lines;
}

/**
 * Terminal output: findings grouped by severity (most severe first), then parse problems,
 * diagnostics and a summary. Colour only when `context.color` is set.
 *
 * @example
 * process.stdout.write(textReporter.format(report, { ...context, color: true }));
 */
export const textReporter: Reporter = {
  id: 'text',
  format(input, context) {
    const report = sortedReport(input);
    const colors = createColors(context.color);
    const items = checklistIndex(context.checklist);
    const out: string[] = [];

    const scanned = `scanned ${plural(report.files.length, 'file')}, ${plural(report.servers.length, 'server')}`;
    out.push(`${colors.bold(report.tool.name)} ${report.tool.version}: ${scanned}`, '');

    out.push(...formatLiveServers(report, colors));

    if (report.files.length === 0 && report.servers.length === 0) {
      out.push('No MCP configuration files were found.', '');
    } else if (report.findings.length === 0) {
      out.push(colors.green('No findings.'), '');
    }

    for (const severity of SEVERITIES_DESC) {
      const group = report.findings.filter((finding) => finding.severity === severity);
      if (group.length === 0) continue;
      const paint = severityPaint(colors, severity);
      out.push(`${paint(colors.bold(severity.toUpperCase()))}  ${plural(group.length, 'finding')}`);
      out.push('');
      for (const finding of group) {
        out.push(formatFinding(finding, context, colors, items), '');
      }
    }

    out.push(...formatProblems(report, context, colors));
    out.push(...formatSummary(report, colors));
    return `${out.join('\n')}\n`;
  },
};
