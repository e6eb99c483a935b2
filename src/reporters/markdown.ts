import type { ChecklistItem } from '../core/checklist-types.js';
import type { Finding } from '../core/finding.js';
import type { Reporter, ReporterContext, ScanReport } from '../core/report.js';
import type { Severity } from '../core/severity.js';
import {
  checklistIndex,
  countBySeverity,
  detectorHelpUri,
  displayPath,
  fileLocation,
  neutralize,
  plural,
  SEVERITIES_DESC,
  sortedReport,
} from './shared.js';

const BADGES: Record<Severity, string> = {
  critical: '🔴 Critical',
  high: '🟠 High',
  medium: '🟡 Medium',
  low: '🔵 Low',
  info: '⚪ Info',
};

/**
 * Plain text that renders as itself: one line, invisible characters made visible, and every
 * character with a Markdown, HTML, mention or math meaning backslash-escaped. The text comes
 * from configuration files and servers, so it must not be able to inject markup into a PR page.
 */
export function escapeText(text: string): string {
  return neutralize(text, true).replace(/[\\`*_[\]<>|~@#$&!]/g, '\\$&');
}

/**
 * An inline code span holding `text` verbatim: the fence is one backtick longer than the longest
 * run inside, padded when the text starts or ends with a backtick. In a table cell, pipes are
 * escaped as GFM requires (the escape is removed inside the span).
 */
export function codeSpan(text: string, inTable = true): string {
  const body = neutralize(text, true);
  const longest = Math.max(0, ...(body.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longest + 1);
  const pad = body.startsWith('`') || body.endsWith('`') || body === '' ? ' ' : '';
  const span = `${fence}${pad}${body}${pad}${fence}`;
  return inTable ? span.replaceAll('|', '\\|') : span;
}

function row(cells: readonly string[]): string {
  return `| ${cells.join(' | ')} |`;
}

function locationCell(finding: Finding, context: ReporterContext): string {
  const parts: string[] = [];
  const file = fileLocation(finding.location, context.cwd);
  if (file !== undefined) parts.push(codeSpan(file));
  if (finding.location.server !== undefined) {
    parts.push(`server ${codeSpan(finding.location.server)}`);
  }
  if (finding.location.item !== undefined) parts.push(`item ${codeSpan(finding.location.item)}`);
  return parts.length === 0 ? '—' : parts.join('<br>');
}

function checklistText(id: string, items: ReadonlyMap<string, ChecklistItem>): string {
  const item = items.get(id);
  return item ? `${codeSpan(id)} ${escapeText(item.title)} (${item.priority})` : codeSpan(id);
}

function summaryTable(report: ScanReport): string[] {
  const counts = countBySeverity(report.findings);
  return [
    row(['Severity', 'Findings']),
    row(['---', '---:']),
    ...SEVERITIES_DESC.map((severity) => row([BADGES[severity], String(counts[severity])])),
  ];
}

function findingsTable(
  findings: readonly Finding[],
  context: ReporterContext,
  items: ReadonlyMap<string, ChecklistItem>,
): string[] {
  return [
    row(['#', 'Severity', 'Rule', 'Location', 'Message', 'Checklist']),
    row(['---:', '---', '---', '---', '---', '---']),
    ...findings.map((finding, index) =>
      row([
        String(index + 1),
        BADGES[finding.severity],
        `[${codeSpan(finding.detectorId)}](${detectorHelpUri(finding.detectorId)})<br>${escapeText(finding.title)}`,
        locationCell(finding, context),
        escapeText(finding.message),
        finding.checklist.map((id) => checklistText(id, items)).join('<br>'),
      ]),
    ),
  ];
}

function findingDetails(finding: Finding, index: number): string[] {
  const lines = [
    `**${index + 1}. ${escapeText(finding.title)}** (${codeSpan(finding.detectorId, false)})`,
    '',
  ];
  if (finding.location.pointer !== undefined && finding.location.pointer !== '') {
    lines.push(`- Pointer: ${codeSpan(finding.location.pointer, false)}`);
  }
  if (finding.evidence !== undefined && finding.evidence !== '') {
    lines.push(`- Evidence: ${codeSpan(finding.evidence, false)}`);
  }
  lines.push(
    `- Fix: ${escapeText(finding.fix)}`,
    `- Fingerprint: ${codeSpan(finding.fingerprint, false)}`,
    '',
  );
  return lines;
}

function filesTable(report: ScanReport, context: ReporterContext): string[] {
  return [
    row(['File', 'Client', 'Scope', 'Servers', 'Status']),
    row(['---', '---', '---', '---:', '---']),
    ...report.files.map((file) =>
      row([
        codeSpan(displayPath(file.path, context.cwd)),
        codeSpan(file.client),
        file.scope,
        String(file.servers),
        file.parseError
          ? `⚠️ not parsed (line ${file.parseError.line}, column ${file.parseError.column}): ${escapeText(file.parseError.message)}`
          : 'parsed',
      ]),
    ),
  ];
}

/**
 * GitHub-flavoured Markdown for PR comments and CI job summaries: a severity table, a findings
 * table, evidence and fixes in a collapsed section, the files scanned and any scan problems.
 *
 * @example
 * await appendFile(process.env.GITHUB_STEP_SUMMARY!, markdownReporter.format(report, context));
 */
export const markdownReporter: Reporter = {
  id: 'markdown',
  format(input, context) {
    const report = sortedReport(input);
    const items = checklistIndex(context.checklist);
    const { findings } = report;
    const out: string[] = [];

    out.push(
      findings.length === 0
        ? '## mcp-warden: no findings ✅'
        : `## mcp-warden: ${plural(findings.length, 'finding')}`,
      '',
    );
    const scanned = `Scanned ${plural(report.files.length, 'file')} and ${plural(report.servers.length, 'server')} with mcp-warden ${escapeText(report.tool.version)} against the SlowMist MCP Security Checklist.`;
    const suppressed =
      report.suppressed > 0
        ? ` ${plural(report.suppressed, 'finding')} suppressed by the baseline.`
        : '';
    out.push(scanned + suppressed, '');
    out.push(...summaryTable(report), '');

    if (findings.length > 0) {
      out.push('### Findings', '', ...findingsTable(findings, context, items), '');
      out.push('<details>', '<summary>Evidence and fixes</summary>', '');
      findings.forEach((finding, index) => out.push(...findingDetails(finding, index)));
      out.push('</details>', '');
    }

    if (report.diagnostics.length > 0) {
      out.push('### Scan problems', '');
      for (const diagnostic of report.diagnostics) {
        const about = [
          diagnostic.detectorId === undefined ? undefined : codeSpan(diagnostic.detectorId, false),
          diagnostic.file === undefined
            ? undefined
            : codeSpan(displayPath(diagnostic.file, context.cwd), false),
        ].filter((part): part is string => part !== undefined);
        const suffix = about.length > 0 ? ` (${about.join(', ')})` : '';
        out.push(
          `- ${codeSpan(diagnostic.code, false)}${suffix}: ${escapeText(diagnostic.message)}`,
        );
      }
      out.push('');
    }

    out.push('### Files scanned', '');
    out.push(
      ...(report.files.length === 0
        ? ['No MCP configuration files were found.']
        : filesTable(report, context)),
    );
    return `${out.join('\n')}\n`;
  },
};
